/**
 * The site's HTML layout (zh-CN): skip link, header with the site name and navigation, the
 * large-text toggle (a plain link, works without JavaScript), main, footer.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { agenciesWhere, PERMISSIONS } from '../accounts/core/roles.ts';
import type { Viewer } from '../accounts/sign-in.ts';
import type { AppEnv, Contrast, NavItem, TextSize } from './types.ts';

/** The site name shown in the header and titles. */
export const SITE_NAME = '政府信息公开年度报告检查';

/** The stylesheet, read once at start-up, served at STYLESHEET_PATH. */
export const STYLESHEET = readFileSync(new URL('./assets/site.css', import.meta.url), 'utf8');
/** Path with a content hash, so browsers may cache it for long. */
export const STYLESHEET_PATH = `/assets/site.css?v=${createHash('sha256').update(STYLESHEET).digest('hex').slice(0, 10)}`;

/** Props of Layout. */
export interface LayoutProps {
  title: string;
  /** Current path and query, for the text-size toggle's way back and the current nav item. */
  path: string;
  textSize: TextSize;
  /** High contrast (absent: normal). */
  contrast?: Contrast | undefined;
  /** The main navigation (the rooms' entries, then the platform's). */
  nav: readonly NavItem[];
  /** A result of the previous action (POST → redirect → GET), shown above the content. */
  notice?: string | undefined;
  /** Further stylesheets of the page (paths on this site). */
  stylesheets?: readonly string[] | undefined;
  /** The signed-in person (header: name, my account, sign out). */
  viewer?: Viewer | undefined;
  /** The form token of this visitor (the sign-out form carries it). */
  csrfToken?: string | undefined;
  children?: Child;
}

/** The navigation entries this visitor may use. */
export function visibleNav(nav: readonly NavItem[], viewer: Viewer | undefined): NavItem[] {
  return nav.filter((item) => {
    if (item.needs === undefined) return true;
    if (!viewer) return false;
    if (item.needs === 'signedIn') return true;
    if (PERMISSIONS[item.needs].scope === 'deployment') return viewer.grants.some((g) => g.role === 'sysAdmin');
    const scope = agenciesWhere(viewer.grants, item.needs);
    return scope === 'all' || scope.length > 0;
  });
}

/** A form's hidden CSRF field. */
export function CsrfField(props: { token: string | undefined }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}

/** The page shell of every HTML page. */
export function Layout(props: LayoutProps) {
  const large = props.textSize === 'large';
  const high = props.contrast === 'high';
  const back = encodeURIComponent(props.path);
  const toggleHref = `/prefs?text=${large ? 'normal' : 'large'}&back=${back}`;
  const contrastHref = `/prefs?contrast=${high ? 'normal' : 'high'}&back=${back}`;
  const pathname = props.path.split('?')[0] ?? '/';
  const htmlClass = [large ? 'text-large' : '', high ? 'contrast-high' : ''].filter(Boolean).join(' ');
  return (
    <html lang="zh-CN" class={htmlClass || undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${SITE_NAME}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={STYLESHEET_PATH} />
        {(props.stylesheets ?? []).map((href) => <link rel="stylesheet" href={href} />)}
      </head>
      <body>
        <a class="skip-link" href="#main">跳到主要内容</a>
        <header class="site-header">
          <div class="container">
            <a class="site-name" href="/">
              {SITE_NAME}
              <span class="site-sub">Gongkai 公开 · 依据《中华人民共和国政府信息公开条例》</span>
            </a>
            <nav class="site-nav" aria-label="主导航">
              <ul>
                {props.nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={pathname === item.href ? 'page' : undefined}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="site-tools">
              {props.viewer ? (
                <form method="post" action="/signout" class="signout-form">
                  <CsrfField token={props.csrfToken} />
                  <a href="/me">{props.viewer.name}</a>
                  <button type="submit" class="link-button">退出登录</button>
                </form>
              ) : (
                <a href="/signin">工作人员登录</a>
              )}
              <a class="text-toggle" href={toggleHref}>{large ? '标准字号' : '大字模式'}</a>
              <a class="text-toggle" href={contrastHref}>{high ? '标准配色' : '高对比度'}</a>
            </div>
          </div>
        </header>
        <main id="main" class="container" tabindex={-1}>
          {props.notice ? <div class="notice" role="status">{props.notice}</div> : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>检查依据：《中华人民共和国政府信息公开条例》第四十九条、第五十条；年度报告格式（国办公开办函〔2021〕30号）。</p>
            <p>Gongkai 公开 · 开源软件 · 本站不使用第三方脚本和跟踪。</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** HTTP statuses a page may be rendered with. */
export type PageStatus = 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

/**
 * Renders JSX to a string. A hono/jsx node renders through `toString()`, which is a Promise
 * when an async component is inside; awaiting the node itself would not render it.
 */
export async function toHtml(node: unknown): Promise<string> {
  return String(await (node as { toString(): string | Promise<string> }).toString());
}

/**
 * Notices any page shows after a redirect, by code (`?notice=signed-out`): never text from the query.
 * A page's own notice wins.
 */
const SITE_NOTICES: Record<string, string> = {
  'signed-out': '您已退出登录。',
  'signed-out-everywhere': '您已在所有设备上退出登录。',
};

/** Renders a page in the layout for the current request (async components inside are awaited). */
export async function renderPage(c: Context<AppEnv>, title: string, body: Child, options: { notice?: string | undefined; status?: PageStatus; stylesheets?: readonly string[] } = {}) {
  const url = new URL(c.req.url);
  const html = await toHtml(
    <Layout title={title} path={url.pathname + url.search} textSize={c.get('textSize') ?? 'normal'} contrast={c.get('contrast')} nav={visibleNav(c.get('nav') ?? [], c.get('viewer'))}
      notice={options.notice ?? SITE_NOTICES[url.searchParams.get('notice') ?? '']} stylesheets={options.stylesheets} viewer={c.get('viewer')} csrfToken={c.get('csrfToken')}>
      {body}
    </Layout>,
  );
  return c.html('<!doctype html>' + html, options.status ?? 200);
}
