/**
 * The staff pages of 主动公开 in-process: a 经办人 drafts through the form (body cleaned), uploads an
 * attachment, submits; a 审核人 reviews the attribute; the author's own 保密审查 is refused on the page;
 * another 审核人 checks; the 负责人 signs; the list, the item page (events, warnings) and the settings.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency, Person } from '../platform/accounts/store.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { addAgency, addPerson, sessionCookie } from '../../test/support/accounts.ts';
import { createTestApp } from '../../test/support/app.ts';
import { createTestServices } from '../../test/support/services.ts';
import { writePdf } from '../../test/support/pdf-writer.ts';

let services: Services;
let app: Hono<AppEnv>;
let agency: Agency;
const cookies: Record<string, string> = {};
const persons: Record<string, Person> = {};

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  agency = await addAgency(services, '页面测试局');
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    author: [['handler', agency], ['reviewer', agency]], reviewer: [['reviewer', agency]], head: [['head', agency]], admin: [['agencyAdmin', agency]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    persons[name] = await addPerson(services, `page-${name}`, grants);
    cookies[name] = await sessionCookie(services, persons[name]!.username);
  }
}, 120_000);
afterAll(async () => services.close());

const get = async (path: string, who: string) => {
  const res = await app.request(path, { headers: { cookie: cookies[who]! } });
  return { status: res.status, html: await res.text() };
};
const post = async (path: string, who: string, fields: Record<string, string> | FormData) => {
  const body = fields instanceof FormData ? fields : new URLSearchParams(fields);
  const res = await app.request(path, { method: 'POST', headers: { cookie: cookies[who]!, origin: 'http://localhost' }, body });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
};
const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)![1]);

describe('the staff pages', () => {
  it('draft → upload → submit → review → secrecy (not by the author) → sign, with what each page shows', async () => {
    const created = await post('/catalog/new', 'author', {
      agencyId: String(agency.id), title: '关于开展2024年文化惠民演出的通知', docNo: '', formedOn: '2024-06-03', genre: '通知公告', topic: '', article20Item: '11',
      body: '<p>演出安排如下。</p><script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">点此</a>',
    });
    expect(created.status).toBe(303);
    const itemPath = created.location!.split('?')[0]!;
    expect(itemPath).toMatch(/^\/catalog\/items\/\d+$/);
    let page = await get(created.location!, 'author');
    expect(page.html).toContain('已保存为草稿');
    expect(page.html).toContain('关于开展2024年文化惠民演出的通知');
    expect(page.html).toContain('（十一）');
    expect(page.html).not.toContain('<script>alert');
    expect(page.html).not.toContain('onerror');
    expect(page.html).not.toContain('javascript:');

    const edit = await get(`${itemPath}/edit`, 'author');
    expect(edit.status).toBe(200);
    const form = new FormData();
    form.set('version', String(versionIn(edit.html)));
    const text = 'BT /F1 12 Tf 72 700 Td (Performance schedule, contact 13912345678) Tj ET';
    const pdf = writePdf(['<</Type/Catalog/Pages 2 0 R>>', '<</Type/Pages/Kids[3 0 R]/Count 1>>', '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>', { dict: '', data: text }, '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>']);
    form.append('attachments', new File([pdf], '演出安排.pdf', { type: 'application/pdf' }));
    const uploaded = await post(`${itemPath}/attachments`, 'author', form);
    expect(uploaded.status).toBe(303);
    page = await get(itemPath, 'author');
    expect(page.html).toContain('演出安排.pdf');
    expect(page.html).toContain('139****5678');
    const exe = new FormData();
    exe.set('version', String(versionIn(page.html)));
    exe.append('attachments', new File([new Uint8Array([0x4d, 0x5a, 0, 0])], 'setup.pdf'));
    const refusedUpload = await post(`${itemPath}/attachments`, 'author', exe);
    expect(refusedUpload.status).toBe(422);
    expect(refusedUpload.html).toContain('不是可以接受的类型');

    page = await get(itemPath, 'author');
    expect(page.html).toContain('提交审核');
    expect((await post(`${itemPath}/steps`, 'author', { type: 'submitted', version: String(versionIn(page.html)) })).status).toBe(303);

    page = await get(itemPath, 'reviewer');
    expect(page.html).toContain('公开属性审核');
    expect(page.html).toContain('正文或附件中有个人信息');
    const noDecision = await post(`${itemPath}/steps`, 'reviewer', { type: 'attributeReviewed', version: String(versionIn(page.html)) });
    expect(noDecision.status).toBe(422);
    expect(noDecision.html).toContain('公开属性审核须作出决定');
    expect((await post(`${itemPath}/steps`, 'reviewer', { type: 'attributeReviewed', decision: '主动公开', version: String(versionIn(page.html)) })).status).toBe(303);

    // The author is a 审核人 too, but may not check its own item: the form is not offered, and posting it is refused.
    page = await get(itemPath, 'author');
    expect(page.html).not.toContain('name="type" value="secrecyChecked"');
    const own = await post(`${itemPath}/steps`, 'author', { type: 'secrecyChecked', version: String(versionIn(page.html)) });
    expect(own.status).toBe(409);
    expect(own.html).toContain('起草人以外的人办理');

    page = await get(itemPath, 'reviewer');
    expect(page.html).toContain('个人信息公开的理由');
    expect((await post(`${itemPath}/steps`, 'reviewer', { type: 'secrecyChecked', justification: '演出联系电话为服务热线', version: String(versionIn(page.html)) })).status).toBe(303);
    page = await get(itemPath, 'head');
    const signed = await post(`${itemPath}/steps`, 'head', { type: 'signed', version: String(versionIn(page.html)) });
    expect(signed.location).toBe(`${itemPath}?notice=signed`);
    page = await get(signed.location!, 'head');
    expect(page.html).toContain('已签发');
    expect(page.html).toContain('已发布');
    for (const label of ['起草', '提交审核', '公开属性审核', '保密审查', '签发']) expect(page.html).toContain(label);
    expect(page.html).toContain(persons['head']!.name);

    const stale = await post(`${itemPath}/steps`, 'head', { type: 'withdrawn', reason: '重发', version: '0' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('本条信息已被他人修改');

    const download = await app.request(`${itemPath}/attachments/${/attachments\/(\d+)"/.exec(page.html)![1]}`, { headers: { cookie: cookies['reviewer']! } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
  });

  it('the new-item form names its errors; the list shows items with their due dates', async () => {
    const refused = await post('/catalog/new', 'author', { agencyId: String(agency.id), title: '', formedOn: '2024-13-01', body: '' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('提交的内容有问题');
    expect(refused.html).toContain('href="#title"');
    expect(refused.html).toContain('href="#formedOn"');
    const list = await get('/catalog?status=all', 'reviewer');
    expect(list.status).toBe(200);
    expect(list.html).toContain('关于开展2024年文化惠民演出的通知');
    expect((await get('/catalog/new', 'reviewer')).status).toBe(403);
  });

  it('the agency\'s 机关管理员 sets the 索引号 pattern and sensitive words', async () => {
    const page = await get(`/agencies/${agency.id}/catalog-settings`, 'admin');
    expect(page.status).toBe(200);
    expect(page.html).toContain('{流水号}');
    const bad = await post(`/agencies/${agency.id}/catalog-settings`, 'admin', { indexPattern: '{年份}', words: '' });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('须含流水号');
    const saved = await post(`/agencies/${agency.id}/catalog-settings`, 'admin', { indexPattern: 'YB-{机关编号}-{年份}-{流水号:4}', words: '内部资料\n绝密' });
    expect(saved.status).toBe(303);
    const created = await post('/catalog/new', 'author', { agencyId: String(agency.id), title: '按新格式编号的信息', formedOn: '2024-06-03', body: '<p>内部资料</p>' });
    const item = await get(created.location!, 'author');
    // The serial runs on in the agency's year whatever the pattern (the first item of 2024 had 00001).
    expect(item.html).toContain(`YB-${agency.id}-2024-0002`);
    expect(item.html).toContain('内部资料');
  });
});
