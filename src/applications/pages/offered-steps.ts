/**
 * What the case page offers: the steps a person may take now, asked of the lifecycle (lifecycle.ts
 * `check`) with today's date, and the letters of the case's current step. Pure.
 */
import type { WorkingCalendar } from '../../law/calendar.ts';
import type { IsoDate } from '../../law/dates.ts';
import { OUTCOME_CODES, type OutcomeCode } from '../../law/outcomes.ts';
import { letterKindsForOutcome, type LetterKind } from '../letters/model.ts';
import { check, type CaseState } from '../lifecycle.ts';
import type { Actor, CaseEvent, CaseEventType } from '../model.ts';

/** The steps in the order the page lists them (撤回 last: it is the applicant's, recorded by staff). */
export const STEP_ORDER: readonly CaseEventType[] = [
  'confirm', 'correctionRequested', 'corrected', 'thirdPartySent', 'thirdPartyReplied', 'extended', 'feeNoticed', 'feePaid',
  'replied', 'reviewed', 'signed', 'delivered', 'withdrawn',
];

/** A step of each type as `check` reads it, on `date` (fields with values any form may give). */
export function sampleStep(type: CaseEventType, date: IsoDate, outcome: OutcomeCode = 'granted'): CaseEvent {
  switch (type) {
    case 'extended': return { type, date, workingDays: 1 };
    case 'replied': return { type, date, outcome };
    case 'reviewed': return { type, date, approved: true };
    case 'delivered': return { type, date, method: 'post' };
    default: return { type, date } as CaseEvent;
  }
}

/** A step offered now; a reply with the outcomes it may have. */
export interface OfferedStep {
  type: CaseEventType;
  outcomes?: OutcomeCode[];
}

/**
 * The steps `actor` may take today. `mayWrite`: the person holds 'records.write' on the case's agency
 * (经办人、负责人); without it only the review is theirs (a 审核人). The command line passes true.
 */
export function offeredSteps(state: CaseState, actor: Actor, mayWrite: boolean, today: IsoDate, calendar: WorkingCalendar): OfferedStep[] {
  const offered: OfferedStep[] = [];
  for (const type of STEP_ORDER) {
    if (!mayWrite && type !== 'reviewed') continue;
    if (type === 'replied') {
      const outcomes = OUTCOME_CODES.filter((o) => check(state, sampleStep(type, today, o), actor, today, calendar).ok);
      if (outcomes.length > 0) offered.push({ type, outcomes });
      continue;
    }
    if (check(state, sampleStep(type, today), actor, today, calendar).ok) offered.push({ type });
  }
  return offered;
}

/**
 * The letters of the case's current step, the usual one first: the 补正告知书 while a correction is
 * awaited, the 征求第三方意见书 while consulting, the 收费通知书 while the fee is awaited, the
 * 延期答复告知书 once extended, the reply's letter for a draft or a reply.
 */
export function lettersOfStep(state: CaseState): LetterKind[] {
  switch (state.status) {
    case 'awaitingCorrection': return ['correction'];
    case 'consulting': return ['thirdParty'];
    case 'awaitingFee': return ['fee'];
    case 'awaitingReview': case 'awaitingSignOff': case 'awaitingDelivery':
      return state.draft ? letterKindsForOutcome(state.draft.outcome) : [];
    case 'replied': return state.outcome ? letterKindsForOutcome(state.outcome) : [];
    case 'processing': return state.extensionWorkingDays > 0 ? ['extension'] : [];
    case 'awaitingConfirmation': case 'withdrawn': return [];
  }
}
