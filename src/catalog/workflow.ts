/**
 * The review of an information item before publication (issue 18 §2): a pure state machine.
 *
 *   draft ─submitted→ attributeReview ─attributeReviewed(主动公开)→ secrecyCheck ─secrecyChecked→ signing ─signed→ published
 *                                     └attributeReviewed(依申请公开|不予公开, with reason)→ notPublished
 *   attributeReview | secrecyCheck | signing ─returned(reason)→ draft
 *   published ─withdrawn(reason, 负责人)→ withdrawn;   published ─validityChanged(有效/失效/废止, date)→ published
 *
 * `check` says whether an actor may take a step now, and why not in officials' words (403: the role;
 * 409: the item's state or its author; 422: a fact missing or impossible, such as personal data found
 * and not justified); `transition` applies a step already accepted. Today is a parameter; nothing here
 * reads a clock or storage.
 */
import type { IsoDate } from '../law/dates.ts';
import { describeFindings, type PersonalDataFinding } from './core/personal-data-scan.ts';
import { ATTRIBUTES, EVENT_LABELS, ITEM_STATUS_LABELS, VALIDITY_LABELS, type Attribute, type ItemStatus, type StepType, type Validity } from './model.ts';

/** What the review needs to know of an item: the fold of its events, kept on its row. */
export interface ItemState {
  status: ItemStatus;
  authorId: number | null;
  attribute: Attribute | null;
  attributeReason: string | null;
  /** Why it is published despite personal data found in it (recorded at 保密审查). */
  personalDataJustification: string | null;
  publishedOn: IsoDate | null;
  validity: Validity;
  validityChangedOn: IsoDate | null;
}

/** Who takes a step, as the rules need it: their roles in the item's agency. */
export interface Actor {
  /** null: the command line (an operator, no person). */
  personId: number | null;
  /** 'records.write' (经办人、负责人): drafts, submits, changes validity. */
  mayWrite: boolean;
  /** 审核人: 公开属性审核 and 保密审查. */
  isReviewer: boolean;
  /** 负责人: reviews too, signs off, withdraws. */
  isHead: boolean;
}

/** One step as taken. */
export type Step =
  | { type: 'submitted' }
  | { type: 'returned'; reason: string | null }
  | { type: 'attributeReviewed'; decision: Attribute | null; reason: string | null }
  | { type: 'secrecyChecked'; reason: string | null; justification: string | null }
  | { type: 'signed' }
  | { type: 'withdrawn'; reason: string | null }
  | { type: 'validityChanged'; validity: Validity; date: IsoDate | null };

/** The types of the steps of `Step` (the API's `type`, with validityChanged). */
export type WorkflowStepType = Step['type'];
export const WORKFLOW_STEP_TYPES: readonly WorkflowStepType[] = ['submitted', 'returned', 'attributeReviewed', 'secrecyChecked', 'signed', 'withdrawn', 'validityChanged'] satisfies readonly (StepType | 'validityChanged')[];

/** Why a step was refused. */
export interface Refusal {
  ok: false;
  status: 403 | 409 | 422;
  code: string;
  message: string;
}
export type Check = { ok: true } | Refusal;

/** What else a step is checked against: today, and the personal data found in the item's text now. */
export interface StepFacts {
  today: IsoDate;
  /** Personal data found in the body and attachments (masked excerpts), for 签发. */
  personalData: readonly Pick<PersonalDataFinding, 'kind' | 'masked'>[];
}

const OK: Check = { ok: true };
const refuse = (status: Refusal['status'], code: string, message: string): Refusal => ({ ok: false, status, code, message });
const wrongState = (state: ItemState, step: WorkflowStepType) =>
  refuse(409, 'catalog.illegal_step', `现在不能${EVENT_LABELS[step]}：本条信息的状态是“${ITEM_STATUS_LABELS[state.status]}”。`);

/** The statuses from which an item may be returned to its author (each review stage). */
export const RETURNABLE: readonly ItemStatus[] = ['attributeReview', 'secrecyCheck', 'signing'];

/** At most this many characters of a reason or justification. */
export const MAX_REASON_LENGTH = 1000;

const blank = (text: string | null) => text === null || text.trim() === '';

/** A new item: a draft by its author. */
export function initialState(authorId: number | null): ItemState {
  return {
    status: 'draft', authorId, attribute: null, attributeReason: null, personalDataJustification: null,
    publishedOn: null, validity: 'valid', validityChangedOn: null,
  };
}

/** May the actor change the item's content (title, body, attachments, links)? Only a draft, by 经办人 or 负责人. */
export function checkEdit(state: ItemState, actor: Actor): Check {
  if (!actor.mayWrite) return refuse(403, 'catalog.needs_write', '修改信息需要本机关的经办人或负责人角色。');
  if (state.status !== 'draft') {
    return refuse(409, 'catalog.not_draft', `只有草稿可以修改：本条信息的状态是“${ITEM_STATUS_LABELS[state.status]}”。需要修改时，请审核人或负责人先退回修改。`);
  }
  return OK;
}

/** The reviewer's role for a review stage: 审核人 or 负责人. */
const mayReview = (actor: Actor) => actor.isReviewer || actor.isHead;

/**
 * May `actor` take `step` on an item in `state` now?
 *
 * @example check(signing, { type: 'signed' }, reviewer, facts) // 403 签发须由负责人办理
 */
export function check(state: ItemState, step: Step, actor: Actor, facts: StepFacts): Check {
  switch (step.type) {
    case 'submitted':
      if (state.status !== 'draft') return wrongState(state, step.type);
      return actor.mayWrite ? OK : refuse(403, 'catalog.needs_write', '提交审核需要本机关的经办人或负责人角色。');
    case 'returned': {
      if (!RETURNABLE.includes(state.status)) return wrongState(state, step.type);
      const allowed = state.status === 'signing' ? actor.isHead : mayReview(actor);
      if (!allowed) return refuse(403, state.status === 'signing' ? 'catalog.needs_head' : 'catalog.needs_reviewer', `退回修改须由${state.status === 'signing' ? '负责人' : '审核人或负责人'}办理。`);
      if (blank(step.reason)) return refuse(422, 'catalog.reason_required', '退回修改须写明理由（需要修改什么）。');
      return OK;
    }
    case 'attributeReviewed':
      if (state.status !== 'attributeReview') return wrongState(state, step.type);
      if (!mayReview(actor)) return refuse(403, 'catalog.needs_reviewer', '公开属性审核须由审核人或负责人办理。');
      if (step.decision === null || !ATTRIBUTES.includes(step.decision)) {
        return refuse(422, 'catalog.decision_required', `公开属性审核须作出决定：${ATTRIBUTES.join('、')}。`);
      }
      if (step.decision !== '主动公开' && blank(step.reason)) {
        return refuse(422, 'catalog.reason_required', `认定为“${step.decision}”须写明理由（如所依据的条例条款）。`);
      }
      return OK;
    case 'secrecyChecked':
      if (state.status !== 'secrecyCheck') return wrongState(state, step.type);
      if (!mayReview(actor)) return refuse(403, 'catalog.needs_reviewer', '保密审查须由审核人或负责人办理。');
      if (actor.personId !== null && actor.personId === state.authorId) {
        return refuse(409, 'catalog.own_item', '保密审查须由起草人以外的人办理：您是本条信息的起草人，请由另一位审核人或负责人审查。');
      }
      return OK;
    case 'signed':
      if (state.status !== 'signing') return wrongState(state, step.type);
      if (!actor.isHead) return refuse(403, 'catalog.needs_head', '签发须由负责人办理。');
      if (facts.personalData.length > 0 && blank(state.personalDataJustification)) {
        const found = describeFindings(facts.personalData.slice(0, 5));
        return refuse(422, 'catalog.personal_data', `正文或附件中有个人信息（${found}${facts.personalData.length > 5 ? ' 等' : ''}），不能签发：请退回修改删除，或由保密审查人写明公开的理由。`);
      }
      return OK;
    case 'withdrawn':
      if (state.status !== 'published') return wrongState(state, step.type);
      if (!actor.isHead) return refuse(403, 'catalog.needs_head', '撤回已发布的信息须由负责人办理。');
      if (blank(step.reason)) return refuse(422, 'catalog.reason_required', '撤回须写明理由。');
      return OK;
    case 'validityChanged':
      return checkValidity(state, step, actor, facts.today);
  }
}

function checkValidity(state: ItemState, step: Extract<Step, { type: 'validityChanged' }>, actor: Actor, today: IsoDate): Check {
  if (state.status !== 'published') return wrongState(state, step.type);
  if (!actor.mayWrite) return refuse(403, 'catalog.needs_write', '变更有效性需要本机关的经办人或负责人角色。');
  if (step.validity === state.validity) return refuse(409, 'catalog.same_validity', `本条信息已经是“${VALIDITY_LABELS[step.validity]}”。`);
  if (step.validity === 'valid') return step.date === null ? OK : refuse(422, 'catalog.bad_date', '恢复为“有效”时不填日期。');
  const label = VALIDITY_LABELS[step.validity];
  if (step.date === null) return refuse(422, 'catalog.date_required', `变更为“${label}”须填写${label}日期。`);
  if (step.date > today) return refuse(422, 'catalog.future_date', `${label}日期 ${step.date} 晚于今天（${today}）：请在${label}之后记录。`);
  if (state.publishedOn !== null && step.date < state.publishedOn) {
    return refuse(422, 'catalog.bad_date', `${label}日期 ${step.date} 早于发布日期 ${state.publishedOn}。`);
  }
  return OK;
}

/** Applies a step already checked; `today` is the day it is taken (the publication date of 签发). */
export function transition(state: ItemState, step: Step, today: IsoDate): ItemState {
  switch (step.type) {
    case 'submitted':
      return { ...state, status: 'attributeReview' };
    case 'returned':
      // The review starts again from the beginning once the author has changed the draft.
      return { ...state, status: 'draft', attribute: null, attributeReason: null, personalDataJustification: null };
    case 'attributeReviewed':
      return { ...state, status: step.decision === '主动公开' ? 'secrecyCheck' : 'notPublished', attribute: step.decision, attributeReason: step.reason };
    case 'secrecyChecked':
      return { ...state, status: 'signing', personalDataJustification: blank(step.justification) ? null : step.justification };
    case 'signed':
      return { ...state, status: 'published', publishedOn: today };
    case 'withdrawn':
      return { ...state, status: 'withdrawn' };
    case 'validityChanged':
      return { ...state, validity: step.validity, validityChangedOn: step.validity === 'valid' ? null : step.date };
  }
}

/** The steps an actor may be offered on an item now (the item page's forms); each still goes through `check`. */
export function offeredSteps(state: ItemState, actor: Actor): WorkflowStepType[] {
  const none: StepFacts = { today: '9999-12-31' as IsoDate, personalData: [] };
  const probes: Step[] = [
    { type: 'submitted' },
    { type: 'attributeReviewed', decision: '主动公开', reason: null },
    { type: 'secrecyChecked', reason: null, justification: null },
    { type: 'signed' },
    { type: 'returned', reason: 'x' },
    { type: 'withdrawn', reason: 'x' },
    { type: 'validityChanged', validity: state.validity === 'valid' ? 'expired' : 'valid', date: state.validity === 'valid' ? state.publishedOn : null },
  ];
  return probes.filter((step) => {
    const verdict = check(state, step, actor, none);
    // A refusal for a missing fact (422) still offers the form: the form asks for the fact.
    return verdict.ok || verdict.status === 422;
  }).map((s) => s.type);
}
