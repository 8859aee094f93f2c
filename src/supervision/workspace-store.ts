/** The annual report workspace's tables (migration 0020). SQL only. */
import type { IsoDate } from '../law/dates.ts';
import type { AnnualReport, Finding } from '../report/index.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import type { ManualCell, SentenceEdit } from './core/assemble.ts';
import type { ReportState } from './core/workflow.ts';

/** A report row. */
export interface StoredReport {
  id: number;
  agencyId: number;
  year: number;
  state: ReportState;
  basis: 'records' | 'manual';
  sentenceEdits: Record<string, SentenceEdit>;
  manualCells: Record<string, ManualCell>;
  canonical: AnnualReport;
  findings: Finding[];
  version: number;
  round: number;
  submittedOn: IsoDate | null;
  acceptedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  catalogItemId: number | null;
}

const COLUMNS = `id::int, agency_id::int, year, state, basis, sentence_edits, manual_cells, canonical, findings, version, round,
  to_char(submitted_on, 'YYYY-MM-DD') AS submitted_on, to_char(accepted_on, 'YYYY-MM-DD') AS accepted_on,
  to_char(published_on, 'YYYY-MM-DD') AS published_on, catalog_item_id::int`;

type Row = {
  id: number; agency_id: number; year: number; state: ReportState; basis: 'records' | 'manual'; sentence_edits: Record<string, SentenceEdit>;
  manual_cells: Record<string, ManualCell>; canonical: AnnualReport; findings: Finding[]; version: number; round: number;
  submitted_on: IsoDate | null; accepted_on: IsoDate | null; published_on: IsoDate | null; catalog_item_id: number | null;
};
const toReport = (r: Row): StoredReport => ({
  id: r.id, agencyId: r.agency_id, year: r.year, state: r.state, basis: r.basis, sentenceEdits: r.sentence_edits, manualCells: r.manual_cells,
  canonical: r.canonical, findings: r.findings, version: r.version, round: r.round, submittedOn: r.submitted_on, acceptedOn: r.accepted_on,
  publishedOn: r.published_on, catalogItemId: r.catalog_item_id,
});

/** The agency's report of the year (locked for the transaction when `lock`). */
export async function findReport(db: Queryable, agencyId: number, year: number, lock = false): Promise<StoredReport | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM annual_reports WHERE agency_id = $1 AND year = $2${lock ? ' FOR UPDATE' : ''}`, [agencyId, year]);
  return rows[0] && toReport(rows[0]);
}

/** Stores a new report (a concurrent first save of the same year keeps the first: the caller then reads it). */
export async function insertReport(db: Queryable, r: { agencyId: number; year: number; basis: 'records' | 'manual'; canonical: AnnualReport; findings: Finding[] }): Promise<void> {
  await db.query(
    `INSERT INTO annual_reports (agency_id, year, basis, canonical, findings, errors, warnings) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (agency_id, year) DO NOTHING`,
    [r.agencyId, r.year, r.basis, JSON.stringify(r.canonical), JSON.stringify(r.findings), count(r.findings, 'error'), count(r.findings, 'warning')]);
}

const count = (findings: readonly Finding[], severity: 'error' | 'warning') => findings.filter((f) => f.severity === severity).length;

/** What a change writes back. */
export interface ReportChange {
  state?: ReportState;
  basis?: 'records' | 'manual';
  sentenceEdits?: Record<string, SentenceEdit>;
  manualCells?: Record<string, ManualCell>;
  canonical?: AnnualReport;
  findings?: Finding[];
  round?: number;
  submittedOn?: IsoDate | null;
  acceptedOn?: IsoDate | null;
  publishedOn?: IsoDate | null;
  catalogItemId?: number | null;
  /** Bump the version (a staff change); a refreshed draft (the records changed) does not. */
  bump?: boolean;
}

/** Writes a change to the report. */
export async function updateReport(db: Queryable, id: number, change: ReportChange): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  const set = (column: string, value: unknown) => { values.push(value); sets.push(`${column} = $${values.length}`); };
  if (change.state !== undefined) set('state', change.state);
  if (change.basis !== undefined) set('basis', change.basis);
  if (change.sentenceEdits !== undefined) set('sentence_edits', JSON.stringify(change.sentenceEdits));
  if (change.manualCells !== undefined) set('manual_cells', JSON.stringify(change.manualCells));
  if (change.canonical !== undefined) { set('canonical', JSON.stringify(change.canonical)); sets.push('drafted_at = now()'); }
  if (change.findings !== undefined) {
    set('findings', JSON.stringify(change.findings));
    set('errors', count(change.findings, 'error'));
    set('warnings', count(change.findings, 'warning'));
  }
  if (change.round !== undefined) set('round', change.round);
  if (change.submittedOn !== undefined) set('submitted_on', change.submittedOn);
  if (change.acceptedOn !== undefined) set('accepted_on', change.acceptedOn);
  if (change.publishedOn !== undefined) set('published_on', change.publishedOn);
  if (change.catalogItemId !== undefined) set('catalog_item_id', change.catalogItemId);
  if (change.bump) sets.push('version = version + 1');
  if (sets.length > 0) await db.query(`UPDATE annual_reports SET ${sets.join(', ')} WHERE id = $1`, values);
}

/** One event of a report's history. */
export interface ReportEvent {
  type: string;
  actorLabel: string;
  note: string | null;
  at: Date;
}

export async function insertEvent(db: Queryable, reportId: number, e: { type: string; actorId: number | null; actorLabel: string; note?: string | null }): Promise<void> {
  await db.query('INSERT INTO annual_report_events (report_id, type, actor_id, actor_label, note) VALUES ($1, $2, $3, $4, $5)',
    [reportId, e.type, e.actorId, e.actorLabel, e.note ?? null]);
}

export async function listEvents(db: Queryable, reportId: number): Promise<ReportEvent[]> {
  const { rows } = await db.query<{ type: string; actor_label: string; note: string | null; at: Date }>(
    'SELECT type, actor_label, note, at FROM annual_report_events WHERE report_id = $1 ORDER BY id', [reportId]);
  return rows.map((r) => ({ type: r.type, actorLabel: r.actor_label, note: r.note, at: r.at }));
}

/** A reviewer's comment at a cell or section. */
export interface ReviewComment {
  id: number;
  round: number;
  target: string;
  text: string;
  authorLabel: string;
  createdAt: Date;
}

export async function insertComment(db: Queryable, c: { reportId: number; round: number; target: string; text: string; authorId: number | null; authorLabel: string }): Promise<void> {
  await db.query('INSERT INTO annual_report_comments (report_id, round, target, text, author_id, author_label) VALUES ($1, $2, $3, $4, $5, $6)',
    [c.reportId, c.round, c.target, c.text, c.authorId, c.authorLabel]);
}

export async function listComments(db: Queryable, reportId: number): Promise<ReviewComment[]> {
  const { rows } = await db.query<{ id: number; round: number; target: string; text: string; author_label: string; created_at: Date }>(
    'SELECT id::int, round, target, text, author_label, created_at FROM annual_report_comments WHERE report_id = $1 ORDER BY id', [reportId]);
  return rows.map((r) => ({ id: r.id, round: r.round, target: r.target, text: r.text, authorLabel: r.author_label, createdAt: r.created_at }));
}

/** A published version (1: the first publication; 2…: corrections). */
export interface PublishedVersion {
  versionNo: number;
  canonical: AnnualReport;
  publishedOn: IsoDate;
  correction: string | null;
  publishedBy: string;
}

export async function insertVersion(db: Queryable, reportId: number, v: Omit<PublishedVersion, 'versionNo'>): Promise<number> {
  const { rows } = await db.query<{ version_no: number }>(
    `INSERT INTO annual_report_versions (report_id, version_no, canonical, published_on, correction, published_by)
     SELECT $1, coalesce(max(version_no), 0) + 1, $2, $3, $4, $5 FROM annual_report_versions WHERE report_id = $1
     RETURNING version_no`, [reportId, JSON.stringify(v.canonical), v.publishedOn, v.correction, v.publishedBy]);
  return rows[0]!.version_no;
}

export async function listVersions(db: Queryable, reportId: number): Promise<PublishedVersion[]> {
  const { rows } = await db.query<{ version_no: number; canonical: AnnualReport; published_on: IsoDate; correction: string | null; published_by: string }>(
    `SELECT version_no, canonical, to_char(published_on, 'YYYY-MM-DD') AS published_on, correction, published_by
       FROM annual_report_versions WHERE report_id = $1 ORDER BY version_no`, [reportId]);
  return rows.map((r) => ({ versionNo: r.version_no, canonical: r.canonical, publishedOn: r.published_on, correction: r.correction, publishedBy: r.published_by }));
}

/** The newest published version of an agency's year (for the next year's cross-year rules and the portal). */
export async function latestPublished(db: Queryable, agencyId: number, year: number): Promise<PublishedVersion | undefined> {
  const report = await db.query<{ id: number }>('SELECT id::int FROM annual_reports WHERE agency_id = $1 AND year = $2', [agencyId, year]);
  if (!report.rows[0]) return undefined;
  return (await listVersions(db, report.rows[0].id)).at(-1);
}

/** The newest published version of each agency's year (agencies without one are absent). */
export async function latestPublishedOf(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, AnnualReport>> {
  const { rows } = await db.query<{ agency_id: number; canonical: AnnualReport }>(
    `SELECT DISTINCT ON (r.agency_id) r.agency_id::int, v.canonical
       FROM annual_reports r JOIN annual_report_versions v ON v.report_id = r.id
      WHERE r.agency_id = ANY($1::bigint[]) AND r.year = $2
      ORDER BY r.agency_id, v.version_no DESC`, [agencyIds, year]);
  return new Map(rows.map((r) => [r.agency_id, r.canonical]));
}
