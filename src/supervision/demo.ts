/**
 * The demo of the annual report for `npm start` (after the accounts, catalog and portal demos): the
 * demo agency gets records of last year — a few applications from a ledger (replied, one appealed), a
 * few published items, and the supervision records (培训, 检查, 5·15, 咨询: records-demo.ts) — when it
 * has none, so that its report of last year is drafted from records at
 * once: the demo 经办人 (demo-handler) submits it, the demo 监督员 of the government (demo-supervisor)
 * reviews it, the demo 负责人 (demo-head) publishes it. Last year is counted from today, so the demo
 * works in any year. Idempotent: a year that has cases or items is left as it is.
 */
import { DEMO_AGENCY_NAME } from '../accounts/index.ts';
import { caseTablesOf, importLedger } from '../applications/index.ts';
import { catalogYearFactsOf, importItems } from '../catalog/index.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { findOpenAgencyByName } from '../platform/accounts/store.ts';
import { todayIn } from '../platform/clock.ts';
import type { Services } from '../platform/services.ts';
import { seedDemoRecords } from './records-demo.ts';

const SYSTEM: Acting = { actor: { kind: 'system' }, grants: null };

/** The cases of year `y` as ledger rows (docs/examples/ledger.jsonl): all replied within the year, one appealed. */
export function demoLedger(y: number): Record<string, unknown>[] {
  return [
    {
      ref: `${y}-001`, applicant: { kind: '自然人', name: '张三', idType: '身份证', idNumber: '210902198001011236', phone: '13800138000', email: 'zhangsan@example.com' },
      description: `${y} 年本区文化惠民演出的场次安排`, provision: '电子', delivery: '电子邮件', channel: '网络',
      submitted: `${y}-03-03`, confirmed: `${y}-03-03`, repliedOn: `${y}-03-17`, outcome: 'granted',
    },
    {
      ref: `${y}-002`, applicant: { kind: '自然人', name: '李四', idType: '身份证', idNumber: '210902197512310022', phone: '0418-2812345', address: '阜新市太平区红树路 1 号' },
      description: `${y - 1} 年本局文化市场行政检查的计划和结果`, provision: '纸质', delivery: '邮寄', channel: '当面',
      submitted: `${y}-04-07`, confirmed: `${y}-04-07`, repliedOn: `${y}-04-28`, outcome: 'partiallyGranted',
    },
    {
      ref: `${y}-003`, applicant: { kind: '商业企业', name: '阜新某某文化传媒有限公司', idType: '统一社会信用代码', idNumber: '91210900MA0ABCDEF3', phone: '0418-3334444' },
      description: '本局对本公司营业性演出许可的审查意见', provision: '纸质', delivery: '自行领取', channel: '邮寄',
      submitted: `${y}-05-12`, confirmed: `${y}-05-14`, repliedOn: `${y}-06-03`, outcome: 'denied.processInformation',
      appeals: [{ kind: 'reconsideration', filedOn: `${y}-06-20`, decidedOn: `${y}-08-15`, result: 'upheld' }],
    },
    {
      ref: `${y}-004`, applicant: { kind: '自然人', name: '王五', phone: '13912345678', email: 'wangwu@example.com' },
      description: '本区某景区 2010 年的规划设计原始图纸', provision: '电子', delivery: '电子邮件', channel: '网络',
      submitted: `${y}-09-08`, confirmed: `${y}-09-08`, repliedOn: `${y}-09-26`, outcome: 'unableToProvide.notHeld',
    },
  ];
}

/** The items of year `y` published by the agency (imported as published on their dates). */
export function demoItems(y: number): Record<string, unknown>[] {
  return [
    {
      title: `太平区${y}年文化市场“双随机、一公开”抽查工作计划`, formedOn: `${y}-02-20`, publishedOn: `${y}-02-24`, topic: '文化、广电、新闻出版',
      genre: '规划计划', article20Item: 13, body: `<p>${y}年，本局对全区文化市场经营单位按“双随机、一公开”要求开展抽查，抽查比例不低于 5%。</p>`,
    },
    {
      title: `阜新市太平区文化旅游和广播电视局${y}年部门预算`, formedOn: `${y}-03-10`, publishedOn: `${y}-03-14`, topic: '财政、金融、审计',
      genre: '财政信息', article20Item: 7, body: `<p>本局${y}年部门预算及说明。</p>`,
    },
    {
      title: `太平区${y}年春节文化惠民活动安排`, formedOn: `${y}-01-06`, publishedOn: `${y}-01-08`, topic: '文化、广电、新闻出版',
      genre: '通知公告', article20Item: 11, body: '<p>春节期间，全区举办新春游园、非遗展演和送春联下乡等文化惠民活动。</p>',
    },
  ];
}

/** Seeds the demo agency's last-year records once (nothing when the agency is absent). */
export async function seedDemoSupervision(services: Services): Promise<void> {
  const { db, logger } = services;
  const agency = await findOpenAgencyByName(db, DEMO_AGENCY_NAME);
  if (!agency) return;
  const year = Number(todayIn().slice(0, 4)) - 1;
  const [tables, catalog] = await Promise.all([caseTablesOf(db, [agency.id], year), catalogYearFactsOf(db, [agency.id], year)]);
  const cases = Object.values(tables.get(agency.id)?.table3 ?? {}).some((cells) => cells.some((n) => n > 0));
  if (!cases) {
    const outcome = await importLedger(services, SYSTEM, agency.id, demoLedger(year).map((value, i) => ({ line: i + 1, value })));
    if (!outcome.ok) logger.warn({ problems: outcome.problems }, '示例申请台账未能导入');
  }
  if ((catalog.get(agency.id)?.published ?? 0) === 0) {
    const outcome = await importItems(services, SYSTEM, agency.id, demoItems(year).map((value, i) => ({ line: i + 1, value })));
    if (!outcome.ok) logger.warn({ problems: outcome.problems }, '示例政府信息未能导入');
  }
  await seedDemoRecords(services);
  logger.info({ agencyId: agency.id, year }, `已准备演示机关 ${year} 年的办理记录：以 demo-handler 登录即可编制 ${year} 年度报告`);
}
