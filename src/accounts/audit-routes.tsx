/**
 * The audit trail's pages (issue 16 §5): `/audit` (filters, 50 rows a page newest first, keyset on
 * id; `?verify=1` checks the hash chain) and `/audit.csv` (the same rows, all of them, as CSV).
 * Readers are those with 'audit.read' somewhere: an agencyAdmin sees its agency's rows, a supervisor
 * those of every agency under its government, a sysAdmin every row — rows of no agency (sign-ins,
 * commands) only a sysAdmin.
 */
import { Hono } from 'hono';
import * as store from '../platform/accounts/store.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { verifyAuditChain } from '../platform/audit/verify.ts';
import { ValidationError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { isSysAdmin, viewerOf } from './admin-http.ts';
import { AUDIT_CSV_HEADER, auditCsvCells, CSV_BOM, csvLine } from './audit-csv.ts';
import { listAudit, recordNames, type AuditFilter } from './audit-query.ts';
import { formatDay } from './pages/admin-format.ts';
import type { FieldError } from './pages/admin-form.tsx';
import { AuditPage, type AuditQueryValues } from './pages/audit-page.tsx';

/** Rows on a page. */
const PAGE_SIZE = 50;
/** Rows read at a time for the export (a few hundred kB of text). */
const CSV_BATCH = 1000;

const READERS = access({ kind: 'permission', permission: 'audit.read', agency: { from: 'any' } });

/** A query value as typed, without control characters or lone surrogates, at most 100 characters. */
const clean = (v: string | undefined) => (v ?? '').replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').trim().slice(0, 100);

/** A real calendar day written YYYY-MM-DD. */
function isDay(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const cursor = (v: string | undefined) => (v !== undefined && /^[0-9]{1,15}$/.test(v) ? Number(v) : undefined);

/** The filters of a request, each problem named by its field in words. */
export function parseAuditQuery(query: Record<string, string | undefined>, agencies: readonly Agency[], scope: AuditFilter['scope']) {
  const values: AuditQueryValues = { agency: clean(query['agency']), person: clean(query['person']), record: clean(query['record']), from: clean(query['from']), to: clean(query['to']) };
  const errors: FieldError[] = [];
  const agency = agencies.find((a) => String(a.id) === values.agency);
  if (values.agency !== '' && !agency) errors.push({ field: 'agency', message: '请从列表中选择机关' });
  for (const [key, label] of [['from', '开始日期'], ['to', '结束日期']] as const) {
    if (values[key] !== '' && !isDay(values[key])) errors.push({ field: key, message: `${label}应为“年-月-日”格式的日期，如 2024-01-31（填写的是“${values[key].slice(0, 20)}”）` });
  }
  if (errors.length === 0 && values.from !== '' && values.to !== '' && values.from > values.to) errors.push({ field: 'to', message: '结束日期不能早于开始日期' });
  const filter: AuditFilter = {
    scope, agencyId: agency?.id, person: values.person || undefined, subject: values.record || undefined, from: values.from || undefined, to: values.to || undefined,
  };
  return { values, errors, filter, before: cursor(query['before']), after: cursor(query['after']) };
}

/** The audit routes. */
export function auditRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = services.db;

  /** The agencies the viewer may filter by (closed ones too: their rows stay). */
  const agenciesOf = (scope: AuditFilter['scope']) => store.listAgencies(db, { includeClosed: true, ids: scope === 'all' ? undefined : scope });

  app.get('/audit', READERS, async (c) => {
    const scope = c.get('scope');
    const agencies = await agenciesOf(scope);
    const q = parseAuditQuery(c.req.query(), agencies, scope);
    // The chain runs through every agency's rows, so only a sysAdmin checks it; it reads the whole table: on demand.
    const canVerify = isSysAdmin(viewerOf(c));
    const verified = canVerify && c.req.query('verify') === '1' ? await verifyAuditChain(db) : undefined;
    const page = { agencies, values: q.values, errors: q.errors, canVerify, verified };
    if (q.errors.length > 0) {
      return renderPage(c, '审计日志', <AuditPage {...page} rows={[]} names={new Map()} newerAfter={undefined} olderBefore={undefined} />, { status: 400 });
    }
    const read = await listAudit(db, q.filter, { before: q.before, after: q.before === undefined ? q.after : undefined, limit: PAGE_SIZE + 1 });
    const forwards = q.before === undefined && q.after !== undefined;
    // One row more than a page says whether there is another page that way (newer when paging forwards).
    const more = read.length > PAGE_SIZE;
    const rows = more ? (forwards ? read.slice(1) : read.slice(0, PAGE_SIZE)) : read;
    const newerAfter = rows.length > 0 && (forwards ? more : q.before !== undefined) ? rows[0]!.id : undefined;
    const olderBefore = rows.length > 0 && (forwards ? true : more) ? rows[rows.length - 1]!.id : undefined;
    const names = await recordNames(db, rows.map((r) => r.subject));
    return renderPage(c, '审计日志', <AuditPage {...page} rows={rows} names={names} newerAfter={newerAfter} olderBefore={olderBefore} />);
  });

  app.get('/audit.csv', READERS, async (c) => {
    const scope = c.get('scope');
    const q = parseAuditQuery(c.req.query(), await agenciesOf(scope), scope);
    if (q.errors.length > 0) throw new ValidationError('audit.invalid_filter', q.errors.map((e) => e.message).join('；'), { fields: q.errors });
    const encoder = new TextEncoder();
    let before: number | undefined;
    let started = false;
    // Streamed batch by batch (keyset on id): a year's trail need not be held in memory.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(CSV_BOM + csvLine(AUDIT_CSV_HEADER)));
          return;
        }
        const rows = await listAudit(db, q.filter, { before, limit: CSV_BATCH });
        if (rows.length > 0) {
          const names = await recordNames(db, rows.map((r) => r.subject));
          controller.enqueue(encoder.encode(rows.map((r) => csvLine(auditCsvCells(r, names))).join('')));
          before = rows[rows.length - 1]!.id;
        }
        if (rows.length < CSV_BATCH) controller.close();
      },
    });
    const day = formatDay(new Date()).replaceAll('-', '');
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="audit-log-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`审计日志-${day}.csv`)}`,
      'cache-control': 'no-store',
    });
  });

  return app;
}
