/**
 * The portal's pages (issue 18 §4), public and the same for every visitor: the start page, an agency's
 * start page, 指南, 制度, 法定主动公开内容, 目录, 政策解读, 年报 (page and Word), and the stylesheet.
 * A government's pages cover every agency under it. Each page is revalidated by its ETag and kept
 * rendered per version (http-cache.ts).
 */
import { Hono } from 'hono';
import {
  countPublishedItems, getAgencyTexts, INTERPRETATION_GENRE, listPublishedItems, newestByStatutoryItem, type PublicItemFilter,
} from '../catalog/index.ts';
import { can } from '../platform/accounts/core/roles.ts';
import { PUBLIC } from '../platform/http/access.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { agencyReportOfYear, agencyReportYears, renderReport, type AnnualReport } from '../report/index.ts';
import { publishedReportOf, publishedReportYears } from '../supervision/index.ts';
import { isFiltered, pageLinks, parseCatalogParams } from './catalog-query.ts';
import { subtreeIds } from './directory.ts';
import { agencyOf, PORTAL_CSS, portalNotFound, portalPage, yearIn, type Portal } from './http.ts';
import { CatalogPage } from './pages/catalog-page.tsx';
import { SECTION_LABELS } from './pages/frame.tsx';
import { AgencyHomePage, PortalHomePage } from './pages/home-pages.tsx';
import { ReportListPage, ReportYearPage, type ReportListYear, type ShownVersion } from './pages/report-pages.tsx';
import type { Queryable } from '../platform/db/queryable.ts';
import { StatutoryPage } from './pages/statutory-page.tsx';
import { GuidePage, RulesPage } from './pages/text-pages.tsx';
import { agencyPath, PORTAL_HOME } from './urls.ts';

/** Items on a page of the catalog. */
export const PAGE_SIZE = 20;
/** Counts beyond this are shown as “10000+”. */
export const COUNT_CAP = 10_000;

/** The portal's public pages. */
export function publicPortalRoutes(portal: Portal): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = portal.services.db;
  const { pageCache } = portal;

  app.get('/assets/portal.css', PUBLIC, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(PORTAL_CSS);
  });

  app.get(PORTAL_HOME, PUBLIC, pageCache, async (c) => {
    const directory = await portal.directory(c);
    const latest = await listPublishedItems(db, { agencyIds: 'all', order: 'newest', limit: 10 });
    return portalPage(c, '政府信息公开', <PortalHomePage directory={directory} latest={latest.items} />);
  });

  app.get(`${PORTAL_HOME}/:id{[0-9]+}`, PUBLIC, pageCache, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const agencyIds = subtreeIds(directory, agency.id);
    const [latest, interpretations] = await Promise.all([
      listPublishedItems(db, { agencyIds, order: 'newest', limit: 10 }),
      listPublishedItems(db, { agencyIds, genre: INTERPRETATION_GENRE, order: 'newest', limit: 5 }),
    ]);
    return portalPage(c, `${agency.name}政府信息公开`,
      <AgencyHomePage directory={directory} agency={agency} latest={latest.items} interpretations={interpretations.items} />);
  });

  for (const kind of ['guide', 'rules'] as const) {
    app.get(`${PORTAL_HOME}/:id{[0-9]+}/${kind}`, PUBLIC, pageCache, async (c) => {
      const directory = await portal.directory(c);
      const agency = agencyOf(directory, c.req.param('id'));
      const texts = await getAgencyTexts(db, agency.id);
      const viewer = c.get('viewer');
      const canEdit = viewer !== undefined && can(viewer.grants, 'agency.profile', agency.id);
      const Page = kind === 'guide' ? GuidePage : RulesPage;
      return portalPage(c, `${agency.name}${SECTION_LABELS[kind]}`,
        <Page directory={directory} agency={agency} html={kind === 'guide' ? texts.guideHtml : texts.rulesHtml} canEdit={canEdit} />);
    });
  }

  app.get(`${PORTAL_HOME}/:id{[0-9]+}/statutory`, PUBLIC, pageCache, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const article20 = await newestByStatutoryItem(db, subtreeIds(directory, agency.id), 5);
    return portalPage(c, `${agency.name}${SECTION_LABELS.statutory}`, <StatutoryPage directory={directory} agency={agency} article20={article20} />);
  });

  for (const section of ['catalog', 'interpretations'] as const) {
    app.get(`${PORTAL_HOME}/:id{[0-9]+}/${section}`, PUBLIC, pageCache, async (c) => {
      const directory = await portal.directory(c);
      const agency = agencyOf(directory, c.req.param('id'));
      const thisYear = yearIn(portal.now());
      const params = parseCatalogParams(c.req.query(), thisYear);
      if (section === 'interpretations') {
        params.genre = INTERPRETATION_GENRE;
        params.article20Item = undefined;
      }
      const scope = subtreeIds(directory, agency.id);
      // One agency of those the page covers (another id is ignored).
      if (params.agencyId !== undefined && !scope.includes(params.agencyId)) params.agencyId = undefined;
      const filter: PublicItemFilter = {
        agencyIds: params.agencyId !== undefined ? subtreeIds(directory, params.agencyId) : scope,
        article20Item: params.article20Item, topic: params.topic, genre: params.genre, year: params.year,
      };
      const [page, count] = await Promise.all([
        listPublishedItems(db, { ...filter, order: params.order, limit: PAGE_SIZE, after: params.after, before: params.before }),
        countPublishedItems(db, filter, COUNT_CAP),
      ]);
      const path = agencyPath(agency.id, section);
      const title = section === 'catalog' ? `${agency.name}${SECTION_LABELS.catalog}` : `${agency.name}政策解读`;
      return portalPage(c, isFiltered(params) && section === 'catalog' ? `${title}（筛选）` : title,
        <CatalogPage directory={directory} agency={agency} section={section} params={params} agencies={scope.map((id) => directory.byId.get(id)!)}
          thisYear={thisYear} items={page.items} count={count} links={pageLinks(path, params, page)} path={path} />);
    });
  }

  app.get(`${PORTAL_HOME}/:id{[0-9]+}/reports`, PUBLIC, pageCache, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const [stored, published] = await Promise.all([agencyReportYears(db, agency.id), publishedReportYears(db, agency.id)]);
    // A year published from the workspace shows that report; other years the report the agency stored in the checker.
    const byYear = new Map<number, ReportListYear>(stored.map((y) => [y.year, { year: y.year, publishedOn: y.publishedOn }]));
    for (const y of published) byYear.set(y.year, { year: y.year, publishedOn: y.publishedOn, corrected: y.versions > 1 });
    const years = [...byYear.values()].sort((a, b) => b.year - a.year);
    return portalPage(c, `${agency.name}${SECTION_LABELS.reports}`, <ReportListPage directory={directory} agency={agency} years={years} />);
  });

  app.get(`${PORTAL_HOME}/:id{[0-9]+}/reports/:year{[0-9]+}`, PUBLIC, pageCache, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const year = yearParam(c.req.param('year'));
    const shown = await yearReport(db, agency.id, year, c.req.query('version'));
    const title = `${agency.name}${year}年政府信息公开工作年度报告${shown.version && shown.version.versionNo !== shown.version.versions.at(-1)?.versionNo ? `（${shown.version.publishedOn}版）` : ''}`;
    return portalPage(c, title, <ReportYearPage directory={directory} agency={agency} year={year} report={shown.report} version={shown.version} />);
  });

  app.get(`${PORTAL_HOME}/:id{[0-9]+}/reports/:year{[0-9]+}/download.docx`, PUBLIC, pageCache, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const year = yearParam(c.req.param('year'));
    const shown = await yearReport(db, agency.id, year, c.req.query('version'));
    const bytes = await renderReport(shown.report, 'docx');
    c.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    c.header('content-disposition', contentDisposition(`${agency.name}${year}年政府信息公开工作年度报告.docx`, `report-${agency.id}-${year}.docx`));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  return app;
}

/**
 * The report a year's address shows: the workspace's published report (its newest version, or the
 * earlier version `?version=N` names), else the report the agency stored in the checker; or the 404.
 */
async function yearReport(db: Queryable, agencyId: number, year: number, versionText: string | undefined): Promise<{ report: AnnualReport; version?: ShownVersion }> {
  const versionNo = versionText === undefined ? undefined : /^[1-9][0-9]{0,3}$/.test(versionText) ? Number(versionText) : 0;
  if (versionNo === 0) throw portalNotFound('本年度报告没有这一版本。');
  const published = await publishedReportOf(db, agencyId, year, versionNo);
  if (published) {
    const { report, ...version } = published;
    return { report, version };
  }
  if (versionNo !== undefined) throw portalNotFound('本年度报告没有这一版本。');
  const stored = await agencyReportOfYear(db, agencyId, year);
  if (!stored) throw portalNotFound('本机关没有这一年度的报告。');
  return { report: stored.report };
}

/** The year of a report's address (four digits), or the portal's 404. */
function yearParam(text: string | undefined): number {
  if (!/^\d{4}$/.test(text ?? '')) throw portalNotFound('本机关没有这一年度的报告。');
  return Number(text);
}

/** A download's Content-Disposition: the Chinese name (RFC 6266, RFC 5987) with an ASCII fallback. */
export function contentDisposition(name: string, fallback: string): string {
  const ascii = fallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
