import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalReport, jsonFile, uploadForm } from '../../test/support/fixtures.ts';
import { createTestServices } from '../../test/support/services.ts';
import { createTestApp } from '../../test/support/app.ts';
import { addAgency, addPerson, sessionCookie } from '../../test/support/accounts.ts';
import { readZipEntries } from '../../test/support/zip-writer.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { parseCanonicalReport } from './canonical.ts';

let services: Services;
let app: Hono<AppEnv>;
let id: number;
/** A handler of the agency that stored the report, and of another agency. */
let cookie = '';
let otherCookie = '';
const get = (path: string, as = cookie) => app.request(path, { headers: { cookie: as } });

const TITLE = '关于测试市检查局2023年政府信息公开工作年度报告的检查意见';

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  // 表三「（七）总计」「总计」 filled as 9 where every other cell is 0; 表四 one blank cell.
  const report = canonicalReport('测试市检查局', 2023, (r) => {
    r.table3.rows.totalProcessed = [0, 0, 0, 0, 0, 0, 9];
    r.table4.reconsideration = { upheld: null, corrected: 0, other: 0, pending: 0, total: 0 };
  });
  const agency = await addAgency(services, '检查意见测试机关');
  await addPerson(services, 'check-handler', [['handler', agency]]);
  await addPerson(services, 'other-handler', [['handler', await addAgency(services, '别的测试机关')]]);
  cookie = await sessionCookie(services, 'check-handler');
  otherCookie = await sessionCookie(services, 'other-handler');
  const form = uploadForm([jsonFile('check.json', report)]);
  form.append('agencyId', String(agency.id));
  const res = await app.request('/reports', { method: 'POST', body: form, headers: { cookie, origin: 'http://localhost' } });
  id = Number(/\/reports\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
});
afterAll(async () => {
  await services.close();
});

describe('检查意见 of a report stored for an agency', () => {
  it('the report page links to the Word download and the printable page', async () => {
    const html = await (await get(`/reports/${id}`)).text();
    expect(html).toContain(`href="/reports/${id}/check-result.docx">下载检查意见（Word）</a>`);
    expect(html).toContain(`href="/reports/${id}/check-result">打印检查意见</a>`);
  });

  it('downloads as Word with a Chinese file name, holding the title and each finding in words', async () => {
    const res = await get(`/reports/${id}/check-result.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="check-result-${id}.docx"; filename*=UTF-8''${encodeURIComponent(`${TITLE}.docx`)}`,
    );
    const entries = await readZipEntries(new Uint8Array(await res.arrayBuffer()));
    const xml = entries.find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    expect(xml).toContain(TITLE);
    expect(xml).toContain('表三「（七）总计」行「总计」列 = 9');
    expect(xml).toContain('表四「行政复议」「结果维持」 = 空白');
  });

  it('shows a printable page: the 检查意见 in the site layout, without rule ids or cell paths', async () => {
    const res = await get(`/reports/${id}/check-result`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<title>${TITLE} - `);
    expect(html).toContain('<article class="check-result">');
    expect(html).toContain('<p class="check-result-addressee">测试市检查局：</p>');
    expect(html).toContain('<h2>一、错误（3 项）</h2>');
    expect(html).toContain('<li>表三「（七）总计」行「总计」列 = 9</li>');
    expect(html).toContain(`href="/reports/${id}/check-result.docx"`);
    const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
    expect(article).not.toMatch(/T3-|T4-|CELL-BLANK|t3\.|t4\./u);
    expect(html).not.toContain('style=');
  });

  it('the JSON download carries the findings beside the canonical report, and imports back as the report', async () => {
    const res = await get(`/reports/${id}/download.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('测试市检查局2023年政府信息公开工作年度报告.json')}`);
    const text = await res.text();
    const json = JSON.parse(text) as { findings: { rule: string; severity: string; cells: string[]; message: string }[] };
    expect(json.findings.map((f) => Object.keys(f))).toContainEqual(['rule', 'severity', 'cells', 'message']);
    expect(json.findings.filter((f) => f.severity === 'error').map((f) => f.rule).sort()).toEqual(['T3-BALANCE', 'T3-OUTCOME-TOTAL', 'T3-ROW-TOTAL']);
    expect(parseCanonicalReport(json).ok).toBe(true);

    // Checked again anonymously: a check of its own, under its key.
    const again = await app.request('/reports', { method: 'POST', body: uploadForm([new File([text], 'downloaded.json')]) });
    expect(again.status).toBe(303);
    // Straight to the new report, or to the upload's results, which link to it.
    const location = again.headers.get('location') ?? '';
    const landing = location.startsWith('/reports/') ? location : await (await app.request(location)).text();
    const againKey = /\/reports\/([0-9a-f]{32})/.exec(landing)?.[1];
    expect(againKey).toBeDefined();
    const back = JSON.parse(await (await app.request(`/reports/${againKey}/download.json`)).text()) as typeof json;
    expect(back).toEqual(json);
    // The 检查意见 of an anonymous check, at its key too.
    const page = await app.request(`/reports/${againKey}/check-result`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`href="/reports/${againKey}/check-result.docx"`);
  });

  it('the other downloads are the report as before', async () => {
    const res = await get(`/reports/${id}/download.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('测试市检查局2023年政府信息公开工作年度报告');
  });

  it('says in Chinese that an unknown report has no 检查意见 (404); another agency\'s staff get 404 too, and signed out, the sign-in page', async () => {
    const unknown = '0'.repeat(32);
    for (const path of [`/reports/${unknown}/check-result`, `/reports/${unknown}/check-result.docx`, `/reports/${unknown}/download.json`]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toContain('这次检查的结果已经删除，或链接有误');
    }
    for (const path of [`/reports/${id}/check-result`, `/reports/${id}/check-result.docx`, `/reports/${id}/download.json`]) {
      expect((await get(path, otherCookie)).status, path).toBe(404);
      expect((await app.request(path)).status, path).toBe(303);
    }
  });
});
