/**
 * Importing a year's ledger (登记台账) of an agency moving onto the platform: every row is checked as
 * the API checks an application, and its steps run through the same lifecycle rules (`check`) as an
 * operator who is 负责人 and 审核人 — so a reply is recorded as delivered on its date (`asRecorded` with
 * no actor). All rows are checked before any is stored; then all are stored in one transaction, or none.
 */
import type { IsoDate } from '../law/dates.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { can } from '../platform/accounts/core/roles.ts';
import { getAgency } from '../platform/accounts/store.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { parseLedgerRow, type FieldProblem, type LedgerRow } from './input.ts';
import type { LedgerLine } from './ledger-files.ts';
import { asRecorded, check, checkIntake, initialState, transition, type CaseState } from './lifecycle.ts';
import { CASE_EVENT_LABELS, type Actor, type Intake } from './model.ts';
import { appealDateProblems, foldOf, insertWithCodes, newTrackingCode, sealApplicantId, todayIn, type Clock } from './service.ts';
import * as store from './store.ts';

/** One refused row: its line (or sheet row), the field, why. */
export interface LedgerProblem {
  line: number;
  field: string | null;
  message: string;
}

/** What an import did: every row stored, or the problems and nothing stored. */
export type LedgerOutcome =
  | { ok: true; agencyId: number; imported: { line: number; id: number; trackingCode: string }[] }
  | { ok: false; agencyId: number; rows: number; problems: LedgerProblem[] };

/** The importing operator as the lifecycle sees them: 负责人 and 审核人 (a ledger records what was done). */
const LEDGER_ACTOR: Actor = { personId: 0, isHead: true, isReviewer: true };

/** Rows stored per statement. */
const CHUNK = 2_000;

interface CheckedRow {
  line: number;
  row: LedgerRow;
  intake: Intake;
  state: CaseState;
}

/** Checks one parsed row: its dates against today, its steps by the lifecycle, its appeals' dates. */
function runRow(row: LedgerRow, today: IsoDate, calendar: Parameters<typeof check>[4]): { state: CaseState; intake: Intake } | FieldProblem[] {
  const intake: Intake = { applicantKind: row.intake.applicant.kind, channel: row.channel, submitted: row.submitted, confirmed: row.confirmed };
  const problems: FieldProblem[] = [];
  if (row.submitted > today) problems.push({ field: 'submitted', message: `提交日期：${row.submitted} 晚于今天（${today}）` });
  if (row.confirmed && row.confirmed > today) problems.push({ field: 'confirmed', message: `收到申请之日：${row.confirmed} 晚于今天（${today}）` });
  const intakeCheck = checkIntake(intake);
  if (!intakeCheck.ok) problems.push({ field: 'confirmed', message: `收到申请之日：${intakeCheck.message}` });
  if (problems.length > 0) return problems;
  let state = initialState(intake);
  for (const [i, event] of row.events.entries()) {
    const verdict = check(state, event, LEDGER_ACTOR, today, calendar);
    if (!verdict.ok) return [{ field: `events[${i}]`, message: `办理过程第 ${i + 1} 项（${CASE_EVENT_LABELS[event.type]}，${event.date}）：${verdict.message}` }];
    state = transition(state, { event: asRecorded(event, null), by: null });
  }
  for (const [i, appeal] of row.appeals.entries()) {
    for (const p of appealDateProblems(appeal.filedOn, appeal.decidedOn, row.submitted, today)) {
      problems.push({ field: `appeals[${i}].${p.field}`, message: `行政复议、行政诉讼第 ${i + 1} 项的${p.message}` });
    }
  }
  return problems.length > 0 ? problems : { state, intake };
}

/**
 * Imports the rows of a ledger for an agency (by the command line, or a person with 'records.write'
 * on it). Resolves to the stored cases, or to every problem (each with its line) and nothing stored.
 */
export async function importLedger(services: Services, acting: Acting, agencyId: number, lines: readonly LedgerLine[], clock: Clock = Date.now): Promise<LedgerOutcome> {
  const { db } = services;
  const agency = await getAgency(db, agencyId);
  if (!agency || agency.closedAt) throw new NotFoundError('application.agency_not_found', `没有编号为 ${agencyId} 的机关（或已撤销）。`, { fields: [{ field: 'agency', message: '没有这个机关' }] });
  if (acting.grants !== null && !can(acting.grants, 'records.write', agencyId)) {
    throw new ForbiddenError('application.needs_write', '导入台账需要本机关的经办人或负责人角色。');
  }
  const today = todayIn(clock);
  const calendar = await store.loadCalendar(db);
  const problems: LedgerProblem[] = [];
  const checked: CheckedRow[] = [];
  const refs = new Map<string, number>();
  for (const line of lines) {
    if ('error' in line) {
      problems.push({ line: line.line, field: null, message: line.error });
      continue;
    }
    const parsed = parseLedgerRow(line.value, today);
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ line: line.line, field: p.field || null, message: p.message })));
      continue;
    }
    const ref = parsed.value.ref;
    if (ref !== null) {
      const first = refs.get(ref);
      if (first !== undefined) problems.push({ line: line.line, field: 'ref', message: `登记编号：“${ref}”与第 ${first} 行重复` });
      else refs.set(ref, line.line);
    }
    const run = runRow(parsed.value, today, calendar);
    if (Array.isArray(run)) problems.push(...run.map((p) => ({ line: line.line, field: p.field, message: p.message })));
    else checked.push({ line: line.line, row: parsed.value, ...run });
  }
  const taken = await store.existingLedgerRefs(db, agencyId, [...refs.keys()]);
  for (const ref of taken) problems.push({ line: refs.get(ref)!, field: 'ref', message: `登记编号：“${ref}”已经导入过（本机关已有这件申请）` });
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    return { ok: false, agencyId, rows: lines.length, problems };
  }

  const rows: store.NewApplication[] = [];
  for (const c of checked) {
    const sealed = await sealApplicantId(services, c.row.intake.applicant.idNumber);
    const a = c.row.intake.applicant;
    rows.push({
      agencyId, trackingCode: newTrackingCode(), applicantKind: a.kind, applicantName: a.name, idType: a.idType,
      idNumberCipher: sealed.cipher, idLookup: sealed.lookup, phone: a.phone, address: a.address, email: a.email,
      description: c.row.intake.description, purpose: c.row.intake.purpose, provision: c.row.intake.provision, delivery: c.row.intake.delivery,
      channel: c.intake.channel, submitted: c.intake.submitted, confirmed: c.intake.confirmed, ledgerRef: c.row.ref, handlerId: null,
      ...foldOf(c.state, calendar), createdBy: acting.actor.kind === 'person' ? acting.actor.personId : null,
    });
  }
  const imported = await withTransaction(db, async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK);
      const sliceIds = await insertWithCodes(tx, slice);
      ids.push(...sliceIds);
      const events = checked.slice(i, i + CHUNK).flatMap((c, j) =>
        c.row.events.map((event, k) => ({ applicationId: sliceIds[j]!, seq: k + 1, event: asRecorded(event, null), by: null })));
      for (let e = 0; e < events.length; e += CHUNK) await store.insertEvents(tx, events.slice(e, e + CHUNK));
      const appeals = checked.slice(i, i + CHUNK).flatMap((c, j) =>
        c.row.appeals.map((a) => ({ applicationId: sliceIds[j]!, agencyId, ...a, createdBy: null })));
      await store.insertAppeals(tx, appeals);
    }
    await writeAudit(tx, {
      actor: acting.actor, action: 'application.import', subject: `agency:${agencyId}`, agencyId, ip: acting.ip,
      details: { rows: rows.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null },
    });
    return ids;
  });
  return { ok: true, agencyId, imported: checked.map((c, i) => ({ line: c.line, id: imported[i]!, trackingCode: rows[i]!.trackingCode })) };
}
