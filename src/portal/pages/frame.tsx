/**
 * The frame of every portal page inside the site's layout: the breadcrumbs (政府信息公开 › government ›
 * agency › column), the page's heading, the agency's columns as a menu (政府信息公开指南 … 政策推送)
 * and a search box of the agency's items. Semantic HTML: a <nav> for the breadcrumbs and one for the
 * columns, the current one marked with aria-current.
 */
import type { Child } from 'hono/jsx';
import { ancestorsOf, type Directory, type PortalAgency } from '../directory.ts';
import { agencyPath, applyPath, PORTAL_HOME, SEARCH_PATH, type Section } from '../urls.ts';

/** The columns' names. */
export const SECTION_LABELS: Record<Section, string> = {
  guide: '政府信息公开指南',
  rules: '政府信息公开制度',
  statutory: '法定主动公开内容',
  catalog: '政府信息公开目录',
  interpretations: '政策解读',
  reports: '政府信息公开年报',
  subscribe: '政策推送（邮件订阅）',
};

/** A link of the breadcrumbs. */
export interface Crumb {
  href: string;
  label: string;
}

/** The breadcrumbs to an agency's page: the portal, the agencies above it, the agency. */
export function agencyCrumbs(directory: Directory, agency: PortalAgency): Crumb[] {
  return [
    { href: PORTAL_HOME, label: '政府信息公开' },
    ...ancestorsOf(directory, agency.id).map((a) => ({ href: agencyPath(a.id), label: a.name })),
    { href: agencyPath(agency.id), label: agency.name },
  ];
}

/** The breadcrumbs, then the current page's name (not a link). */
export function Breadcrumbs(props: { crumbs: readonly Crumb[]; current: string }) {
  return (
    <nav class="breadcrumbs" aria-label="当前位置">
      <ol>
        {props.crumbs.map((c) => <li><a href={c.href}>{c.label}</a></li>)}
        <li aria-current="page">{props.current}</li>
      </ol>
    </nav>
  );
}

/** An agency's columns, the current one marked. */
function SectionMenu(props: { agency: PortalAgency; section: Section | 'home' | undefined }) {
  const { agency } = props;
  const entry = (href: string, label: string, current: boolean) => (
    <li><a href={href} aria-current={current ? 'page' : undefined}>{label}</a></li>
  );
  return (
    <nav class="portal-menu" aria-label={`${agency.name}政府信息公开栏目`}>
      <ul>
        {entry(agencyPath(agency.id), '政府信息公开首页', props.section === 'home')}
        {(['guide', 'rules', 'statutory', 'catalog', 'interpretations', 'reports'] as const).map((s) => entry(agencyPath(agency.id, s), SECTION_LABELS[s], props.section === s))}
        {entry(applyPath(agency.id), '依申请公开', false)}
        {entry(agencyPath(agency.id, 'subscribe'), SECTION_LABELS.subscribe, props.section === 'subscribe')}
      </ul>
    </nav>
  );
}

/** A search box of an agency's items (or of every agency's). */
export function SearchBox(props: { agency?: PortalAgency | undefined; q?: string | undefined }) {
  const label = props.agency ? `搜索${props.agency.name}公开的信息` : '搜索公开的政府信息';
  return (
    <form class="portal-search" method="get" action={SEARCH_PATH} role="search">
      <label for="portal-q">{label}</label>
      <div class="portal-search-row">
        <input type="search" id="portal-q" name="q" value={props.q ?? ''} maxlength={100} />
        {props.agency ? <input type="hidden" name="agencyId" value={String(props.agency.id)} /> : null}
        <button type="submit" class="button">搜索</button>
      </div>
    </form>
  );
}

/** Props of PortalFrame. */
export interface FrameProps {
  directory: Directory;
  /** The agency whose page it is (none: the portal's start, search). */
  agency?: PortalAgency | undefined;
  /** The column it belongs to ('home': the agency's start page). */
  section?: Section | 'home' | undefined;
  /** The page's heading (h1); omitted when the content brings its own (an annual report). */
  heading?: string | undefined;
  /** The breadcrumbs' last entry (default: the heading). */
  current?: string | undefined;
  /** Extra breadcrumbs after the agency (an item's column). */
  crumbs?: readonly Crumb[] | undefined;
  /** What is said under the heading. */
  lead?: Child;
  children?: Child;
}

/** The frame of a portal page. */
export function PortalFrame(props: FrameProps) {
  const base = props.agency ? agencyCrumbs(props.directory, props.agency) : [{ href: PORTAL_HOME, label: '政府信息公开' }];
  const current = props.current ?? props.heading ?? '';
  const crumbs = props.agency && props.section === 'home' ? base.slice(0, -1) : [...base, ...(props.crumbs ?? [])];
  return (
    <div class="portal">
      <Breadcrumbs crumbs={crumbs} current={current} />
      <div class={props.agency ? 'portal-columns' : undefined}>
        <div class="portal-content">
          {props.heading ? <h1>{props.heading}</h1> : null}
          {props.lead ? <p class="lead">{props.lead}</p> : null}
          {props.children}
        </div>
        {props.agency ? (
          <aside class="portal-aside">
            <SectionMenu agency={props.agency} section={props.section} />
            <SearchBox agency={props.agency} />
          </aside>
        ) : null}
      </div>
    </div>
  );
}
