/**
 * Storage of applications, their events and appeals (migration 0008). SQL only, no decisions
 * (service.ts decides); every function takes the database or a transaction first, the caller owns the
 * transaction; snake_case columns become camelCase here, once. Dates travel as 'YYYY-MM-DD' text.
 */
import type { ApplicantKind } from '../law/applicant-kinds.ts';
import type { IsoDate } from '../law/dates.ts';
import type { OutcomeCode } from '../law/outcomes.ts';
import type { Channel } from '../law/taxonomy.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import type { IdType } from './id-numbers.ts';
import type { Delivery, Provision } from './input.ts';
import type { CaseEvent, CaseStatus, RecordedEvent } from './model.ts';
import type { AppealKind, AppealResult } from './statistics.ts';

/** An application as stored. */
export interface ApplicationRecord {
  id: number;
  agencyId: number;
  trackingCode: string;
  applicantKind: ApplicantKind;
  applicantName: string;
  idType: IdType | null;
  idNumberCipher: Buffer | null;
  idLookup: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
  description: string;
  purpose: string | null;
  provision: Provision;
  delivery: Delivery;
  channel: Channel;
  submitted: IsoDate;
  confirmed: IsoDate | null;
  ledgerRef: string | null;
  version: number;
  handlerId: number | null;
  status: CaseStatus;
  receiptDate: IsoDate | null;
  closedOn: IsoDate | null;
  outcome: OutcomeCode | null;
  dueOn: IsoDate | null;
  createdAt: Date;
  createdBy: number | null;
}

/** What is inserted. */
export type NewApplication = Omit<ApplicationRecord, 'id' | 'version' | 'createdAt'>;

/** The fold of the events kept on the row. */
export interface CaseFold {
  status: CaseStatus;
  receiptDate: IsoDate | null;
  closedOn: IsoDate | null;
  outcome: OutcomeCode | null;
  dueOn: IsoDate | null;
}

interface ApplicationRow {
  id: number; agency_id: number; tracking_code: string; applicant_kind: ApplicantKind; applicant_name: string;
  id_type: IdType | null; id_number_cipher: Buffer | null; id_lookup: string | null; phone: string | null;
  address: string | null; email: string | null; description: string; purpose: string | null; provision: Provision;
  delivery: Delivery; channel: Channel; submitted: IsoDate; confirmed: IsoDate | null; ledger_ref: string | null;
  version: number; handler_id: number | null; status: CaseStatus; receipt_date: IsoDate | null; closed_on: IsoDate | null;
  outcome: OutcomeCode | null; due_on: IsoDate | null; created_at: Date; created_by: number | null;
}

const toRecord = (r: ApplicationRow): ApplicationRecord => ({
  id: r.id, agencyId: r.agency_id, trackingCode: r.tracking_code, applicantKind: r.applicant_kind, applicantName: r.applicant_name,
  idType: r.id_type, idNumberCipher: r.id_number_cipher, idLookup: r.id_lookup, phone: r.phone, address: r.address, email: r.email,
  description: r.description, purpose: r.purpose, provision: r.provision, delivery: r.delivery, channel: r.channel,
  submitted: r.submitted, confirmed: r.confirmed, ledgerRef: r.ledger_ref, version: r.version, handlerId: r.handler_id,
  status: r.status, receiptDate: r.receipt_date, closedOn: r.closed_on, outcome: r.outcome, dueOn: r.due_on,
  createdAt: r.created_at, createdBy: r.created_by,
});

/** Columns of an insert, in order, with the value of each from a new application. */
const INSERT_COLUMNS: [string, string, (a: NewApplication) => unknown][] = [
  ['agency_id', 'bigint', (a) => a.agencyId], ['tracking_code', 'text', (a) => a.trackingCode],
  ['applicant_kind', 'text', (a) => a.applicantKind], ['applicant_name', 'text', (a) => a.applicantName],
  ['id_type', 'text', (a) => a.idType], ['id_number_cipher', 'bytea', (a) => a.idNumberCipher], ['id_lookup', 'text', (a) => a.idLookup],
  ['phone', 'text', (a) => a.phone], ['address', 'text', (a) => a.address], ['email', 'text', (a) => a.email],
  ['description', 'text', (a) => a.description], ['purpose', 'text', (a) => a.purpose], ['provision', 'text', (a) => a.provision],
  ['delivery', 'text', (a) => a.delivery], ['channel', 'text', (a) => a.channel], ['submitted', 'date', (a) => a.submitted],
  ['confirmed', 'date', (a) => a.confirmed], ['ledger_ref', 'text', (a) => a.ledgerRef], ['handler_id', 'bigint', (a) => a.handlerId],
  ['status', 'text', (a) => a.status], ['receipt_date', 'date', (a) => a.receiptDate], ['closed_on', 'date', (a) => a.closedOn],
  ['outcome', 'text', (a) => a.outcome], ['due_on', 'date', (a) => a.dueOn], ['created_by', 'bigint', (a) => a.createdBy],
];

/**
 * Inserts applications (one statement per call, arrays unnested); returns the id of each by its
 * tracking code. A tracking code already taken is skipped (ON CONFLICT): the caller gives those rows
 * new codes and inserts them again.
 */
export async function insertApplications(db: Queryable, rows: readonly NewApplication[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const columns = INSERT_COLUMNS.map(([name]) => name).join(', ');
  const unnest = INSERT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const values = INSERT_COLUMNS.map(([, , get]) => rows.map(get));
  const { rows: inserted } = await db.query<{ id: number; tracking_code: string }>(
    `INSERT INTO applications (${columns}) SELECT * FROM unnest(${unnest})
     ON CONFLICT (tracking_code) DO NOTHING RETURNING id, tracking_code`, values);
  return new Map(inserted.map((r) => [r.tracking_code, r.id]));
}

/** An application, or undefined. */
export async function getApplication(db: Queryable, id: number): Promise<ApplicationRecord | undefined> {
  const { rows } = await db.query<ApplicationRow>('SELECT * FROM applications WHERE id = $1', [id]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** An application locked for the rest of the transaction (SELECT … FOR UPDATE): the next change waits. */
export async function lockApplication(db: Queryable, id: number): Promise<ApplicationRecord | undefined> {
  const { rows } = await db.query<ApplicationRow>('SELECT * FROM applications WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** The agency owning an application (the access check of its routes). */
export async function getApplicationAgency(db: Queryable, id: number): Promise<number | undefined> {
  const { rows } = await db.query<{ agency_id: number }>('SELECT agency_id FROM applications WHERE id = $1', [id]);
  return rows[0]?.agency_id;
}

/** An application by its tracking code. */
export async function findByTrackingCode(db: Queryable, code: string): Promise<ApplicationRecord | undefined> {
  const { rows } = await db.query<ApplicationRow>('SELECT * FROM applications WHERE tracking_code = $1', [code]);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** The ledger numbers among `refs` already used by the agency. */
export async function existingLedgerRefs(db: Queryable, agencyId: number, refs: readonly string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const { rows } = await db.query<{ ledger_ref: string }>(
    'SELECT ledger_ref FROM applications WHERE agency_id = $1 AND ledger_ref = ANY($2::text[])', [agencyId, refs]);
  return new Set(rows.map((r) => r.ledger_ref));
}

/** Writes the fold of the events and adds one to the version; resolves to the new version. */
export async function updateFold(db: Queryable, id: number, fold: CaseFold): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `UPDATE applications SET status = $2, receipt_date = $3, closed_on = $4, outcome = $5, due_on = $6, version = version + 1
     WHERE id = $1 RETURNING version`,
    [id, fold.status, fold.receiptDate, fold.closedOn, fold.outcome, fold.dueOn]);
  return rows[0]!.version;
}

/** Assigns the handler; adds one to the version. */
export async function setHandler(db: Queryable, id: number, handlerId: number | null): Promise<number> {
  const { rows } = await db.query<{ version: number }>('UPDATE applications SET handler_id = $2, version = version + 1 WHERE id = $1 RETURNING version', [id, handlerId]);
  return rows[0]!.version;
}

// ---------- Events ----------

/** An event as stored, with its number and when it was recorded. */
export interface StoredEvent extends RecordedEvent {
  seq: number;
  recordedAt: Date;
}

interface EventRow {
  seq: number; type: CaseEvent['type']; date: IsoDate; payload: Record<string, unknown>; by_person: number | null; recorded_at: Date;
}

/** The events of an application, in order. */
export async function listEvents(db: Queryable, applicationId: number): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>(
    'SELECT seq, type, date, payload, by_person, recorded_at FROM application_events WHERE application_id = $1 ORDER BY seq', [applicationId]);
  return rows.map((r) => ({ seq: r.seq, event: { ...r.payload, type: r.type, date: r.date } as CaseEvent, by: r.by_person, recordedAt: r.recorded_at }));
}

/** An event to insert: its case, number, the step, who recorded it. */
export interface NewEvent {
  applicationId: number;
  seq: number;
  event: CaseEvent;
  by: number | null;
}

/** Inserts events (one statement). */
export async function insertEvents(db: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads = events.map(({ event }) => {
    const { type: _type, date: _date, ...payload } = event;
    return JSON.stringify(payload);
  });
  await db.query(
    `INSERT INTO application_events (application_id, seq, type, date, payload, by_person)
     SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::date[], $5::jsonb[], $6::bigint[])`,
    [events.map((e) => e.applicationId), events.map((e) => e.seq), events.map((e) => e.event.type), events.map((e) => e.event.date), payloads, events.map((e) => e.by)]);
}

// ---------- Appeals ----------

/** A 行政复议 or 行政诉讼 as stored. */
export interface AppealRecord {
  id: number;
  applicationId: number;
  agencyId: number;
  kind: AppealKind;
  filedOn: IsoDate;
  decidedOn: IsoDate | null;
  result: AppealResult | null;
  recordedAt: Date;
}

interface AppealRow {
  id: number; application_id: number; agency_id: number; kind: AppealKind; filed_on: IsoDate; decided_on: IsoDate | null;
  result: AppealResult | null; recorded_at: Date;
}

const toAppeal = (r: AppealRow): AppealRecord => ({
  id: r.id, applicationId: r.application_id, agencyId: r.agency_id, kind: r.kind, filedOn: r.filed_on, decidedOn: r.decided_on,
  result: r.result, recordedAt: r.recorded_at,
});

/** What is inserted. */
export type NewAppeal = Omit<AppealRecord, 'id' | 'recordedAt'> & { createdBy: number | null };

/** Inserts appeals (one statement); resolves to them as stored, in order. */
export async function insertAppeals(db: Queryable, appeals: readonly NewAppeal[]): Promise<AppealRecord[]> {
  if (appeals.length === 0) return [];
  const { rows } = await db.query<AppealRow>(
    `INSERT INTO appeals (application_id, agency_id, kind, filed_on, decided_on, result, created_by)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::date[], $5::date[], $6::text[], $7::bigint[])
     RETURNING id, application_id, agency_id, kind, filed_on, decided_on, result, recorded_at`,
    [appeals.map((a) => a.applicationId), appeals.map((a) => a.agencyId), appeals.map((a) => a.kind), appeals.map((a) => a.filedOn),
      appeals.map((a) => a.decidedOn), appeals.map((a) => a.result), appeals.map((a) => a.createdBy)]);
  return rows.map(toAppeal).sort((a, b) => a.id - b.id);
}

/** The appeals of an application, in the order recorded. */
export async function listAppeals(db: Queryable, applicationId: number): Promise<AppealRecord[]> {
  const { rows } = await db.query<AppealRow>('SELECT * FROM appeals WHERE application_id = $1 ORDER BY id', [applicationId]);
  return rows.map(toAppeal);
}

/** An appeal of an application locked for the rest of the transaction. */
export async function lockAppeal(db: Queryable, applicationId: number, appealId: number): Promise<AppealRecord | undefined> {
  const { rows } = await db.query<AppealRow>('SELECT * FROM appeals WHERE id = $1 AND application_id = $2 FOR UPDATE', [appealId, applicationId]);
  return rows[0] ? toAppeal(rows[0]) : undefined;
}

/** Records an appeal's decision. */
export async function decideAppeal(db: Queryable, id: number, decidedOn: IsoDate, result: AppealResult): Promise<AppealRecord> {
  const { rows } = await db.query<AppealRow>('UPDATE appeals SET decided_on = $2, result = $3 WHERE id = $1 RETURNING *', [id, decidedOn, result]);
  return toAppeal(rows[0]!);
}

// ---------- Lists ----------

/** A row of a case list. */
export interface CaseSummary {
  id: number;
  agencyId: number;
  agencyName: string;
  trackingCode: string;
  applicantKind: ApplicantKind;
  applicantName: string;
  status: CaseStatus;
  submitted: IsoDate;
  receiptDate: IsoDate | null;
  dueOn: IsoDate | null;
  closedOn: IsoDate | null;
  outcome: OutcomeCode | null;
  handlerId: number | null;
  version: number;
}

/** Filters of a case list; `dueBefore`/`dueFrom` bound `due_on` of open cases. */
export interface CaseListQuery {
  scope: 'all' | readonly number[];
  agencyId?: number | undefined;
  status?: CaseStatus | undefined;
  open?: boolean | undefined;
  handlerId?: number | undefined;
  dueFrom?: IsoDate | undefined;
  dueUntil?: IsoDate | undefined;
  /** Ids below this one (the next page, newest first); with a due filter, the list is by due date then id. */
  before?: number | undefined;
  limit: number;
}

/** Cases newest first (or by due date when filtered by it), within the scope. */
export async function listCases(db: Queryable, q: CaseListQuery): Promise<CaseSummary[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (q.scope !== 'all') add('a.agency_id = ANY(?::bigint[])', q.scope);
  if (q.agencyId !== undefined) add('a.agency_id = ?', q.agencyId);
  if (q.status !== undefined) add('a.status = ?', q.status);
  if (q.open === true) where.push('a.closed_on IS NULL');
  if (q.open === false) where.push('a.closed_on IS NOT NULL');
  if (q.handlerId !== undefined) add('a.handler_id = ?', q.handlerId);
  const byDue = q.dueFrom !== undefined || q.dueUntil !== undefined;
  if (byDue) where.push('a.closed_on IS NULL AND a.due_on IS NOT NULL');
  if (q.dueFrom !== undefined) add('a.due_on >= ?', q.dueFrom);
  if (q.dueUntil !== undefined) add('a.due_on <= ?', q.dueUntil);
  if (q.before !== undefined) add('a.id < ?', q.before);
  values.push(q.limit);
  const { rows } = await db.query<ApplicationRow & { agency_name: string }>(
    `SELECT a.*, g.name AS agency_name FROM applications a JOIN agencies g ON g.id = a.agency_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${byDue ? 'a.due_on, a.id DESC' : 'a.id DESC'} LIMIT $${values.length}`, values);
  return rows.map((r) => ({
    id: r.id, agencyId: r.agency_id, agencyName: r.agency_name, trackingCode: r.tracking_code, applicantKind: r.applicant_kind,
    applicantName: r.applicant_name, status: r.status, submitted: r.submitted, receiptDate: r.receipt_date, dueOn: r.due_on,
    closedOn: r.closed_on, outcome: r.outcome, handlerId: r.handler_id, version: r.version,
  }));
}

// ---------- The working calendar ----------

/** The app's working calendar (law/edge/calendar-store.ts: the package's years with the imported ones). */
export { loadCalendar } from '../law/edge/index.ts';
