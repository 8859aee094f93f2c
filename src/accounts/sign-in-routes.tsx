/**
 * Sign-in and sign-out: GET/POST /signin (用户名 and 密码), GET/POST /signin/totp (the second step for
 * a person who enabled it), POST /signout and POST /signout/everywhere. The decisions (lockout, the
 * same answer for an unknown name and a wrong password, demo accounts) are in
 * src/platform/accounts/sign-in.ts; these handlers read the form, call it, set the cookie, redirect.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { tokenHash } from '../platform/accounts/service.ts';
import { completeTotp, signIn, signOut, type Client } from '../platform/accounts/sign-in.ts';
import { deleteSession } from '../platform/accounts/store.ts';
import { PUBLIC, SIGN_IN_PATH, SIGNED_IN } from '../platform/http/access.ts';
import { renderPage } from '../platform/http/layout.tsx';
import { safeBackPath } from '../platform/http/prefs.ts';
import { clearSessionCookie, setSessionCookie } from '../platform/http/session.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { SignInPage, TotpPage, type FormError } from './pages/sign-in-page.tsx';

/** A server bound to loopback is a person's own machine: only there do demo accounts sign in. */
const LOOPBACK_HOST = /^(127\.|::1$|localhost$)/;

/** The one answer for an unknown name, a wrong password and a disabled account (no enumeration). */
export const INVALID_CREDENTIALS = '用户名或密码不正确';

/** Where the request comes from, for the throttle and the audit log. */
export function clientOf(c: Context<AppEnv>): Client {
  return { ip: c.get('clientIp'), userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null };
}

/** A text field of a parsed form ('' when absent or a file). */
export function formText(body: Record<string, unknown>, name: string, max = 1024): string {
  const value = body[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

const lockedMessage = (seconds: number) => `登录失败次数过多，请 ${Math.max(1, Math.ceil(seconds / 60))} 分钟后再试`;
const withNext = (path: string, next: string) => (next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`);

/** The sign-in routes. */
export function signInRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const signInPage = (c: Context<AppEnv>, next: string, options: { username?: string; errors?: FormError[]; status?: 400 | 401 | 403 | 429 } = {}) =>
    renderPage(c, '登录', <SignInPage csrfToken={c.get('csrfToken')} next={next} username={options.username} errors={options.errors} signedInAs={c.get('viewer')?.name} />, { status: options.status });

  app.get('/signin', PUBLIC, (c) => signInPage(c, safeBackPath(c.req.query('next'))));

  app.post('/signin', PUBLIC, async (c) => {
    const body = await c.req.parseBody();
    const username = formText(body, 'username', 200);
    const password = formText(body, 'password');
    const next = safeBackPath(formText(body, 'next', 2000));
    const missing: FormError[] = [];
    if (username.trim() === '') missing.push({ field: 'username', message: '请填写用户名' });
    if (password === '') missing.push({ field: 'password', message: '请填写密码' });
    if (missing.length > 0) return signInPage(c, next, { username, errors: missing, status: 400 });

    const result = await signIn(services.db, { username, password }, clientOf(c), {
      sessionMaxSeconds: services.config.sessionMaxSeconds,
      allowDemo: LOOPBACK_HOST.test(services.config.host),
    });
    if (!result.ok) {
      const [status, message] = result.reason === 'locked' ? [429 as const, lockedMessage(result.waitSeconds)]
        : result.reason === 'demo-remote' ? [403 as const, '演示账号只能在本机试用时登录，不能在对外提供服务的服务器上使用：请使用管理员为您开设的正式账号。']
          : [401 as const, INVALID_CREDENTIALS];
      if (result.reason === 'locked') c.header('Retry-After', String(result.waitSeconds));
      return signInPage(c, next, { username, errors: [{ field: 'username', message }], status });
    }
    // Session fixation: whatever session this browser had is ended; the new one has a new id.
    const previous = c.get('sessionToken');
    if (previous) await deleteSession(services.db, tokenHash(previous));
    setSessionCookie(c, result.sessionToken);
    return c.redirect(result.needsTotp ? withNext('/signin/totp', next) : next, 303);
  });

  const totpPage = (c: Context<AppEnv>, next: string, errors: FormError[] = [], status?: 401 | 429) =>
    renderPage(c, '输入验证码', <TotpPage csrfToken={c.get('csrfToken')} next={next} name={c.get('pendingViewer')?.name ?? ''} errors={errors} />, { status });

  app.get('/signin/totp', PUBLIC, (c) => {
    const next = safeBackPath(c.req.query('next'));
    if (!c.get('pendingViewer')) return c.redirect(c.get('viewer') ? next : withNext(SIGN_IN_PATH, next), 303);
    return totpPage(c, next);
  });

  app.post('/signin/totp', PUBLIC, async (c) => {
    const body = await c.req.parseBody();
    const next = safeBackPath(formText(body, 'next', 2000));
    const token = c.get('sessionToken');
    if (!c.get('pendingViewer') || !token) return c.redirect(c.get('viewer') ? next : withNext(SIGN_IN_PATH, next), 303);
    const result = await completeTotp(services.db, token, formText(body, 'code', 20), clientOf(c), Date.now());
    if (result.ok) return c.redirect(next, 303);
    switch (result.reason) {
      case 'expired':
        return c.redirect(withNext(SIGN_IN_PATH, next), 303);
      case 'locked':
        c.header('Retry-After', String(result.waitSeconds ?? 60));
        return totpPage(c, next, [{ field: 'code', message: lockedMessage(result.waitSeconds ?? 60) }], 429);
      case 'reused':
        return totpPage(c, next, [{ field: 'code', message: '这个验证码已经用过：请等验证器应用显示新的验证码后再输入' }], 401);
      case 'invalid':
        return totpPage(c, next, [{ field: 'code', message: '验证码不正确：请输入验证器应用当前显示的 6 位数字' }], 401);
    }
  });

  // Public: a visitor whose session already ended (idle, another tab) just lands on the home page.
  app.post('/signout', PUBLIC, async (c) => {
    const token = c.get('sessionToken');
    if (token) await signOut(services.db, token, false, clientOf(c));
    clearSessionCookie(c);
    return c.redirect(token ? '/?notice=signed-out' : '/', 303);
  });

  app.post('/signout/everywhere', SIGNED_IN, async (c) => {
    await signOut(services.db, c.get('sessionToken')!, true, clientOf(c));
    clearSessionCookie(c);
    return c.redirect('/?notice=signed-out-everywhere', 303);
  });

  return app;
}
