/**
 * The SQL of the supervision records (migration 0021): each kind's rows of an agency's year, one
 * record, insert and update (under the version the person saw), the agency owning a record, and the
 * facts a year's records give the annual report for many agencies at once (`recordFactsOf`).
 * Snake-case columns are mapped to the core's camelCase types here and nowhere else.
 */
import type { Queryable } from '../platform/db/queryable.ts';
import { NO_RECORD_FACTS, type RecordFacts } from './core/facts.ts';
import type { Consultation, Finding, Inspection, PublicDayEvent, RecordKind, Training, YearRecords } from './core/records.ts';
import type { ConsultationInput, FindingInput, InspectionInput, PublicDayInput, RectificationInput, TrainingInput } from './records-input.ts';

/** The table of each kind (and of findings). */
const TABLES = {
  training: 'supervision_trainings',
  inspection: 'supervision_inspections',
  publicDay: 'supervision_public_days',
  consultation: 'supervision_consultations',
  finding: 'supervision_findings',
} as const;
type StoredKind = keyof typeof TABLES;

/** The date column a kind's year is counted by. */
const DATE_COLUMN: Record<RecordKind, string> = { training: 'held_on', inspection: 'inspected_on', publicDay: 'held_on', consultation: 'received_on' };

const COLUMNS: Record<StoredKind, string> = {
  training: `id::int, agency_id::int AS "agencyId", held_on AS "heldOn", title, attendees, note, version`,
  inspection: `id::int, agency_id::int AS "agencyId", inspected_on AS "inspectedOn", inspector, subject, summary, version`,
  publicDay: `id::int, agency_id::int AS "agencyId", held_on AS "heldOn", title, description, version`,
  consultation: `id::int, agency_id::int AS "agencyId", received_on AS "receivedOn", channel, kind, subject, reply, replied_on AS "repliedOn", version`,
  finding: `id::int, inspection_id::int AS "inspectionId", problem, deadline, state, rectified_on AS "rectifiedOn", rectification, version`,
};

/** What each kind's row holds beyond its id, agency and version. */
interface RowOf {
  training: Training;
  inspection: Omit<Inspection, 'findings'>;
  publicDay: PublicDayEvent;
  consultation: Consultation;
  finding: Finding;
}

/** The fields each kind stores, as the input gives them (camelCase → column). */
export interface FieldsOf {
  training: TrainingInput;
  inspection: InspectionInput;
  publicDay: PublicDayInput;
  consultation: ConsultationInput;
  finding: FindingInput | (RectificationInput & { state: 'rectified' }) | { state: 'open'; rectifiedOn: null; rectification: null };
}

const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const yearBounds = (year: number) => [`${String(year).padStart(4, '0')}-01-01`, `${String(year + 1).padStart(4, '0')}-01-01`];

/** One record of a kind (`lock`: FOR UPDATE, inside a transaction). */
export async function getRow<K extends StoredKind>(db: Queryable, kind: K, id: number, lock = false): Promise<RowOf[K] | undefined> {
  const { rows } = await db.query<RowOf[K]>(`SELECT ${COLUMNS[kind]} FROM ${TABLES[kind]} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

/** Inserts a record of the agency (or a finding of an inspection: `owner` is then the inspection's id); its id. */
export async function insertRow<K extends StoredKind>(db: Queryable, kind: K, owner: number, fields: FieldsOf[K], personId: number | null): Promise<number> {
  const entries = Object.entries(fields);
  const ownerColumn = kind === 'finding' ? 'inspection_id' : 'agency_id';
  const names = [ownerColumn, ...entries.map(([k]) => column(k)), ...(kind === 'finding' ? [] : ['created_by'])];
  const values = [owner, ...entries.map(([, v]) => v), ...(kind === 'finding' ? [] : [personId])];
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO ${TABLES[kind]} (${names.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id::int`,
    values,
  );
  return rows[0]!.id;
}

/** Changes a record if it is still at `version`; the record as it is now, or undefined when it was changed meanwhile. */
export async function updateRow<K extends StoredKind>(db: Queryable, kind: K, id: number, version: number, fields: Partial<FieldsOf[K]>): Promise<RowOf[K] | undefined> {
  const entries = Object.entries(fields);
  const sets = entries.map(([k], i) => `${column(k)} = $${i + 3}`);
  const { rows } = await db.query<RowOf[K]>(
    `UPDATE ${TABLES[kind]} SET ${[...sets, 'version = version + 1', 'updated_at = clock_timestamp()'].join(', ')}
      WHERE id = $1 AND version = $2 RETURNING ${COLUMNS[kind]}`,
    [id, version, ...entries.map(([, v]) => v)],
  );
  return rows[0];
}

/** The agency a record belongs to (a finding: its inspection's), or undefined when there is no such record. */
export async function ownerOf(db: Queryable, kind: StoredKind, id: number): Promise<number | undefined> {
  const sql = kind === 'finding'
    ? 'SELECT i.agency_id::int AS agency_id FROM supervision_findings f JOIN supervision_inspections i ON i.id = f.inspection_id WHERE f.id = $1'
    : `SELECT agency_id::int AS agency_id FROM ${TABLES[kind]} WHERE id = $1`;
  const { rows } = await db.query<{ agency_id: number }>(sql, [id]);
  return rows[0]?.agency_id;
}

/** The findings of some inspections, in the order they were recorded. */
export async function findingsOf(db: Queryable, inspectionIds: readonly number[]): Promise<Finding[]> {
  if (inspectionIds.length === 0) return [];
  const { rows } = await db.query<Finding>(`SELECT ${COLUMNS.finding} FROM supervision_findings WHERE inspection_id = ANY($1::bigint[]) ORDER BY id`, [inspectionIds]);
  return rows;
}

/** An inspection with its findings. */
export async function getInspection(db: Queryable, id: number): Promise<Inspection | undefined> {
  const row = await getRow(db, 'inspection', id);
  return row ? { ...row, findings: await findingsOf(db, [id]) } : undefined;
}

async function rowsOfYear<K extends RecordKind>(db: Queryable, kind: K, agencyId: number, year: number): Promise<RowOf[K][]> {
  const date = DATE_COLUMN[kind];
  const { rows } = await db.query<RowOf[K]>(
    `SELECT ${COLUMNS[kind]} FROM ${TABLES[kind]} WHERE agency_id = $1 AND ${date} >= $2 AND ${date} < $3 ORDER BY ${date}, id`,
    [agencyId, ...yearBounds(year)],
  );
  return rows;
}

/**
 * The agency's records dated in `year` (of the kinds asked, the others empty): exactly the rows
 * `recordFactsOf` counts, oldest first.
 */
export async function recordsOfYear(db: Queryable, agencyId: number, year: number, kinds: readonly RecordKind[]): Promise<YearRecords> {
  const want = (kind: RecordKind) => kinds.includes(kind);
  const [trainings, inspections, publicDays, consultations] = await Promise.all([
    want('training') ? rowsOfYear(db, 'training', agencyId, year) : [],
    want('inspection') ? rowsOfYear(db, 'inspection', agencyId, year) : [],
    want('publicDay') ? rowsOfYear(db, 'publicDay', agencyId, year) : [],
    want('consultation') ? rowsOfYear(db, 'consultation', agencyId, year) : [],
  ]);
  const findings = await findingsOf(db, inspections.map((i) => i.id));
  return {
    trainings, publicDays, consultations,
    inspections: inspections.map((i) => ({ ...i, findings: findings.filter((f) => f.inspectionId === i.id) })),
  };
}

/** Does the agency hold any supervision record at all? */
export async function hasRecords(db: Queryable, agencyId: number): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM supervision_trainings WHERE agency_id = $1) OR EXISTS (SELECT 1 FROM supervision_inspections WHERE agency_id = $1)
         OR EXISTS (SELECT 1 FROM supervision_public_days WHERE agency_id = $1) OR EXISTS (SELECT 1 FROM supervision_consultations WHERE agency_id = $1) AS any`,
    [agencyId],
  );
  return rows[0]?.any ?? false;
}

/**
 * The facts the records of `year` give each agency's report: one aggregate per kind over all the
 * agencies asked (each through its (agency, date) index), every agency answered (NO_RECORD_FACTS when
 * it has none). The same definitions as the core's `summariseRecords` over `recordsOfYear`.
 */
export async function recordFactsOf(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, RecordFacts>> {
  const facts = new Map<number, RecordFacts>(agencyIds.map((id) => [id, NO_RECORD_FACTS]));
  if (agencyIds.length === 0) return facts;
  const { rows } = await db.query<{
    agency_id: number; trainings: number | null; attendees: string | null; inspections: number | null; findings: number | null; rectified: number | null;
    public_days: number | null; consultations: number | null; replied: number | null; hotline: number | null;
  }>(
    `WITH asked AS (SELECT DISTINCT unnest($1::bigint[]) AS agency_id),
     t AS (SELECT agency_id, count(*)::int AS trainings, sum(attendees)::bigint AS attendees
             FROM supervision_trainings WHERE agency_id = ANY($1::bigint[]) AND held_on >= $2 AND held_on < $3 GROUP BY agency_id),
     i AS (SELECT i.agency_id, count(*)::int AS inspections, sum(f.findings)::int AS findings, sum(f.rectified)::int AS rectified
             FROM supervision_inspections i
             CROSS JOIN LATERAL (SELECT count(*) AS findings, count(*) FILTER (WHERE state = 'rectified') AS rectified
                                   FROM supervision_findings WHERE inspection_id = i.id) f
            WHERE i.agency_id = ANY($1::bigint[]) AND i.inspected_on >= $2 AND i.inspected_on < $3 GROUP BY i.agency_id),
     p AS (SELECT agency_id, count(*)::int AS public_days
             FROM supervision_public_days WHERE agency_id = ANY($1::bigint[]) AND held_on >= $2 AND held_on < $3 GROUP BY agency_id),
     c AS (SELECT agency_id, count(*)::int AS consultations, count(*) FILTER (WHERE reply IS NOT NULL)::int AS replied,
                  count(*) FILTER (WHERE channel = 'hotline')::int AS hotline
             FROM supervision_consultations WHERE agency_id = ANY($1::bigint[]) AND received_on >= $2 AND received_on < $3 GROUP BY agency_id)
     SELECT asked.agency_id::int AS agency_id, t.trainings, t.attendees, i.inspections, i.findings, i.rectified, p.public_days, c.consultations, c.replied, c.hotline
       FROM asked LEFT JOIN t USING (agency_id) LEFT JOIN i USING (agency_id) LEFT JOIN p USING (agency_id) LEFT JOIN c USING (agency_id)
      WHERE t.agency_id IS NOT NULL OR i.agency_id IS NOT NULL OR p.agency_id IS NOT NULL OR c.agency_id IS NOT NULL`,
    [agencyIds, ...yearBounds(year)],
  );
  for (const r of rows) {
    const findings = r.findings ?? 0;
    const rectified = r.rectified ?? 0;
    facts.set(r.agency_id, {
      trainings: { count: r.trainings ?? 0, attendees: Number(r.attendees ?? 0) },
      inspections: { count: r.inspections ?? 0, findings, rectified, open: findings - rectified },
      publicDayEvents: { count: r.public_days ?? 0 },
      consultations: { count: r.consultations ?? 0, replied: r.replied ?? 0, hotline: r.hotline ?? 0 },
    });
  }
  return facts;
}
