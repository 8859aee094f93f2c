/**
 * The report checker's pages: upload (POST → redirect → GET), upload results, list, report,
 * downloads; and its JSON API (api-routes.ts). Handlers parse, call one service function, render.
 * Every route declares who may use it (report-access.ts): the upload is open to all; a report is
 * reached by its key (an anonymous check) or by its id (an agency's, for that agency's staff).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ValidationError } from '../platform/errors.ts';
import { PUBLIC } from '../platform/http/access.ts';
import { renderPage } from '../platform/http/layout.tsx';
import { uploadLimit } from '../platform/http/middleware.ts';
import type { AppEnv, RouteModule } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { listAgencies } from '../platform/accounts/store.ts';
import { agencyFilterIn, listQuerySchema, parseQuery, readUploadForm, reportApiPaths, reportApiRoutes, type UploadForm } from './api-routes.ts';
import { REPORT_TABLES_CSS } from './render/report-tables.tsx';
import type { RenderFormat } from './render/index.ts';
import { ReportListPage } from './pages/report-list-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { UploadPage, type FormError } from './pages/upload-page.tsx';
import { UploadResultsPage } from './pages/upload-results-page.tsx';
import { actorOf, keepingFor, listScopeOf, reportGuards, storableAgencies } from './report-access.ts';
import { checkAndStoreFiles, getReportOrThrow, getSourceOrThrow, getUploadOrThrow, listReports, renderStoredReport, type Keeping } from './service.ts';
import { createImportPool } from './import/pool.ts';
import { attachment, checkResultRoutes } from './check-result-routes.tsx';
import type { ReportFile } from './import/index.ts';
import { batchRoutes, startBatch } from './evaluate/batch-routes.tsx';
import { isBulkUpload } from './evaluate/batch-service.ts';

const REPORT_TABLES_CSS_PATH = '/assets/report-tables.css';
/**
 * Up to this many agencies, the list's agency filter is a select; a supervisor of more (a city's
 * hundreds of departments) types part of the name instead: a select of hundreds of names is unusable on
 * a phone, and rendering it on every page view cost more than the list itself.
 */
const MAX_AGENCY_CHOICES = 30;
/** Reports per page of the list: 20, as government sites page their lists (and a page renders in ~1 ms). */
const PAGE_SIZE = 20;
/** Notices shown after a redirect; only known codes, never text from the query. By how the report is kept. */
const NOTICES: Record<string, { agency: string; anonymous: string }> = {
  checked: { agency: '检查完成，已保存为本机关的年度报告。', anonymous: '检查完成。结果保留 24 小时，见下方说明。' },
  'already-checked': {
    agency: '这个文件本机关以前已经检查并保存过，结果相同，没有重复保存。下面是当时的检查结果（检查时间见下）。',
    anonymous: '这个文件以前已经检查过，结果相同，没有重复保存。下面是当时的检查结果（检查时间见下），从现在起保留 24 小时。',
  },
};

/** The form's field errors of a refused choice (ValidationError with details.fields), else undefined. */
function fieldErrorsOf(error: unknown): FormError[] | undefined {
  if (!(error instanceof ValidationError)) return undefined;
  const fields = (error.details as { fields?: FormError[] } | undefined)?.fields;
  return fields?.filter((f) => f.field === 'store' || f.field === 'agencyId');
}

/** The form's errors of a refused bulk upload (an archive over the limits, no report in it), else undefined. */
function fieldErrorsOfBatch(error: unknown): FormError[] | undefined {
  if (!(error instanceof ValidationError)) return undefined;
  const fields = (error.details as { fields?: { message: string }[] } | undefined)?.fields;
  return fields?.map((f) => ({ field: 'files', message: f.message }));
}

/** The checker's route module. */
export function reportRouteModule(services: Services): RouteModule {
  const app = new Hono<AppEnv>();
  const guards = reportGuards(services);
  const limit = uploadLimit(services.config.maxUploadBytes);
  const maxUploadMb = Math.round(services.config.maxUploadBytes / 1024 / 1024);
  // Uploaded files are read in a worker thread (import/pool.ts), so a slow file holds up no one else.
  const pool = createImportPool({ timeoutMs: services.config.importTimeoutMs });
  services.onClose(() => pool.close());
  const importer = (file: ReportFile) => pool.importFile(file);

  const uploadPage = async (c: Context<AppEnv>, errors: FormError[] = [], values?: UploadForm['keeping']) => {
    const viewer = c.get('viewer');
    const agencies = await storableAgencies(services, viewer);
    return renderPage(c, '检查年度报告',
      <UploadPage maxUploadMb={maxUploadMb} csrfToken={c.get('csrfToken')} agencies={agencies} signedIn={viewer !== undefined} values={values} errors={errors} />,
      { status: errors.length > 0 ? 400 : 200 });
  };

  app.get('/', PUBLIC, (c) => {
    // Whoever opens the form is about to upload: the worker loads the readers meanwhile.
    void pool.warm();
    return uploadPage(c);
  });

  app.post('/reports', PUBLIC, limit, async (c) => {
    const form = await readUploadForm(c);
    const errors: FormError[] = [];
    let keeping: Keeping = { kind: 'anonymous' };
    try {
      keeping = await keepingFor(services, c.get('viewer'), form.keeping);
    } catch (error) {
      // A choice the form can correct comes back on the form; 401/403/404 are the platform's pages.
      const fields = fieldErrorsOf(error);
      if (!fields || fields.length === 0) throw error;
      errors.push(...fields);
    }
    if (form.files.length === 0) errors.unshift({ field: 'files', message: '请选择至少一个年度报告文件' });
    // A ZIP, or many files: a bulk check, queued (evaluate/), not read while the page waits.
    const bulk = isBulkUpload(form.files);
    if (bulk && form.previous) errors.push({ field: 'previous', message: '批量检查（压缩包或多于 10 个文件）不使用单独上传的上一年度报告：请去掉它，或把它一并放入压缩包' });
    if (errors.length > 0) return uploadPage(c, errors, form.keeping);
    if (bulk) {
      try {
        return await startBatch(services, c, form.files, keeping);
      } catch (error) {
        const fields = fieldErrorsOfBatch(error);
        if (!fields) throw error;
        return uploadPage(c, fields, form.keeping);
      }
    }
    const outcome = await checkAndStoreFiles(services.db, { ...form, keeping, actor: actorOf(c), ip: c.get('clientIp') }, services.logger, importer);
    // One report, nothing else to say about the upload: straight to its result.
    const reports = outcome.results.filter((r) => r.role === 'report');
    const only = reports.length === 1 && outcome.results.every((r) => r.ok && r.earlierReportId === null) ? reports[0] : undefined;
    if (!only?.ok) return c.redirect(`/uploads/${outcome.uploadId}`, 303);
    return c.redirect(`/reports/${only.ref}?notice=${only.alreadyChecked ? 'already-checked' : 'checked'}`, 303);
  });

  app.get('/uploads/:id', guards.upload, async (c) => {
    const upload = await getUploadOrThrow(services.db, c.req.param('id'));
    return renderPage(c, '检查结果', <UploadResultsPage results={upload.results} />);
  });

  app.get('/reports', guards.list, async (c) => {
    const q = parseQuery(listQuerySchema, c.req.query());
    const scope = c.get('scope');
    const agencyId = agencyFilterIn(scope, q.agencyId);
    // Pages are followed by cursor (after/before a report: one index range at any depth); `page`
    // only numbers them, and alone (an old link) is read by offset.
    const cursor = q.after !== undefined || q.before !== undefined;
    const choices = scope !== 'all' && scope.length <= MAX_AGENCY_CHOICES;
    const [list, agencies] = await Promise.all([
      listReports(services.db, {
        ...listScopeOf(c), agencyId, agencyName: q.agency, year: q.year, limit: PAGE_SIZE, after: q.after, before: q.before, offset: cursor ? undefined : (q.page - 1) * PAGE_SIZE,
      }),
      // A closed agency's reports stay readable: it stays a choice of the filter.
      choices ? listAgencies(services.db, { includeClosed: true, ids: scope }) : Promise.resolve(undefined),
    ]);
    return renderPage(c, '已检查的报告',
      <ReportListPage items={list.items} total={list.total} agencies={agencies?.map((a) => ({ id: a.id, name: a.name }))} agencyId={agencyId} agencyName={q.agency}
        year={q.year} page={q.page} pageSize={PAGE_SIZE} nextAfter={list.nextAfter} previousBefore={list.previousBefore} />);
  });

  app.get('/reports/:ref{[0-9a-f]+}', guards.report, async (c) => {
    const report = await getReportOrThrow(services.db, c.req.param('ref'));
    const title = `${report.agency ?? '报告'} ${report.year ?? ''} 年度检查结果`;
    const notice = NOTICES[c.req.query('notice') ?? '']?.[report.agencyId === null ? 'anonymous' : 'agency'];
    const address = `${c.get('origin')}/reports/${report.ref}`;
    return renderPage(c, title, <ReportPage report={report} address={address} focusHeading={notice !== undefined} />, {
      notice,
      stylesheets: [REPORT_TABLES_CSS_PATH],
    });
  });

  app.route('/', checkResultRoutes(services, guards.report)); // 检查意见, and download.json with the findings: before the downloads below

  app.get('/reports/:ref{[0-9a-f]+}/:file{download\\.(?:html|docx|xlsx|json)}', guards.report, async (c) => {
    const format = c.req.param('file').slice('download.'.length) as RenderFormat;
    const file = await renderStoredReport(services.db, c.req.param('ref'), format);
    c.header('content-type', file.mediaType);
    c.header('content-disposition', attachment(`report-${c.req.param('ref')}.${format}`, file.fileName));
    return c.body(file.bytes as Uint8Array<ArrayBuffer>);
  });

  app.get('/reports/:ref{[0-9a-f]+}/source', guards.report, async (c) => {
    const { fileName, bytes } = await getSourceOrThrow(services.db, c.req.param('ref'));
    c.header('content-type', 'application/octet-stream');
    c.header('content-disposition', attachment(`source-${c.req.param('ref')}`, fileName));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  });

  app.get(REPORT_TABLES_CSS_PATH, PUBLIC, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(REPORT_TABLES_CSS);
  });

  app.route('/', batchRoutes(services, (c, errors) => uploadPage(c, errors))); // 评估模式: bulk checks, their exports, comparison
  app.route('/', reportApiRoutes(services, limit, importer));
  return { routes: app, openapi: reportApiPaths };
}
