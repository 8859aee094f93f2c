/**
 * Storage of checked reports and uploads. SQL only: no decisions. Every function takes the
 * database (or a transaction) first; snake_case columns are mapped to camelCase here, once.
 */
import type { Queryable } from '../platform/db/queryable.ts';
import type { Finding } from './findings.ts';
import type { AgencyKind } from '../law/agency-kinds.ts';
import type { AnnualReport, ParseWarning, ReportFormat } from './model.ts';

/** A checked report as stored (without the source bytes). */
export interface CheckedReport {
  id: number;
  agency: string | null;
  year: number | null;
  format: ReportFormat;
  agencyKind: AgencyKind | null;
  publishedOn: string | null;
  sourceFileName: string;
  sourceKind: string;
  sourceSha256: string;
  sourceSize: number;
  /** The report as imported, without its parse warnings (those are in `warnings`). */
  canonical: AnnualReport;
  findings: Finding[];
  warnings: ParseWarning[];
  /** The stored report of the previous year it was checked against (X-CARRY, X-IN-FORCE). */
  previousReportId: number | null;
  createdAt: Date;
}

/** What is inserted. */
export type NewCheckedReport = Omit<CheckedReport, 'id' | 'createdAt'> & { source: Uint8Array };

/** A row of the list: counts instead of the findings. */
export interface CheckedReportSummary {
  id: number;
  agency: string | null;
  year: number | null;
  format: ReportFormat;
  sourceFileName: string;
  errorCount: number;
  warningCount: number;
  parseWarningCount: number;
  createdAt: Date;
}

/** List filters; `agency` matches a part of the name. */
export interface ReportListQuery {
  agency?: string | undefined;
  year?: number | undefined;
  limit: number;
  /** Skip this many (old links and the API's `offset`; a deep offset reads every row before it). */
  offset?: number | undefined;
  /** The page after this report, in list order (keyset: one index range, at any depth). */
  after?: number | undefined;
  /** The page before this report. */
  before?: number | undefined;
}

/** A page of the list, with the cursors of the pages around it. */
export interface ReportListPage {
  total: number;
  items: CheckedReportSummary[];
  /** The id to ask `after` for the next page, when there is one. */
  nextAfter: number | undefined;
  /** The id to ask `before` for the previous page, when there is one. */
  previousBefore: number | undefined;
}

/** The list order as ascending keys (migration 0005's index): agency (unread last), year and id newest first. */
const LIST_KEYS = ['(agency IS NULL)', "coalesce(agency, '')", '-coalesce(year, 0)', '-id'];
const LIST_KEY = LIST_KEYS.join(', ');

interface ReportRow {
  id: number;
  agency: string | null;
  year: number | null;
  format: ReportFormat;
  agency_kind: AgencyKind | null;
  published_on: string | null;
  source_file_name: string;
  source_kind: string;
  source_sha256: string;
  source_size: number;
  canonical: AnnualReport;
  findings: Finding[];
  warnings: ParseWarning[];
  previous_report_id: number | null;
  created_at: Date;
}

const REPORT_COLUMNS = `id, agency, year, format, agency_kind, published_on, source_file_name, source_kind,
  source_sha256, source_size, canonical, findings, warnings, previous_report_id, created_at`;

function toCheckedReport(r: ReportRow): CheckedReport {
  return {
    id: r.id,
    agency: r.agency,
    year: r.year,
    format: r.format,
    agencyKind: r.agency_kind,
    publishedOn: r.published_on,
    sourceFileName: r.source_file_name,
    sourceKind: r.source_kind,
    sourceSha256: r.source_sha256,
    sourceSize: r.source_size,
    canonical: r.canonical,
    findings: r.findings,
    warnings: r.warnings,
    previousReportId: r.previous_report_id,
    createdAt: r.created_at,
  };
}

/** Inserts a checked report; returns its id. */
export async function insertCheckedReport(db: Queryable, r: NewCheckedReport): Promise<number> {
  forgetListCounts();
  const result = await db.query<{ id: number }>(
    `INSERT INTO checked_reports (agency, year, format, agency_kind, published_on, source_file_name, source_kind,
       source_sha256, source_size, source, canonical, findings, warnings, previous_report_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      r.agency, r.year, r.format, r.agencyKind, r.publishedOn, r.sourceFileName, r.sourceKind,
      r.sourceSha256, r.sourceSize, Buffer.from(r.source), JSON.stringify(r.canonical),
      JSON.stringify(r.findings), JSON.stringify(r.warnings), r.previousReportId,
    ],
  );
  return result.rows[0]!.id;
}

/** One checked report, or undefined. */
export async function getCheckedReport(db: Queryable, id: number): Promise<CheckedReport | undefined> {
  const result = await db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM checked_reports WHERE id = $1`, [id]);
  return result.rows[0] && toCheckedReport(result.rows[0]);
}

/** The source file of a checked report, or undefined. */
export async function getReportSource(db: Queryable, id: number): Promise<{ fileName: string; bytes: Uint8Array } | undefined> {
  const result = await db.query<{ source_file_name: string; source: Buffer }>(
    'SELECT source_file_name, source FROM checked_reports WHERE id = $1',
    [id],
  );
  const row = result.rows[0];
  return row && { fileName: row.source_file_name, bytes: new Uint8Array(row.source) };
}

/** The newest stored report of an agency for a year (exact agency name), or undefined. */
export async function findLatestReport(db: Queryable, agency: string, year: number): Promise<CheckedReport | undefined> {
  const result = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM checked_reports WHERE agency = $1 AND year = $2 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [agency, year],
  );
  return result.rows[0] && toCheckedReport(result.rows[0]);
}

/**
 * The checks of a source file, by the SHA-256 of its bytes, newest first (a file is checked again
 * only when an upload brings it another previous-year report).
 */
export async function findReportsBySource(db: Queryable, sha256: string): Promise<CheckedReport[]> {
  const result = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM checked_reports WHERE source_sha256 = $1 ORDER BY created_at DESC, id DESC`,
    [sha256],
  );
  return result.rows.map(toCheckedReport);
}

/**
 * Holds, until the transaction ends, a lock on one source file's hash: two uploads of the same
 * file at once (a double click) check for an earlier copy one after the other.
 */
export async function lockSource(db: Queryable, sha256: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 14))', [`checked_reports:${sha256}`]);
}

/** A page of summaries (agency, then year newest first, then newest check) and the total count. */
export async function listCheckedReports(db: Queryable, q: ReportListQuery): Promise<ReportListPage> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (q.agency) {
    values.push(`%${q.agency.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(`agency ILIKE $${values.length}`);
  }
  if (q.year !== undefined) {
    values.push(q.year);
    where.push(`year = $${values.length}`);
  }
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = await countWithFilter(db, filter, values);
  const cursor = q.after ?? q.before;
  const keyed = [...where];
  const params = [...values];
  if (cursor !== undefined) {
    params.push(cursor);
    keyed.push(`(${LIST_KEY}) ${q.before !== undefined ? '<' : '>'} (SELECT ${LIST_KEY} FROM checked_reports WHERE id = $${params.length})`);
  }
  const backwards = q.before !== undefined;
  params.push(q.limit + 1);
  const limitAt = params.length;
  let offset = '';
  if (cursor === undefined && q.offset) {
    params.push(q.offset);
    offset = ` OFFSET $${params.length}`;
  }
  const page = await db.query<{
    id: number; agency: string | null; year: number | null; format: ReportFormat; source_file_name: string;
    error_count: number; warning_count: number; parse_warning_count: number; created_at: Date;
  }>(
    `SELECT id, agency, year, format, source_file_name, created_at,
       (SELECT count(*) FROM jsonb_array_elements(findings) f WHERE f->>'severity' = 'error')::int AS error_count,
       (SELECT count(*) FROM jsonb_array_elements(findings) f WHERE f->>'severity' = 'warning')::int AS warning_count,
       jsonb_array_length(warnings) AS parse_warning_count
     FROM checked_reports ${keyed.length > 0 ? `WHERE ${keyed.join(' AND ')}` : ''}
     ORDER BY ${LIST_KEYS.map((k) => `${k} ${backwards ? 'DESC' : 'ASC'}`).join(', ')}
     LIMIT $${limitAt}${offset}`,
    params,
  );
  const more = page.rows.length > q.limit;
  const rows = page.rows.slice(0, q.limit);
  if (backwards) rows.reverse();
  const items = rows.map((r) => ({
    id: r.id, agency: r.agency, year: r.year, format: r.format, sourceFileName: r.source_file_name,
    errorCount: r.error_count, warningCount: r.warning_count, parseWarningCount: r.parse_warning_count, createdAt: r.created_at,
  }));
  const first = items[0]?.id;
  const last = items.at(-1)?.id;
  return {
    total,
    items,
    nextAfter: (backwards ? cursor !== undefined : more) ? last : undefined,
    previousBefore: (backwards ? more : cursor !== undefined || (q.offset ?? 0) > 0) ? first : undefined,
  };
}

/**
 * How many reports match a filter. Counting 100,000 rows costs milliseconds on every page view, so
 * a count is kept for a few seconds per database and filter; storing a report clears the counts (in
 * this process; another app process sees the new count within COUNT_TTL_MS).
 */
const COUNT_TTL_MS = 5000;
let counts = new WeakMap<object, Map<string, { n: number; at: number }>>();

async function countWithFilter(db: Queryable, filter: string, values: unknown[]): Promise<number> {
  const key = `${filter}\u0000${JSON.stringify(values)}`;
  let cache = counts.get(db);
  if (!cache) counts.set(db, (cache = new Map()));
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < COUNT_TTL_MS) return hit.n;
  const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM checked_reports ${filter}`, values);
  const n = result.rows[0]?.n ?? 0;
  if (cache.size > 1000) cache.clear();
  cache.set(key, { n, at: now });
  return n;
}

/** Forgets every kept count (a report was stored: through a transaction's client, not the pool the lists use). */
export function forgetListCounts(): void {
  counts = new WeakMap();
}

/** Number of stored checked reports. */
export async function countCheckedReports(db: Queryable): Promise<number> {
  const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM checked_reports');
  return result.rows[0]?.n ?? 0;
}

/** An upload and what became of each of its files (the service defines the result shape). */
export interface StoredUpload<R> {
  id: string;
  actor: string;
  results: R[];
  createdAt: Date;
}

/** Inserts an upload record; returns its id (a UUID, not guessable). */
export async function insertUpload<R>(db: Queryable, actor: string, results: R[]): Promise<string> {
  const result = await db.query<{ id: string }>('INSERT INTO report_uploads (actor, results) VALUES ($1, $2) RETURNING id', [
    actor,
    JSON.stringify(results),
  ]);
  return result.rows[0]!.id;
}

/** One upload, or undefined (also for a malformed id). */
export async function getUpload<R>(db: Queryable, id: string): Promise<StoredUpload<R> | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const result = await db.query<{ id: string; actor: string; results: R[]; created_at: Date }>(
    'SELECT id, actor, results, created_at FROM report_uploads WHERE id = $1',
    [id],
  );
  const row = result.rows[0];
  return row && { id: row.id, actor: row.actor, results: row.results, createdAt: row.created_at };
}
