/**
 * Table 二, the on-time list and coverage on the real database: what the SQL selects (this agency's
 * published items, the year's boundaries), the figures' saves (audited, a stale form refused, the
 * agency's roles), and table2Of's result checked against the report room's canonical schema and rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, OPERATOR } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { IsoDate } from '../law/dates.ts';
import { reachingGrants, type Agency } from '../platform/accounts/store.ts';
import type { Acting } from '../platform/accounts/service.ts';
import type { Services } from '../platform/services.ts';
import { parseCanonicalReport, validateReport } from '../report/index.ts';
import { coverageOf, setCoverageMaxAge } from './coverage-service.ts';
import { dueList } from './due-service.ts';
import { saveFigures } from './figures-service.ts';
import { table2Report } from './table2-xlsx.ts';
import { catalogStatistics, table2Of } from './table2-service.ts';
import { insertTestItem } from './table2-testing.ts';

let services: Services;
let government: Agency;
let agency: Agency;
let sibling: Agency;
let elsewhere: Agency;

const actingAs = async (username: string, roles: Parameters<typeof addPerson>[2]): Promise<Acting> => {
  const person = await addPerson(services, username, roles);
  return { actor: { kind: 'person', personId: person.id, username }, grants: await reachingGrants(services.db, person.id) };
};

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '统计测试县人民政府', 'government');
  agency = await addAgency(services, '统计测试县文化旅游局', 'department', government);
  sibling = await addAgency(services, '统计测试县教育局', 'department', government);
  elsewhere = await addAgency(services, '别处统计测试县民政局');
}, 60_000);
afterAll(async () => services?.close());

describe('table2Of', () => {
  beforeAll(async () => {
    const add = (at: Agency, item: Parameters<typeof insertTestItem>[2]) => insertTestItem(services.db, at.id, item);
    // 规章: one issued in 2023, one repealed in 2023, one repealed in 2024 (in force at the end of 2023).
    await add(agency, { genre: '规章', formedOn: '2023-05-10' });
    await add(agency, { genre: '规章', formedOn: '2019-05-10', validity: 'repealed', validityChangedOn: '2023-12-31' });
    await add(agency, { genre: '规章', formedOn: '2020-05-10', validity: 'repealed', validityChangedOn: '2024-01-01' });
    // 行政规范性文件: issued on the year's first and last day, one formed in 2024, one withdrawn, one a draft, one lapsed.
    await add(agency, { genre: '行政规范性文件', formedOn: '2023-01-01' });
    await add(agency, { genre: '行政规范性文件', formedOn: '2023-12-31', publishedOn: '2024-01-15' });
    await add(agency, { genre: '行政规范性文件', formedOn: '2024-01-01' });
    await add(agency, { genre: '行政规范性文件', formedOn: '2023-03-01', status: 'withdrawn', publishedOn: null });
    await add(agency, { genre: '行政规范性文件', formedOn: '2023-03-01', status: 'draft' });
    await add(agency, { genre: '行政规范性文件', formedOn: '2021-03-01', validity: 'expired', validityChangedOn: '2023-06-01' });
    // Another agency's items count for it only.
    await add(sibling, { genre: '规章', formedOn: '2023-05-10' });
    await add(elsewhere, { genre: '行政规范性文件', formedOn: '2023-05-10' });
  });

  it('counts the agency’s published documents; figures not entered are null', async () => {
    expect(await table2Of(services.db, agency.id, 2023)).toEqual({
      regulations: { issued: 1, repealed: 1, inForce: 2 },
      normativeDocuments: { issued: 2, repealed: 0, inForce: 2 },
      licensing: { decisions: null }, punishment: { decisions: null }, enforcement: { decisions: null }, fees: { amountWan: null },
    });
    expect((await table2Of(services.db, sibling.id, 2023)).regulations).toEqual({ issued: 1, repealed: 0, inForce: 1 });
  });

  it('with the entered figures, and canonical: the report room’s schema and table 二 rules accept it', async () => {
    await saveFigures(services, OPERATOR, agency.id, { year: '2023', licensing: '71', punishment: '0', enforcement: '', feesWan: '5949.088667' }, { today: '2024-01-20', seen: null });
    const table2 = await table2Of(services.db, agency.id, 2023);
    expect(table2).toMatchObject({ licensing: { decisions: 71 }, punishment: { decisions: 0 }, enforcement: { decisions: null }, fees: { amountWan: 5949.088667 } });
    const parsed = parseCanonicalReport(table2Report(agency.name, 2023, table2));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.table2).toEqual(table2);
    const findings = validateReport(parsed.report).filter((f) => f.cells.some((cell) => cell.startsWith('t2.')));
    // The one blank (行政强制 not entered) is reported as blank, nothing else about table 二.
    expect(findings.map((f) => [f.rule, f.cells])).toEqual([['CELL-BLANK', ['t2.enforcement.decisions']]]);
  });

  it('the year’s published items by 第二十条 item and month: drafts, withdrawn items and other years left out', async () => {
    await insertTestItem(services.db, sibling.id, { article20Item: 'licensing', formedOn: '2022-12-20', publishedOn: '2023-01-01' });
    await insertTestItem(services.db, sibling.id, { article20Item: 'licensing', formedOn: '2023-03-02', publishedOn: '2023-03-31' });
    await insertTestItem(services.db, sibling.id, { article20Item: 'organisation', formedOn: '2023-12-01', publishedOn: '2023-12-31' });
    await insertTestItem(services.db, sibling.id, { formedOn: '2023-12-01', publishedOn: '2023-12-20' });
    await insertTestItem(services.db, sibling.id, { article20Item: 'licensing', formedOn: '2023-12-01', publishedOn: '2024-01-01' });
    await insertTestItem(services.db, sibling.id, { article20Item: 'licensing', formedOn: '2023-05-01', status: 'draft' });
    await insertTestItem(services.db, sibling.id, { article20Item: 'licensing', formedOn: '2023-05-01', status: 'withdrawn', publishedOn: '2023-05-10' });
    const stats = await catalogStatistics(services.db, sibling.id, 2023);
    const row = (item: string | null) => stats.monthly.rows.find((r) => r.item === item)!;
    expect(row('licensing').months).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row('organisation').months[11]).toBe(1);
    // The sibling's 规章 of 2023-05-10 (published on its formation day) has no 第二十条 item.
    expect(row(null)).toMatchObject({ total: 2 });
    expect(stats.monthly.totals.total).toBe(5);
  });
});

describe('saving figures', () => {
  it('is audited with before and after', async () => {
    await saveFigures(services, OPERATOR, sibling.id, { year: '2022', licensing: '3', punishment: '', enforcement: '', feesWan: '' }, { today: '2024-01-20', seen: null });
    const { rows } = await services.db.query<{ action: string; details: { before: unknown; after: { licensing: number } } }>(
      "SELECT action, details FROM audit_log WHERE subject = $1 ORDER BY id DESC LIMIT 1", [`catalog_figures:${sibling.id}:2022`]);
    expect(rows[0]).toMatchObject({ action: 'catalog.figures', details: { before: null, after: { licensing: 3, punishment: null, feesFen: null } } });
  });

  it('refuses a form saved over someone else’s save (409), a bad field (naming it), a future year', async () => {
    const stats = await catalogStatistics(services.db, agency.id, 2023);
    const seen = stats.figures!.updatedAt.toISOString();
    await saveFigures(services, OPERATOR, agency.id, { year: '2023', licensing: '72', punishment: '0', enforcement: '', feesWan: '1' }, { today: '2024-01-20', seen });
    await expect(saveFigures(services, OPERATOR, agency.id, { year: '2023', licensing: '99', punishment: '', enforcement: '', feesWan: '' }, { today: '2024-01-20', seen }))
      .rejects.toMatchObject({ status: 409, code: 'catalog.figures_changed' });
    expect((await table2Of(services.db, agency.id, 2023)).licensing.decisions).toBe(72);
    await expect(saveFigures(services, OPERATOR, agency.id, { year: '2023', licensing: '-1', punishment: '1.5', enforcement: '', feesWan: '3万' }, { today: '2024-01-20', seen: null }))
      .rejects.toMatchObject({ status: 400, details: { fields: [{ field: 'licensing' }, { field: 'punishment' }, { field: 'feesWan' }] } });
    await expect(saveFigures(services, OPERATOR, agency.id, { year: '2025', licensing: '1', punishment: '', enforcement: '', feesWan: '' }, { today: '2024-01-20', seen: null }))
      .rejects.toMatchObject({ status: 400, details: { fields: [{ field: 'year' }] } });
  });

  it('by the agency’s 经办人 only: a 审核人 is refused (403), another agency’s 经办人 does not find it (404)', async () => {
    const handler = await actingAs('figures-handler', [['handler', agency]]);
    const reviewer = await actingAs('figures-reviewer', [['reviewer', agency]]);
    const stranger = await actingAs('figures-stranger', [['handler', elsewhere]]);
    const values = { year: '2021', licensing: '5', punishment: '', enforcement: '', feesWan: '' };
    await expect(saveFigures(services, handler, agency.id, values, { today: '2024-01-20', seen: null })).resolves.toMatchObject({ licensing: 5, updatedBy: expect.any(Number) });
    await expect(saveFigures(services, reviewer, agency.id, values, { today: '2024-01-20', seen: null })).rejects.toMatchObject({ status: 403 });
    await expect(saveFigures(services, stranger, agency.id, values, { today: '2024-01-20', seen: null })).rejects.toMatchObject({ status: 404 });
  });
});

describe('the on-time list', () => {
  it('late, due soon and published late of the agencies asked for, with counts', async () => {
    const at = await addAgency(services, '期限测试局', 'department', government);
    const late = await insertTestItem(services.db, at.id, { status: 'secrecyCheck', formedOn: '2024-08-30', publishDue: '2024-09-30' });
    const soon = await insertTestItem(services.db, at.id, { status: 'draft', formedOn: '2024-09-13', publishDue: '2024-10-14' });
    await insertTestItem(services.db, at.id, { status: 'draft', formedOn: '2024-09-14', publishDue: '2024-10-15' });
    const publishedLate = await insertTestItem(services.db, at.id, { formedOn: '2024-08-30', publishDue: '2024-09-30', publishedOn: '2024-10-10' });
    await insertTestItem(services.db, at.id, { formedOn: '2023-08-30', publishDue: '2023-09-28', publishedOn: '2023-10-10' });
    await insertTestItem(services.db, at.id, { status: 'notPublished', formedOn: '2024-08-30', publishDue: '2024-09-30' });
    await insertTestItem(services.db, elsewhere.id, { status: 'draft', formedOn: '2024-08-30', publishDue: '2024-09-30' });
    const list = await dueList(services.db, [at.id], { today: '2024-10-08' as IsoDate, soonWorkingDays: 5, year: 2024 });
    expect(list.soonUntil).toBe('2024-10-14');
    expect(list.late.items.map((r) => [r.id, r.dueText])).toEqual([[late, '逾期 1 个工作日']]);
    expect(list.dueSoon.items.map((r) => [r.id, r.dueText])).toEqual([[soon, '还有 5 个工作日']]);
    expect(list.publishedLate.items.map((r) => [r.id, r.dueText])).toEqual([[publishedLate, '超过期限 3 个工作日公开']]);
    expect(list.counts).toEqual([{ agencyId: at.id, agencyName: '期限测试局', late: 1, dueSoon: 1, publishedLate: 1 }]);
    const last = await dueList(services.db, [at.id], { today: '2024-10-08' as IsoDate, soonWorkingDays: 4, year: 2023 });
    expect(last.dueSoon.total).toBe(0);
    expect(last.publishedLate.total).toBe(1);
  });
});

describe('coverage', () => {
  it('a supervisor’s two agencies, each with its own limit; the limit is set by the agencyAdmin, audited', async () => {
    const a = await addAgency(services, '覆盖测试甲局', 'department', government);
    const b = await addAgency(services, '覆盖测试乙局', 'department', government);
    await insertTestItem(services.db, a.id, { article20Item: 'organisation', formedOn: '2024-06-01' });
    await insertTestItem(services.db, a.id, { article20Item: 'budget', formedOn: '2023-01-10' });
    await insertTestItem(services.db, a.id, { article20Item: 'fees', formedOn: '2024-06-01', status: 'draft' });
    await insertTestItem(services.db, b.id, { article20Item: 'budget', formedOn: '2024-03-01' });
    const admin = await actingAs('coverage-admin', [['agencyAdmin', b]]);
    await setCoverageMaxAge(services, admin, b.id, '90');
    await expect(setCoverageMaxAge(services, admin, a.id, '30')).rejects.toMatchObject({ status: 404 });
    await expect(setCoverageMaxAge(services, await actingAs('coverage-handler', [['handler', b]]), b.id, '30')).rejects.toMatchObject({ status: 403 });
    await expect(setCoverageMaxAge(services, admin, b.id, '0')).rejects.toMatchObject({ status: 400, details: { fields: [{ field: 'maxAgeDays' }] } });
    const rows = await coverageOf(services.db, [a, b], '2024-06-30' as IsoDate);
    const cell = (i: number, item: string) => rows[i]!.cells.find((c) => c.item === item)!.state;
    expect([rows[0]!.maxAgeDays, rows[0]!.ownLimit, rows[1]!.maxAgeDays, rows[1]!.ownLimit]).toEqual([365, false, 90, true]);
    expect([cell(0, 'organisation'), cell(0, 'budget'), cell(0, 'fees'), cell(1, 'budget'), cell(1, 'organisation')]).toEqual(['current', 'stale', 'missing', 'stale', 'missing']);
    const { rows: audit } = await services.db.query<{ details: unknown }>("SELECT details FROM audit_log WHERE action = 'catalog.coverage_limit' AND agency_id = $1", [b.id]);
    expect(audit).toEqual([{ details: { before: { coverageMaxAgeDays: null }, after: { coverageMaxAgeDays: 90 } } }]);
    // Back to the default.
    await setCoverageMaxAge(services, admin, b.id, '');
    expect((await coverageOf(services.db, [b], '2024-06-30' as IsoDate))[0]).toMatchObject({ maxAgeDays: 365, ownLimit: false });
  });
});
