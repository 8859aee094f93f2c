/**
 * The evaluator's pages (评估模式): the bulk upload (a ZIP of reports or many files, queued), a
 * batch's page with its progress and table, its exports (CSV, XLSX), and the comparison of two
 * stored reports. A batch is reached like an upload's results (report-access.ts): its maker's, or
 * an anonymous batch by its unguessable address for 24 hours. The comparison reads each report as
 * its own page would: an anonymous check by its key, an agency's report with 'records.read' on it.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { can } from '../../platform/accounts/core/roles.ts';
import { ValidationError } from '../../platform/errors.ts';
import { access, PUBLIC, SIGN_IN_PATH } from '../../platform/http/access.ts';
import { renderPage } from '../../platform/http/layout.tsx';
import { uploadLimit } from '../../platform/http/middleware.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { attachment } from '../check-result-routes.tsx';
import { ComparePage } from '../pages/batch-compare-page.tsx';
import { BatchPage } from '../pages/batch-page.tsx';
import { actorOf } from '../report-access.ts';
import { ANONYMOUS_KEEP_HOURS, parseReportRef, reportNotFound, type Keeping, type UploadedFile } from '../service.ts';
import { getReportByRef, type CheckedReport } from '../store.ts';
import { MAX_BATCH_FILES } from './batch-files.ts';
import { findingsTable, reportsTable, toCsv, toXlsx, type ExportedReport } from './batch-export.ts';
import { batchNotFound, createBatch, getBatchOrThrow } from './batch-service.ts';
import { getBatchOwner } from './batch-store.ts';
import { compareReports } from './compare.ts';

/** Seconds between the batch page's reloads while it is read. */
const REFRESH_SECONDS = 10;
/** A batch's address: its UUID. */
const BATCH_ID = ':id{[0-9a-fA-F-]+}';

/**
 * The most one bulk upload may carry: an evaluator's ZIP of a year's reports is larger than one
 * check's upload (GONGKAI_MAX_UPLOAD_MB), so at least 200 MB.
 */
export function batchUploadBytes(services: Services): number {
  return Math.max(services.config.maxUploadBytes, 200 * 2 ** 20);
}

/** The access declaration of a batch and its exports (by the `id` parameter), as report_uploads' results. */
export function batchGuard(services: Services) {
  return access({
    kind: 'permission', permission: 'records.read',
    agency: {
      from: 'record', resource: 'reportBatch', param: 'id',
      find: async (c, id) => {
        const owner = await getBatchOwner(services.db, id, ANONYMOUS_KEEP_HOURS);
        if (!owner || (owner.personId === null && !owner.recent)) throw batchNotFound();
        if (owner.personId === null) return { open: true };
        return owner.personId === c.get('viewer')?.personId ? { open: true } : undefined;
      },
    },
  });
}

/** The files of the bulk form (`files`: ZIP archives and report files, empty inputs skipped). */
export async function readBatchFiles(c: Context<AppEnv>): Promise<UploadedFile[]> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch (error) {
    throw new ValidationError('report.bad_form', '无法读取上传的表单：请使用 multipart/form-data 提交，文件字段名为 files。', { reason: (error as Error).message });
  }
  const value = body['files'];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (list.length > MAX_BATCH_FILES) {
    const message = `一次批量检查最多 ${MAX_BATCH_FILES} 个文件（这次有 ${list.length} 个）：请分几次上传，或打成一个 .zip 压缩包。`;
    throw new ValidationError('report.too_many_files', message, { fields: [{ field: 'files', message }] });
  }
  const files = list.filter((v): v is File => v instanceof File && (v.name !== '' || v.size > 0));
  return Promise.all(files.map(async (f) => ({ name: f.name || '未命名文件', bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** Files a bulk check and answers with its page's address (303), for the upload form's two doors. */
export async function startBatch(services: Services, c: Context<AppEnv>, files: UploadedFile[], keeping: Keeping): Promise<Response> {
  const { batchId } = await createBatch(services.db, { files, actor: actorOf(c), keeping, ip: c.get('clientIp') });
  return c.redirect(`/reports/batches/${batchId}`, 303);
}

/** The stored report at an address if the viewer may read it (as its own page's guard decides); else NotFoundError. */
async function readableReport(services: Services, c: Context<AppEnv>, value: string): Promise<CheckedReport> {
  const ref = parseReportRef(value);
  const report = ref && (await getReportByRef(services.db, ref));
  if (!report || !ref) throw reportNotFound(ref);
  if ('key' in ref) return report;
  const viewer = c.get('viewer');
  if (!viewer || report.agencyId === null || !can(viewer.grants, 'records.read', report.agencyId)) throw reportNotFound(ref);
  return report;
}

/** The evaluator's routes; `onFormError` renders the upload form with a refused bulk upload's errors. */
export function batchRoutes(services: Services, onFormError: (c: Context<AppEnv>, errors: { field: 'batchFiles'; message: string }[]) => Promise<Response>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = batchGuard(services);

  app.post('/reports/batches', PUBLIC, uploadLimit(batchUploadBytes(services)), async (c) => {
    const files = await readBatchFiles(c);
    if (files.length === 0) return onFormError(c, [{ field: 'batchFiles', message: '请选择装有年度报告的 .zip 压缩包，或多个年度报告文件' }]);
    try {
      return await startBatch(services, c, files, { kind: 'anonymous' });
    } catch (error) {
      const fields = error instanceof ValidationError ? (error.details as { fields?: { message: string }[] } | undefined)?.fields : undefined;
      if (!fields) throw error;
      return onFormError(c, fields.map((f) => ({ field: 'batchFiles', message: f.message })));
    }
  });

  app.get(`/reports/batches/${BATCH_ID}`, guard, async (c) => {
    const { batch, files } = await getBatchOrThrow(services.db, c.req.param('id'));
    const busy = batch.state === 'queued' || batch.state === 'running';
    const refreshing = busy && c.req.query('refresh') !== 'off';
    // The HTTP equivalent of <meta http-equiv="refresh">: reloads while the job reads, without script.
    if (refreshing) c.header('refresh', String(REFRESH_SECONDS));
    const keptUntil = batch.agencyId === null ? new Date(batch.createdAt.getTime() + ANONYMOUS_KEEP_HOURS * 3_600_000) : null;
    return renderPage(c, '批量检查结果', <BatchPage batch={batch} files={files} refreshing={refreshing} keptUntil={keptUntil} />);
  });

  const exported = async (id: string): Promise<ExportedReport[]> => {
    const { files } = await getBatchOrThrow(services.db, id, { withCanonical: true });
    return files.flatMap((f) => (f.report?.canonical ? [{ ref: f.report.ref, fileName: f.fileName, canonical: f.report.canonical, findings: f.report.findings }] : []));
  };
  const send = (c: Context<AppEnv>, bytes: Uint8Array, mediaType: string, fallback: string, name: string) => {
    c.header('content-type', mediaType);
    c.header('content-disposition', attachment(fallback, name));
    return c.body(bytes as Uint8Array<ArrayBuffer>);
  };
  app.get(`/reports/batches/${BATCH_ID}/reports.csv`, guard, async (c) =>
    send(c, toCsv(reportsTable(await exported(c.req.param('id')))), 'text/csv; charset=utf-8', 'batch-reports.csv', '批量检查-报告数据.csv'));
  app.get(`/reports/batches/${BATCH_ID}/findings.csv`, guard, async (c) =>
    send(c, toCsv(findingsTable(await exported(c.req.param('id')))), 'text/csv; charset=utf-8', 'batch-findings.csv', '批量检查-发现的问题.csv'));
  app.get(`/reports/batches/${BATCH_ID}/export.xlsx`, guard, async (c) =>
    send(c, await toXlsx(await exported(c.req.param('id'))), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'batch.xlsx', '批量检查.xlsx'));

  app.get('/reports/compare', PUBLIC, async (c) => {
    const a = c.req.query('a')?.trim() ?? '';
    const b = c.req.query('b')?.trim() ?? '';
    const missing = [...(a === '' ? [{ field: 'a', message: '请选择报告甲' }] : []), ...(b === '' ? [{ field: 'b', message: '请选择报告乙' }] : [])];
    if (missing.length > 0) throw new ValidationError('request.invalid_query', `请选择要对比的两份报告：${missing.map((m) => m.message).join('；')}`, { fields: missing });
    // An agency's report needs a signed-in reader: sign in first, then come back here.
    if (!c.get('viewer') && [a, b].some((v) => /^[1-9][0-9]{0,15}$/.test(v))) {
      const url = new URL(c.req.url);
      return c.redirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    const [ra, rb] = [await readableReport(services, c, a), await readableReport(services, c, b)];
    const title = `对比：${ra.agency ?? '报告甲'} ${ra.year ?? ''} 与 ${rb.agency ?? '报告乙'} ${rb.year ?? ''}`;
    const shown = (r: CheckedReport) => ({ ref: r.ref, agency: r.agency, year: r.year, format: r.format });
    return renderPage(c, title, <ComparePage a={shown(ra)} b={shown(rb)} tables={compareReports(ra.canonical, rb.canonical)} />);
  });

  return app;
}
