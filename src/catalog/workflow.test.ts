import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../law/dates.ts';
import { check, checkEdit, initialState, offeredSteps, transition, type Actor, type ItemState, type Step, type StepFacts } from './workflow.ts';

const TODAY = '2024-06-28' as IsoDate;
const AUTHOR: Actor = { personId: 1, mayWrite: true, isReviewer: false, isHead: false };
const HANDLER: Actor = { personId: 5, mayWrite: true, isReviewer: false, isHead: false };
const REVIEWER: Actor = { personId: 2, mayWrite: false, isReviewer: true, isHead: false };
const HEAD: Actor = { personId: 3, mayWrite: true, isReviewer: false, isHead: true };
const READER: Actor = { personId: 4, mayWrite: false, isReviewer: false, isHead: false };
const OPERATOR: Actor = { personId: null, mayWrite: true, isReviewer: true, isHead: true };
const NOTHING: StepFacts = { today: TODAY, personalData: [] };
const FOUND: StepFacts = { today: TODAY, personalData: [{ kind: 'mobile', masked: '138****8000' }] };

const at = (status: ItemState['status'], extra: Partial<ItemState> = {}): ItemState => ({ ...initialState(AUTHOR.personId), status, ...extra });
const published = at('published', { attribute: '主动公开', publishedOn: '2024-06-03' as IsoDate });

/** Takes steps in order, failing the test on a refusal. */
function run(steps: [Step, Actor][], facts: StepFacts = NOTHING): ItemState {
  let state = initialState(AUTHOR.personId);
  for (const [step, actor] of steps) {
    const verdict = check(state, step, actor, facts);
    if (!verdict.ok) throw new Error(`${step.type}: ${verdict.message}`);
    state = transition(state, step, facts.today);
  }
  return state;
}

const SUBMIT: Step = { type: 'submitted' };
const PUBLIC: Step = { type: 'attributeReviewed', decision: '主动公开', reason: null };
const SECRECY: Step = { type: 'secrecyChecked', reason: null, justification: null };
const SIGN: Step = { type: 'signed' };

describe('the review of an item before publication', () => {
  it('draft → 公开属性审核 → 保密审查 → 签发 → published on the day signed', () => {
    const state = run([[SUBMIT, AUTHOR], [PUBLIC, REVIEWER], [SECRECY, REVIEWER], [SIGN, HEAD]]);
    expect(state).toMatchObject({ status: 'published', attribute: '主动公开', publishedOn: TODAY });
  });

  it('依申请公开 and 不予公开 end the review (not published), each with its reason', () => {
    for (const decision of ['依申请公开', '不予公开'] as const) {
      const state = run([[SUBMIT, AUTHOR], [{ type: 'attributeReviewed', decision, reason: '涉及第三方商业秘密（第十五条）' }, REVIEWER]]);
      expect(state).toMatchObject({ status: 'notPublished', attribute: decision, attributeReason: '涉及第三方商业秘密（第十五条）' });
      expect(check(state, SIGN, HEAD, NOTHING)).toMatchObject({ ok: false, status: 409 });
    }
  });

  // Each row: the state, the step, the actor, the facts → the status and code of the refusal (or ok).
  const table: [string, ItemState, Step, Actor, StepFacts, { status: number; code: string } | 'ok'][] = [
    ['a 审核人 cannot submit (no records.write)', at('draft'), SUBMIT, REVIEWER, NOTHING, { status: 403, code: 'catalog.needs_write' }],
    ['a reader cannot submit', at('draft'), SUBMIT, READER, NOTHING, { status: 403, code: 'catalog.needs_write' }],
    ['another 经办人 of the agency may submit', at('draft'), SUBMIT, HANDLER, NOTHING, 'ok'],
    ['a submitted item cannot be submitted again', at('attributeReview'), SUBMIT, AUTHOR, NOTHING, { status: 409, code: 'catalog.illegal_step' }],
    ['a 经办人 cannot review the attribute', at('attributeReview'), PUBLIC, HANDLER, NOTHING, { status: 403, code: 'catalog.needs_reviewer' }],
    ['the 负责人 may review the attribute', at('attributeReview'), PUBLIC, HEAD, NOTHING, 'ok'],
    ['the attribute review needs a decision', at('attributeReview'), { type: 'attributeReviewed', decision: null, reason: null }, REVIEWER, NOTHING, { status: 422, code: 'catalog.decision_required' }],
    ['不予公开 needs a reason', at('attributeReview'), { type: 'attributeReviewed', decision: '不予公开', reason: '  ' }, REVIEWER, NOTHING, { status: 422, code: 'catalog.reason_required' }],
    ['主动公开 needs no reason', at('attributeReview'), PUBLIC, REVIEWER, NOTHING, 'ok'],
    ['the author cannot do the 保密审查 of its own item', at('secrecyCheck'), SECRECY, { ...AUTHOR, isReviewer: true }, NOTHING, { status: 409, code: 'catalog.own_item' }],
    ['an author who is 负责人 cannot either', at('secrecyCheck', { authorId: HEAD.personId }), SECRECY, HEAD, NOTHING, { status: 409, code: 'catalog.own_item' }],
    ['another 审核人 may', at('secrecyCheck'), SECRECY, REVIEWER, NOTHING, 'ok'],
    ['the command line may check an item it drafted (no person)', at('secrecyCheck', { authorId: null }), SECRECY, OPERATOR, NOTHING, 'ok'],
    ['a 经办人 cannot do the 保密审查', at('secrecyCheck'), SECRECY, HANDLER, NOTHING, { status: 403, code: 'catalog.needs_reviewer' }],
    ['the 保密审查 comes after the attribute review', at('attributeReview'), SECRECY, REVIEWER, NOTHING, { status: 409, code: 'catalog.illegal_step' }],
    ['only a 负责人 signs', at('signing'), SIGN, REVIEWER, NOTHING, { status: 403, code: 'catalog.needs_head' }],
    ['personal data found blocks 签发', at('signing'), SIGN, HEAD, FOUND, { status: 422, code: 'catalog.personal_data' }],
    ['…unless justified at 保密审查', at('signing', { personalDataJustification: '公示获奖人联系方式经本人同意' }), SIGN, HEAD, FOUND, 'ok'],
    ['a draft cannot be signed', at('draft'), SIGN, HEAD, NOTHING, { status: 409, code: 'catalog.illegal_step' }],
    ['returning needs a reason', at('attributeReview'), { type: 'returned', reason: null }, REVIEWER, NOTHING, { status: 422, code: 'catalog.reason_required' }],
    ['a 审核人 returns from 公开属性审核', at('attributeReview'), { type: 'returned', reason: '标题不准确' }, REVIEWER, NOTHING, 'ok'],
    ['a 审核人 returns from 保密审查', at('secrecyCheck'), { type: 'returned', reason: '删去手机号' }, REVIEWER, NOTHING, 'ok'],
    ['only the 负责人 returns from 签发', at('signing'), { type: 'returned', reason: '再核' }, REVIEWER, NOTHING, { status: 403, code: 'catalog.needs_head' }],
    ['the 负责人 returns from 签发', at('signing'), { type: 'returned', reason: '再核' }, HEAD, NOTHING, 'ok'],
    ['a draft cannot be returned', at('draft'), { type: 'returned', reason: 'x' }, HEAD, NOTHING, { status: 409, code: 'catalog.illegal_step' }],
    ['a published item cannot be returned', published, { type: 'returned', reason: 'x' }, HEAD, NOTHING, { status: 409, code: 'catalog.illegal_step' }],
    ['the 负责人 withdraws a published item with a reason', published, { type: 'withdrawn', reason: '已被新文件替代' }, HEAD, NOTHING, 'ok'],
    ['withdrawing needs a reason', published, { type: 'withdrawn', reason: null }, HEAD, NOTHING, { status: 422, code: 'catalog.reason_required' }],
    ['a 经办人 cannot withdraw', published, { type: 'withdrawn', reason: 'x' }, HANDLER, NOTHING, { status: 403, code: 'catalog.needs_head' }],
    ['a draft cannot be withdrawn', at('draft'), { type: 'withdrawn', reason: 'x' }, HEAD, NOTHING, { status: 409, code: 'catalog.illegal_step' }],
    ['a 经办人 marks a published item 废止 with its date', published, { type: 'validityChanged', validity: 'repealed', date: '2024-06-20' as IsoDate }, HANDLER, NOTHING, 'ok'],
    ['失效 needs its date', published, { type: 'validityChanged', validity: 'expired', date: null }, HANDLER, NOTHING, { status: 422, code: 'catalog.date_required' }],
    ['失效 not in the future', published, { type: 'validityChanged', validity: 'expired', date: '2024-07-01' as IsoDate }, HANDLER, NOTHING, { status: 422, code: 'catalog.future_date' }],
    ['失效 not before publication', published, { type: 'validityChanged', validity: 'expired', date: '2024-05-01' as IsoDate }, HANDLER, NOTHING, { status: 422, code: 'catalog.bad_date' }],
    ['有效 again is no change', published, { type: 'validityChanged', validity: 'valid', date: null }, HANDLER, NOTHING, { status: 409, code: 'catalog.same_validity' }],
    ['a 审核人 cannot change validity', published, { type: 'validityChanged', validity: 'repealed', date: TODAY }, REVIEWER, NOTHING, { status: 403, code: 'catalog.needs_write' }],
    ['validity of a draft cannot change', at('draft'), { type: 'validityChanged', validity: 'repealed', date: TODAY }, HANDLER, NOTHING, { status: 409, code: 'catalog.illegal_step' }],
  ];
  it.each(table)('%s', (_name, state, step, actor, facts, expected) => {
    const verdict = check(state, step, actor, facts);
    if (expected === 'ok') expect(verdict).toEqual({ ok: true });
    else expect(verdict).toMatchObject({ ok: false, ...expected, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('the personal-data refusal names what was found, masked', () => {
    expect(check(at('signing'), SIGN, HEAD, FOUND)).toMatchObject({ message: expect.stringContaining('手机号码 138****8000') });
  });

  it('a returned item is a draft again: the review starts over, the justification is gone', () => {
    const state = run([[SUBMIT, AUTHOR], [PUBLIC, REVIEWER], [{ type: 'secrecyChecked', reason: null, justification: '经本人同意' }, REVIEWER]]);
    expect(state).toMatchObject({ status: 'signing', personalDataJustification: '经本人同意' });
    const back = transition(state, { type: 'returned', reason: '删去手机号' }, TODAY);
    expect(back).toMatchObject({ status: 'draft', attribute: null, personalDataJustification: null });
  });

  it('validity: 废止 with its date, back to 有效 without one; a withdrawn item is over', () => {
    const repealed = transition(published, { type: 'validityChanged', validity: 'repealed', date: '2024-06-20' as IsoDate }, TODAY);
    expect(repealed).toMatchObject({ status: 'published', validity: 'repealed', validityChangedOn: '2024-06-20' });
    expect(transition(repealed, { type: 'validityChanged', validity: 'valid', date: null }, TODAY)).toMatchObject({ validity: 'valid', validityChangedOn: null });
    const withdrawn = transition(published, { type: 'withdrawn', reason: 'x' }, TODAY);
    for (const step of [SUBMIT, SIGN, { type: 'withdrawn', reason: 'x' } as Step]) expect(check(withdrawn, step, HEAD, NOTHING)).toMatchObject({ ok: false, status: 409 });
  });

  it('only a draft is edited, by 经办人 or 负责人', () => {
    expect(checkEdit(at('draft'), HANDLER)).toEqual({ ok: true });
    expect(checkEdit(at('draft'), REVIEWER)).toMatchObject({ ok: false, status: 403 });
    expect(checkEdit(at('secrecyCheck'), AUTHOR)).toMatchObject({ ok: false, status: 409, code: 'catalog.not_draft' });
    expect(checkEdit(published, HEAD)).toMatchObject({ ok: false, status: 409 });
  });

  it('offers each viewer the steps of their role now', () => {
    expect(offeredSteps(at('draft'), AUTHOR)).toEqual(['submitted']);
    expect(offeredSteps(at('attributeReview'), REVIEWER)).toEqual(['attributeReviewed', 'returned']);
    expect(offeredSteps(at('secrecyCheck'), { ...AUTHOR, isReviewer: true })).toEqual(['returned']);
    expect(offeredSteps(at('signing'), HEAD)).toEqual(['signed', 'returned']);
    expect(offeredSteps(published, HEAD)).toEqual(['withdrawn', 'validityChanged']);
    expect(offeredSteps(published, HANDLER)).toEqual(['validityChanged']);
    expect(offeredSteps(at('signing'), READER)).toEqual([]);
  });
});
