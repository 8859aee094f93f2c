import { readdirSync } from 'node:fs';
import type { Hono } from 'hono';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../../test/support/corpus.ts';
import { canonicalReport, corpusFile, jsonFile, uploadForm } from '../../test/support/fixtures.ts';
import { createTestServices } from '../../test/support/services.ts';
import { createTestApp } from '../../test/support/app.ts';
import { addAgency, addPerson, sessionCookie } from '../../test/support/accounts.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { RULE_IDS } from './findings.ts';
import { SECTION_TITLES } from './model.ts';

let services: Services;
let app: Hono<AppEnv>;
const LIMIT = 512 * 1024;
/** A handler of the test agency: stores reports for it. */
let handler = '';
let agencyId = 0;
const KEY_PATH = /^\/reports\/[0-9a-f]{32}\?notice=checked$/;

beforeAll(async () => {
  services = await createTestServices({ maxUploadBytes: LIMIT });
  app = await createTestApp(services);
  const agency = await addAgency(services, '页面测试机关');
  agencyId = agency.id;
  await addPerson(services, 'page-handler', [['handler', agency]]);
  handler = await sessionCookie(services, 'page-handler');
});
afterAll(async () => {
  await services.close();
});

const post = (path: string, body: FormData, headers: Record<string, string> = {}) => app.request(path, { method: 'POST', body, headers });
/** A form the handler posts to store for the agency. */
const storing = (form: FormData) => {
  form.append('store', 'agency');
  form.append('agencyId', String(agencyId));
  return form;
};
const postAsHandler = (body: FormData) => post('/reports', storing(body), { cookie: handler, origin: 'http://localhost' });
const getAsHandler = (path: string) => app.request(path, { headers: { cookie: handler } });
const seedFile = () => new File([corpusFile('seed-taiping-wenlv-2023.txt') as Uint8Array<ArrayBuffer>], 'seed-taiping-wenlv-2023.txt');

/** Follows a 303 (with the cookie, if any) and returns the page's HTML. */
async function follow(res: Response, cookie?: string): Promise<{ location: string; html: string }> {
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  return { location, html: await (await app.request(location, { headers: cookie ? { cookie } : {} })).text() };
}

describe('report checker pages', () => {
  it('the home page is the upload form (multipart, several files, previous year optional, a CSRF token)', async () => {
    const html = await (await app.request('/')).text();
    expect(html).toContain('<form method="post" action="/reports" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="');
    expect(html).toContain('name="files" multiple');
    expect(html).toContain('name="previous"');
    expect(html).toContain('上一年度报告（可选）');
    // Signed out: only a check, said plainly; no list in the navigation.
    expect(html).toContain('不登录也可以检查：结果保留 24 小时');
    expect(html).not.toContain('name="store"');
    expect(html).not.toContain('href="/reports"');
  });

  it('upload → redirect → the report page (at its key) shows metadata, the tables with doubtful cells, parse warnings and downloads', async () => {
    const { location, html } = await follow(await post('/reports', uploadForm([seedFile()])));
    expect(location).toMatch(KEY_PATH);
    expect(html).toContain('检查完成。结果保留 24 小时，见下方说明。');
    // The result's heading takes focus (after an upload only).
    expect(html).toContain('<h1 id="result-heading" tabindex="-1" autofocus="">阜新市太平区文化旅游和广播电视局 2023 年度报告检查结果</h1>');
    expect(html).toContain('data-cell="t3.newReceived[0]"');
    expect(html).toContain('id="cell-t3.granted[0]" data-cell="t3.granted[0]" class="cell-doubt"');
    expect(html).toContain('读取时的疑点');
    const key = /\/reports\/([0-9a-f]{32})/.exec(location)?.[1];
    for (const format of ['docx', 'xlsx', 'json', 'html']) expect(html).toContain(`<li><a href="/reports/${key}/download.${format}">`);
    // Kept 24 hours at this address, in plain words.
    expect(html).toContain('<h2 id="kept-title">检查结果保留 24 小时</h2>');
    expect(html).toContain(`只能通过本页地址打开：<span class="file-name">http://localhost/reports/${key}</span>`);

    const { rows } = await services.db.query('SELECT id FROM checked_reports WHERE access_key = $1', [key]);
    const audit = await services.db.query('SELECT actor, action, agency_id FROM audit_log WHERE subject = $1', [`checked_report:${rows[0].id}`]);
    expect(audit.rows).toEqual([{ actor: 'anonymous', action: 'report.check', agency_id: null }]);
  });

  it('lists findings with red/amber tags and links to their cells, which are marked in the table', async () => {
    const wrong = canonicalReport('测试市甲局', 2023, (r) => { r.table3.rows.newReceived = [3, 0, 0, 0, 0, 0, 2]; });
    const { html } = await follow(await post('/reports', uploadForm([jsonFile('wrong.json', wrong)])));
    expect(html).toMatch(/<li class="error" data-rule="T3-ROW-TOTAL"><span class="tag tag-error">错误<\/span> 表三「一、本年新收政府信息公开申请数量」行/);
    expect(html).toContain('href="#cell-t3.newReceived[6]"');
    expect(html).toMatch(/id="cell-t3\.newReceived\[6\]" data-cell="t3\.newReceived\[6\]" class="cell-error"/);
  });

  it('a report stored for the agency is checked against the agency\'s stored previous year automatically (X-CARRY)', async () => {
    const previous = canonicalReport('测试市乙局', 2022, (r) => { r.table3.rows.carriedForward = [2, 0, 0, 0, 0, 0, 2]; });
    const first = await follow(await postAsHandler(uploadForm([jsonFile('2022.json', previous)])), handler);
    expect(first.location).toMatch(/^\/reports\/\d+\?notice=checked$/);
    expect(first.html).toContain('检查完成，已保存为本机关的年度报告。');
    expect(first.html).toContain('<dd id="meta-kept">页面测试机关的年度报告记录</dd>');
    const previousId = /\/reports\/(\d+)/.exec(first.location)?.[1];
    const { html } = await follow(await postAsHandler(uploadForm([jsonFile('2023.json', canonicalReport('测试市乙局', 2023))])), handler);
    expect(html).toContain('data-rule="X-CARRY"');
    expect(html).toContain(`已与<a href="/reports/${previousId}">上一年度报告</a>核对上年结转和现行有效件数。`);
    // Checked anonymously, the same file is compared with nothing stored.
    const anonymous = await follow(await post('/reports', uploadForm([jsonFile('2023.json', canonicalReport('测试市乙局', 2023))])));
    expect(anonymous.html).not.toContain('data-rule="X-CARRY"');
    expect(anonymous.html).toContain('未做跨年度核对：没有一并上传同一机关上一年度的报告。');
  });

  it('uses an uploaded previous-year file (kept too, under its own key) for the cross-year check', async () => {
    const previous = canonicalReport('测试市丙局', 2022, (r) => { r.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1]; });
    const current = jsonFile('2023.json', canonicalReport('测试市丙局', 2023));
    const { location, html } = await follow(await post('/reports', uploadForm([current], jsonFile('2022.json', previous))));
    expect(location).toMatch(KEY_PATH); // one report checked: straight to it
    expect(html).toContain('data-rule="X-CARRY"');
    expect(html).toMatch(/已与<a href="\/reports\/[0-9a-f]{32}">上一年度报告<\/a>核对/);
    const stored = await services.db.query("SELECT year FROM checked_reports WHERE agency = '测试市丙局' ORDER BY year");
    expect(stored.rows).toEqual([{ year: 2022 }, { year: 2023 }]);

    // The same files again: checked before, with the same result, so nothing is stored twice.
    const two = await follow(await post('/reports', uploadForm([current, current], jsonFile('2022.json', previous))));
    expect(two.location).toMatch(/^\/uploads\/[0-9a-f-]{36}$/);
    expect(two.html).toContain('（上一年度报告）');
    expect(two.html).toContain('共 3 个文件：3 个以前检查过、没有重复保存。');
    expect(two.html).toContain('这些检查结果没有保存为机关的年度报告，只保留到');
    expect(two.html).toMatch(/<a href="\/reports\/[0-9a-f]{32}">查看当时的检查结果和表格<\/a>/);
    expect((await services.db.query("SELECT count(*)::int AS n FROM checked_reports WHERE agency = '测试市丙局'")).rows[0].n).toBe(2);
  });

  it('a broken file gets a clear Chinese error and affects no other file of the upload', async () => {
    const files = [
      jsonFile('good.json', canonicalReport('测试市丁局', 2023)),
      new File(['这不是PDF'], 'broken.pdf'),
      new File(['MZ\u0000\u0000'], 'virus.exe'),
      new File(['随便写的一段话，没有表格。'], 'notes.txt'),
    ];
    const { location, html } = await follow(await post('/reports', uploadForm(files)));
    expect(location).toMatch(/^\/uploads\//);
    expect(html).toContain('共 4 个文件：1 个已检查并保存，3 个未能读取');
    expect(html).toContain('文件“broken.pdf”的扩展名是 .pdf，但内容不是 PDF');
    expect(html).toContain('不支持“virus.exe”这种文件类型');
    expect(html).toContain('notes.txt：文件中没有找到政府信息公开工作年度报告的内容');
    expect(html).toContain('测试市丁局');
    const stored = await services.db.query("SELECT count(*)::int AS n FROM checked_reports WHERE source_file_name IN ('broken.pdf', 'virus.exe', 'notes.txt')");
    expect(stored.rows[0].n).toBe(0);
  });

  it('asks for a file when none was chosen (400, error summary linked to the field)', async () => {
    const form = new FormData();
    form.append('files', new File([], ''));
    const res = await post('/reports', form);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<a href="#files">请选择至少一个年度报告文件</a>');
  });

  it('refuses an upload over the size limit with a clear 413 page, and JSON for the API', async () => {
    const big = new File([new Uint8Array(LIMIT + 1).fill(65)], 'big.txt');
    const page = await post('/reports', uploadForm([big]));
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('上传的文件太大：一次上传的文件合计不能超过 0.5 MB');
    const api = await post('/api/v1/reports', uploadForm([big]));
    expect(api.status).toBe(413);
    expect(await api.json()).toMatchObject({ error: { code: 'http.payload_too_large', details: { maxBytes: LIMIT } } });
  });

  it('rejects a cross-origin form post (CSRF) and accepts a same-origin one', async () => {
    const form = () => uploadForm([jsonFile('x.json', canonicalReport('测试市戊局', 2023))]);
    const evil = await post('/reports', form(), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain('表单必须从本网站的页面提交');
    expect((await post('/reports', form(), { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/api/v1/reports', form(), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/reports', form(), { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    const stored = await services.db.query("SELECT count(*)::int AS n FROM checked_reports WHERE agency = '测试市戊局'");
    expect(stored.rows[0].n).toBe(1);
  });

  it('the list (staff only) shows the agency\'s reports by year with counts, filtered by year; no anonymous check', async () => {
    const wrong = canonicalReport('测试市甲局', 2021, (r) => { r.table3.rows.newReceived = [3, 0, 0, 0, 0, 0, 2]; });
    await postAsHandler(uploadForm([jsonFile('wrong.json', wrong)]));
    const html = await (await getAsHandler(`/reports?agencyId=${agencyId}&year=2021`)).text();
    expect(html).toContain('共 1 份符合条件的报告');
    expect(html).toContain('页面测试机关');
    expect(html).toContain('tag tag-error');
    const all = await (await getAsHandler('/reports')).text();
    expect(all).not.toContain('测试市丙局'); // checked anonymously above
    expect(await (await getAsHandler('/reports?year=abc')).text()).toContain('年度应为 4 位数字，如 2023，实际为“abc”');
    // Signed out: to the sign-in page.
    const signedOut = await app.request('/reports');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/signin?next=%2Freports');
  });

  it('downloads the report as DOCX, XLSX, JSON and HTML, and the source file, by its key', async () => {
    const { location } = await follow(await post('/reports', uploadForm([seedFile()])));
    const base = location.split('?')[0];
    expect(base).toMatch(/^\/reports\/[0-9a-f]{32}$/);
    const json = await app.request(`${base}/download.json`);
    expect(json.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(JSON.parse(await json.text())).toMatchObject({ agency: '阜新市太平区文化旅游和广播电视局', year: 2023 });
    for (const format of ['docx', 'xlsx']) {
      const bytes = new Uint8Array(await (await app.request(`${base}/download.${format}`)).arrayBuffer());
      expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]); // ZIP package
    }
    expect(await (await app.request(`${base}/download.html`)).text()).toContain('阜新市太平区文化旅游和广播电视局');
    expect((await app.request(`${base}/download.exe`)).status).toBe(404);
    expect(new TextDecoder().decode(await (await app.request(`${base}/source`)).arrayBuffer())).toContain('阜新市太平区');
  });

  it('shows a Chinese 404 for a key that leads nowhere, and asks to sign in for an id', async () => {
    const res = await app.request(`/reports/${'0'.repeat(32)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('这次检查的结果已经删除，或链接有误');
    expect((await app.request('/reports/987654')).status).toBe(303);
    const staff = await getAsHandler('/reports/987654');
    expect(staff.status).toBe(404);
    expect(await staff.text()).toContain('没有找到这个页面或记录');
  });
});

describe('report checker API (signed out)', () => {
  it('POST /api/v1/reports checks files anonymously: the access key, its expiry and the page\'s address', async () => {
    const res = await post('/api/v1/reports', uploadForm([jsonFile('api.json', canonicalReport('测试市己局', 2023)), new File(['x'], 'bad.docx')]));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { uploadId: string; results: { ok: boolean }[]; reports: { ref: string; accessKey: string; expiresAt: string; url: string; agencyId: null }[] };
    expect(body.results.map((r) => r.ok)).toEqual([true, false]);
    expect(body.reports).toHaveLength(1);
    const [report] = body.reports;
    expect(report).toMatchObject({ agency: '测试市己局', year: 2023, format: '2021', source: { fileName: 'api.json' }, agencyId: null });
    expect(report?.accessKey).toMatch(/^[0-9a-f]{32}$/);
    expect(report?.ref).toBe(report?.accessKey);
    expect(report?.url).toBe(`http://localhost/reports/${report?.accessKey}`);
    expect(new Date(report?.expiresAt ?? 0).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    // The report and its findings by the key; the list needs a token.
    const one = (await (await app.request(`/api/v1/reports/${report?.accessKey}`)).json()) as { ref: string; report: { agency: string } };
    expect(one).toMatchObject({ ref: report?.accessKey, report: { agency: '测试市己局' } });
    const findings = await (await app.request(`/api/v1/reports/${report?.accessKey}/findings`)).json();
    expect(findings).toMatchObject({ ref: report?.accessKey, findings: expect.any(Array), warnings: expect.any(Array) });
    const list = await app.request('/api/v1/reports');
    expect(list.status).toBe(401);
    expect(await list.json()).toMatchObject({ error: { code: 'auth.required' } });
  });

  it('the paths before /api/v1 answer 308 to the same path under /api/v1, query and method kept', async () => {
    const list = await app.request('/api/reports?year=2023');
    expect(list.status).toBe(308);
    expect(list.headers.get('location')).toBe('/api/v1/reports?year=2023');
    const one = await app.request('/api/reports/12/findings');
    expect(one.headers.get('location')).toBe('/api/v1/reports/12/findings');
    const upload = await post('/api/reports', uploadForm([jsonFile('old.json', canonicalReport('旧路径测试局', 2023))]));
    expect(upload.status).toBe(308);
    expect(upload.headers.get('location')).toBe('/api/v1/reports');
    expect((await services.db.query("SELECT count(*)::int AS n FROM checked_reports WHERE agency = '旧路径测试局'")).rows[0].n).toBe(0);
  });

  it('answers errors with { error: { code, message, details } }', async () => {
    const missing = await app.request(`/api/v1/reports/${'f'.repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'report.expired', message: expect.stringContaining('24 小时') } });
    const byId = await app.request('/api/v1/reports/987654');
    expect(byId.status).toBe(401);
    const noFiles = await post('/api/v1/reports', new FormData());
    expect(noFiles.status).toBe(400);
    expect(await noFiles.json()).toMatchObject({ error: { code: 'report.no_files' } });
  });
});

/** The text a person sees (or hears) on a page: its text nodes outside <script> and <style>, no attributes. */
function visibleText(html: string): string {
  const doc = parseDocument(html);
  for (const e of DomUtils.findAll((n) => n.name === 'script' || n.name === 'style', doc.children)) DomUtils.removeElement(e);
  return DomUtils.textContent(doc);
}

/** Rule ids, paths and internal names that an official must never read. */
function internalWords(text: string): string[] {
  const found = text.match(/[A-Z0-9]+-[A-Z][A-Z-]*|\bt[234]\.[A-Za-z]|\bpage\[|\btable\[|\bxlsx\.|crawler-text|\b(?:sections|agency|publishedOn|agencyKind|undefined|null|NaN)\b/g) ?? [];
  return [...found, ...RULE_IDS.filter((id) => text.includes(id))];
}

describe('report checker pages speak an official\'s language (issue 14 §5)', () => {
  const documents = readdirSync(corpusDir).filter((f) => !f.endsWith('.json') && f !== 'README.md').sort();

  it.each(documents)('%s: no rule id, path or internal name in the visible text of its report page', async (name) => {
    const res = await post('/reports', uploadForm([new File([corpusFile(name) as Uint8Array<ArrayBuffer>], name)]));
    const { html } = await follow(res);
    expect(internalWords(visibleText(html))).toEqual([]);
  });

  it('findings of every kind say where in words and link to the cell, table, section or detail', async () => {
    const wrong = canonicalReport('用语测试局', 2023, (r) => {
      r.table3.rows.newReceived = [3, 0, 0, 0, 0, 0, 2];
      // Five sections of six: 六、其他需要报告的事项 is missing.
      r.sections = (['overview', 'proactive', 'applications', 'appeals', 'problems'] as const).map((key) => ({ key, title: SECTION_TITLES[key], text: '本年度情况见下。' }));
      r.publishedOn = '2024-06-01';
      r.table2.licensing = { decisions: null };
    });
    const { html } = await follow(await post('/reports', uploadForm([jsonFile('用语.json', wrong)])));
    const text = visibleText(html);
    expect(internalWords(text)).toEqual([]);
    expect(html).toContain('<a href="#cell-t3.newReceived[6]">表三 · 一、本年新收政府信息公开申请数量 · 总计</a>');
    expect(html).toContain('<a href="#section-other">六、其他需要报告的事项</a>');
    expect(html).toContain('<li id="section-other"><strong>六、其他需要报告的事项</strong>：报告中没有找到这一部分。</li>');
    expect(html).toContain('<a href="#meta-published">发布日期</a>');
    expect(html).toContain('<dd id="meta-published">2024-06-01</dd>');
    expect(text).toContain('规范数据文件'); // the source kind in words
  });

  it('the upload, list, results and error pages have no internal words either', async () => {
    const results = await follow(await post('/reports', uploadForm([seedFile(), new File(['x'], 'bad.docx')])));
    const empty = new FormData();
    empty.append('files', new File([], ''));
    const pages = [
      await (await app.request('/')).text(), await (await getAsHandler('/')).text(), await (await getAsHandler('/reports')).text(), results.html,
      await (await post('/reports', empty)).text(), await (await app.request(`/reports/${'0'.repeat(32)}`)).text(),
      await (await getAsHandler('/reports/987654')).text(),
    ];
    for (const html of pages) expect(internalWords(visibleText(html))).toEqual([]);
  });
});

describe('cells the importer could not read (issue 14 §5)', () => {
  it('pingtan-2023: the 行政规范性文件 cells show 未能读出 with their possible values, and no finding blames the agency', async () => {
    const file = new File([corpusFile('pingtan-2023.txt') as Uint8Array<ArrayBuffer>], 'pingtan-2023.txt');
    const { html } = await follow(await post('/reports', uploadForm([file])));
    const doc = parseDocument(html);
    const cell = DomUtils.findOne((e) => e.attribs['data-cell'] === 't2.normativeDocuments.issued', doc.children);
    expect(cell && DomUtils.textContent(cell)).toBe('（存疑）未能读出可能为 77、771、7 等');
    const link = cell && DomUtils.findOne((e) => e.name === 'a', [cell]);
    const doubt = DomUtils.findOne((e) => e.attribs['id'] === link?.attribs['href']?.slice(1), doc.children);
    expect(doubt && DomUtils.textContent(doubt)).toContain('可能的读法（共 21 种，列出 5 种）：77|132|470、771|32|470');
    expect(doubt && DomUtils.textContent(doubt)).toContain('不是机关留空');
    expect(html).not.toContain('不应留空');
    expect(html).toContain('<h2 id="findings">发现的问题（0）</h2><p>未发现问题。但有 3 格程序未能读出');
  });
});

describe('a file uploaded again, and the previous-year file (issue 14 §5)', () => {
  it('the same file uploaded twice is stored once: the second upload shows the earlier result and says so', async () => {
    const file = () => jsonFile('twice.json', canonicalReport('两次上传测试局', 2023));
    const first = await follow(await post('/reports', uploadForm([file()])));
    const second = await follow(await post('/reports', uploadForm([file()])));
    expect(second.location).toBe(first.location.replace('notice=checked', 'notice=already-checked'));
    expect(second.html).toContain('这个文件以前已经检查过，结果相同，没有重复保存。下面是当时的检查结果（检查时间见下），从现在起保留 24 小时。');
    expect((await services.db.query("SELECT count(*)::int AS n FROM checked_reports WHERE agency = '两次上传测试局'")).rows[0].n).toBe(1);
  });

  it('a previous-year file of another agency is not used nor stored, and the results page says why', async () => {
    const current = jsonFile('2023.json', canonicalReport('核对测试甲局', 2023));
    const other = jsonFile('乙局2022.json', canonicalReport('核对测试乙局', 2022, (r) => { r.table3.rows.carriedForward = [4, 0, 0, 0, 0, 0, 4]; }));
    const { location, html } = await follow(await post('/reports', uploadForm([current], other)));
    expect(location).toMatch(/^\/uploads\//);
    expect(html).toContain('共 2 个文件：1 个已检查并保存，上一年度报告未使用。');
    expect(html).toContain('<strong>未使用：</strong>上一年度报告“乙局2022.json”未用于跨年度核对，也未保存：它是核对测试乙局2022年度的报告，而本次检查的是核对测试甲局2023年度的报告');
    expect((await services.db.query("SELECT count(*)::int AS n FROM checked_reports WHERE agency = '核对测试乙局'")).rows[0].n).toBe(0);
  });

  it('a file checked again with the previous year it lacked is stored anew, and the results page links the earlier check', async () => {
    const current = jsonFile('2023.json', canonicalReport('补传测试局', 2023));
    const first = await follow(await post('/reports', uploadForm([current])));
    const firstKey = /\/reports\/([0-9a-f]{32})/.exec(first.location)?.[1];
    const previous = jsonFile('2022.json', canonicalReport('补传测试局', 2022, (r) => { r.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1]; }));
    const { location, html } = await follow(await post('/reports', uploadForm([current], previous)));
    expect(location).toMatch(/^\/uploads\//);
    expect(html).toContain(`这个文件以前检查过（<a href="/reports/${firstKey}">以前的检查结果</a>）`);
    expect(html).toContain('已用于跨年度核对');
  });
});

describe('report checker API statuses (issue 14 §5)', () => {
  it('422 report.none_checked when no report could be read, with every file\'s reason; nothing stored', async () => {
    const res = await post('/api/v1/reports', uploadForm([new File(['x'], 'bad.docx'), new File(['随便写的一段话'], 'notes.txt')]));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; details: { uploadId: string; results: { ok: boolean }[] } } };
    expect(body.error.code).toBe('report.none_checked');
    expect(body.error.message).toContain('bad.docx：');
    expect(body.error.details.results.map((r) => r.ok)).toEqual([false, false]);
    expect(body.error.details.uploadId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('201 when a check was stored, 200 when every file had been checked before', async () => {
    const form = () => uploadForm([jsonFile('api-twice.json', canonicalReport('接口重复测试局', 2023))]);
    const first = await post('/api/v1/reports', form());
    expect(first.status).toBe(201);
    const again = await post('/api/v1/reports', form());
    expect(again.status).toBe(200);
    const body = (await again.json()) as { results: { alreadyChecked: boolean; reportId: number }[]; reports: { id: number }[] };
    expect(body.results[0]?.alreadyChecked).toBe(true);
    expect(body.reports.map((r) => r.id)).toEqual([body.results[0]?.reportId]);
  });

  it('the OpenAPI document describes 201, 200 and 422 of the upload', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, { post?: { responses: Record<string, unknown>; description: string } }> };
    const post = doc.paths['/api/v1/reports']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201', '422']));
    expect(post?.description).toContain('422 没有一个年度报告能检查');
  });
});

describe('files per upload (issue 15 §3)', () => {
  it('refuses an upload of more files than the cap, page and API, storing nothing', async () => {
    const before = Number((await services.db.query('SELECT count(*) AS n FROM checked_reports')).rows[0].n);
    const many = () => uploadForm(Array.from({ length: 51 }, (_, i) => new File(['一、总体情况'], `r${i}.txt`)));
    const page = await post('/reports', many(), { accept: 'text/html' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('一次最多上传 50 个');
    const api = await post('/api/v1/reports', many());
    expect(api.status).toBe(400);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('report.too_many_files');
    expect(Number((await services.db.query('SELECT count(*) AS n FROM checked_reports')).rows[0].n)).toBe(before);
  });
});
