/**
 * The annual report workspace on the real database (issue 19 §1, §3): drafting an empty year, editing
 * a sentence, submission to the supervising office, return with a comment at a cell, resubmission,
 * acceptance, publication by the 负责人 only, correction as a second public version beside the first,
 * a government at the top publishing its own report, a year before the platform entered by hand (a
 * broken number blocks submission), optimistic locking and the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate } from '../law/dates.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { reachingGrants, type Agency } from '../platform/accounts/store.ts';
import type { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, OPERATOR } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { reportStatuses } from './status.ts';
import { editSentence, setManualCell, startManual, takeStep, workspaceOf, REPORT_PUBLISHED_JOB } from './workspace-service.ts';

let services: Services;
let government: Agency;
let bureau: Agency;
const acting: Record<string, Acting> = {};
const YEAR = 2025;
const TODAY = '2026-01-12' as IsoDate;

async function refused(promise: Promise<unknown>, status: number, code?: string): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e as AppError);
  expect(error, 'expected a refusal').toBeDefined();
  expect({ status: error!.status, code: error!.code }).toMatchObject({ status, ...(code ? { code } : {}) });
  return error!;
}

const ws = (agency: Agency = bureau, year = YEAR) => workspaceOf(services.db, agency.id, year, TODAY);
const step = async (who: string, s: Parameters<typeof takeStep>[5]['step'], extra: Partial<Parameters<typeof takeStep>[5]> = {}, agency: Agency = bureau, year = YEAR) =>
  takeStep(services, acting[who]!, agency.id, year, TODAY, { step: s, version: (await ws(agency, year)).version, ...extra });

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '太平区人民政府', 'government');
  bureau = await addAgency(services, '太平区文化旅游局', 'department', government);
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    handler: [['handler', bureau]], head: [['head', bureau]], supervisor: [['supervisor', government]], govHead: [['head', government]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    const person = await addPerson(services, `ws-${name.toLowerCase()}`, grants);
    acting[name] = { actor: { kind: 'person', personId: person.id, username: person.username }, grants: await reachingGrants(services.db, person.id) };
  }
}, 120_000);
afterAll(async () => services.close());

describe('the way of a report from draft to publication', () => {
  it('drafts six sections and the three tables from an empty year, with no error', async () => {
    const w = await ws();
    expect(w.state).toBe('missing');
    expect(w.report.sections?.map((s) => s.key)).toEqual(['overview', 'proactive', 'applications', 'appeals', 'problems', 'other']);
    expect(w.report.sections?.find((s) => s.key === 'other')?.text).toContain('本年度未收取信息处理费');
    expect(w.report.sections?.find((s) => s.key === 'applications')?.text).toContain('本年未收到政府信息公开申请');
    expect(w.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(w.dueOn).toBe('2026-01-31');
    expect(w.supervised).toBe(true);
  });

  it('takes an edited sentence into the report and keeps the drafted one to go back to', async () => {
    await editSentence(services, acting['handler']!, bureau.id, YEAR, TODAY, { sentenceId: 'problems.plan', text: '下一步，本局将建立政务公开工作台账，每季度自查一次。', version: 0 });
    const w = await ws();
    expect(w.state).toBe('draft');
    expect(w.report.sections?.find((s) => s.key === 'problems')?.text).toContain('每季度自查一次');
    const sentence = w.sentences['problems']!.find((s) => s.id === 'problems.plan')!;
    expect(sentence).toMatchObject({ edited: true, stale: false });
    expect(sentence.drafted).toContain('下一步，将继续严格执行');
    await refused(editSentence(services, acting['handler']!, bureau.id, YEAR, TODAY, { sentenceId: 'problems.plan', text: '旧版本上的修改', version: 0 }), 409, 'report.stale');
    await refused(editSentence(services, acting['supervisor']!, bureau.id, YEAR, TODAY, { sentenceId: 'problems.plan', text: '监督员不能改' }), 403, 'report.needs_writer');
    await refused(editSentence(services, acting['handler']!, bureau.id, YEAR, TODAY, { sentenceId: 'no.such', text: 'x' }), 400, 'report.no_sentence');
  });

  it('is reviewed: submitted, frozen, returned with a comment at a cell, resubmitted and accepted', async () => {
    await refused(step('head', 'publish'), 409, 'report.not_accepted');
    await refused(step('supervisor', 'accept'), 409, 'report.not_submitted');
    expect(await step('handler', 'submit')).toBe('submitted');
    await refused(editSentence(services, acting['handler']!, bureau.id, YEAR, TODAY, { sentenceId: 'problems.plan', text: '报送后不能改' }), 409, 'report.not_editable');
    await refused(step('handler', 'accept'), 403, 'report.needs_reviewer');
    await refused(step('supervisor', 'return'), 400, 'report.return_needs_comment');
    expect(await step('supervisor', 'return', { note: '请核对表三', comments: [{ target: 't3.granted[6]', text: '予以公开总计与台账不一致，请核对。' }] })).toBe('returned');
    let w = await ws();
    expect(w.comments).toEqual([expect.objectContaining({ round: 1, target: 't3.granted[6]', text: '予以公开总计与台账不一致，请核对。' })]);
    await editSentence(services, acting['handler']!, bureau.id, YEAR, TODAY, { sentenceId: 'problems.plan', text: '下一步，本局将按季度自查并公开自查结果。', version: w.version });
    expect((await ws()).state).toBe('draft');
    expect(await step('handler', 'submit')).toBe('submitted');
    expect(await step('supervisor', 'accept')).toBe('accepted');
    w = await ws();
    expect(w).toMatchObject({ round: 2, submittedOn: TODAY, acceptedOn: TODAY });
  });

  it('is published by the 负责人 only, and then shows on the status list with its date', async () => {
    await refused(step('handler', 'publish'), 403, 'report.needs_head');
    expect(await step('head', 'publish')).toBe('published');
    const w = await ws();
    expect(w.versions).toHaveLength(1);
    expect(w.report.publishedOn).toBe(TODAY);
    expect(w.report.sections?.find((s) => s.key === 'problems')?.text).toContain('按季度自查并公开自查结果');
    const jobs = await services.db.query('SELECT payload FROM jobs WHERE kind = $1', [REPORT_PUBLISHED_JOB]);
    expect(jobs.rows.map((r) => r.payload)).toEqual([{ reportId: expect.any(Number), versionNo: 1 }]);
    const status = await reportStatuses(services.db, government.id, YEAR, TODAY);
    expect(status.map((s) => [s.agency, s.state, s.publishedOn, s.late])).toEqual([
      ['太平区人民政府', 'missing', null, false],
      ['太平区文化旅游局', 'published', TODAY, false],
    ]);
  });

  it('is corrected as a second public version with its reason, the first kept', async () => {
    await refused(step('handler', 'correct'), 403, 'report.needs_head');
    expect(await step('head', 'correct')).toBe('correcting');
    await editSentence(services, acting['handler']!, bureau.id, YEAR, TODAY, { sentenceId: 'problems.plan', text: '下一步，本局将按月自查。', version: (await ws()).version });
    await refused(step('head', 'publish'), 400, 'report.correction_needs_reason');
    expect(await step('head', 'publish', { correction: '第五部分改进措施表述有误，予以更正。' })).toBe('published');
    const w = await ws();
    expect(w.versions.map((v) => [v.versionNo, v.correction])).toEqual([[1, null], [2, '第五部分改进措施表述有误，予以更正。']]);
    expect(w.versions[0]!.canonical.sections?.find((s) => s.key === 'problems')?.text).toContain('按季度自查');
    expect(w.report.sections?.find((s) => s.key === 'problems')?.text).toContain('按月自查');
    expect(w.publishedOn).toBe(TODAY);
    const audit = await services.db.query<{ action: string }>("SELECT action FROM audit_log WHERE subject LIKE 'annual_report:%' ORDER BY id");
    expect(audit.rows.map((r) => r.action)).toEqual([
      'annual_report.edit_sentence', 'annual_report.submit', 'annual_report.return', 'annual_report.edit_sentence',
      'annual_report.submit', 'annual_report.accept', 'annual_report.publish', 'annual_report.correct', 'annual_report.edit_sentence', 'annual_report.publish',
    ]);
  });

  it('lets a government with nobody above publish its own report from the draft', async () => {
    await refused(step('govHead', 'submit', {}, government), 409, 'report.unsupervised');
    expect(await step('govHead', 'publish', {}, government)).toBe('published');
    expect((await ws(government)).dueOn).toBe('2026-03-31');
  });
});

describe('a year before the platform', () => {
  it('takes numbers entered by hand with a reason, and refuses to submit while they break the rules', async () => {
    await startManual(services, acting['handler']!, bureau.id, 2019, TODAY, 0);
    let w = await ws(bureau, 2019);
    expect(w.basis).toBe('manual');
    await setManualCell(services, acting['handler']!, bureau.id, 2019, TODAY, { path: 't3.newReceived[0]', value: 3, reason: '依据 2019 年申请登记台账', version: w.version });
    w = await ws(bureau, 2019);
    expect(w.report.table3.rows.newReceived?.[0]).toBe(3);
    expect(w.manualCells['t3.newReceived[0]']).toMatchObject({ value: 3, reason: '依据 2019 年申请登记台账' });
    expect(w.findings.some((f) => f.rule === 'T3-ROW-TOTAL')).toBe(true);
    await refused(step('handler', 'submit', {}, bureau, 2019), 422, 'report.has_errors');
    const audit = await services.db.query<{ details: { cell: string; reason: string } }>("SELECT details FROM audit_log WHERE action = 'annual_report.manual_cell'");
    expect(audit.rows[0]!.details).toMatchObject({ cell: 't3.newReceived[0]', reason: '依据 2019 年申请登记台账' });
  });

  it('refuses hand-entered numbers for a year drafted from records', async () => {
    await refused(setManualCell(services, acting['handler']!, bureau.id, YEAR, TODAY, { path: 't3.newReceived[0]', value: 1, reason: 'x' }), 409);
  });
});

describe("a government's report against its agencies'", () => {
  it('names each cell where the government published other than its own cases plus its agencies\' published figures', async () => {
    const year = 2020;
    const enter = async (agency: Agency, cells: Record<string, number>) => {
      await startManual(services, OPERATOR, agency.id, year, TODAY);
      for (const [path, value] of Object.entries(cells)) {
        await setManualCell(services, OPERATOR, agency.id, year, TODAY, { path, value, reason: '依据当年台账' });
      }
    };
    const two = { 't3.newReceived[0]': 2, 't3.newReceived[6]': 2, 't3.granted[0]': 2, 't3.granted[6]': 2, 't3.totalProcessed[0]': 2, 't3.totalProcessed[6]': 2 };
    await enter(bureau, two);
    for (const s of ['submit', 'accept', 'publish'] as const) await takeStep(services, OPERATOR, bureau.id, year, TODAY, { step: s });
    await enter(government, { ...two, 't3.newReceived[0]': 5, 't3.newReceived[6]': 5, 't3.carriedForward[0]': 3, 't3.carriedForward[6]': 3 });
    const w = await ws(government, year);
    expect(w.rollupFindings.map((f) => [f.cells[0], f.message])).toEqual([
      ['t3.newReceived[0]', '表三 本年新收政府信息公开申请数量 · 自然人：本级报告为 5，本级办理记录与所属机关报告之和为 2（相差 3）。'],
      ['t3.newReceived[6]', '表三 本年新收政府信息公开申请数量 · 总计：本级报告为 5，本级办理记录与所属机关报告之和为 2（相差 3）。'],
      ['t3.carriedForward[0]', '表三 结转下年度继续办理 · 自然人：本级报告为 3，本级办理记录与所属机关报告之和为 0（相差 3）。'],
      ['t3.carriedForward[6]', '表三 结转下年度继续办理 · 总计：本级报告为 3，本级办理记录与所属机关报告之和为 0（相差 3）。'],
    ]);
    expect((await ws(bureau, year)).rollupFindings).toEqual([]);
  });
});
