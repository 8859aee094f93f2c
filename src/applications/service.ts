/**
 * The applications room's use-cases: intake (the public form and staff entry), one lifecycle step at a
 * time, a case with its dates, lists, appeals, and tables 三/四. Each checks who may act (the viewer's
 * roles in the case's agency), owns its transaction, and writes the audit log in it. Every rule of the
 * lifecycle is lifecycle.ts's; every date is src/law's on the app's working calendar (store.ts
 * loadCalendar, the calendar of `gongkai law deadline --db`).
 */
import { randomInt } from 'node:crypto';
import { dayOf, isoOf, type IsoDate } from '../law/dates.ts';
import type { WorkingCalendar } from '../law/calendar.ts';
import { agenciesWhere, can, type ReachingGrant, type Role } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { getAgency, type Agency } from '../platform/accounts/store.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { todayIn as beijingToday, type Clock } from '../platform/clock.ts';
import type { RateLimit } from '../platform/http/rate-limit.ts';
import type { Services } from '../platform/services.ts';
import { checkAttachments, type UploadedFile } from './attachments.ts';
import { insertAttachments } from './attachments-store.ts';
import { toCaseView, toPublicStatus, type CaseView, type PublicStatus } from './case-view.ts';
import { normalizePhone, parseIntake, type FieldProblem, type IntakeInput } from './input.ts';
import { asRecorded, check, checkIntake, deadlinesOf, initialState, replay, transition, type CaseState, type Refusal } from './lifecycle.ts';
import { type Actor, type CaseEvent, type CaseStatus, type Intake } from './model.ts';
import { sealIdNumber } from './personal-data.ts';
import { buildStatisticsReport, type StatisticsReport } from './stats-report.ts';
import { countTable3, countTable4 } from './statistics-store.ts';
import * as store from './store.ts';

export type { Clock } from '../platform/clock.ts';

/** Today in Beijing time (src/platform/clock.ts), as the law's date type. */
export const todayIn = (clock: Clock = Date.now): IsoDate => beijingToday(clock) as IsoDate;

// ---------- Who acts ----------

/** The command line: every right, recorded as `cli:<user>`. */
export const isOperator = (acting: Acting): boolean => acting.grants === null;
export const personIdOf = (acting: Acting): number | null => (acting.actor.kind === 'person' ? acting.actor.personId : null);
const holds = (grants: readonly ReachingGrant[], role: Role, agencyId: number) => grants.some((g) => g.role === role && g.agencyId === agencyId);

/** The actor as the lifecycle sees them in the case's agency: 负责人 and 审核人 from their grants there (the command line is both). */
export function actorIn(acting: Acting, agencyId: number): Actor {
  if (acting.grants === null) return { personId: 0, isHead: true, isReviewer: true };
  return { personId: personIdOf(acting) ?? 0, isHead: holds(acting.grants, 'head', agencyId), isReviewer: holds(acting.grants, 'reviewer', agencyId) };
}

/** May the actor see the applicant's contact details unmasked (the case's 经办人, 审核人, 负责人)? */
export function mayContact(acting: Acting, agencyId: number): boolean {
  return acting.grants === null || (['handler', 'reviewer', 'head'] as const).some((role) => holds(acting.grants!, role, agencyId));
}

export const caseNotFound = (id: number) => new NotFoundError('application.not_found', `没有找到编号为 ${id} 的申请（或您无权查看）。`, { id });

/** Refuses a reader without 'records.read' on the agency (as if the case did not exist). */
function requireRead(acting: Acting, agencyId: number, id: number): void {
  if (acting.grants !== null && !can(acting.grants, 'records.read', agencyId)) throw caseNotFound(id);
}

/**
 * Recording a step needs 'records.write' (经办人、负责人) on the case's agency; a 审核人 may record the
 * review (the lifecycle then checks the role). Another agency's case is not found.
 */
export function requireStep(acting: Acting, agencyId: number, id: number, type: CaseEvent['type'] | 'appeal' | 'assign'): void {
  requireRead(acting, agencyId, id);
  if (acting.grants === null || can(acting.grants, 'records.write', agencyId)) return;
  if (type === 'reviewed') return;
  throw new ForbiddenError('application.needs_write', '办理申请需要本机关的经办人或负责人角色：请联系本机关的管理员。');
}

/** A lifecycle refusal as the error the API and pages show (403, 409 or 422 with the rule's reason). */
export function refusalError(refusal: Refusal, details?: Record<string, unknown>): AppError {
  if (refusal.status === 403) return new ForbiddenError(refusal.code, refusal.message, details);
  if (refusal.status === 409) return new ConflictError(refusal.code, refusal.message, details);
  return new ValidationError(refusal.code, refusal.message, details, 422);
}

/** Problems of an input as a 422 naming each field. */
export function invalid(problems: readonly FieldProblem[], code = 'application.invalid'): ValidationError {
  return new ValidationError(code, problems.map((p) => p.message).join('；'), { fields: problems }, 422);
}

// ---------- Intake ----------

/** Anonymous applications per client address and hour (the form and the API count together): a flood of fake cases would start real deadlines. */
export const applyLimit = (perHour: number): RateLimit => ({ action: 'apply', perWindow: perHour, windowSeconds: 3600, doing: '提交申请' });

/** The tracking code's 30 characters: digits and capitals without 0/O, 1/I/L and U (read aloud, typed from paper). */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new tracking code, e.g. `7KQM-3WZD-P2HX` (59 bits from the system's CSPRNG). */
export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += (i > 0 && i % 4 === 0 ? '-' : '') + TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return code;
}

/** A tracking code as typed (any case, spaces or hyphens anywhere), or undefined when it cannot be one. */
export function normalizeTrackingCode(typed: string): string | undefined {
  const chars = typed.toUpperCase().replace(/[\s\-－—_]/g, '');
  if (chars.length !== 12 || [...chars].some((c) => !TRACKING_ALPHABET.includes(c))) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** The ID number sealed for storage (encrypted, with a keyed hash to find it by); nothing for no number. */
export async function sealApplicantId(services: Services, plain: string | null): Promise<{ cipher: Buffer | null; lookup: string | null }> {
  if (plain === null) return { cipher: null, lookup: null };
  return sealIdNumber(services, plain);
}

/** An open agency, or 404 naming `agencyId`. */
async function openAgency(db: Queryable, agencyId: number): Promise<Agency> {
  const agency = await getAgency(db, agencyId);
  if (!agency || agency.closedAt) {
    const message = `受理机关（agencyId）：没有编号为 ${agencyId} 的机关（或已撤销）`;
    throw new NotFoundError('application.agency_not_found', message, { fields: [{ field: 'agencyId', message }] });
  }
  return agency;
}

/** Who may give the staff fields (channel, dates): the agency's 经办人 or 负责人 ('records.write'), or the command line. */
function requireStaffEntry(acting: Acting, agencyId: number): void {
  if (acting.grants === null || can(acting.grants, 'records.write', agencyId)) return;
  const fields = [{ field: 'channel', message: '提交渠道、提交日期和收到申请之日只能由本机关的工作人员录入' }];
  if (acting.actor.kind !== 'person') {
    throw new AppError('auth.required', '录入提交渠道、提交日期或收到申请之日须由本机关的工作人员登录（API 请在请求头中提供 Authorization: Bearer 令牌）；申请人在网上提交时不填这三项。', { status: 401, details: { fields } });
  }
  if (acting.grants.some((g) => g.reaches.includes(agencyId))) {
    throw new ForbiddenError('application.needs_write', '录入申请需要本机关的经办人或负责人角色：请联系本机关的管理员。', { fields });
  }
  const message = `受理机关（agencyId）：没有编号为 ${agencyId} 的机关（或您无权为它录入申请）`;
  throw new NotFoundError('application.agency_not_found', message, { fields: [{ field: 'agencyId', message }] });
}

/** How the application arrived: the public form is 网络 today, awaiting confirmation; staff say channel and dates. */
function arrivalOf(input: IntakeInput, staff: boolean, today: IsoDate): Intake {
  const { channel, submitted, confirmed } = input.arrival;
  if (!staff) return { applicantKind: input.applicant.kind, channel: 'online', submitted: today, confirmed: null };
  const problems: FieldProblem[] = [];
  if (channel === undefined) problems.push({ field: 'channel', message: '提交渠道：工作人员录入时必须填写（当面、邮寄、平常信函、网络、传真）' });
  const day = submitted ?? today;
  if (day > today) problems.push({ field: 'submitted', message: `提交日期：${day} 晚于今天（${today}）` });
  if (confirmed && confirmed > today) problems.push({ field: 'confirmed', message: `收到申请之日（签收或确认日期）：${confirmed} 晚于今天（${today}）` });
  if (problems.length > 0) throw invalid(problems);
  const intake: Intake = { applicantKind: input.applicant.kind, channel: channel!, submitted: day, confirmed: confirmed ?? null };
  const verdict = checkIntake(intake);
  if (!verdict.ok) throw invalid([{ field: 'confirmed', message: `收到申请之日（签收或确认日期）：${verdict.message}` }], verdict.code);
  return intake;
}

/** The reply due date in force (extended when extended); none before receipt or while 补正 is awaited. A closed case keeps it: lists read it for open cases only. */
export function dueOf(state: CaseState, calendar: WorkingCalendar): IsoDate | null {
  // A closed case keeps the date it was due by: the annual report counts the replies given after it.
  if (state.status === 'awaitingCorrection') return null;
  const dates = deadlinesOf(state, calendar, { explain: false });
  return dates ? (dates.extendedReplyDue ?? dates.replyDue) : null;
}

/** The fold kept on the row. */
export function foldOf(state: CaseState, calendar: WorkingCalendar): store.CaseFold {
  return { status: state.status, receiptDate: state.receiptDate, closedOn: state.closedOn, outcome: state.outcome, dueOn: dueOf(state, calendar) };
}

/** Inserts applications, drawing new tracking codes for any already taken; resolves to their ids in order. */
export async function insertWithCodes(db: Queryable, rows: store.NewApplication[]): Promise<number[]> {
  const ids = new Map<string, number>();
  let pending = rows;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 5) throw new Error('could not draw free tracking codes');
    const inserted = await store.insertApplications(db, pending);
    for (const [code, id] of inserted) ids.set(code, id);
    pending = pending.filter((r) => !inserted.has(r.trackingCode));
    for (const r of pending) r.trackingCode = newTrackingCode();
  }
  return rows.map((r) => ids.get(r.trackingCode)!);
}

/**
 * Takes an application (`POST /api/v1/applications`, the public form, staff entry). Anyone may apply:
 * the application arrives 网络 today and is received when the agency confirms it (第三十一条第三项).
 * The agency's 经办人 or 负责人 may also give `channel`, `submitted` and `confirmed` (an application
 * received in person, by post, fax or letter). `uploads` are the files sent with it (attachments.ts:
 * type by the bytes, sizes, at most 5), stored in the application's transaction. Everything is checked
 * before anything is stored, and every problem (the form's and the files') is named at once.
 */
export async function createApplication(
  services: Services, acting: Acting, raw: unknown, clock: Clock = Date.now, uploads: readonly UploadedFile[] = [],
): Promise<{ id: number; trackingCode: string }> {
  const today = todayIn(clock);
  const parsed = parseIntake(raw, today);
  const files = checkAttachments(uploads, services.config.maxUploadBytes);
  if (!parsed.ok || !files.ok) throw invalid([...(parsed.ok ? [] : parsed.problems), ...(files.ok ? [] : files.problems)]);
  const input = parsed.value;
  const { db } = services;
  await openAgency(db, input.agencyId);
  const staffFields = Object.values(input.arrival).some((v) => v !== undefined);
  if (staffFields) requireStaffEntry(acting, input.agencyId);
  const intake = arrivalOf(input, staffFields, today);
  const calendar = await store.loadCalendar(db);
  const state = initialState(intake);
  const sealed = await sealApplicantId(services, input.applicant.idNumber);
  const personId = personIdOf(acting);
  const handler = personId !== null && acting.grants !== null && (holds(acting.grants, 'handler', input.agencyId) || holds(acting.grants, 'head', input.agencyId)) ? personId : null;
  const row: store.NewApplication = {
    agencyId: input.agencyId, trackingCode: newTrackingCode(), applicantKind: input.applicant.kind, applicantName: input.applicant.name,
    idType: input.applicant.idType, idNumberCipher: sealed.cipher, idLookup: sealed.lookup, phone: input.applicant.phone,
    address: input.applicant.address, email: input.applicant.email, description: input.description, purpose: input.purpose,
    provision: input.provision, delivery: input.delivery, channel: intake.channel, submitted: intake.submitted, confirmed: intake.confirmed,
    ledgerRef: null, handlerId: handler, ...foldOf(state, calendar), createdBy: personId,
  };
  return withTransaction(db, async (tx) => {
    const [id] = await insertWithCodes(tx, [row]);
    await insertAttachments(tx, id!, files.attachments);
    await writeAudit(tx, {
      actor: acting.actor, action: 'application.create', subject: `application:${id!}`, agencyId: input.agencyId, ip: acting.ip,
      details: { channel: intake.channel, applicantKind: intake.applicantKind, submitted: intake.submitted, status: state.status, staffEntry: staffFields, attachments: files.attachments.length },
    });
    return { id: id!, trackingCode: row.trackingCode };
  });
}

// ---------- The case ----------

/** The intake of a stored case. */
export const intakeOf = (r: store.ApplicationRecord): Intake => ({ applicantKind: r.applicantKind, channel: r.channel, submitted: r.submitted, confirmed: r.confirmed });

/** A case as the API and pages show it: state, dates with their explanation, timeline, appeals. */
export async function getCase(services: Services, acting: Acting, id: number): Promise<CaseView> {
  const { db } = services;
  const record = await store.getApplication(db, id);
  if (!record) throw caseNotFound(id);
  requireRead(acting, record.agencyId, id);
  return viewOf(db, record, mayContact(acting, record.agencyId));
}

export async function viewOf(db: Queryable, record: store.ApplicationRecord, contact: boolean): Promise<CaseView> {
  const [events, appeals, calendar] = await Promise.all([store.listEvents(db, record.id), store.listAppeals(db, record.id), store.loadCalendar(db)]);
  const state = replay(intakeOf(record), events);
  return toCaseView({ record, state, events, appeals, dates: deadlinesOf(state, calendar), contact });
}

/**
 * Records one step of a case in one transaction: the case is locked (SELECT … FOR UPDATE), its events
 * replayed, the step checked with the actor's roles in the case's agency and today's date (Beijing),
 * stored, the fold and version written, the audit row added. `expectedVersion` (the version the person
 * saw) refuses a step on a case changed meanwhile (409). Resolves to the case as it now is.
 */
export async function recordEvent(services: Services, acting: Acting, id: number, event: CaseEvent, expectedVersion?: number, clock: Clock = Date.now): Promise<CaseView> {
  const { db } = services;
  const calendar = await store.loadCalendar(db);
  const record = await withTransaction(db, async (tx) => {
    const locked = await store.lockApplication(tx, id);
    if (!locked) throw caseNotFound(id);
    requireStep(acting, locked.agencyId, id, event.type);
    if (expectedVersion !== undefined && expectedVersion !== locked.version) {
      throw new ConflictError('application.stale', '本申请已被他人修改，请刷新后再办理。', { version: locked.version, expectedVersion });
    }
    const events = await store.listEvents(tx, id);
    const state = replay(intakeOf(locked), events);
    const actor = actorIn(acting, locked.agencyId);
    const verdict = check(state, event, actor, todayIn(clock), calendar);
    if (!verdict.ok) throw refusalError(verdict, { type: event.type, status: state.status });
    const recorded = asRecorded(event, actor);
    const by = personIdOf(acting);
    const next = transition(state, { event: recorded, by });
    const seq = events.length + 1;
    await store.insertEvents(tx, [{ applicationId: id, seq, event: recorded, by }]);
    const version = await store.updateFold(tx, id, foldOf(next, calendar));
    const { type, date, ...rest } = recorded;
    await writeAudit(tx, {
      actor: acting.actor, action: `application.${type}`, subject: `application:${id}`, agencyId: locked.agencyId, ip: acting.ip,
      details: { seq, date, ...auditFacts(rest), statusBefore: state.status, statusAfter: next.status, version },
    });
    return { ...locked, version };
  });
  return viewOf(db, record, mayContact(acting, record.agencyId));
}

/** What of a step goes to the audit log: its facts, never free text (a note may name the applicant). */
function auditFacts(rest: Record<string, unknown>): Record<string, unknown> {
  const { note: _note, reasons: _reasons, ...facts } = rest;
  return facts;
}

/** Assigns a case to a handler (经办人 or 负责人 of its agency), or unassigns it (null). */
export async function assignHandler(services: Services, acting: Acting, id: number, handlerId: number | null, expectedVersion?: number): Promise<CaseView> {
  const { db } = services;
  const record = await withTransaction(db, async (tx) => {
    const locked = await store.lockApplication(tx, id);
    if (!locked) throw caseNotFound(id);
    requireStep(acting, locked.agencyId, id, 'assign');
    if (expectedVersion !== undefined && expectedVersion !== locked.version) {
      throw new ConflictError('application.stale', '本申请已被他人修改，请刷新后再办理。', { version: locked.version, expectedVersion });
    }
    if (handlerId !== null) {
      const { rows } = await tx.query('SELECT 1 FROM role_grants WHERE person_id = $1 AND agency_id = $2 AND role IN (\'handler\', \'head\')', [handlerId, locked.agencyId]);
      if (rows.length === 0) throw invalid([{ field: 'handlerId', message: '经办人：所选人员不是本机关的经办人或负责人' }]);
    }
    const version = await store.setHandler(tx, id, handlerId);
    await writeAudit(tx, {
      actor: acting.actor, action: 'application.assign', subject: `application:${id}`, agencyId: locked.agencyId, ip: acting.ip,
      details: { before: { handlerId: locked.handlerId }, after: { handlerId }, version },
    });
    return { ...locked, handlerId, version };
  });
  return viewOf(db, record, mayContact(acting, record.agencyId));
}

// ---------- Lists ----------

/** Filters of `listCases`. */
export interface CaseListFilters {
  agencyId?: number | undefined;
  status?: CaseStatus | undefined;
  open?: boolean | undefined;
  handlerId?: number | undefined;
  /** 'overdue': the reply due date has passed; 'soon': due within 3 working days (today included). */
  due?: 'soon' | 'overdue' | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

/** Working days ahead that make a case “due soon” (the dashboard's amber). */
export const DUE_SOON_WORKING_DAYS = 3;

/** A list row with how urgent it is. */
export interface CaseListItem extends store.CaseSummary {
  urgency: 'overdue' | 'soon' | null;
}

/** The cases the actor may read (their agencies; a supervisor's under their government), filtered. */
export async function listCases(services: Services, acting: Acting, filters: CaseListFilters = {}, clock: Clock = Date.now): Promise<CaseListItem[]> {
  const { db } = services;
  const scope = acting.grants === null ? 'all' : agenciesWhere(acting.grants, 'records.read');
  if (filters.agencyId !== undefined && scope !== 'all' && !scope.includes(filters.agencyId)) return [];
  const today = todayIn(clock);
  const calendar = await store.loadCalendar(db);
  const soonUntil = isoOf(calendar.addWorkingDays(dayOf(today), DUE_SOON_WORKING_DAYS));
  const yesterday = isoOf(dayOf(today) - 1);
  const due = filters.due === 'overdue' ? { dueUntil: yesterday } : filters.due === 'soon' ? { dueFrom: today, dueUntil: soonUntil } : {};
  const rows = await store.listCases(db, {
    scope, agencyId: filters.agencyId, status: filters.status, open: filters.open, handlerId: filters.handlerId, before: filters.before,
    limit: Math.min(Math.max(filters.limit ?? 50, 1), 500), ...due,
  });
  return rows.map((r) => ({
    ...r,
    urgency: r.closedOn !== null || r.dueOn === null ? null : r.dueOn < today ? 'overdue' : r.dueOn <= soonUntil ? 'soon' : null,
  }));
}


// ---------- Appeals (appeals.ts) ----------

export { appealDateProblems, decideAppeal, recordAppeal } from './appeals.ts';

// ---------- Public status ----------

const statusNotFound = () => new NotFoundError('application.status_not_found', '没有找到与这个查询码和联系电话对应的申请：请核对查询码（12 位，如 7KQM-3WZD-P2HX）和申请时填写的联系电话。');

export type { PublicStatus };

/** The status of an application by its tracking code and the phone given with it; the same 404 for a wrong code or a wrong phone. */
export async function publicStatus(services: Services, trackingCode: string, phone: string): Promise<PublicStatus> {
  const { db } = services;
  const code = normalizeTrackingCode(trackingCode);
  const record = code === undefined ? undefined : await store.findByTrackingCode(db, code);
  if (!record || record.phone === null || !samePhone(record.phone, normalizePhone(phone))) throw statusNotFound();
  const [events, calendar, agency] = await Promise.all([store.listEvents(db, record.id), store.loadCalendar(db), getAgency(db, record.agencyId)]);
  const state = replay(intakeOf(record), events);
  return toPublicStatus(record, state, deadlinesOf(state, calendar, { explain: false }), agency?.name ?? '');
}

/** Compares phone numbers digit by digit, in time independent of where they differ. */
function samePhone(stored: string, given: string): boolean {
  const a = Buffer.from(stored.replace(/\D/g, ''));
  const b = Buffer.from(given.replace(/\D/g, ''));
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

// ---------- Statistics ----------

/**
 * Tables 三 and 四 of an agency for a year, counted from its cases (statistics-store.ts), in the
 * canonical report JSON (shared/spec/annual-report.md), 2021 format.
 */
export async function statistics(services: Services, agencyId: number, year: number): Promise<StatisticsReport> {
  const agency = await getAgency(services.db, agencyId);
  if (!agency) throw new NotFoundError('application.agency_not_found', `没有编号为 ${agencyId} 的机关。`, { fields: [{ field: 'agencyId', message: `没有编号为 ${agencyId} 的机关` }] });
  if (!Number.isInteger(year) || year < 2008 || year > 2100) {
    throw new ValidationError('application.bad_year', `年度应在 2008–2100 之间，实际为 ${year}`, { fields: [{ field: 'year', message: `年度应在 2008–2100 之间，实际为 ${year}` }] });
  }
  const [t3, t4] = await Promise.all([countTable3(services.db, [agencyId], year), countTable4(services.db, [agencyId], year)]);
  return buildStatisticsReport({ name: agency.name, kind: agency.kind }, year, t3.get(agencyId)!, t4.get(agencyId)!);
}
