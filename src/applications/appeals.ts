/**
 * 行政复议 and 行政诉讼 against a case (table 四): recorded already decided or pending, then decided;
 * each in the case's locked transaction with its audit row.
 */
import { writeAudit } from '../platform/audit/audit-log.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import type { IsoDate } from '../law/dates.ts';
import type { CaseView } from './case-view.ts';
import { parseInput, type FieldProblem } from './input-fields.ts';
import { appealDecisionSchema, appealSchema } from './step-input.ts';
import { caseNotFound, invalid, mayContact, personIdOf, requireStep, todayIn, viewOf, type Clock } from './service.ts';
import * as store from './store.ts';

/** Records a 行政复议 or 行政诉讼 against a case (already decided, or pending). */
export async function recordAppeal(services: Services, acting: Acting, id: number, raw: unknown, clock: Clock = Date.now): Promise<CaseView> {
  const parsed = parseInput(appealSchema, raw, '复议诉讼');
  if (!parsed.ok) throw invalid(parsed.problems);
  const appeal = parsed.value;
  const today = todayIn(clock);
  const { db } = services;
  const record = await withTransaction(db, async (tx) => {
    const locked = await store.lockApplication(tx, id);
    if (!locked) throw caseNotFound(id);
    requireStep(acting, locked.agencyId, id, 'appeal');
    const problems = appealDateProblems(appeal.filedOn, appeal.decidedOn, locked.submitted, today);
    if (problems.length > 0) throw invalid(problems);
    const [stored] = await store.insertAppeals(tx, [{ applicationId: id, agencyId: locked.agencyId, ...appeal, createdBy: personIdOf(acting) }]);
    await writeAudit(tx, {
      actor: acting.actor, action: 'application.appeal', subject: `application:${id}`, agencyId: locked.agencyId, ip: acting.ip,
      details: { appealId: stored!.id, kind: appeal.kind, filedOn: appeal.filedOn, decidedOn: appeal.decidedOn, result: appeal.result },
    });
    return locked;
  });
  return viewOf(db, record, mayContact(acting, record.agencyId));
}

/** The dates of an appeal against its case and today. */
export function appealDateProblems(filedOn: IsoDate, decidedOn: IsoDate | null, submitted: IsoDate, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (filedOn < submitted) problems.push({ field: 'filedOn', message: `提起日期：${filedOn} 早于申请的提交日期 ${submitted}` });
  if (filedOn > today) problems.push({ field: 'filedOn', message: `提起日期：${filedOn} 晚于今天（${today}）` });
  if (decidedOn !== null && decidedOn > today) problems.push({ field: 'decidedOn', message: `审结日期：${decidedOn} 晚于今天（${today}）` });
  return problems;
}

/** Records the decision of a pending appeal (结果维持、纠正、其他). */
export async function decideAppeal(services: Services, acting: Acting, id: number, appealId: number, raw: unknown, clock: Clock = Date.now): Promise<CaseView> {
  const parsed = parseInput(appealDecisionSchema, raw, '审结');
  if (!parsed.ok) throw invalid(parsed.problems);
  const { decidedOn, result } = parsed.value;
  const { db } = services;
  const record = await withTransaction(db, async (tx) => {
    const locked = await store.lockApplication(tx, id);
    if (!locked) throw caseNotFound(id);
    requireStep(acting, locked.agencyId, id, 'appeal');
    const appeal = await store.lockAppeal(tx, id, appealId);
    if (!appeal) throw new NotFoundError('application.appeal_not_found', `本申请没有编号为 ${appealId} 的复议或诉讼。`, { appealId });
    if (appeal.decidedOn !== null) throw new ConflictError('application.appeal_decided', `这项复议或诉讼已于 ${appeal.decidedOn} 审结。`, { appealId });
    const today = todayIn(clock);
    if (decidedOn < appeal.filedOn) throw invalid([{ field: 'decidedOn', message: `审结日期：${decidedOn} 早于提起日期 ${appeal.filedOn}` }]);
    if (decidedOn > today) throw invalid([{ field: 'decidedOn', message: `审结日期：${decidedOn} 晚于今天（${today}）` }]);
    await store.decideAppeal(tx, appealId, decidedOn, result);
    await writeAudit(tx, {
      actor: acting.actor, action: 'application.appealDecided', subject: `application:${id}`, agencyId: locked.agencyId, ip: acting.ip,
      details: { appealId, decidedOn, result },
    });
    return locked;
  });
  return viewOf(db, record, mayContact(acting, record.agencyId));
}
