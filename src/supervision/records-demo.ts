/**
 * The demo agency's supervision records for `npm start` (the accounts room creates the agency first):
 * for last year, 2 政务公开培训, 1 检查 by the district government's office with 2 problems (one
 * rectified), one “5·15 政务公开日” event and 4 咨询/建议 (one a 12345 hand-off), all replied — so that
 * the drafted annual report has sections 一 and 六 to quote and the list page is filled. Recorded by
 * the system through the same use-cases as the pages (audited); once only.
 */
import { DEMO_AGENCY_NAME } from '../accounts/index.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { findOpenAgencyByName, getAgency } from '../platform/accounts/store.ts';
import { todayIn } from '../platform/clock.ts';
import type { Services } from '../platform/services.ts';
import { addFinding, addRecord, rectifyFinding } from './records-service.ts';
import { hasRecords } from './records-store.ts';

const SYSTEM: Acting = { actor: { kind: 'system' }, grants: null };

/**
 * Seeds the demo records of the year before `today`'s (nothing when the demo agency is absent or
 * already has records).
 */
export async function seedDemoRecords(services: Services, today: IsoDate = todayIn() as IsoDate): Promise<void> {
  const agency = await findOpenAgencyByName(services.db, DEMO_AGENCY_NAME);
  if (!agency || (await hasRecords(services.db, agency.id))) return;
  const y = Number(today.slice(0, 4)) - 1;
  const clock = () => Date.parse(`${today}T04:00:00Z`);
  const add = (kind: Parameters<typeof addRecord>[2], fields: Record<string, unknown>) => addRecord(services, SYSTEM, kind, agency.id, fields, clock);

  await add('training', { heldOn: `${y}-03-22`, title: '《政府信息公开条例》和年度报告编制业务培训', attendees: 36, note: '局机关各科室和下属单位信息公开工作人员参加' });
  await add('training', { heldOn: `${y}-09-14`, title: '依申请公开办理和答复文书规范培训', attendees: 28 });

  const government = agency.parentId === null ? undefined : await getAgency(services.db, agency.parentId);
  const { id: inspection } = await add('inspection', {
    inspectedOn: `${y}-06-18`, inspector: `${government?.name ?? '区人民政府'}办公室`, subject: '政府信息公开专栏和依申请公开办理情况检查',
    summary: '抽查政府信息公开专栏栏目 12 个、依申请公开办件 5 件。',
  });
  const { id: done } = await addFinding(services, SYSTEM, inspection, { problem: '“机构职能”栏目未随机构改革及时更新领导分工和内设机构信息', deadline: `${y}-07-18` }, clock);
  await addFinding(services, SYSTEM, inspection, { problem: '部分政策文件未同步发布政策解读', deadline: `${y}-12-31` }, clock);
  await rectifyFinding(services, SYSTEM, done, { rectifiedOn: `${y}-07-10`, rectification: '已更新机构职能、领导分工和内设机构信息，建立每季度核查栏目内容的制度', version: 1 }, clock);

  await add('publicDay', {
    heldOn: `${y}-05-15`, title: '“5·15 政务公开日”文旅场馆开放和政策宣讲活动',
    description: '开放区图书馆、文化馆，邀请群众代表座谈，现场解读文化惠民和旅游扶持政策。',
  });

  const consultations = [
    { receivedOn: `${y}-02-20`, channel: 'phone', kind: 'consultation', subject: '咨询 A 级旅游景区评定的申报条件', reply: '已电话告知评定标准、申报材料和受理时间。', repliedOn: `${y}-02-21` },
    { receivedOn: `${y}-04-11`, channel: 'hotline', kind: 'consultation', subject: '咨询公共文化场馆节假日开放时间', reply: '已通过 12345 平台答复开放时间安排。', repliedOn: `${y}-04-12` },
    { receivedOn: `${y}-07-03`, channel: 'online', kind: 'suggestion', subject: '建议在政府网站公开文化惠民演出场次安排', reply: '已采纳，在主动公开栏目按月发布惠民演出计划。', repliedOn: `${y}-07-15` },
    { receivedOn: `${y}-10-26`, channel: 'letter', kind: 'consultation', subject: '咨询非物质文化遗产代表性项目的申报程序', reply: '已书面答复申报程序和材料要求。', repliedOn: `${y}-11-02` },
  ];
  for (const c of consultations) await add('consultation', c);
  services.logger.info({ agencyId: agency.id, year: y }, '已存入示例政务公开工作记录（培训、检查、政务公开日活动、咨询建议）');
}
