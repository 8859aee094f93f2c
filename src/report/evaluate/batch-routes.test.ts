import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../../test/support/accounts.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { canonicalReport, corpusFile } from '../../../test/support/fixtures.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { writeZip } from '../../../test/support/zip-writer.ts';
import type { Worker } from '../../platform/jobs/worker.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { RULE_IDS } from '../findings.ts';
import { getReportByRef } from '../store.ts';
import { startReportJobs } from './batch-jobs.ts';
import { getBatch, insertBatch } from './batch-store.ts';

let services: Services;
let app: Hono<AppEnv>;
let worker: Worker;
let handler = '';
let agencyId = 0;

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  worker = startReportJobs(services, { intervalMs: 50, listen: false, parallelism: 2 });
  const agency = await addAgency(services, '评估测试机关');
  agencyId = agency.id;
  await addPerson(services, 'batch-handler', [['handler', agency]]);
  handler = await sessionCookie(services, 'batch-handler');
});
afterAll(async () => {
  await worker.stop();
  await services.close();
});

const CORPUS = ['pingtan-gaj-2021.txt', 'pingtan-hzs-2023.txt', 'pingtan-scj-2022.txt', 'seed-taiping-wenlv-2023.txt'];
const truthOf = (name: string) => JSON.parse(new TextDecoder().decode(corpusFile(name.replace(/\.txt$/, '.truth.json')))) as { agency: string; year: number };
const form = (files: File[], fields: Record<string, string> = {}) => {
  const body = new FormData();
  for (const f of files) body.append('files', f);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return body;
};
const post = (path: string, body: FormData, cookie?: string) => app.request(path, { method: 'POST', body, headers: { origin: 'http://localhost', ...(cookie ? { cookie } : {}) } });
const get = (path: string, cookie?: string) => app.request(path, { headers: cookie ? { cookie } : {} });
const zipFile = (entries: { name: string; data: Uint8Array | string }[], name = '评估.zip') => new File([writeZip(entries) as Uint8Array<ArrayBuffer>], name);

/** Waits until the worker has read the batch. */
async function finished(id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const batch = await getBatch(services.db, id);
    if (batch?.state === 'done' || batch?.state === 'failed') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('batch not finished');
}

/** The batch's address after a bulk upload (303). */
function batchPath(res: Response): string {
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(/^\/reports\/batches\/[0-9a-f-]{36}$/);
  return location;
}

let corpusBatch = '';

describe('evaluator mode', () => {
  it('a ZIP sent to the upload form is queued; the page reloads itself while the job reads it, then lists every report with its problems by name', async () => {
    const zip = zipFile([...CORPUS.map((name) => ({ name: `年报/${name}`, data: corpusFile(name) })), { name: '年报/目录.xls', data: 'x' }]);
    const path = batchPath(await post('/reports', form([zip])));
    corpusBatch = path;
    expect((await get(path)).status).toBe(200);
    await finished(path.split('/').pop()!);
    const res = await get(path);
    expect(res.headers.get('refresh')).toBeNull();
    const html = await res.text();
    expect(html).toContain('进度：检查完成');
    expect(html).toContain('共 4 个文件，已检查 4 个。');
    for (const name of CORPUS) expect(html).toContain(`>${truthOf(name).agency}</a>`);
    expect(html).toContain('目录.xls');
    expect(html).toContain('不是可检查的报告文件类型（.xls）');
    // Rule names in words, never their ids.
    for (const id of RULE_IDS) expect(html).not.toContain(id);
    const id = path.split('/').pop()!;
    const rows = await services.db.query<{ findings: { rule: string }[] }>(
      'SELECT r.findings FROM report_batch_files f JOIN checked_reports r ON r.id = f.report_id WHERE f.batch_id = $1', [id]);
    const rules = new Set(rows.rows.flatMap((r) => r.findings.map((f) => f.rule)));
    expect(rules.size).toBeGreaterThan(0);
    const { RULE_NAMES } = await import('../rule-names.ts');
    for (const rule of rules) expect(html).toContain(RULE_NAMES[rule as keyof typeof RULE_NAMES]);
    // Each report links to its own page, which opens by its key without signing in.
    const links = [...html.matchAll(/href="\/reports\/([0-9a-f]{32})"/g)].map((m) => m[1]);
    expect(new Set(links).size).toBe(4);
    expect((await get(`/reports/${links[0]}`)).status).toBe(200);
  }, 120_000);

  it('a batch still waiting reloads itself every 10 seconds, with a link to reload and one to stop', async () => {
    // Filed without a job: it stays queued whatever the worker does.
    const id = await insertBatch(services.db, { actor: { kind: 'anonymous' }, personId: null, agencyId: null, total: 3, skipped: [] });
    const res = await get(`/reports/batches/${id}`);
    expect(res.headers.get('refresh')).toBe('10');
    const html = await res.text();
    expect(html).toContain('进度：排队等待检查');
    expect(html).toContain('共 3 个文件，已检查 0 个。本页每 10 秒自动刷新一次。');
    expect(html).toContain(`<a href="/reports/batches/${id}">刷新</a>`);
    const off = await get(`/reports/batches/${id}?refresh=off`);
    expect(off.headers.get('refresh')).toBeNull();
    expect(await off.text()).toContain('已停止自动刷新。');
  });

  it('exports every report as a row and every cell path as a column (CSV with a BOM, XLSX), values as the canonical JSON; the findings as a second table', async () => {
    const id = corpusBatch.split('/').pop()!;
    const files = await services.db.query<{ ref: string }>(
      'SELECT r.access_key AS ref FROM report_batch_files f JOIN checked_reports r ON r.id = f.report_id WHERE f.batch_id = $1 ORDER BY f.position', [id]);
    const reports = await Promise.all(files.rows.map(async (r) => (await getReportByRef(services.db, { key: r.ref }))!));

    const csv = await get(`${corpusBatch}/reports.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\ufeff/, '').trimEnd().split('\r\n').map((l) => l.split(','));
    const header = lines[0]!;
    expect(header.slice(0, 7)).toEqual(['report', 'file', 'agency', 'year', 'format', 'errors', 'warnings']);
    for (const path of ['t2.regulations.issued', 't3.granted[6]', 't3.newReceived[0]', 't4.reconsideration.total']) expect(header).toContain(path);
    expect(lines).toHaveLength(1 + reports.length);
    for (const [i, report] of reports.entries()) {
      const row = Object.fromEntries(header.map((h, j) => [h, lines[i + 1]![j]]));
      expect(row['report']).toBe(report.ref);
      expect(row['agency']).toBe(report.agency);
      expect(row['year']).toBe(String(report.year));
      expect(row['errors']).toBe(String(report.findings.filter((f) => f.severity === 'error').length));
      const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
      expect(row['t3.granted[6]']).toBe(cell(report.canonical.table3.rows.granted?.[6]));
      expect(row['t3.newReceived[0]']).toBe(cell(report.canonical.table3.rows.newReceived?.[0]));
      expect(row['t4.reconsideration.total']).toBe(cell(report.canonical.table4.reconsideration?.total));
      expect(row['t2.regulations.issued']).toBe(cell((report.canonical.table2.regulations as Record<string, unknown> | undefined)?.['issued']));
    }

    const findings = new TextDecoder().decode(new Uint8Array(await (await get(`${corpusBatch}/findings.csv`)).arrayBuffer())).replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(findings[0]).toBe('report,agency,year,rule,ruleName,severity,cells,message');
    expect(findings).toHaveLength(1 + reports.reduce((n, r) => n + r.findings.length, 0));

    const xlsx = await get(`${corpusBatch}/export.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['报告', '问题', '列说明']);
    const sheet = workbook.getWorksheet('报告')!;
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(header);
    const col = head.indexOf('t3.granted[6]') + 1;
    for (const [i, report] of reports.entries()) {
      expect(sheet.getRow(i + 2).getCell(1).value).toBe(report.ref);
      expect(sheet.getRow(i + 2).getCell(col).value ?? null).toBe(report.canonical.table3.rows.granted?.[6] ?? null);
    }
    expect(workbook.getWorksheet('问题')!.rowCount).toBe(findings.length);
  }, 60_000);

  it('compares two reports cell by cell and marks the changed cell in words', async () => {
    const a = canonicalReport('对比机关', 2022);
    const b = canonicalReport('对比机关', 2023, (r) => { r.table3.rows.granted![0] = (r.table3.rows.granted![0] ?? 0) + 3; });
    const files = [a, b].map((r, i) => ({ name: `r${i}.json`, data: JSON.stringify(r) }));
    const path = batchPath(await post('/reports/batches', form([zipFile(files)])));
    await finished(path.split('/').pop()!);
    const html = await (await get(path)).text();
    expect(html).toContain('<form method="get" action="/reports/compare">');
    const refs = [...html.matchAll(/<option value="([0-9a-f]{32})"/g)].map((m) => m[1]);
    const compare = await get(`/reports/compare?a=${refs[0]}&b=${refs[1]}`);
    expect(compare.status).toBe(200);
    const page = await compare.text();
    expect(page).toContain('共有 1 格不同');
    expect(page).toMatch(/<strong>表三「（一）予以公开」行「自然人」列<\/strong><\/td><td class="num" data-label="报告甲">\d+<\/td><td class="num" data-label="报告乙">\d+<\/td><td data-label="对比"><strong>不同（多 3）<\/strong>/);
    expect(page).toContain('对比机关 2022年度');
    expect(page).toContain('对比机关 2023年度');
  }, 60_000);

  it('refuses a ZIP bomb on the form, with the limit in Chinese, and queues nothing', async () => {
    const before = await services.db.query('SELECT count(*)::int AS n FROM report_batches');
    const bomb = new File([writeZip(Array.from({ length: 9 }, (_, i) => ({ name: `r${i}.pdf`, data: 'x', declaredSize: 60 * 2 ** 20 }))) as Uint8Array<ArrayBuffer>], '炸弹.zip');
    const res = await post('/reports/batches', form([bomb]));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#batchFiles"');
    expect(html).toContain('炸弹.zip：无法读取 ZIP 文件：文件解压后超过 512 MB，超出一次批量检查的上限，未读取。');
    const viaMainForm = await post('/reports', form([bomb]));
    expect(viaMainForm.status).toBe(400);
    expect(await viaMainForm.text()).toContain('超过 512 MB');
    expect((await services.db.query('SELECT count(*)::int AS n FROM report_batches')).rows[0].n).toBe(before.rows[0].n);
  });

  it('a signed-in person\'s batch is theirs; the main form stores for the agency when asked; comparing agency reports needs signing in', async () => {
    const files = [canonicalReport('评估测试机关', 2021), canonicalReport('评估测试机关', 2022)].map((r, i) => ({ name: `a${i}.json`, data: JSON.stringify(r) }));
    const path = batchPath(await post('/reports', form([zipFile(files)], { store: 'agency', agencyId: String(agencyId) }), handler));
    await finished(path.split('/').pop()!);
    expect((await get(path, handler)).status).toBe(200);
    const other = await get(path);
    expect(other.status).toBe(303);
    expect(other.headers.get('location')).toMatch(/^\/signin\?next=/);
    const html = await (await get(path, handler)).text();
    const ids = [...html.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const url = `/reports/compare?a=${ids[0]}&b=${ids[1]}`;
    expect((await get(url)).headers.get('location')).toBe(`/signin?next=${encodeURIComponent(url)}`);
    expect((await get(url, handler)).status).toBe(200);
    const stranger = await addPerson(services, 'batch-stranger', [['handler', await addAgency(services, '别的机关')]]);
    const strangerCookie = await sessionCookie(services, stranger.username);
    expect((await get(path, strangerCookie)).status).toBe(404);
    expect((await get(url, strangerCookie)).status).toBe(404);
    expect((await get('/reports/compare?a=&b=')).status).toBe(400);
  }, 60_000);
});
