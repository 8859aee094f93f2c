/**
 * Storage of checked reports and uploads. SQL only: no decisions. Every function takes the
 * database (or a transaction) first; snake_case columns are mapped to camelCase here, once.
 *
 * A report is either an agency's (`agency_id`, reached by id by that agency's staff and the
 * supervisors above it) or an anonymous check (`access_key`, reached by that key only, until
 * `expires_at`). Reports checked before accounts existed have neither and are reached by nothing.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../platform/db/queryable.ts';
import type { Finding } from './findings.ts';
import type { AgencyKind } from '../law/agency-kinds.ts';
import type { AgencyReach } from '../platform/accounts/core/roles.ts';
import type { AnnualReport, ParseWarning, ReportFormat } from './model.ts';

/** A checked report as stored (without the source bytes). */
export interface CheckedReport {
  id: number;
  /** Its address segment, `/reports/<ref>`: the access key of an anonymous check, else the id. */
  ref: string;
  /** The agency whose record it is (null: an anonymous check, or a report checked before accounts existed). */
  agencyId: number | null;
  /** That agency's current name. */
  agencyName: string | null;
  /** The person who stored it (null: signed out, the command line, the demo seed). */
  storedBy: number | null;
  /** An anonymous check's unguessable key (32 hex digits): its only address. */
  accessKey: string | null;
  /** When an anonymous check is deleted. */
  expiresAt: Date | null;
  /** The agency's name as the report gives it. */
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
  /** That report's address segment. */
  previousRef: string | null;
  createdAt: Date;
}

/** What is inserted: an agency's report (`agencyId`), or an anonymous check (`accessKey`, kept `keepHours`). */
export type NewCheckedReport = Omit<CheckedReport, 'id' | 'ref' | 'agencyName' | 'expiresAt' | 'previousRef' | 'createdAt'> & {
  source: Uint8Array;
  /** Hours an anonymous check is kept (expires_at = now() + this); null for an agency's report. */
  keepHours: number | null;
};

/** How a report is addressed: an anonymous check by its key (while unexpired), an agency's report by its id. */
export type ReportRef = { key: string } | { id: number };

/** Which stored reports a look-up may see: one agency's, or the unexpired anonymous checks. */
export type ReportScope = { agencyId: number } | { anonymous: true };

/** A row of the list: counts instead of the findings. */
export interface CheckedReportSummary {
  id: number;
  agencyId: number;
  /** The agency's current name (of the agencies table). */
  agencyName: string;
  /** The agency's name as the report gives it. */
  agency: string | null;
  year: number | null;
  format: ReportFormat;
  sourceFileName: string;
  errorCount: number;
  warningCount: number;
  parseWarningCount: number;
  createdAt: Date;
}

/** List filters: the agencies the reader may see, then optionally one of them and a year. */
export interface ReportListQuery {
  /**
   * The agencies whose reports may be listed ('all': every agency's): some by id, and every agency
   * under a supervisor's government (asked of the tree in the database, not sent id by id).
   */
  scope: 'all' | AgencyReach;
  /** The agency tree's version the scope was read at (a kept count of a government's reports is for one version of its tree). */
  treeVersion?: number | undefined;
  agencyId?: number | undefined;
  /** Part of the agency's name (its current name): the agencies table is small, the match is by id. */
  agencyName?: string | undefined;
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

/**
 * The list's queries as named (prepared) statements, one per distinct text (a handful: the filters
 * combine a few ways): read on every page view, they are then not parsed again on that connection.
 */
function named(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  return { name: `gongkai.list.${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text, values };
}

/** The list order as ascending keys (migration 0006's partial index): agency, year and id newest first. */
const listKeys = (t: string) => [`${t}.agency_id`, `-coalesce(${t}.year, 0)`, `-${t}.id`];

interface ReportRow {
  id: number;
  agency_id: number | null;
  agency_name: string | null;
  stored_by: number | null;
  access_key: string | null;
  expires_at: Date | null;
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
  previous_ref: string | null;
  created_at: Date;
}

const REPORT_COLUMNS = `r.id, r.agency_id, r.stored_by, r.access_key, r.expires_at, r.agency, r.year, r.format, r.agency_kind,
  r.published_on, r.source_file_name, r.source_kind, r.source_sha256, r.source_size, r.canonical, r.findings, r.warnings,
  r.previous_report_id, r.created_at,
  (SELECT a.name FROM agencies a WHERE a.id = r.agency_id) AS agency_name,
  (SELECT coalesce(p.access_key, p.id::text) FROM checked_reports p WHERE p.id = r.previous_report_id) AS previous_ref`;

function toCheckedReport(r: ReportRow): CheckedReport {
  return {
    id: r.id,
    ref: r.access_key ?? String(r.id),
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    storedBy: r.stored_by,
    accessKey: r.access_key,
    expiresAt: r.expires_at,
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
    previousRef: r.previous_ref,
    createdAt: r.created_at,
  };
}

/** Inserts a checked report; returns its id. */
export async function insertCheckedReport(db: Queryable, r: NewCheckedReport): Promise<number> {
  forgetListCounts();
  const result = await db.query<{ id: number }>(
    `INSERT INTO checked_reports (agency, year, format, agency_kind, published_on, source_file_name, source_kind,
       source_sha256, source_size, source, canonical, findings, warnings, previous_report_id, agency_id, stored_by, access_key, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
       CASE WHEN $18::int IS NULL THEN NULL ELSE now() + make_interval(hours => $18::int) END) RETURNING id`,
    [
      r.agency, r.year, r.format, r.agencyKind, r.publishedOn, r.sourceFileName, r.sourceKind,
      r.sourceSha256, r.sourceSize, Buffer.from(r.source), JSON.stringify(r.canonical),
      JSON.stringify(r.findings), JSON.stringify(r.warnings), r.previousReportId, r.agencyId, r.storedBy, r.accessKey, r.keepHours,
    ],
  );
  return result.rows[0]!.id;
}

/** One checked report by its id, whoever it belongs to (the service decides who may see it), or undefined. */
export async function getCheckedReport(db: Queryable, id: number): Promise<CheckedReport | undefined> {
  const result = await db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM checked_reports r WHERE r.id = $1`, [id]);
  return result.rows[0] && toCheckedReport(result.rows[0]);
}

/** The condition on `checked_reports r` that finds a report by its address: an unexpired key, or an agency's id. */
function refCondition(ref: ReportRef): { where: string; value: unknown } {
  return 'key' in ref
    ? { where: 'r.access_key = $1 AND r.expires_at > now()', value: ref.key }
    : { where: 'r.id = $1 AND r.agency_id IS NOT NULL', value: ref.id };
}

/** The report at an address, or undefined (an expired key, an id of an anonymous check). */
export async function getReportByRef(db: Queryable, ref: ReportRef): Promise<CheckedReport | undefined> {
  const { where, value } = refCondition(ref);
  const result = await db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM checked_reports r WHERE ${where}`, [value]);
  return result.rows[0] && toCheckedReport(result.rows[0]);
}

/** Who owns the report at an address (for the access check: one index look-up), or undefined. */
export async function getReportOwner(db: Queryable, ref: ReportRef): Promise<{ id: number; agencyId: number | null } | undefined> {
  const { where, value } = refCondition(ref);
  const result = await db.query<{ id: number; agency_id: number | null }>(`SELECT r.id, r.agency_id FROM checked_reports r WHERE ${where}`, [value]);
  const row = result.rows[0];
  return row && { id: row.id, agencyId: row.agency_id };
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

/** The newest report an agency stored for a year, or undefined. Only that agency's: never another's. */
export async function findLatestReport(db: Queryable, agencyId: number, year: number): Promise<CheckedReport | undefined> {
  const result = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM checked_reports r WHERE r.agency_id = $1 AND r.year = $2 ORDER BY r.id DESC LIMIT 1`,
    [agencyId, year],
  );
  return result.rows[0] && toCheckedReport(result.rows[0]);
}

/**
 * The checks of a source file within a scope (one agency's reports, or the unexpired anonymous
 * checks), by the SHA-256 of its bytes, newest first.
 */
export async function findReportsBySource(db: Queryable, sha256: string, scope: ReportScope): Promise<CheckedReport[]> {
  const within = 'agencyId' in scope ? 'r.agency_id = $2' : 'r.agency_id IS NULL AND r.access_key IS NOT NULL AND r.expires_at > now()';
  const result = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM checked_reports r WHERE r.source_sha256 = $1 AND ${within} ORDER BY r.created_at DESC, r.id DESC`,
    'agencyId' in scope ? [sha256, scope.agencyId] : [sha256],
  );
  return result.rows.map(toCheckedReport);
}

/** Keeps an anonymous check at least `hours` from now (it was handed out again). */
export async function extendExpiry(db: Queryable, id: number, hours: number): Promise<void> {
  await db.query('UPDATE checked_reports SET expires_at = greatest(expires_at, now() + make_interval(hours => $2::int)) WHERE id = $1 AND expires_at IS NOT NULL', [id, hours]);
}

/**
 * Holds, until the transaction ends, a lock on one source file's hash: two uploads of the same
 * file at once (a double click) check for an earlier copy one after the other.
 */
export async function lockSource(db: Queryable, sha256: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 14))', [`checked_reports:${sha256}`]);
}

/**
 * The ids of the agencies in a scope, as a subquery (undefined: every agency). A supervisor's
 * government is one id looked up in migration 0013's closure of the tree; agencies reached one by one
 * are an array (a handler's one or few).
 */
function scopeAgencies(scope: 'all' | AgencyReach, values: unknown[]): string | undefined {
  if (scope === 'all') return undefined;
  const parts: string[] = [];
  if (scope.subtrees.length > 0) {
    values.push(scope.subtrees);
    parts.push(`SELECT agency_id FROM agency_closure WHERE ancestor_id = ANY($${values.length}::bigint[])`);
  }
  if (scope.agencies.length > 0 || parts.length === 0) {
    values.push(scope.agencies);
    parts.push(`SELECT unnest($${values.length}::bigint[])`);
  }
  return parts.join(' UNION ALL ');
}

/** The filter of the list on table alias `t`, its values numbered from `first`. */
function listFilter(q: ReportListQuery, t: string, values: unknown[]): string[] {
  const where = [`${t}.agency_id IS NOT NULL`];
  if (q.agencyName !== undefined) {
    // The agencies table is small: the agencies of the scope whose name matches are found first, and
    // their reports read by id in list order (the planner cannot guess how many names match; a join
    // would read the list index from its start up to the first match).
    values.push(q.agencyName);
    const name = `$${values.length}`;
    const within = scopeAgencies(q.scope, values);
    where.push(`${t}.agency_id = ANY(ARRAY(SELECT a.id FROM agencies a WHERE strpos(a.name, ${name}) > 0${within ? ` AND a.id IN (${within})` : ''}))`);
  } else if (q.scope !== 'all' && q.scope.subtrees.length === 0) {
    values.push(q.scope.agencies);
    where.push(`${t}.agency_id = ANY($${values.length}::bigint[])`);
  } else {
    const within = scopeAgencies(q.scope, values);
    if (within) where.push(`${t}.agency_id IN (${within})`);
  }
  if (q.agencyId !== undefined) {
    values.push(q.agencyId);
    where.push(`${t}.agency_id = $${values.length}`);
  }
  if (q.year !== undefined) {
    values.push(q.year);
    where.push(`${t}.year = $${values.length}`);
  }
  return where;
}

/** A page of agencies' reports (agency, then year newest first, then newest check) and the total count. */
export async function listCheckedReports(db: Queryable, q: ReportListQuery): Promise<ReportListPage> {
  const values: unknown[] = [];
  const where = listFilter(q, 'r', values);
  const tree = q.scope !== 'all' && q.scope.subtrees.length > 0 ? `tree ${q.treeVersion ?? 'unknown'}` : '';
  const total = await countWithFilter(db, where.join(' AND '), values, tree);
  const cursor = q.after ?? q.before;
  const keyed = [...where];
  const params = [...values];
  if (cursor !== undefined) {
    // The cursor is looked up under the same filter: a report the reader may not see positions nothing.
    const cursorWhere = listFilter(q, 'c', params);
    params.push(cursor);
    keyed.push(`(${listKeys('r').join(', ')}) ${q.before !== undefined ? '<' : '>'} (SELECT ${listKeys('c').join(', ')} FROM checked_reports c WHERE c.id = $${params.length} AND ${cursorWhere.join(' AND ')})`);
  }
  const backwards = q.before !== undefined;
  params.push(q.limit + 1);
  const limitAt = params.length;
  let offset = '';
  if (cursor === undefined && q.offset) {
    params.push(q.offset);
    offset = ` OFFSET $${params.length}`;
  }
  // Per row of the page: the agency's name by its key (a join gave the planner one more table to
  // order), the findings counted by a JSON path (a subquery over jsonb_array_elements put each row's
  // elements in a tuple store first: about half of the query's time).
  const page = await db.query<{
    id: number; agency_id: number; agency_name: string; agency: string | null; year: number | null; format: ReportFormat; source_file_name: string;
    error_count: number; warning_count: number; parse_warning_count: number; created_at: Date;
  }>(named(
    `SELECT r.id, r.agency_id, (SELECT a.name FROM agencies a WHERE a.id = r.agency_id) AS agency_name, r.agency, r.year, r.format, r.source_file_name, r.created_at,
       jsonb_array_length(jsonb_path_query_array(r.findings, '$[*] ? (@.severity == "error")')) AS error_count,
       jsonb_array_length(jsonb_path_query_array(r.findings, '$[*] ? (@.severity == "warning")')) AS warning_count,
       jsonb_array_length(r.warnings) AS parse_warning_count
     FROM checked_reports r
     WHERE ${keyed.join(' AND ')}
     ORDER BY ${listKeys('r').map((k) => `${k} ${backwards ? 'DESC' : 'ASC'}`).join(', ')}
     LIMIT $${limitAt}${offset}`,
    params,
  ));
  const more = page.rows.length > q.limit;
  const rows = page.rows.slice(0, q.limit);
  if (backwards) rows.reverse();
  const items = rows.map((r) => ({
    id: r.id, agencyId: r.agency_id, agencyName: r.agency_name, agency: r.agency, year: r.year, format: r.format, sourceFileName: r.source_file_name,
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
 * this process; another app process sees the new count within COUNT_TTL_MS). The pages that arrive
 * while a count is being made wait for that count instead of each starting its own.
 */
const COUNT_TTL_MS = 5000;
let counts = new WeakMap<object, Map<string, { n: Promise<number>; at: number }>>();

function countWithFilter(db: Queryable, where: string, values: unknown[], asOf: string): Promise<number> {
  const key = `${where}\u0000${JSON.stringify(values)}\u0000${asOf}`;
  let cache = counts.get(db);
  if (!cache) counts.set(db, (cache = new Map()));
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < COUNT_TTL_MS) return hit.n;
  const n = db.query<{ n: number }>(named(`SELECT count(*)::int AS n FROM checked_reports r WHERE ${where}`, values)).then((result) => result.rows[0]?.n ?? 0);
  if (cache.size > 1000) cache.clear();
  const kept = cache;
  kept.set(key, { n, at: now });
  // A failed count is not kept.
  n.catch(() => {
    if (kept.get(key)?.n === n) kept.delete(key);
  });
  return n;
}

/** Forgets every kept count (a report was stored: through a transaction's client, not the pool the lists use). */
export function forgetListCounts(): void {
  counts = new WeakMap();
}

/** Number of reports an agency has stored. */
export async function countAgencyReports(db: Queryable, agencyId: number): Promise<number> {
  const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM checked_reports WHERE agency_id = $1', [agencyId]);
  return result.rows[0]?.n ?? 0;
}

/**
 * Deletes the anonymous checks past their time, and the results of anonymous uploads older than
 * `uploadHours`; returns how many of each. Reports checked before accounts existed (no key, no
 * expiry) are never deleted here.
 */
export async function deleteExpiredChecks(db: Queryable, uploadHours: number): Promise<{ reports: number; uploads: number }> {
  const reports = await db.query('DELETE FROM checked_reports WHERE expires_at <= now()');
  const uploads = await db.query('DELETE FROM report_uploads WHERE person_id IS NULL AND created_at <= now() - make_interval(hours => $1::int)', [uploadHours]);
  if ((reports.rowCount ?? 0) > 0) forgetListCounts();
  return { reports: reports.rowCount ?? 0, uploads: uploads.rowCount ?? 0 };
}

/** An upload and what became of each of its files (the service defines the result shape). */
export interface StoredUpload<R> {
  id: string;
  actor: string;
  /** The signed-in person who uploaded (null: signed out, the command line). */
  personId: number | null;
  results: R[];
  createdAt: Date;
}

/** Inserts an upload record; returns its id (a UUID, not guessable). */
export async function insertUpload<R>(db: Queryable, by: { actor: string; personId: number | null }, results: R[]): Promise<string> {
  const result = await db.query<{ id: string }>('INSERT INTO report_uploads (actor, person_id, results) VALUES ($1, $2, $3) RETURNING id', [
    by.actor,
    by.personId,
    JSON.stringify(results),
  ]);
  return result.rows[0]!.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One upload, or undefined (also for a malformed id). */
export async function getUpload<R>(db: Queryable, id: string): Promise<StoredUpload<R> | undefined> {
  if (!UUID.test(id)) return undefined;
  const result = await db.query<{ id: string; actor: string; person_id: number | null; results: R[]; created_at: Date }>(
    'SELECT id, actor, person_id, results, created_at FROM report_uploads WHERE id = $1',
    [id],
  );
  const row = result.rows[0];
  return row && { id: row.id, actor: row.actor, personId: row.person_id, results: row.results, createdAt: row.created_at };
}

/** Who made an upload and whether it is younger than `hours` (for the access check), or undefined. */
export async function getUploadOwner(db: Queryable, id: string, hours: number): Promise<{ personId: number | null; recent: boolean } | undefined> {
  if (!UUID.test(id)) return undefined;
  const result = await db.query<{ person_id: number | null; recent: boolean }>(
    'SELECT person_id, created_at > now() - make_interval(hours => $2::int) AS recent FROM report_uploads WHERE id = $1',
    [id, hours],
  );
  const row = result.rows[0];
  return row && { personId: row.person_id, recent: row.recent };
}
