/**
 * The report checker's pages: upload (POST → redirect → GET), upload results, list, report,
 * downloads; and its JSON API (api-routes.ts). Handlers parse, call one service function, render.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { renderPage } from '../platform/http/layout.tsx';
import { uploadLimit } from '../platform/http/middleware.ts';
import type { AppEnv, RouteModule } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { listQuerySchema, parseQuery, readUploadForm, reportApiPaths, reportApiRoutes } from './api-routes.ts';
import { REPORT_TABLES_CSS } from './render/report-tables.tsx';
import type { RenderFormat } from './render/index.ts';
import { ReportListPage } from './pages/report-list-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { UploadPage } from './pages/upload-page.tsx';
import { UploadResultsPage } from './pages/upload-results-page.tsx';
import { checkAndStoreFiles, getReportOrThrow, getSourceOrThrow, getUploadOrThrow, listReports, renderStoredReport } from './service.ts';
import { createImportPool } from './import/pool.ts';
import { checkResultRoutes } from './check-result-routes.tsx';
import type { ReportFile } from './import/index.ts';

const REPORT_TABLES_CSS_PATH = '/assets/report-tables.css';
/** Reports per page of the list: 20, as government sites page their lists (and a page renders in ~1 ms). */
const PAGE_SIZE = 20;
/** Notices shown after a redirect; only known codes, never text from the query. */
const NOTICES: Record<string, string> = {
  checked: '检查完成，结果已保存。',
  'already-checked': '这个文件以前已经检查过，结果相同，没有重复保存。下面是当时的检查结果（检查时间见下）。',
};

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
function attachment(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const idOf = (c: Context<AppEnv>) => Number(c.req.param('id'));

/** The checker's route module. */
export function reportRouteModule(services: Services): RouteModule {
  const app = new Hono<AppEnv>();
  const limit = uploadLimit(services.config.maxUploadBytes);
  const maxUploadMb = Math.round(services.config.maxUploadBytes / 1024 / 1024);
  // Uploaded files are read in a worker thread (import/pool.ts), so a slow file holds up no one else.
  const pool = createImportPool({ timeoutMs: services.config.importTimeoutMs });
  services.onClose(() => pool.close());
  const importer = (file: ReportFile) => pool.importFile(file);

  app.get('/', (c) => {
    // Whoever opens the form is about to upload: the worker loads the readers meanwhile.
    void pool.warm();
    return renderPage(c, '检查年度报告', <UploadPage maxUploadMb={maxUploadMb} />);
  });

  app.post('/reports', limit, async (c) => {
    const form = await readUploadForm(c);
    if (form.files.length === 0) {
      const errors = [{ field: 'files' as const, message: '请选择至少一个年度报告文件' }];
      return renderPage(c, '检查年度报告', <UploadPage maxUploadMb={maxUploadMb} errors={errors} />, { status: 400 });
    }
    const outcome = await checkAndStoreFiles(services.db, { ...form, actor: 'anonymous' }, services.logger, importer);
    // One report, nothing else to say about the upload: straight to its result.
    const reports = outcome.results.filter((r) => r.role === 'report');
    const only = reports.length === 1 && outcome.results.every((r) => r.ok && r.earlierReportId === null) ? reports[0] : undefined;
    if (!only?.ok) return c.redirect(`/uploads/${outcome.uploadId}`, 303);
    return c.redirect(`/reports/${only.reportId}?notice=${only.alreadyChecked ? 'already-checked' : 'checked'}`, 303);
  });

  app.get('/uploads/:id', async (c) => {
    const upload = await getUploadOrThrow(services.db, c.req.param('id'));
    return renderPage(c, '检查结果', <UploadResultsPage results={upload.results} />);
  });

  app.get('/reports', async (c) => {
    const q = parseQuery(listQuerySchema, c.req.query());
    // Pages are followed by cursor (after/before a report: one index range at any depth); `page`
    // only numbers them, and alone (an old link) is read by offset.
    const cursor = q.after !== undefined || q.before !== undefined;
    const list = await listReports(services.db, {
      agency: q.agency, year: q.year, limit: PAGE_SIZE, after: q.after, before: q.before, offset: cursor ? undefined : (q.page - 1) * PAGE_SIZE,
    });
    return renderPage(c, '已检查的报告',
      <ReportListPage items={list.items} total={list.total} agency={q.agency} year={q.year} page={q.page} pageSize={PAGE_SIZE} nextAfter={list.nextAfter} previousBefore={list.previousBefore} />);
  });

  app.get('/reports/:id{[0-9]+}', async (c) => {
    const report = await getReportOrThrow(services.db, idOf(c));
    const title = `${report.agency ?? '报告'} ${report.year ?? ''} 年度检查结果`;
    const notice = NOTICES[c.req.query('notice') ?? ''];
    return renderPage(c, title, <ReportPage report={report} focusHeading={notice !== undefined} />, {
      notice,
      stylesheets: [REPORT_TABLES_CSS_PATH],
    });
  });

  app.route('/', checkResultRoutes(services)); // 检查意见, and download.json with the findings: before the downloads below

  app.get('/reports/:id{[0-9]+}/:file{download\\.(?:html|docx|xlsx|json)}', async (c) => {
    const format = c.req.param('file').slice('download.'.length) as RenderFormat;
    const file = await renderStoredReport(services.db, idOf(c), format);
    c.header('content-type', file.mediaType);
    c.header('content-disposition', attachment(`report-${idOf(c)}.${format}`, file.fileName));
    return c.body(file.bytes as Uint8Array<ArrayBuffer>);
  });

  app.get('/reports/:id{[0-9]+}/source', async (c) => {
    const { fileName, bytes } = await getSourceOrThrow(services.db, idOf(c));
    c.header('content-type', 'application/octet-stream');
    c.header('content-disposition', attachment(`source-${idOf(c)}`, fileName));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  app.get(REPORT_TABLES_CSS_PATH, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(REPORT_TABLES_CSS);
  });

  app.route('/', reportApiRoutes(services, limit, importer));
  return { routes: app, openapi: reportApiPaths };
}
