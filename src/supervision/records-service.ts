/**
 * The supervision records' use-cases (issue 19 §4): record and change 培训, “5·15” events and 咨询/建议
 * (the agency's 经办人 or 负责人: 'records.write'), 检查 and the problems found (the supervising office:
 * 'reports.review' on the inspected agency, which a 监督员 holds on every agency under its government),
 * and the 整改 of a problem (the agency's staff again); read an agency's records of a year. Each checks
 * who acts (403 in one's own agency, 404 elsewhere: another agency's records do not exist for them),
 * owns its transaction, writes the audit log in it, and refuses a change to a record changed
 * meanwhile (409).
 */
import type { IsoDate } from '../law/dates.ts';
import { can, type Permission } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { getAgency } from '../platform/accounts/store.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { RECORD_KINDS, type Inspection, type RecordKind, type YearRecords } from './core/records.ts';
import { fieldProblem, invalid, parseRecordInput, type InputOf } from './records-input.ts';
import * as store from './records-store.ts';

/** Who may record each kind on an agency. */
export const WRITE_PERMISSION: Record<RecordKind | 'finding' | 'rectification', Permission> = {
  training: 'records.write', publicDay: 'records.write', consultation: 'records.write', rectification: 'records.write',
  inspection: 'reports.review', finding: 'reports.review',
};

/** What a refusal says, per permission, to someone of the agency who lacks it. */
const NEEDS: Record<string, string> = {
  'records.write': '记录培训、政务公开日活动、咨询建议和整改情况需要本机关的经办人或负责人角色：请联系本机关的管理员。',
  'reports.review': '检查及其发现的问题由上级人民政府的政务公开监督员记录。',
};

const personIdOf = (acting: Acting): number | null => (acting.actor.kind === 'person' ? acting.actor.personId : null);

/** The 404 of a record or agency the person may not see (or that does not exist). */
export const recordNotFound = () => new NotFoundError('supervision.not_found', '没有找到这条记录（或您无权查看）。');

/** Refuses `permission` on the agency: 403 in one's own agency (a role lacking), 404 elsewhere. */
export function requireOn(acting: Acting, permission: Permission, agencyId: number): void {
  if (acting.grants === null || can(acting.grants, permission, agencyId)) return;
  if (acting.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId))) {
    throw new ForbiddenError('supervision.forbidden', NEEDS[permission] ?? '您没有办理这项工作的权限。');
  }
  throw recordNotFound();
}

/** May the person use `permission` on the agency (for the links a page offers)? */
export const mayOn = (acting: Acting, permission: Permission, agencyId: number): boolean => acting.grants === null || can(acting.grants, permission, agencyId);

const stale = () => new ConflictError('supervision.stale', '这条记录已被他人修改，请刷新页面后重新填写。');
const subjectOf = (kind: string, id: number) => `supervision_${kind}:${id}`;

/** An open agency (records are not added to an agency that is no more). */
async function openAgency(db: Queryable, agencyId: number): Promise<void> {
  const agency = await getAgency(db, agencyId);
  if (!agency) throw recordNotFound();
  if (agency.closedAt) throw new ConflictError('supervision.agency_closed', '这个机关已撤销，不能再添加记录。');
}

/** Parses or throws the 422 naming each field. */
function parsed<K extends keyof InputOf>(kind: K, raw: unknown, today: IsoDate, edit: boolean): InputOf[K] & { version?: number } {
  const result = parseRecordInput(kind, raw, { today, edit });
  if (!result.ok) throw invalid(result.problems);
  return result.value;
}

/** The changed fields of a record: `{ before, after }` of each that differs. */
function changes(before: Record<string, unknown>, after: object): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const next = after as Record<string, unknown>;
  const keys = Object.keys(next).filter((k) => before[k] !== next[k]);
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, next[k]])) };
}

const withoutVersion = <T extends { version?: number }>(value: T): Omit<T, 'version'> => {
  const { version: _, ...rest } = value;
  return rest;
};

/** Records a 培训, 检查, “5·15” event or 咨询/建议 of the agency; its id. */
export async function addRecord(services: Services, acting: Acting, kind: RecordKind, agencyId: number, raw: unknown, clock: Clock = Date.now): Promise<{ id: number }> {
  requireOn(acting, WRITE_PERMISSION[kind], agencyId);
  const input = withoutVersion(parsed(kind, raw, todayIn(clock) as IsoDate, false));
  return withTransaction(services.db, async (tx) => {
    await openAgency(tx, agencyId);
    const id = await store.insertRow(tx, kind, agencyId, input as store.FieldsOf[typeof kind], personIdOf(acting));
    await writeAudit(tx, { actor: acting.actor, action: `supervision.${kind}.add`, subject: subjectOf(kind, id), agencyId, details: { after: input }, ip: acting.ip });
    return { id };
  });
}

/** Changes a record (the body carries the `version` the person saw). */
export async function editRecord(services: Services, acting: Acting, kind: RecordKind, id: number, raw: unknown, clock: Clock = Date.now): Promise<void> {
  const agencyId = await store.ownerOf(services.db, kind, id);
  if (agencyId === undefined) throw recordNotFound();
  requireOn(acting, 'records.read', agencyId);
  requireOn(acting, WRITE_PERMISSION[kind], agencyId);
  const { version, ...input } = parsed(kind, raw, todayIn(clock) as IsoDate, true);
  await withTransaction(services.db, async (tx) => {
    const before = await store.getRow(tx, kind, id, true);
    if (!before) throw recordNotFound();
    if (kind === 'inspection') await checkFindingsAfter(tx, id, (input as InputOf['inspection']).inspectedOn);
    const after = await store.updateRow(tx, kind, id, version!, input as Partial<store.FieldsOf[typeof kind]>);
    if (!after) throw stale();
    await writeAudit(tx, { actor: acting.actor, action: `supervision.${kind}.edit`, subject: subjectOf(kind, id), agencyId, details: changes(before as unknown as Record<string, unknown>, input), ip: acting.ip });
  });
}

/** An inspection moved after a finding's deadline or rectification would make the record say nonsense. */
async function checkFindingsAfter(db: Queryable, inspectionId: number, inspectedOn: IsoDate): Promise<void> {
  const findings = await store.findingsOf(db, [inspectionId]);
  const earliest = findings.map((f) => f.deadline).sort()[0];
  if (earliest !== undefined && earliest < inspectedOn) throw invalid([fieldProblem('inspection', 'inspectedOn', `不能晚于已记录问题的整改期限（${earliest}）`)]);
}

/** The inspection a finding is recorded on, for the supervising office (404 elsewhere, 403 to the agency's staff). */
async function inspectionFor(db: Queryable, acting: Acting, inspectionId: number, permission: Permission): Promise<Inspection> {
  const inspection = await store.getInspection(db, inspectionId);
  if (!inspection) throw recordNotFound();
  requireOn(acting, 'records.read', inspection.agencyId);
  requireOn(acting, permission, inspection.agencyId);
  return inspection;
}

/** Records a problem an inspection found, with its 整改期限 (not before the inspection). */
export async function addFinding(services: Services, acting: Acting, inspectionId: number, raw: unknown, clock: Clock = Date.now): Promise<{ id: number }> {
  const inspection = await inspectionFor(services.db, acting, inspectionId, 'reports.review');
  const input = withoutVersion(parsed('finding', raw, todayIn(clock) as IsoDate, false));
  if (input.deadline < inspection.inspectedOn) throw invalid([fieldProblem('finding', 'deadline', `不能早于检查日期（${inspection.inspectedOn}）`)]);
  return withTransaction(services.db, async (tx) => {
    const id = await store.insertRow(tx, 'finding', inspectionId, input, personIdOf(acting));
    await writeAudit(tx, { actor: acting.actor, action: 'supervision.finding.add', subject: subjectOf('finding', id), agencyId: inspection.agencyId, details: { inspectionId, after: input }, ip: acting.ip });
    return { id };
  });
}

/** The finding and its inspection, for a person with `permission` on the inspected agency. */
async function findingFor(db: Queryable, acting: Acting, findingId: number, permission: Permission) {
  const finding = await store.getRow(db, 'finding', findingId);
  if (!finding) throw recordNotFound();
  const inspection = await inspectionFor(db, acting, finding.inspectionId, permission);
  return { finding, inspection };
}

/** Changes a problem's text or deadline (the supervising office). */
export async function editFinding(services: Services, acting: Acting, findingId: number, raw: unknown, clock: Clock = Date.now): Promise<void> {
  const { inspection } = await findingFor(services.db, acting, findingId, 'reports.review');
  const { version, ...input } = parsed('finding', raw, todayIn(clock) as IsoDate, true);
  if (input.deadline < inspection.inspectedOn) throw invalid([fieldProblem('finding', 'deadline', `不能早于检查日期（${inspection.inspectedOn}）`)]);
  await withTransaction(services.db, async (tx) => {
    const before = await store.getRow(tx, 'finding', findingId, true);
    if (!before) throw recordNotFound();
    if (!(await store.updateRow(tx, 'finding', findingId, version!, input))) throw stale();
    await writeAudit(tx, { actor: acting.actor, action: 'supervision.finding.edit', subject: subjectOf('finding', findingId), agencyId: inspection.agencyId, details: changes(before as unknown as Record<string, unknown>, input), ip: acting.ip });
  });
}

/**
 * Records a problem's 整改 (已整改, on a day not before the inspection, with what was done), or — with
 * `reopen` — puts it back to 整改中 (a rectification recorded by mistake). The agency's staff.
 */
export async function rectifyFinding(services: Services, acting: Acting, findingId: number, raw: unknown, clock: Clock = Date.now, options: { reopen?: boolean } = {}): Promise<void> {
  const { inspection } = await findingFor(services.db, acting, findingId, WRITE_PERMISSION.rectification);
  let fields: store.FieldsOf['finding'];
  let version: number;
  if (options.reopen) {
    const v = (raw as { version?: unknown } | null)?.version;
    version = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : 0;
    fields = { state: 'open', rectifiedOn: null, rectification: null };
  } else {
    const input = parsed('rectification', raw, todayIn(clock) as IsoDate, true);
    if (input.rectifiedOn < inspection.inspectedOn) throw invalid([fieldProblem('rectification', 'rectifiedOn', `不能早于检查日期（${inspection.inspectedOn}）`)]);
    version = input.version!;
    fields = { state: 'rectified', rectifiedOn: input.rectifiedOn, rectification: input.rectification };
  }
  await withTransaction(services.db, async (tx) => {
    const before = await store.getRow(tx, 'finding', findingId, true);
    if (!before) throw recordNotFound();
    if (!(await store.updateRow(tx, 'finding', findingId, version, fields))) throw stale();
    await writeAudit(tx, {
      actor: acting.actor, action: options.reopen ? 'supervision.finding.reopen' : 'supervision.finding.rectify', subject: subjectOf('finding', findingId),
      agencyId: inspection.agencyId, details: changes(before as unknown as Record<string, unknown>, fields), ip: acting.ip,
    });
  });
}

/** The agency's records dated in `year` (one kind, or all), for a reader of the agency. */
export async function yearRecords(services: Services, acting: Acting, agencyId: number, year: number, kind?: RecordKind): Promise<YearRecords> {
  requireOn(acting, 'records.read', agencyId);
  return store.recordsOfYear(services.db, agencyId, year, kind ? [kind] : RECORD_KINDS);
}

/** One record, for a reader of its agency (404 otherwise). */
export async function getRecord<K extends RecordKind>(services: Services, acting: Acting, kind: K, id: number) {
  const row = kind === 'inspection' ? await store.getInspection(services.db, id) : await store.getRow(services.db, kind, id);
  if (!row) throw recordNotFound();
  requireOn(acting, 'records.read', row.agencyId);
  return row as K extends 'inspection' ? Inspection : NonNullable<Awaited<ReturnType<typeof store.getRow<K>>>>;
}

/** A finding with its inspection, for a reader of the inspected agency. */
export async function getFinding(services: Services, acting: Acting, findingId: number) {
  return findingFor(services.db, acting, findingId, 'records.read');
}
