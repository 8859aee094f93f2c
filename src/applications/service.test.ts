/**
 * The applications use-cases on the real database: intake (public and staff), every step through
 * recordEvent with its refusals, the fold kept on the row, audit rows, optimistic locking (a stale
 * version, and two people recording at once), appeals, the lists, the public status look-up, and the
 * dates of a case equal to `gongkai law deadline`'s for the same facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../platform/accounts/core/credit-code.ts';
import { reachingGrants } from '../platform/accounts/store.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { Acting } from '../platform/accounts/service.ts';
import type { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, OPERATOR } from '../../test/support/accounts.ts';
import { runCli } from '../../test/support/cli.ts';
import { createTestServices } from '../../test/support/services.ts';
import { residentIdCheckCharacter } from './id-numbers.ts';
import type { CaseEvent } from './model.ts';
import { openIdNumber } from './personal-data.ts';
import {
  createApplication, decideAppeal, getCase, listCases, newTrackingCode, normalizeTrackingCode, publicStatus, recordAppeal, recordEvent, todayIn, type Clock,
} from './service.ts';
import * as store from './store.ts';

let services: Services;
let agency: Agency;
let other: Agency;
const people: Record<string, { person: Person; acting: Acting }> = {};

/** 2024-06-28 (a Friday) at noon, Beijing time. */
const clock: Clock = () => Date.parse('2024-06-28T04:00:00Z');
const ID = (first17: string) => first17 + residentIdCheckCharacter(first17);
const PERSON_ID = ID('21090219900101123');

const anonymous: Acting = { actor: { kind: 'anonymous' }, grants: [] };

const publicForm = (overrides: Record<string, unknown> = {}) => ({
  agencyId: agency.id,
  applicant: { kind: 'naturalPerson', name: '张三', idType: 'idCard', idNumber: PERSON_ID, phone: '138-0013-8000', address: '阜新市太平区红树路 1 号', email: 'zhang@example.com' },
  description: '2023 年本区道路改造工程的立项批复文件（文号不详）',
  provision: 'electronic',
  delivery: 'email',
  ...overrides,
});

/** Expects the promise to fail with an AppError of this status and code. */
async function refused(promise: Promise<unknown>, status: number, code?: string): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e as AppError);
  expect(error, 'expected a refusal').toBeDefined();
  expect({ status: error!.status, code: error!.code }).toMatchObject({ status, ...(code ? { code } : {}) });
  return error!;
}

async function staffCase(extra: Record<string, unknown> = {}): Promise<number> {
  const { id } = await createApplication(services, people['handler']!.acting, publicForm({ channel: '当面', submitted: '2024-06-03', ...extra }), clock);
  return id;
}

const step = (id: number, who: string, event: CaseEvent, version?: number) => recordEvent(services, people[who]!.acting, id, event, version, clock);

beforeAll(async () => {
  services = await createTestServices();
  const government = await addAgency(services, '服务测试区人民政府', 'government');
  agency = await addAgency(services, '服务测试区教育局', 'department', government);
  other = await addAgency(services, '别处测试局');
  const roles: [string, Parameters<typeof addPerson>[2]][] = [
    ['handler', [['handler', agency]]], ['handler2', [['handler', agency]]], ['reviewer', [['reviewer', agency]]], ['head', [['head', agency]]],
    ['supervisor', [['supervisor', government]]], ['otherHandler', [['handler', other]]],
  ];
  for (const [name, grants] of roles) {
    const person = await addPerson(services, `svc-${name.toLowerCase()}`, grants);
    people[name] = { person, acting: { actor: { kind: 'person', personId: person.id, username: person.username }, grants: await reachingGrants(services.db, person.id) } };
  }
}, 60_000);
afterAll(async () => services.close());

describe('intake', () => {
  it('the public form: 网络 today, awaiting confirmation, a tracking code to read aloud, the ID number encrypted', async () => {
    const { id, trackingCode } = await createApplication(services, anonymous, publicForm(), clock);
    expect(trackingCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    const row = (await store.getApplication(services.db, id))!;
    expect(row).toMatchObject({ channel: 'online', submitted: '2024-06-28', confirmed: null, status: 'awaitingConfirmation', receiptDate: null, dueOn: null, version: 0, phone: '13800138000', createdBy: null });
    expect(row.idNumberCipher).toBeInstanceOf(Buffer);
    expect(row.idNumberCipher!.toString('latin1')).not.toContain(PERSON_ID);
    expect(openIdNumber(services, row.idNumberCipher!)).toBe(PERSON_ID);
    expect(row.idLookup).toMatch(/\S/);
    const view = await getCase(services, people['handler']!.acting, id);
    expect(view).toMatchObject({ status: 'awaitingConfirmation', receiptDate: null, replyDue: null, provisional: false, events: [] });
    const audit = await services.db.query('SELECT action, subject, agency_id, actor, details FROM audit_log WHERE subject = $1', [`application:${id}`]);
    expect(audit.rows).toEqual([expect.objectContaining({ action: 'application.create', agency_id: agency.id, actor: 'anonymous' })]);
    expect(JSON.stringify(audit.rows)).not.toContain(PERSON_ID);
  });

  it('staff entry: 当面 is received the day it is submitted; 邮寄 on the day signed for', async () => {
    const inPerson = await getCase(services, people['handler']!.acting, await staffCase());
    expect(inPerson).toMatchObject({ channel: 'inPerson', status: 'processing', receiptDate: '2024-06-03', handlerId: people['handler']!.person.id });
    const posted = await createApplication(services, people['head']!.acting, publicForm({ channel: 'post', submitted: '2024-06-03', confirmed: '2024-06-05' }), clock);
    expect(await getCase(services, people['head']!.acting, posted.id)).toMatchObject({ channel: 'post', status: 'processing', receiptDate: '2024-06-05' });
    const letter = await createApplication(services, OPERATOR, publicForm({ channel: '平常信函', submitted: '2024-06-03' }), clock);
    expect(await getCase(services, OPERATOR, letter.id)).toMatchObject({ status: 'awaitingConfirmation', receiptDate: null });
  });

  it('staff fields from anyone but the agency\'s 经办人/负责人 are refused: 401 signed out, 403 without the role, 404 another agency', async () => {
    const before = (await services.db.query('SELECT count(*)::int AS n FROM applications')).rows[0]!.n as number;
    await refused(createApplication(services, anonymous, publicForm({ channel: '当面' }), clock), 401, 'auth.required');
    await refused(createApplication(services, people['reviewer']!.acting, publicForm({ channel: '当面' }), clock), 403);
    const error = await refused(createApplication(services, people['otherHandler']!.acting, publicForm({ channel: '当面' }), clock), 404);
    expect(error.message).toContain('agencyId');
    await refused(createApplication(services, anonymous, publicForm({ agencyId: 999_999 }), clock), 404, 'application.agency_not_found');
    expect((await services.db.query('SELECT count(*)::int AS n FROM applications')).rows[0]!.n).toBe(before);
  });

  it('every field checked with a Chinese message naming it, all at once; nothing saved', async () => {
    const before = (await services.db.query('SELECT count(*)::int AS n FROM applications')).rows[0]!.n as number;
    const bad = publicForm({
      applicant: { kind: 'robot', name: '', idType: 'idCard', idNumber: `${PERSON_ID.slice(0, 17)}${PERSON_ID[17] === '0' ? '1' : '0'}`, phone: 'call me', email: 'nope' },
      description: '', provision: 'cd', delivery: 'post', extra: 1,
    });
    const error = await refused(createApplication(services, anonymous, bad, clock), 422, 'application.invalid');
    const fields = (error.details as { fields: { field: string; message: string }[] }).fields;
    const byField = Object.fromEntries(fields.map((f) => [f.field, f.message]));
    expect(byField['applicant.kind']).toMatch(/^申请人类型：应为 naturalPerson（自然人）/);
    expect(byField['applicant.name']).toBe('申请人姓名或名称：必须填写');
    expect(byField['applicant.phone']).toMatch(/^联系电话：/);
    expect(byField['applicant.email']).toMatch(/^电子邮箱：格式不对/);
    expect(byField['description']).toMatch(/^所需政府信息的描述：/);
    expect(byField['provision']).toMatch(/^提供形式：应为 paper（纸质）、electronic（电子）/);
    expect(byField['extra']).toMatch(/不是申请的字段/);
    expect((await services.db.query('SELECT count(*)::int AS n FROM applications')).rows[0]!.n).toBe(before);

    const checkDigit = await refused(createApplication(services, anonymous, publicForm({
      applicant: { kind: 'naturalPerson', name: '张三', idType: '身份证', idNumber: `${PERSON_ID.slice(0, 17)}${PERSON_ID[17] === '0' ? '1' : '0'}`, phone: '13800138000' },
      delivery: 'pickup',
    }), clock), 422);
    expect(checkDigit.message).toMatch(/^身份证明号码：身份证号码第 18 位（校验码）应为/);
    const org = await refused(createApplication(services, anonymous, publicForm({
      applicant: { kind: 'commercial', name: '某某有限公司', idType: '统一社会信用代码', idNumber: `91210900MA0ABCDEF${creditCodeCheckCharacter('91210900MA0ABCDEF') === '0' ? '1' : '0'}`, phone: '0418-1234567' }, delivery: 'pickup',
    }), clock), 422);
    expect(org.message).toMatch(/^身份证明号码：统一社会信用代码/);
    const orgWithIdCard = await refused(createApplication(services, anonymous, publicForm({
      applicant: { kind: 'research', name: '某研究所', idType: 'idCard', idNumber: PERSON_ID, phone: '0418-1234567' }, delivery: 'pickup',
    }), clock), 422);
    expect(orgWithIdCard.message).toContain('科研机构的身份证明应为统一社会信用代码、其他之一');
    const noAddress = await refused(createApplication(services, anonymous, publicForm({ applicant: { ...publicForm().applicant, address: '' }, delivery: 'post' }), clock), 422);
    expect(noAddress.message).toBe('通信地址：获取方式为邮寄时必须填写（寄送答复用）');
    const future = await refused(createApplication(services, people['handler']!.acting, publicForm({ channel: '当面', submitted: '2024-07-01' }), clock), 422);
    expect(future.message).toContain('提交日期：2024-07-01 晚于今天（2024-06-28）');
  });
});

describe('the lifecycle through recordEvent', () => {
  it('every step of a long case: confirm, 补正, third party, extension, fee, draft, review, sign-off, delivery', async () => {
    const { id } = await createApplication(services, anonymous, publicForm(), () => Date.parse('2024-03-01T02:00:00Z'));
    let view = await step(id, 'handler', { type: 'confirm', date: '2024-03-04' as never });
    expect(view).toMatchObject({ status: 'processing', receiptDate: '2024-03-04', version: 1 });
    view = await step(id, 'handler', { type: 'correctionRequested', date: '2024-03-06' as never, note: '请写明文件名称' });
    expect(view).toMatchObject({ status: 'awaitingCorrection', replyDue: null });
    view = await step(id, 'handler', { type: 'corrected', date: '2024-03-11' as never });
    expect(view.status).toBe('processing');
    view = await step(id, 'handler', { type: 'thirdPartySent', date: '2024-03-12' as never, receivedOn: '2024-03-13' as never });
    expect(view).toMatchObject({ status: 'consulting', thirdPartyOpinionDue: expect.any(String) });
    view = await step(id, 'handler', { type: 'thirdPartyReplied', date: '2024-03-20' as never });
    view = await step(id, 'head', { type: 'extended', date: '2024-04-01' as never, workingDays: 10 });
    expect(view.extendedReplyDue).not.toBeNull();
    view = await step(id, 'handler', { type: 'feeNoticed', date: '2024-04-02' as never, amountFen: 10_000 });
    expect(view.status).toBe('awaitingFee');
    view = await step(id, 'handler', { type: 'feePaid', date: '2024-04-08' as never });
    view = await step(id, 'handler', { type: 'replied', date: '2024-04-15' as never, outcome: 'partiallyGranted', reasons: '部分涉及第三方' });
    expect(view).toMatchObject({ status: 'awaitingReview', outcome: null });
    view = await step(id, 'reviewer', { type: 'reviewed', date: '2024-04-16' as never, approved: true });
    view = await step(id, 'head', { type: 'signed', date: '2024-04-17' as never });
    view = await step(id, 'handler', { type: 'delivered', date: '2024-04-18' as never, method: 'email' });
    expect(view).toMatchObject({ status: 'replied', outcome: 'partiallyGranted', closedOn: '2024-04-18', version: 12 });
    expect(view.events.map((e) => e.type)).toEqual([
      'confirm', 'correctionRequested', 'corrected', 'thirdPartySent', 'thirdPartyReplied', 'extended', 'feeNoticed', 'feePaid', 'replied', 'reviewed', 'signed', 'delivered',
    ]);
    expect(view.events[8]).toMatchObject({ seq: 9, type: 'replied', label: '答复', outcome: 'partiallyGranted', by: people['handler']!.person.id });
    expect(await store.getApplication(services.db, id)).toMatchObject({ status: 'replied', closedOn: '2024-04-18', outcome: 'partiallyGranted', dueOn: '2024-04-30', version: 12 });
    const audit = await services.db.query<{ action: string; agency_id: number }>('SELECT action, agency_id FROM audit_log WHERE subject = $1 ORDER BY id', [`application:${id}`]);
    expect(audit.rows.map((r) => r.action)).toEqual(['application.create', ...view.events.map((e) => `application.${e.type}`)]);
    expect(audit.rows.every((r) => r.agency_id === agency.id)).toBe(true);
  });

  it('a 负责人\'s reply is delivered in one step; 撤回; 视为放弃 without correction; unpaid fee', async () => {
    expect(await step(await staffCase(), 'head', { type: 'replied', date: '2024-06-10' as never, outcome: 'granted' })).toMatchObject({ status: 'replied', closedOn: '2024-06-10', outcome: 'granted' });
    const withdrawn = await staffCase();
    expect(await step(withdrawn, 'handler', { type: 'withdrawn', date: '2024-06-05' as never })).toMatchObject({ status: 'withdrawn', outcome: 'otherDisposal.other', closedOn: '2024-06-05' });
    const abandoned = await staffCase();
    await step(abandoned, 'handler', { type: 'correctionRequested', date: '2024-06-04' as never });
    expect(await step(abandoned, 'head', { type: 'replied', date: '2024-06-20' as never, outcome: 'otherDisposal.noCorrection' })).toMatchObject({ status: 'replied', outcome: 'otherDisposal.noCorrection' });
    const unpaid = await staffCase();
    await step(unpaid, 'handler', { type: 'feeNoticed', date: '2024-06-04' as never });
    expect(await step(unpaid, 'head', { type: 'replied', date: '2024-06-27' as never, outcome: 'otherDisposal.unpaidFee' })).toMatchObject({ status: 'replied', outcome: 'otherDisposal.unpaidFee' });
  });

  it('refusals carry the lifecycle\'s reason: 403 role, 409 state, 422 facts; another agency 404; nothing stored', async () => {
    const id = await staffCase();
    const needsHead = await refused(step(id, 'handler', { type: 'extended', date: '2024-06-10' as never, workingDays: 5 }), 403, 'application.needs_head');
    expect(needsHead.message).toContain('负责人');
    await refused(step(id, 'handler', { type: 'confirm', date: '2024-06-10' as never }), 409, 'application.illegal_step');
    const future = await refused(step(id, 'handler', { type: 'withdrawn', date: '2024-06-29' as never }), 422, 'application.future_date');
    expect(future.message).toContain('晚于今天（2024-06-28）');
    await refused(step(id, 'handler', { type: 'withdrawn', date: '2024-06-01' as never }), 422, 'application.date_order');
    await refused(step(id, 'reviewer', { type: 'withdrawn', date: '2024-06-10' as never }), 403, 'application.needs_write');
    await refused(step(id, 'supervisor', { type: 'withdrawn', date: '2024-06-10' as never }), 403, 'application.needs_write');
    await refused(step(id, 'otherHandler', { type: 'withdrawn', date: '2024-06-10' as never }), 404, 'application.not_found');
    await refused(step(999_999, 'handler', { type: 'withdrawn', date: '2024-06-10' as never }), 404, 'application.not_found');
    await step(id, 'handler', { type: 'replied', date: '2024-06-10' as never, outcome: 'granted' });
    await refused(step(id, 'handler', { type: 'reviewed', date: '2024-06-11' as never, approved: true }), 403, 'application.needs_reviewer');
    expect(await store.getApplication(services.db, id)).toMatchObject({ version: 1, status: 'awaitingReview' });
    expect((await store.listEvents(services.db, id)).length).toBe(1);
  });

  it('a stale version is refused: “本申请已被他人修改，请刷新后再办理”', async () => {
    const id = await staffCase();
    await step(id, 'handler', { type: 'correctionRequested', date: '2024-06-04' as never }, 0);
    const stale = await refused(step(id, 'handler2', { type: 'withdrawn', date: '2024-06-05' as never }, 0), 409, 'application.stale');
    expect(stale.message).toBe('本申请已被他人修改，请刷新后再办理。');
    expect(await step(id, 'handler2', { type: 'corrected', date: '2024-06-05' as never }, 1)).toMatchObject({ version: 2 });
  });

  it('two people recording on one case at once: one wins, the other is told (409), nothing overwritten', async () => {
    for (const [a, b] of [
      [{ type: 'withdrawn', date: '2024-06-05' }, { type: 'correctionRequested', date: '2024-06-05' }],
      [{ type: 'feeNoticed', date: '2024-06-05' }, { type: 'feeNoticed', date: '2024-06-06' }],
    ] as [CaseEvent, CaseEvent][]) {
      const id = await staffCase();
      const results = await Promise.allSettled([step(id, 'handler', a, 0), step(id, 'handler2', b, 0)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejection = results.find((r) => r.status === 'rejected')!.reason as AppError;
      expect(rejection.status).toBe(409);
      expect((await store.listEvents(services.db, id)).length).toBe(1);
      expect((await store.getApplication(services.db, id))!.version).toBe(1);
    }
    // Without versions, the second sees the first's step: the same step twice is a conflict.
    const id = await staffCase();
    const results = await Promise.allSettled([
      step(id, 'handler', { type: 'feeNoticed', date: '2024-06-05' as never }),
      step(id, 'handler2', { type: 'feeNoticed', date: '2024-06-05' as never }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected')!.reason as AppError).status).toBe(409);
  });
});

describe('the dates of a case are `gongkai law deadline --db`\'s for the same facts', () => {
  const lawDeadline = async (facts: Record<string, unknown>) => {
    const run = await runCli(['law', 'deadline', '--json', '--db'], JSON.stringify(facts), { openServices: async () => ({ ...services, close: async () => undefined }) });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };
  const dates = (v: Record<string, unknown>) => ({
    receiptDate: v['receiptDate'], correctionNoticeDue: v['correctionNoticeDue'], replyDue: v['replyDue'], extendedReplyDue: v['extendedReplyDue'],
    thirdPartyOpinionDue: v['thirdPartyOpinionDue'], provisional: v['provisional'], explanation: v['explanation'], calendarVersion: v['calendarVersion'],
  });

  it('across 国庆, with 补正, third party and extension, online confirmed', async () => {
    const past: Clock = () => Date.parse('2024-12-31T04:00:00Z');
    const posted = await createApplication(services, people['handler']!.acting, publicForm({ channel: '网络', submitted: '2024-09-26', confirmed: '2024-09-27' }), past);
    const act = (event: CaseEvent) => recordEvent(services, people['head']!.acting, posted.id, event, undefined, past);
    expect(dates(await getCase(services, OPERATOR, posted.id) as never)).toEqual(dates(await lawDeadline({ channel: '网络', submitted: '2024-09-26', confirmed: '2024-09-27' })));
    await act({ type: 'correctionRequested', date: '2024-09-30' as never });
    expect(dates(await getCase(services, OPERATOR, posted.id) as never)).toEqual(dates(await lawDeadline({
      channel: '网络', submitted: '2024-09-26', confirmed: '2024-09-27', correction: { notifiedOn: '2024-09-30', correctedReceivedOn: null },
    })));
    await act({ type: 'corrected', date: '2024-10-08' as never });
    await act({ type: 'thirdPartySent', date: '2024-10-10' as never, receivedOn: '2024-10-12' as never });
    await act({ type: 'thirdPartyReplied', date: '2024-10-21' as never });
    const view = await act({ type: 'extended', date: '2024-11-01' as never, workingDays: 15 });
    const law = await lawDeadline({
      channel: '网络', submitted: '2024-09-26', confirmed: '2024-09-27', correction: { notifiedOn: '2024-09-30', correctedReceivedOn: '2024-10-08' },
      thirdParty: { sentOn: '2024-10-10', receivedOn: '2024-10-12', repliedOn: '2024-10-21' }, extensionWorkingDays: 15,
    });
    expect(dates(view as never)).toEqual(dates(law));
    expect(view.extendedReplyDue).toBe(law['extendedReplyDue']);
    expect(await store.getApplication(services.db, posted.id)).toMatchObject({ dueOn: law['extendedReplyDue'] });
  });

  it('in person, into a year without an official calendar (provisional)', async () => {
    const late: Clock = () => Date.parse('2026-12-20T04:00:00Z');
    const { id } = await createApplication(services, people['handler']!.acting, publicForm({ channel: '当面', submitted: '2026-12-18' }), late);
    const view = await getCase(services, OPERATOR, id);
    expect(dates(view as never)).toEqual(dates(await lawDeadline({ channel: '当面', submitted: '2026-12-18' })));
    expect(view.provisional).toBe(true);
  });
});

describe('appeals, lists and the public status', () => {
  it('records an appeal and its decision; a second decision is a conflict', async () => {
    const id = await staffCase();
    await step(id, 'head', { type: 'replied', date: '2024-06-10' as never, outcome: 'denied.stateSecret' });
    let view = await recordAppeal(services, people['handler']!.acting, id, { kind: 'reconsideration', filedOn: '2024-06-20' }, clock);
    expect(view.appeals).toEqual([{ id: expect.any(Number), kind: 'reconsideration', filedOn: '2024-06-20', decidedOn: null, result: null }]);
    const appealId = view.appeals[0]!.id;
    await refused(decideAppeal(services, people['handler']!.acting, id, appealId, { decidedOn: '2024-06-19', result: 'upheld' }, clock), 422);
    view = await decideAppeal(services, people['handler']!.acting, id, appealId, { decidedOn: '2024-06-27', result: '维持' }, clock);
    expect(view.appeals[0]).toMatchObject({ decidedOn: '2024-06-27', result: 'upheld' });
    await refused(decideAppeal(services, people['handler']!.acting, id, appealId, { decidedOn: '2024-06-28', result: 'other' }, clock), 409, 'application.appeal_decided');
    await refused(recordAppeal(services, people['reviewer']!.acting, id, { kind: 'litigationDirect', filedOn: '2024-06-20' }, clock), 403);
    await refused(recordAppeal(services, people['otherHandler']!.acting, id, { kind: 'litigationDirect', filedOn: '2024-06-20' }, clock), 404);
    const bad = await refused(recordAppeal(services, people['handler']!.acting, id, { kind: 'appeal', filedOn: '2024-06-31', result: 'upheld' }, clock), 422);
    expect(bad.message).toMatch(/类别：应为 reconsideration/);
  });

  it('lists by scope, with overdue and due-soon cases marked', async () => {
    const overdue = await createApplication(services, people['handler']!.acting, publicForm({ channel: '当面', submitted: '2024-05-06' }), clock);
    const all = await listCases(services, people['handler']!.acting, {}, clock);
    expect(all.every((c) => c.agencyId === agency.id)).toBe(true);
    expect(all.find((c) => c.id === overdue.id)).toMatchObject({ urgency: 'overdue', status: 'processing' });
    const late = await listCases(services, people['supervisor']!.acting, { due: 'overdue' }, clock);
    expect(late.map((c) => c.id)).toContain(overdue.id);
    expect(late.every((c) => c.dueOn! < todayIn(clock))).toBe(true);
    expect(await listCases(services, people['otherHandler']!.acting, {}, clock)).toEqual([]);
    expect(await listCases(services, people['otherHandler']!.acting, { agencyId: agency.id }, clock)).toEqual([]);
    const soon = await createApplication(services, people['handler']!.acting, publicForm({ channel: '当面', submitted: '2024-06-03' }), clock);
    const soonCase = (await listCases(services, people['handler']!.acting, { due: 'soon' }, clock)).find((c) => c.id === soon.id);
    expect(soonCase?.urgency).toBe('soon');
  });

  it('the public status: status and dates only, by tracking code and phone; a wrong pair is the same 404', async () => {
    const { trackingCode } = await createApplication(services, people['handler']!.acting, publicForm({ channel: '当面', submitted: '2024-06-03' }), clock);
    const status = await publicStatus(services, trackingCode.toLowerCase().replaceAll('-', ' '), '138 0013 8000');
    expect(status).toEqual({
      trackingCode, agency: agency.name, status: 'processing', statusLabel: '办理中', submitted: '2024-06-03', receiptDate: '2024-06-03',
      replyDue: expect.any(String), extendedReplyDue: null, provisional: false, closedOn: null,
    });
    expect(JSON.stringify(status)).not.toMatch(/张三|13800138000|zhang/);
    const wrongPhone = await refused(publicStatus(services, trackingCode, '13800138001'), 404);
    const wrongCode = await refused(publicStatus(services, newTrackingCode(), '13800138000'), 404);
    expect(wrongPhone.message).toBe(wrongCode.message);
    expect(normalizeTrackingCode('abcd')).toBeUndefined();
  });
});
