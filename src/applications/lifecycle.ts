/**
 * The lifecycle of an application: a pure state machine over its events (第三十条至第三十三条,
 * 第三十六条至第四十二条). `check` says whether an actor may take a step now (and why not, in officials'
 * words); `transition` applies a step already accepted; a case's state is the fold of its events
 * (`replay`). Dates come from `src/law` only (`deadlinesOf`), never computed here.
 */
import type { WorkingCalendar } from '../law/calendar.ts';
import type { IsoDate } from '../law/dates.ts';
import { computeDeadlines, MAX_EXTENSION_WORKING_DAYS, type DeadlineOptions, type DeadlineResult } from '../law/deadlines.ts';
import { OUTCOMES, type OutcomeCode } from '../law/outcomes.ts';
import { CHANNEL_LABELS, needsConfirmation } from '../law/taxonomy.ts';
import { CASE_STATUS_LABELS, CLOSED_STATUSES, type Actor, type CaseEvent, type CaseStatus, type Intake, type RecordedEvent } from './model.ts';

/** The state of a case after its events. */
export interface CaseState {
  intake: Intake;
  status: CaseStatus;
  /** The receipt date of 第三十一条 (null until an online/posted application is confirmed). */
  receiptDate: IsoDate | null;
  correction: { notifiedOn: IsoDate; correctedReceivedOn: IsoDate | null } | null;
  thirdParty: { sentOn: IsoDate; receivedOn: IsoDate; repliedOn: IsoDate | null } | null;
  extensionWorkingDays: number;
  fee: { noticedOn: IsoDate; paidOn: IsoDate | null; amountFen: number | null } | null;
  /** A reply drafted by someone other than a 负责人, on its way through review and sign-off. */
  draft: { outcome: OutcomeCode; date: IsoDate; by: number | null; reviewedBy: number | null; onTheSpot: boolean } | null;
  /** The outcome once replied or withdrawn (withdrawn: 其他处理·其他). */
  outcome: OutcomeCode | null;
  onTheSpot: boolean;
  /** The day the reply was delivered, or the application withdrawn. */
  closedOn: IsoDate | null;
  /** The latest event's date (steps are recorded in order). */
  lastDate: IsoDate;
}

/** Why a step was refused: a conflict with the case's state (409), a fact that cannot be (422), or the actor's role (403). */
export interface Refusal {
  ok: false;
  status: 403 | 409 | 422;
  code: string;
  message: string;
}

export type Check = { ok: true } | Refusal;

const refuse = (status: Refusal['status'], code: string, message: string): Refusal => ({ ok: false, status, code, message });
const conflict = (state: CaseState, step: string) =>
  refuse(409, 'application.illegal_step', `现在不能${step}：本申请的状态是“${CASE_STATUS_LABELS[state.status]}”。`);

/** A case as entered: 当面 applications are received at once; the others when the agency confirms (第三十一条). */
export function initialState(intake: Intake): CaseState {
  const receipt = intake.channel === 'inPerson' ? intake.submitted : intake.confirmed;
  return {
    intake, status: receipt === null ? 'awaitingConfirmation' : 'processing', receiptDate: receipt,
    correction: null, thirdParty: null, extensionWorkingDays: 0, fee: null, draft: null, outcome: null,
    onTheSpot: false, closedOn: null, lastDate: receipt ?? intake.submitted,
  };
}

/** Checks an intake's facts: a receipt date not before submission, and one where the channel needs it to be given later. */
export function checkIntake(intake: Intake): Check {
  if (intake.channel === 'inPerson' && intake.confirmed !== null && intake.confirmed !== intake.submitted) {
    return refuse(422, 'application.bad_dates', '当面提交的申请，提交之日就是收到申请之日：不填确认日期。');
  }
  if (intake.confirmed !== null && intake.confirmed < intake.submitted) {
    return refuse(422, 'application.bad_dates', `收到申请之日（${intake.confirmed}）不能早于提交之日（${intake.submitted}）。`);
  }
  return { ok: true };
}

/** The law's input for this case's deadlines; null before the application is received. */
export function deadlineInputOf(state: CaseState) {
  if (state.receiptDate === null) return null;
  const { intake } = state;
  return {
    channel: intake.channel,
    submitted: intake.submitted,
    confirmed: needsConfirmation(intake.channel) ? state.receiptDate : null,
    onTheSpot: state.onTheSpot,
    correction: state.correction,
    extensionWorkingDays: state.extensionWorkingDays,
    thirdParty: state.thirdParty,
  };
}

/** The case's deadlines from `src/law` (receipt, 补正告知, reply, extended reply, third party); null before receipt. */
export function deadlinesOf(state: CaseState, calendar: WorkingCalendar, options: DeadlineOptions = {}): DeadlineResult | null {
  const input = deadlineInputOf(state);
  return input && computeDeadlines(input, calendar, options);
}

const isOpen = (state: CaseState) => !CLOSED_STATUSES.includes(state.status);
/** Statuses in which the agency is working on the application and may decide. */
const WORKING: readonly CaseStatus[] = ['processing', 'consulting', 'awaitingFee'];

/**
 * May `actor` take `event` now? Dates must follow the case's last step and not be after `today`; each
 * step is allowed only in the statuses the 条例 gives it, by the role it needs.
 */
export function check(state: CaseState, event: CaseEvent, actor: Actor, today: IsoDate, calendar?: WorkingCalendar): Check {
  if (event.date > today) return refuse(422, 'application.future_date', `日期 ${event.date} 晚于今天（${today}）：只能记录已经发生的事。`);
  if (event.date < state.lastDate) {
    return refuse(422, 'application.date_order', `日期 ${event.date} 早于本申请上一步的日期 ${state.lastDate}：请按发生的先后记录。`);
  }
  switch (event.type) {
    case 'confirm':
      if (state.status !== 'awaitingConfirmation') return conflict(state, '确认收到');
      if (event.date < state.intake.submitted) return refuse(422, 'application.bad_dates', `确认日期不能早于提交之日（${state.intake.submitted}）。`);
      return { ok: true };
    case 'correctionRequested':
      if (state.status !== 'processing') return conflict(state, '告知补正');
      if (state.correction) return refuse(409, 'application.second_correction', '本申请已经告知过一次补正：条例规定的是一次性告知（第三十条）。');
      if (state.thirdParty || state.fee || state.extensionWorkingDays > 0) return refuse(409, 'application.late_correction', '已征求意见、延期或收费后不能再告知补正。');
      return { ok: true };
    case 'corrected':
      return state.status === 'awaitingCorrection' ? { ok: true } : conflict(state, '记录收到补正');
    case 'thirdPartySent':
      if (state.status !== 'processing') return conflict(state, '征求第三方意见');
      if (state.thirdParty) return refuse(409, 'application.second_consultation', '本申请已经征求过第三方意见。');
      if (event.receivedOn !== undefined && event.receivedOn < event.date) return refuse(422, 'application.bad_dates', '第三方收到征求意见书之日不能早于发出之日。');
      return { ok: true };
    case 'thirdPartyReplied':
      return state.status === 'consulting' ? { ok: true } : conflict(state, '记录第三方意见');
    case 'extended': {
      if (!WORKING.includes(state.status)) return conflict(state, '延期');
      if (!actor.isHead) return refuse(403, 'application.needs_head', '延长答复期限须经负责人同意（第三十三条第二款）：请由负责人办理。');
      if (state.extensionWorkingDays > 0) return refuse(409, 'application.second_extension', '本申请已经延期过一次。');
      if (!Number.isInteger(event.workingDays) || event.workingDays < 1 || event.workingDays > MAX_EXTENSION_WORKING_DAYS) {
        return refuse(422, 'application.bad_extension', `延长的期限应为 1–${MAX_EXTENSION_WORKING_DAYS} 个工作日（第三十三条第二款）。`);
      }
      const due = calendar ? deadlinesOf(state, calendar, { explain: false })?.replyDue : undefined;
      if (due && event.date > due) return refuse(422, 'application.late_extension', `答复期限已于 ${due} 届满：延期须在期限内决定。`);
      return { ok: true };
    }
    case 'feeNoticed':
      if (state.status !== 'processing') return conflict(state, '发出收费通知');
      if (state.fee) return refuse(409, 'application.second_fee', '本申请已经发出过收费通知。');
      if (event.amountFen !== undefined && (!Number.isSafeInteger(event.amountFen) || event.amountFen <= 0)) {
        return refuse(422, 'application.bad_amount', '收费金额应为正整数（以分计）。');
      }
      return { ok: true };
    case 'feePaid':
      return state.status === 'awaitingFee' ? { ok: true } : conflict(state, '记录缴费');
    case 'replied':
      return checkReply(state, event, actor);
    case 'reviewed':
      if (state.status !== 'awaitingReview') return conflict(state, '审核答复');
      if (!actor.isReviewer && !actor.isHead) return refuse(403, 'application.needs_reviewer', '审核答复须由审核人或负责人办理。');
      if (state.draft?.by === actor.personId) return refuse(403, 'application.own_draft', '不能审核自己起草的答复：请由另一位审核人办理。');
      return { ok: true };
    case 'signed':
      if (state.status !== 'awaitingSignOff') return conflict(state, '签发答复');
      return actor.isHead ? { ok: true } : refuse(403, 'application.needs_head', '签发答复须由负责人办理。');
    case 'delivered':
      return state.status === 'awaitingDelivery' ? { ok: true } : conflict(state, '记录送达');
    case 'withdrawn':
      if (!isOpen(state) || state.status === 'awaitingDelivery') return conflict(state, '记录撤回');
      return { ok: true };
  }
}

function checkReply(state: CaseState, event: Extract<CaseEvent, { type: 'replied' }>, actor: Actor): Check {
  if (!(event.outcome in OUTCOMES)) return refuse(422, 'application.bad_outcome', `未知的办理结果“${String(event.outcome).slice(0, 60)}”。`);
  const label = OUTCOMES[event.outcome].label;
  if (event.outcome === 'otherDisposal.noCorrection') {
    // 视为放弃 (第三十条): only while waiting for a correction that did not come.
    return state.status === 'awaitingCorrection' ? { ok: true } : refuse(409, 'application.outcome_needs_state', `“${label}”只适用于已告知补正、申请人未补正的申请。`);
  }
  if (event.outcome === 'otherDisposal.unpaidFee') {
    return state.status === 'awaitingFee' ? { ok: true } : refuse(409, 'application.outcome_needs_state', `“${label}”只适用于已发出收费通知、申请人未缴费的申请。`);
  }
  if (state.status === 'awaitingCorrection' || state.status === 'awaitingFee') return conflict(state, '答复');
  if (!WORKING.includes(state.status)) return conflict(state, '答复');
  if (state.status === 'consulting') return refuse(409, 'application.consulting', '正在征求第三方意见：请先记录第三方意见（或意见期限届满后记录“未提出意见”）。');
  if (event.outcome === 'unableToProvide.unclearAfterCorrection' && !state.correction?.correctedReceivedOn) {
    return refuse(409, 'application.outcome_needs_state', `“${label}”只适用于补正后申请内容仍不明确的申请。`);
  }
  if (event.onTheSpot && event.date !== state.receiptDate) {
    return refuse(422, 'application.not_on_the_spot', `当场答复只能在收到申请之日（${state.receiptDate ?? '—'}）作出。`);
  }
  if (event.onTheSpot && (state.thirdParty || state.extensionWorkingDays > 0)) return refuse(409, 'application.not_on_the_spot', '征求过意见或延期的申请不是当场答复。');
  void actor;
  return { ok: true };
}

/** Applies a step already checked (or replayed from storage). */
export function transition(state: CaseState, recorded: RecordedEvent): CaseState {
  const { event, by } = recorded;
  const next: CaseState = { ...state, lastDate: event.date > state.lastDate ? event.date : state.lastDate };
  switch (event.type) {
    case 'confirm':
      return { ...next, receiptDate: event.date, status: 'processing' };
    case 'correctionRequested':
      return { ...next, correction: { notifiedOn: event.date, correctedReceivedOn: null }, status: 'awaitingCorrection' };
    case 'corrected':
      return { ...next, correction: { notifiedOn: state.correction?.notifiedOn ?? event.date, correctedReceivedOn: event.date }, status: 'processing' };
    case 'thirdPartySent':
      return { ...next, thirdParty: { sentOn: event.date, receivedOn: event.receivedOn ?? event.date, repliedOn: null }, status: 'consulting' };
    case 'thirdPartyReplied':
      return { ...next, thirdParty: state.thirdParty && { ...state.thirdParty, repliedOn: event.date }, status: 'processing' };
    case 'extended':
      return { ...next, extensionWorkingDays: event.workingDays };
    case 'feeNoticed':
      return { ...next, fee: { noticedOn: event.date, paidOn: null, amountFen: event.amountFen ?? null }, status: 'awaitingFee' };
    case 'feePaid':
      return { ...next, fee: state.fee && { ...state.fee, paidOn: event.date }, status: 'processing' };
    case 'replied': {
      const onTheSpot = event.onTheSpot === true;
      // A 负责人's reply (or a ledger entry) is the reply delivered; anyone else's is a draft for review and sign-off.
      if (event.final === true) return { ...next, outcome: event.outcome, onTheSpot, closedOn: event.date, draft: null, status: 'replied' };
      return { ...next, draft: { outcome: event.outcome, date: event.date, by, reviewedBy: null, onTheSpot }, status: 'awaitingReview' };
    }
    case 'reviewed':
      if (!event.approved) return { ...next, draft: null, status: returnStatus(state) };
      return { ...next, draft: state.draft && { ...state.draft, reviewedBy: by }, status: 'awaitingSignOff' };
    case 'signed':
      return { ...next, status: 'awaitingDelivery' };
    case 'delivered':
      return { ...next, outcome: state.draft?.outcome ?? null, onTheSpot: state.draft?.onTheSpot ?? false, closedOn: event.date, status: 'replied' };
    case 'withdrawn':
      // Table 三 counts a withdrawn application under 其他处理·其他.
      return { ...next, outcome: 'otherDisposal.other', closedOn: event.date, draft: null, status: 'withdrawn' };
  }
}

/** Where a returned draft sends the case back: waiting for a correction or a fee when the draft was about those. */
function returnStatus(state: CaseState): CaseStatus {
  if (state.draft?.outcome === 'otherDisposal.noCorrection') return 'awaitingCorrection';
  if (state.draft?.outcome === 'otherDisposal.unpaidFee') return 'awaitingFee';
  return 'processing';
}

/** A stored case's state: its events applied in order (each was checked when it was recorded). */
export function replay(intake: Intake, events: readonly RecordedEvent[]): CaseState {
  return events.reduce(transition, initialState(intake));
}

/** The step as it is to be stored: a 负责人's reply is final (delivered in one step). */
export function asRecorded(event: CaseEvent, actor: Actor | null): CaseEvent {
  if (event.type !== 'replied') return event;
  const { final: _ignored, ...rest } = event;
  return actor === null || actor.isHead ? { ...rest, final: true } : rest;
}

/** How the channel and dates read in a sentence (the case page's summary). */
export function receiptSentence(state: CaseState): string {
  const channel = CHANNEL_LABELS[state.intake.channel];
  return state.receiptDate === null ? `${channel}提交于 ${state.intake.submitted}，尚未确认收到` : `${channel}提交，收到申请之日 ${state.receiptDate}`;
}
