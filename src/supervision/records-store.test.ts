/**
 * The facts a year's supervision records give the annual report, on the real database: two agencies
 * and two years counted apart (nothing from another year or agency), an agency without records
 * answered with NO_RECORD_FACTS, the year's bounds (1 January and 31 December in, the next 1 January
 * out), and the list page's rows giving the same counts through the core's summariseRecords.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Agency } from '../platform/accounts/store.ts';
import type { Services } from '../platform/services.ts';
import { NO_RECORD_FACTS } from './core/facts.ts';
import { summariseRecords, RECORD_KINDS } from './core/records.ts';
import { insertRow, recordFactsOf, recordsOfYear, updateRow } from './records-store.ts';

let services: Services;
let culture: Agency;
let education: Agency;
let empty: Agency;

const training = (heldOn: string, attendees: number) => ({ heldOn: heldOn as IsoDate, title: '政务公开业务培训', attendees, note: null });
const consultation = (receivedOn: string, channel: 'phone' | 'hotline', replied: boolean) => ({
  receivedOn: receivedOn as IsoDate, channel, kind: 'consultation' as const, subject: '咨询文物保护单位名录', reply: replied ? '已答复' : null, repliedOn: replied ? receivedOn as IsoDate : null,
});

beforeAll(async () => {
  services = await createTestServices();
  const county = await addAgency(services, '记录测试县人民政府', 'government');
  culture = await addAgency(services, '记录测试县文化旅游局', 'department', county);
  education = await addAgency(services, '记录测试县教育局', 'department', county);
  empty = await addAgency(services, '记录测试县民政局', 'department', county);
  const { db } = services;
  // 2023 for culture: 3 trainings (2 on the year's edges), 2 inspections with 3 findings (1 rectified), 2 events, 4 consultations.
  await insertRow(db, 'training', culture.id, training('2023-01-01', 30), null);
  await insertRow(db, 'training', culture.id, training('2023-06-15', 45), null);
  await insertRow(db, 'training', culture.id, training('2023-12-31', 12), null);
  const first = await insertRow(db, 'inspection', culture.id, { inspectedOn: '2023-04-10' as IsoDate, inspector: '县政务公开办', subject: '政府网站信息公开专栏', summary: null }, null);
  const second = await insertRow(db, 'inspection', culture.id, { inspectedOn: '2023-11-02' as IsoDate, inspector: '县政务公开办', subject: '依申请公开办理', summary: null }, null);
  const done = await insertRow(db, 'finding', first, { problem: '机构职能信息未更新', deadline: '2023-05-10' as IsoDate }, null);
  await insertRow(db, 'finding', first, { problem: '政策解读缺失', deadline: '2023-05-10' as IsoDate }, null);
  await insertRow(db, 'finding', second, { problem: '答复书未告知救济途径', deadline: '2023-12-02' as IsoDate }, null);
  await updateRow(db, 'finding', done, 1, { state: 'rectified', rectifiedOn: '2023-05-08' as IsoDate, rectification: '已更新' });
  await insertRow(db, 'inspection', culture.id, { inspectedOn: '2023-08-01' as IsoDate, inspector: '县政务公开办', subject: '无问题的检查', summary: '未发现问题' }, null);
  await insertRow(db, 'publicDay', culture.id, { heldOn: '2023-05-15' as IsoDate, title: '政务公开日开放活动', description: null }, null);
  await insertRow(db, 'publicDay', culture.id, { heldOn: '2023-05-16' as IsoDate, title: '政务公开进社区', description: null }, null);
  await insertRow(db, 'consultation', culture.id, consultation('2023-02-01', 'phone', true), null);
  await insertRow(db, 'consultation', culture.id, consultation('2023-03-01', 'hotline', true), null);
  await insertRow(db, 'consultation', culture.id, consultation('2023-03-02', 'hotline', false), null);
  await insertRow(db, 'consultation', culture.id, consultation('2023-12-31', 'phone', false), null);
  // Not 2023: the year before and after, and another agency's.
  await insertRow(db, 'training', culture.id, training('2022-12-31', 99), null);
  await insertRow(db, 'training', culture.id, training('2024-01-01', 77), null);
  await insertRow(db, 'consultation', culture.id, consultation('2024-01-01', 'hotline', true), null);
  const old = await insertRow(db, 'inspection', culture.id, { inspectedOn: '2022-09-01' as IsoDate, inspector: '县政务公开办', subject: '上年检查', summary: null }, null);
  await insertRow(db, 'finding', old, { problem: '上年问题', deadline: '2023-02-01' as IsoDate }, null);
  await insertRow(db, 'training', education.id, training('2023-07-07', 200), null);
  await insertRow(db, 'publicDay', education.id, { heldOn: '2023-05-15' as IsoDate, title: '教育政务公开日', description: '开放校园' }, null);
}, 60_000);
afterAll(async () => services?.close());

describe('recordFactsOf', () => {
  it('counts each agency’s records of the year and nothing from another year or agency', async () => {
    const facts = await recordFactsOf(services.db, [culture.id, education.id, empty.id], 2023);
    expect(facts.get(culture.id)).toEqual({
      trainings: { count: 3, attendees: 87 },
      inspections: { count: 3, findings: 3, rectified: 1, open: 2 },
      publicDayEvents: { count: 2 },
      consultations: { count: 4, replied: 2, hotline: 2 },
    });
    expect(facts.get(education.id)).toEqual({ ...NO_RECORD_FACTS, trainings: { count: 1, attendees: 200 }, publicDayEvents: { count: 1 } });
    expect(facts.get(empty.id)).toEqual(NO_RECORD_FACTS);
  });

  it('counts another year apart', async () => {
    const [y2022, y2024] = await Promise.all([recordFactsOf(services.db, [culture.id, education.id], 2022), recordFactsOf(services.db, [culture.id, education.id], 2024)]);
    expect(y2022.get(culture.id)).toEqual({ ...NO_RECORD_FACTS, trainings: { count: 1, attendees: 99 }, inspections: { count: 1, findings: 1, rectified: 0, open: 1 } });
    expect(y2024.get(culture.id)).toEqual({ ...NO_RECORD_FACTS, trainings: { count: 1, attendees: 77 }, consultations: { count: 1, replied: 1, hotline: 1 } });
    expect(y2022.get(education.id)).toEqual(NO_RECORD_FACTS);
  });

  it('answers every agency asked, with none or unknown ids too', async () => {
    expect((await recordFactsOf(services.db, [], 2023)).size).toBe(0);
    const facts = await recordFactsOf(services.db, [987654, culture.id, culture.id], 2023);
    expect(facts.get(987654)).toEqual(NO_RECORD_FACTS);
    expect(facts.get(culture.id)?.trainings.count).toBe(3);
  });

  it('gives the counts of the rows the list page shows', async () => {
    for (const agency of [culture, education, empty]) {
      for (const year of [2022, 2023, 2024]) {
        const rows = await recordsOfYear(services.db, agency.id, year, RECORD_KINDS);
        expect(summariseRecords(rows), `${agency.name} ${year}`).toEqual((await recordFactsOf(services.db, [agency.id], year)).get(agency.id));
      }
    }
  });
});
