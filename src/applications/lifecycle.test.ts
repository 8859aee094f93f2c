import { describe, expect, it } from 'vitest';
import { packageCalendar } from '../law/calendar-data.ts';
import type { IsoDate } from '../law/dates.ts';
import { computeDeadlines } from '../law/deadlines.ts';
import { OUTCOME_CODES } from '../law/outcomes.ts';
import { asRecorded, check, deadlinesOf, initialState, replay, transition, type CaseState } from './lifecycle.ts';
import type { Actor, CaseEvent, Intake } from './model.ts';

const calendar = packageCalendar();
const TODAY = '2024-12-31' as IsoDate;
const d = (s: string) => s as IsoDate;
const HANDLER: Actor = { personId: 1, isHead: false, isReviewer: false };
const REVIEWER: Actor = { personId: 2, isHead: false, isReviewer: true };
const HEAD: Actor = { personId: 3, isHead: true, isReviewer: false };
const INTAKE: Intake = { applicantKind: 'naturalPerson', channel: 'inPerson', submitted: d('2024-03-04'), confirmed: null };

/** Takes steps in order as the given actors, failing the test on a refusal. */
function run(intake: Intake, steps: [CaseEvent, Actor][]): CaseState {
  let state = initialState(intake);
  for (const [event, actor] of steps) {
    const verdict = check(state, event, actor, TODAY, calendar);
    if (!verdict.ok) throw new Error(`${event.type}: ${verdict.message}`);
    state = transition(state, { event: asRecorded(event, actor), by: actor.personId });
  }
  return state;
}

describe('the lifecycle of an application', () => {
  it('当面 is received at once; 网络 waits for the agency to confirm (第三十一条)', () => {
    expect(initialState(INTAKE)).toMatchObject({ status: 'processing', receiptDate: '2024-03-04' });
    const online = initialState({ ...INTAKE, channel: 'online' });
    expect(online).toMatchObject({ status: 'awaitingConfirmation', receiptDate: null });
    expect(deadlinesOf(online, calendar)).toBeNull();
    const confirmed = run({ ...INTAKE, channel: 'online' }, [[{ type: 'confirm', date: d('2024-03-05') }, HANDLER]]);
    expect(confirmed).toMatchObject({ status: 'processing', receiptDate: '2024-03-05' });
  });

  it('a handler\'s reply goes through review and sign-off before delivery; a 负责人\'s is final at once', () => {
    const drafted = run(INTAKE, [[{ type: 'replied', date: d('2024-03-20'), outcome: 'partiallyGranted' }, HANDLER]]);
    expect(drafted).toMatchObject({ status: 'awaitingReview', outcome: null });
    const done = run(INTAKE, [
      [{ type: 'replied', date: d('2024-03-20'), outcome: 'partiallyGranted' }, HANDLER],
      [{ type: 'reviewed', date: d('2024-03-21'), approved: true }, REVIEWER],
      [{ type: 'signed', date: d('2024-03-22') }, HEAD],
      [{ type: 'delivered', date: d('2024-03-25'), method: 'post' }, HANDLER],
    ]);
    expect(done).toMatchObject({ status: 'replied', outcome: 'partiallyGranted', closedOn: '2024-03-25' });
    expect(run(INTAKE, [[{ type: 'replied', date: d('2024-03-20'), outcome: 'granted' }, HEAD]])).toMatchObject({ status: 'replied', closedOn: '2024-03-20' });
  });

  it('a returned draft goes back to work; no one reviews their own draft; only a 负责人 signs and extends', () => {
    let state = run(INTAKE, [[{ type: 'replied', date: d('2024-03-20'), outcome: 'granted' }, REVIEWER]]);
    expect(check(state, { type: 'reviewed', date: d('2024-03-21'), approved: true }, REVIEWER, TODAY)).toMatchObject({ ok: false, status: 403 });
    state = transition(state, { event: { type: 'reviewed', date: d('2024-03-21'), approved: false, note: '理由不充分' }, by: 3 });
    expect(state).toMatchObject({ status: 'processing', draft: null });
    const signing = run(INTAKE, [[{ type: 'replied', date: d('2024-03-20'), outcome: 'granted' }, HANDLER], [{ type: 'reviewed', date: d('2024-03-20'), approved: true }, REVIEWER]]);
    expect(check(signing, { type: 'signed', date: d('2024-03-21') }, REVIEWER, TODAY)).toMatchObject({ ok: false, status: 403, message: expect.stringContaining('负责人') });
    expect(check(initialState(INTAKE), { type: 'extended', date: d('2024-03-20'), workingDays: 10 }, HANDLER, TODAY, calendar)).toMatchObject({ ok: false, status: 403 });
  });

  it('补正: one notice; the corrected application restarts the reply period; no correction → 视为放弃 only then', () => {
    const waiting = run(INTAKE, [[{ type: 'correctionRequested', date: d('2024-03-06') }, HANDLER]]);
    expect(waiting.status).toBe('awaitingCorrection');
    expect(check(waiting, { type: 'replied', date: d('2024-03-30'), outcome: 'granted' }, HEAD, TODAY)).toMatchObject({ ok: false, status: 409 });
    expect(check(waiting, { type: 'replied', date: d('2024-04-30'), outcome: 'otherDisposal.noCorrection' }, HEAD, TODAY).ok).toBe(true);
    expect(check(initialState(INTAKE), { type: 'replied', date: d('2024-03-30'), outcome: 'otherDisposal.noCorrection' }, HEAD, TODAY)).toMatchObject({ ok: false, status: 409 });
    const corrected = run(INTAKE, [[{ type: 'correctionRequested', date: d('2024-03-06') }, HANDLER], [{ type: 'corrected', date: d('2024-03-11') }, HANDLER]]);
    expect(check(corrected, { type: 'correctionRequested', date: d('2024-03-12') }, HANDLER, TODAY)).toMatchObject({ ok: false, code: 'application.second_correction' });
    // The deadlines are the law's, for the same facts.
    expect(deadlinesOf(corrected, calendar)).toEqual(computeDeadlines({
      channel: 'inPerson', submitted: d('2024-03-04'), confirmed: null, onTheSpot: false,
      correction: { notifiedOn: d('2024-03-06'), correctedReceivedOn: d('2024-03-11') }, extensionWorkingDays: 0, thirdParty: null,
    }, calendar));
  });

  it('third party and fee: time excluded by the law; replies wait for the opinion; unpaid fee only while waiting for it', () => {
    const consulting = run(INTAKE, [[{ type: 'thirdPartySent', date: d('2024-03-06'), receivedOn: d('2024-03-07') }, HANDLER]]);
    expect(check(consulting, { type: 'replied', date: d('2024-03-20'), outcome: 'granted' }, HEAD, TODAY)).toMatchObject({ ok: false, code: 'application.consulting' });
    const replied = run(INTAKE, [[{ type: 'thirdPartySent', date: d('2024-03-06'), receivedOn: d('2024-03-07') }, HANDLER], [{ type: 'thirdPartyReplied', date: d('2024-03-15') }, HANDLER]]);
    expect(deadlinesOf(replied, calendar)!.replyDue! > deadlinesOf(initialState(INTAKE), calendar)!.replyDue!).toBe(true);
    const fee = run(INTAKE, [[{ type: 'feeNoticed', date: d('2024-03-08'), amountFen: 1250 }, HANDLER]]);
    expect(check(fee, { type: 'replied', date: d('2024-04-30'), outcome: 'otherDisposal.unpaidFee' }, HEAD, TODAY).ok).toBe(true);
    expect(check(fee, { type: 'feeNoticed', date: d('2024-03-09') }, HANDLER, TODAY)).toMatchObject({ ok: false, status: 409 });
  });

  it('extension: 1–20 working days, once, decided before the period runs out', () => {
    const state = initialState(INTAKE);
    const due = deadlinesOf(state, calendar)!.replyDue!;
    expect(check(state, { type: 'extended', date: due, workingDays: 21 }, HEAD, TODAY, calendar)).toMatchObject({ ok: false, status: 422 });
    const late = '2024-12-01' as IsoDate;
    expect(check(state, { type: 'extended', date: late, workingDays: 20 }, HEAD, TODAY, calendar)).toMatchObject({ ok: false, code: 'application.late_extension' });
    const extended = run(INTAKE, [[{ type: 'extended', date: due, workingDays: 20 }, HEAD]]);
    expect(deadlinesOf(extended, calendar)!.extendedReplyDue).not.toBeNull();
    expect(check(extended, { type: 'extended', date: due, workingDays: 5 }, HEAD, TODAY, calendar)).toMatchObject({ ok: false, code: 'application.second_extension' });
  });

  it('withdrawal at any time before the reply is delivered counts as 其他处理·其他; nothing after closing', () => {
    const withdrawn = run(INTAKE, [[{ type: 'withdrawn', date: d('2024-03-05') }, HANDLER]]);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', outcome: 'otherDisposal.other', closedOn: '2024-03-05' });
    const steps: CaseEvent[] = [
      { type: 'confirm', date: d('2024-03-06') }, { type: 'correctionRequested', date: d('2024-03-06') }, { type: 'replied', date: d('2024-03-06'), outcome: 'granted' },
      { type: 'withdrawn', date: d('2024-03-06') }, { type: 'signed', date: d('2024-03-06') }, { type: 'feePaid', date: d('2024-03-06') },
    ];
    for (const step of steps) expect(check(withdrawn, step, HEAD, TODAY, calendar).ok, step.type).toBe(false);
  });

  it('dates: in order, not in the future; on-the-spot only on the receipt day', () => {
    const state = run(INTAKE, [[{ type: 'correctionRequested', date: d('2024-03-06') }, HANDLER]]);
    expect(check(state, { type: 'corrected', date: d('2024-03-05') }, HANDLER, TODAY)).toMatchObject({ ok: false, code: 'application.date_order' });
    expect(check(state, { type: 'corrected', date: d('2025-01-02') }, HANDLER, TODAY)).toMatchObject({ ok: false, code: 'application.future_date' });
    expect(check(initialState(INTAKE), { type: 'replied', date: d('2024-03-05'), outcome: 'granted', onTheSpot: true }, HEAD, TODAY)).toMatchObject({ ok: false, code: 'application.not_on_the_spot' });
    expect(check(initialState(INTAKE), { type: 'replied', date: d('2024-03-04'), outcome: 'granted', onTheSpot: true }, HEAD, TODAY).ok).toBe(true);
  });

  it('every outcome of the taxonomy is a possible reply, in the state it needs', () => {
    const corrected = run(INTAKE, [[{ type: 'correctionRequested', date: d('2024-03-06') }, HANDLER], [{ type: 'corrected', date: d('2024-03-07') }, HANDLER]]);
    for (const outcome of OUTCOME_CODES) {
      const from = outcome === 'otherDisposal.noCorrection' ? run(INTAKE, [[{ type: 'correctionRequested', date: d('2024-03-06') }, HANDLER]])
        : outcome === 'otherDisposal.unpaidFee' ? run(INTAKE, [[{ type: 'feeNoticed', date: d('2024-03-06') }, HANDLER]]) : corrected;
      expect(check(from, { type: 'replied', date: d('2024-04-01'), outcome }, HEAD, TODAY).ok, outcome).toBe(true);
    }
  });

  it('a stored case replays to the same state; the input never makes a reply final', () => {
    const events: CaseEvent[] = [{ type: 'correctionRequested', date: d('2024-03-06') }, { type: 'corrected', date: d('2024-03-08') }, { type: 'replied', date: d('2024-03-20'), outcome: 'granted' }];
    const live = run(INTAKE, events.map((e) => [e, HEAD] as [CaseEvent, Actor]));
    expect(replay(INTAKE, events.map((e) => ({ event: asRecorded(e, HEAD), by: 3 })))).toEqual(live);
    expect(asRecorded({ type: 'replied', date: d('2024-03-20'), outcome: 'granted', final: true }, HANDLER)).not.toHaveProperty('final');
  });
});
