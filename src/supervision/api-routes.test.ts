/**
 * The annual report API and what publication does (issue 19 §1, §3, §7), on the real database: an
 * agency under a county government with last year's records; its 经办人 submits by API token, the
 * government's 监督员 sees the status list, returns the report with a comment at a cell, accepts it;
 * the 负责人 publishes, corrects and publishes the correction. The catalog filing job makes one item
 * per version however often it runs; the portal shows the newest version, the first at its own
 * address, and the 更正说明.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLedger } from '../applications/index.ts';
import { importItems } from '../catalog/index.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import { todayIn } from '../platform/clock.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, apiToken, OPERATOR } from '../../test/support/accounts.ts';
import { createTestApp } from '../../test/support/app.ts';
import { createTestServices } from '../../test/support/services.ts';
import { demoItems, demoLedger } from './demo.ts';
import { fileReportInCatalog, reportItemTitle } from './publish-job.ts';

const YEAR = Number(todayIn().slice(0, 4)) - 1;
let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let culture: Agency;
let other: Agency;
const tokens: Record<'handler' | 'head' | 'supervisor' | 'otherHandler', string> = { handler: '', head: '', supervisor: '', otherHandler: '' };

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  government = await addAgency(services, '接口测试区人民政府', 'government');
  culture = await addAgency(services, '接口测试区文化旅游局', 'department', government);
  other = await addAgency(services, '接口测试区教育局', 'department', government);
  const ledger = await importLedger(services, OPERATOR, culture.id, demoLedger(YEAR).map((value, i) => ({ line: i + 1, value })));
  const items = await importItems(services, OPERATOR, culture.id, demoItems(YEAR).map((value, i) => ({ line: i + 1, value })));
  expect([ledger.ok, items.ok]).toEqual([true, true]);
  const people: Record<keyof typeof tokens, Person> = {
    handler: await addPerson(services, 'api-handler', [['handler', culture]]),
    head: await addPerson(services, 'api-head', [['head', culture]]),
    supervisor: await addPerson(services, 'api-supervisor', [['supervisor', government]]),
    otherHandler: await addPerson(services, 'api-other', [['handler', other]]),
  };
  for (const key of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[key] = await apiToken(services, people[key]);
}, 60_000);
afterAll(async () => services.close());

const get = (path: string, who: keyof typeof tokens) => app.request(path, { headers: { authorization: `Bearer ${tokens[who]}` } });
const post = (path: string, who: keyof typeof tokens, body: unknown) =>
  app.request(path, { method: 'POST', headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
const reportPath = () => `/api/v1/agencies/${culture.id}/annual-reports/${YEAR}`;
const step = async (who: keyof typeof tokens, body: Record<string, unknown>) => {
  const res = await post(`${reportPath()}/steps`, who, body);
  return { status: res.status, body: await res.json() as Record<string, unknown> };
};
const statusOf = async () => ((await (await get(`/api/v1/supervision/${government.id}/status?year=${YEAR}`, 'supervisor')).json()) as { agencyId: number; state: string }[])
  .find((s) => s.agencyId === culture.id)!.state;

describe('GET /api/v1/supervision/{governmentId}/status', () => {
  it('the supervisor sees every agency under the government, the government first, with the contract keys', async () => {
    const res = await get(`/api/v1/supervision/${government.id}/status?year=${YEAR}`, 'supervisor');
    expect(res.status).toBe(200);
    const rows = await res.json() as Record<string, unknown>[];
    expect(rows[0]!['agencyId']).toBe(government.id);
    expect(rows.map((r) => r['agencyId']).sort()).toEqual([government.id, culture.id, other.id].sort());
    expect(rows.find((r) => r['agencyId'] === culture.id)).toMatchObject({
      agencyId: culture.id, agency: culture.name, state: 'missing', publishedOn: null, late: expect.any(Boolean),
      findings: { error: expect.any(Number), warning: expect.any(Number) },
    });
  });

  it("a handler's token: 404 for a government above them, 403 without the role in their own agency", async () => {
    expect((await get(`/api/v1/supervision/${government.id}/status?year=${YEAR}`, 'handler')).status).toBe(404);
    expect((await get(`/api/v1/supervision/${culture.id}/status?year=${YEAR}`, 'handler')).status).toBe(403);
    expect((await app.request(`/api/v1/supervision/${government.id}/status?year=${YEAR}`)).status).toBe(401);
  });

  it('year missing or malformed: 400 naming the field in Chinese', async () => {
    for (const query of ['', '?year=', '?year=25', '?year=二〇二五']) {
      const res = await get(`/api/v1/supervision/${government.id}/status${query}`, 'supervisor');
      expect(res.status, query).toBe(400);
      const body = await res.json() as { error: { code: string; details: { fields: { field: string; message: string }[] } } };
      expect(body.error.details.fields[0]).toMatchObject({ field: 'year', message: expect.stringMatching(/^year：/) });
    }
  });
});

describe('the report from draft to a corrected publication', () => {
  it('is read by its agency and its supervisor, not by another agency', async () => {
    const res = await get(reportPath(), 'handler');
    expect(res.status).toBe(200);
    const body = await res.json() as { state: string; version: number; report: { agency: string }; findings: { severity: string; message: string }[]; versions: unknown[] };
    expect(body).toMatchObject({ state: 'missing', version: 0, report: { agency: culture.name }, versions: [] });
    expect(body.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((await get(reportPath(), 'supervisor')).status).toBe(200);
    expect((await get(reportPath(), 'otherHandler')).status).toBe(404);
  });

  it('submit (经办人), return with a comment at a cell (监督员), resubmit, accept', async () => {
    expect((await step('supervisor', { step: 'submit' })).status).toBe(403);
    expect(await step('handler', { step: 'submit', version: 0 })).toMatchObject({ status: 200, body: { state: 'submitted' } });
    expect(await statusOf()).toBe('submitted');
    const badTarget = await step('supervisor', { step: 'return', comments: [{ target: 't9.nowhere', text: '看看' }] });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body).toMatchObject({ error: { details: { fields: [{ field: 'comments.0.target' }] } } });
    expect((await step('handler', { step: 'return', comments: [{ target: 't3.granted[6]', text: '请核对' }] })).status).toBe(403);
    expect(await step('supervisor', { step: 'return', comments: [{ target: 't3.granted[6]', text: '予以公开的件数请与台账核对' }] }))
      .toMatchObject({ status: 200, body: { state: 'returned' } });
    const returned = await (await get(reportPath(), 'handler')).json() as { comments: { target: string; text: string }[]; version: number };
    expect(returned.comments).toEqual([expect.objectContaining({ target: 't3.granted[6]', text: '予以公开的件数请与台账核对' })]);
    expect((await step('handler', { step: 'submit', version: returned.version - 1 })).status).toBe(409);
    expect((await step('handler', { step: 'submit', version: returned.version })).body).toMatchObject({ state: 'submitted' });
    expect((await step('supervisor', { step: 'accept' })).body).toMatchObject({ state: 'accepted' });
    expect(await statusOf()).toBe('accepted');
  });

  it('publish (负责人 only), then the catalog filing: one item however often the job runs', async () => {
    expect((await step('handler', { step: 'publish' })).status).toBe(403);
    expect(await step('head', { step: 'publish' })).toMatchObject({ status: 200, body: { state: 'published', versions: [{ versionNo: 1, correction: null }] } });
    const { rows: [report] } = await services.db.query<{ id: number }>('SELECT id::int FROM annual_reports WHERE agency_id = $1 AND year = $2', [culture.id, YEAR]);
    const jobs = await services.db.query("SELECT payload FROM jobs WHERE kind = 'annual-report.published'");
    expect(jobs.rows).toEqual([{ payload: { reportId: report!.id, versionNo: 1 } }]);
    const first = await fileReportInCatalog(services, report!.id, 1);
    const again = await fileReportInCatalog(services, report!.id, 1);
    expect(first.created).toBe(true);
    expect(again).toEqual({ itemId: first.itemId, created: false });
    const items = await services.db.query<{ id: number; title: string; status: string; article20_item: string; genre: string; published_on: string; body_html: string }>(
      "SELECT id::int, title, status, article20_item, genre, to_char(published_on, 'YYYY-MM-DD') AS published_on, body_html FROM catalog_items WHERE agency_id = $1 AND title LIKE '%工作年度报告%'", [culture.id]);
    expect(items.rows).toHaveLength(1);
    expect(items.rows[0]).toMatchObject({
      id: first.itemId, title: reportItemTitle(culture.name, YEAR, 1), status: 'published', article20_item: 'other', genre: '其他文件', published_on: todayIn(),
    });
    expect(items.rows[0]!.body_html).toContain(`/open/${culture.id}/reports/${YEAR}?version=1`);
    const stored = await services.db.query('SELECT catalog_item_id::int AS id FROM annual_reports WHERE id = $1', [report!.id]);
    expect(stored.rows[0]).toEqual({ id: first.itemId });
    expect(await statusOf()).toBe('published');
  });

  it('a correction: a new public version beside the first, with its 更正说明, filed as （更正）', async () => {
    expect((await step('handler', { step: 'correct' })).status).toBe(403);
    expect((await step('head', { step: 'correct' })).body).toMatchObject({ state: 'correcting' });
    const view = await (await get(reportPath(), 'handler')).json() as { sentences: Record<string, { id: string; text: string }[]>; version: number };
    const sentence = Object.values(view.sentences).flat()[0]!;
    const edited = await post(`${reportPath()}/sentences`, 'handler', { sentenceId: sentence.id, text: `${sentence.text}（已更正）`, version: view.version });
    expect(edited.status).toBe(200);
    expect((await step('head', { step: 'publish' })).status).toBe(400);
    const published = await step('head', { step: 'publish', correction: '第一部分的表述有误，已更正。' });
    expect(published.body).toMatchObject({ state: 'published', versions: [{ versionNo: 1, correction: null }, { versionNo: 2, correction: '第一部分的表述有误，已更正。' }] });
    const { rows: [report] } = await services.db.query<{ id: number }>('SELECT id::int FROM annual_reports WHERE agency_id = $1 AND year = $2', [culture.id, YEAR]);
    const filed = await fileReportInCatalog(services, report!.id, 2);
    expect(filed.created).toBe(true);
    expect((await fileReportInCatalog(services, report!.id, 2)).created).toBe(false);
    const titles = await services.db.query<{ title: string }>("SELECT title FROM catalog_items WHERE agency_id = $1 AND title LIKE '%工作年度报告%' ORDER BY id", [culture.id]);
    expect(titles.rows.map((r) => r.title)).toEqual([reportItemTitle(culture.name, YEAR, 1), `${culture.name}${YEAR}年政府信息公开工作年度报告（更正）`]);
    // The report keeps the newest version's item; a late job of the first does not take its place.
    await fileReportInCatalog(services, report!.id, 1);
    expect((await services.db.query('SELECT catalog_item_id::int AS id FROM annual_reports WHERE id = $1', [report!.id])).rows[0]).toEqual({ id: filed.itemId });
  });

  it('the portal: the newest version, the correction and its reason, the first version at its own address', async () => {
    const list = await (await app.request(`/open/${culture.id}/reports`)).text();
    expect(list).toContain(`/open/${culture.id}/reports/${YEAR}`);
    expect(list).toContain('已更正');
    const page = await (await app.request(`/open/${culture.id}/reports/${YEAR}`)).text();
    expect(page).toContain('（已更正）');
    expect(page).toContain('更正说明：第一部分的表述有误，已更正。');
    expect(page).toContain(`href="/open/${culture.id}/reports/${YEAR}?version=1"`);
    const first = await app.request(`/open/${culture.id}/reports/${YEAR}?version=1`);
    expect(first.status).toBe(200);
    const firstHtml = await first.text();
    expect(firstHtml).toContain('已被更正');
    expect(firstHtml).not.toContain('（已更正）');
    expect(firstHtml).toContain(`/open/${culture.id}/reports/${YEAR}/download.docx?version=1`);
    const docx = await app.request(`/open/${culture.id}/reports/${YEAR}/download.docx?version=1`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    for (const bad of ['3', '0', 'x', '-1']) expect((await app.request(`/open/${culture.id}/reports/${YEAR}?version=${bad}`)).status, bad).toBe(404);
  });
});
