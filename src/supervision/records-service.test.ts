/**
 * The supervision records' use-cases on the real database: who records what (the agency's 经办人 its
 * trainings, events and consultations and the 整改 of a problem; the government's 监督员 the inspections
 * and their problems, for agencies under its government only), the audit row of every change, the
 * field each refusal names, and a change over a record changed meanwhile refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { reachingGrants, type Agency } from '../platform/accounts/store.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { addFinding, addRecord, editFinding, editRecord, getRecord, rectifyFinding, yearRecords } from './records-service.ts';

let services: Services;
let agency: Agency;
let otherAgency: Agency;
const acting: Record<string, Acting> = {};

/** 2024-06-20, noon in Beijing. */
const clock = () => Date.parse('2024-06-20T04:00:00Z');

beforeAll(async () => {
  services = await createTestServices();
  const county = await addAgency(services, '服务测试县人民政府', 'government');
  agency = await addAgency(services, '服务测试县文化旅游局', 'department', county);
  const otherCounty = await addAgency(services, '别处服务测试县人民政府', 'government');
  otherAgency = await addAgency(services, '别处服务测试县教育局', 'department', otherCounty);
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    handler: [['handler', agency]], reviewer: [['reviewer', agency]], supervisor: [['supervisor', county]],
    otherSupervisor: [['supervisor', otherCounty]], otherHandler: [['handler', otherAgency]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    const person = await addPerson(services, `svc-${name.toLowerCase()}`, grants);
    acting[name] = { actor: { kind: 'person', personId: person.id, username: person.username }, grants: await reachingGrants(services.db, person.id), ip: '127.0.0.1' };
  }
}, 60_000);
afterAll(async () => services?.close());

/** What a use-case threw: its status, code and the fields it named. */
async function refusal(work: Promise<unknown>): Promise<{ status: number; code: string; fields: string[]; messages: string[] }> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
    return { status: error.status, code: error.code, fields: fields.map((f) => f.field), messages: fields.map((f) => f.message) };
  }
  throw new Error('expected a refusal');
}

const auditRows = async (action: string) => (await services.db.query<{ subject: string; agency_id: number; details: Record<string, unknown>; actor: string }>(
  'SELECT subject, agency_id, details, actor FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

describe('the agency’s own records', () => {
  it('a 经办人 records a training, written to the audit log', async () => {
    const { id } = await addRecord(services, acting['handler']!, 'training', agency.id, { heldOn: '2024-03-12', title: '政务公开业务培训', attendees: '56', note: '' }, clock);
    const [row] = await auditRows('supervision.training.add');
    expect(row).toMatchObject({ subject: `supervision_training:${id}`, agency_id: agency.id, actor: 'person:svc-handler' });
    expect(row!.details).toEqual({ after: { heldOn: '2024-03-12', title: '政务公开业务培训', attendees: 56, note: null } });
    expect(await getRecord(services, acting['supervisor']!, 'training', id)).toMatchObject({ attendees: 56, version: 1 });
  });

  it('names every wrong field at once', async () => {
    const r = await refusal(addRecord(services, acting['handler']!, 'training', agency.id, { heldOn: '2024-13-01', title: '', attendees: '七十' }, clock));
    expect(r.status).toBe(422);
    expect(r.fields.sort()).toEqual(['attendees', 'heldOn', 'title']);
    expect(r.messages).toContain('参加人次（attendees）：应为 1 到 1000000 之间的整数，实际为 "七十"');
    expect(r.messages).toContain('培训名称（title）：必须填写');
    const future = await refusal(addRecord(services, acting['handler']!, 'publicDay', agency.id, { heldOn: '2024-06-21', title: '政务公开日' }, clock));
    expect(future.messages).toEqual(['活动日期（heldOn）：不能晚于今天（2024-06-20）']);
    const reply = await refusal(addRecord(services, acting['handler']!, 'consultation', agency.id, { receivedOn: '2024-05-02', channel: '12345', kind: '咨询', subject: '咨询景区门票优惠政策', reply: '已电话答复' }, clock));
    expect(reply.messages).toEqual(['答复日期（repliedOn）：填写了答复内容，请填写答复日期']);
  });

  it('refuses text PostgreSQL cannot store (a lone surrogate, NUL)', async () => {
    const r = await refusal(addRecord(services, acting['handler']!, 'publicDay', agency.id, { heldOn: '2024-05-15', title: '政务公开日\ud800', description: '内容\u0000' }, clock));
    expect(r.messages).toEqual(['活动名称（title）：含有无法保存的字符，请删除后重新填写', '活动内容（description）：含有无法保存的字符，请删除后重新填写']);
  });

  it('keeps a consultation without personal data: an unknown field is refused', async () => {
    const r = await refusal(addRecord(services, acting['handler']!, 'consultation', agency.id, { receivedOn: '2024-05-02', channel: 'phone', kind: 'consultation', subject: '咨询开放时间', phone: '13800000000' }, clock));
    expect(r).toMatchObject({ status: 422, fields: ['phone'] });
  });

  it('a 审核人 may read but not record (403); another agency’s staff do not see the agency (404)', async () => {
    expect(await refusal(addRecord(services, acting['reviewer']!, 'training', agency.id, { heldOn: '2024-03-12', title: '培训', attendees: 5 }, clock))).toMatchObject({ status: 403 });
    expect(await refusal(addRecord(services, acting['otherHandler']!, 'training', agency.id, { heldOn: '2024-03-12', title: '培训', attendees: 5 }, clock))).toMatchObject({ status: 404 });
    expect(await refusal(yearRecords(services, acting['otherSupervisor']!, agency.id, 2024))).toMatchObject({ status: 404 });
  });

  it('a change over one made meanwhile is refused (409); the audit row holds what changed', async () => {
    const { id } = await addRecord(services, acting['handler']!, 'consultation', agency.id, { receivedOn: '2024-05-02', channel: 'hotline', kind: 'suggestion', subject: '建议延长博物馆开放时间' }, clock);
    await editRecord(services, acting['handler']!, 'consultation', id, { receivedOn: '2024-05-02', channel: 'hotline', kind: 'suggestion', subject: '建议延长博物馆开放时间', reply: '已采纳，自六月起周末延长一小时', repliedOn: '2024-05-10', version: 1 }, clock);
    const [edit] = await auditRows('supervision.consultation.edit');
    expect(edit!.details).toEqual({ before: { reply: null, repliedOn: null }, after: { reply: '已采纳，自六月起周末延长一小时', repliedOn: '2024-05-10' } });
    const stale = await refusal(editRecord(services, acting['handler']!, 'consultation', id, { receivedOn: '2024-05-02', channel: 'phone', kind: 'suggestion', subject: '建议', version: 1 }, clock));
    expect(stale).toMatchObject({ status: 409, code: 'supervision.stale' });
  });
});

describe('inspections', () => {
  const inspection = { inspectedOn: '2024-04-15', inspector: '服务测试县政务公开办', subject: '政府信息公开专栏检查', summary: '' };

  it('the 监督员 records an inspection of an agency under its government and its problems', async () => {
    const { id } = await addRecord(services, acting['supervisor']!, 'inspection', agency.id, inspection, clock);
    const finding = await addFinding(services, acting['supervisor']!, id, { problem: '机构职能信息未及时更新', deadline: '2024-05-15' }, clock);
    expect(await auditRows('supervision.inspection.add')).toHaveLength(1);
    expect((await auditRows('supervision.finding.add'))[0]).toMatchObject({ subject: `supervision_finding:${finding.id}`, agency_id: agency.id });
    const early = await refusal(addFinding(services, acting['supervisor']!, id, { problem: '问题', deadline: '2024-04-01' }, clock));
    expect(early.messages).toEqual(['整改期限（deadline）：不能早于检查日期（2024-04-15）']);

    // The agency puts it right; the supervisor does not mark it for them.
    expect(await refusal(rectifyFinding(services, acting['supervisor']!, finding.id, { rectifiedOn: '2024-05-10', rectification: '已更新', version: 1 }, clock))).toMatchObject({ status: 403 });
    await rectifyFinding(services, acting['handler']!, finding.id, { rectifiedOn: '2024-05-10', rectification: '已更新机构职能栏目', version: 1 }, clock);
    const { inspections } = await yearRecords(services, acting['handler']!, agency.id, 2024, 'inspection');
    expect(inspections[0]!.findings[0]).toMatchObject({ state: 'rectified', rectifiedOn: '2024-05-10', rectification: '已更新机构职能栏目', version: 2 });
    expect((await auditRows('supervision.finding.rectify'))[0]!.details).toEqual({
      before: { state: 'open', rectifiedOn: null, rectification: null }, after: { state: 'rectified', rectifiedOn: '2024-05-10', rectification: '已更新机构职能栏目' },
    });
    await rectifyFinding(services, acting['handler']!, finding.id, { version: 2 }, clock, { reopen: true });
    await editFinding(services, acting['supervisor']!, finding.id, { problem: '机构职能信息未及时更新（补充：领导分工）', deadline: '2024-06-30', version: 3 }, clock);
    expect((await yearRecords(services, acting['supervisor']!, agency.id, 2024, 'inspection')).inspections[0]!.findings[0]).toMatchObject({ state: 'open', deadline: '2024-06-30', rectifiedOn: null });
  });

  it('not of another government’s agency (404), and not by the agency’s own staff (403)', async () => {
    expect(await refusal(addRecord(services, acting['supervisor']!, 'inspection', otherAgency.id, inspection, clock))).toMatchObject({ status: 404 });
    expect(await refusal(addRecord(services, acting['handler']!, 'inspection', agency.id, inspection, clock))).toMatchObject({ status: 403 });
    const { id } = await addRecord(services, acting['otherSupervisor']!, 'inspection', otherAgency.id, inspection, clock);
    expect(await refusal(addFinding(services, acting['supervisor']!, id, { problem: '问题描述', deadline: '2024-05-01' }, clock))).toMatchObject({ status: 404 });
    expect(await refusal(editRecord(services, acting['handler']!, 'inspection', id, { ...inspection, version: 1 }, clock))).toMatchObject({ status: 404 });
    expect(await refusal(addFinding(services, acting['handler']!, id, { problem: '问题描述', deadline: '2024-05-01' }, clock))).toMatchObject({ status: 404 });
  });
});
