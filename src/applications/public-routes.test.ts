/**
 * The public pages of 依申请公开 in-process on the real database: the form (agencies grouped under
 * their government), a successful application and its receipt, every refusal named with the values
 * kept and nothing stored, and the status look-up (status and dates only; one answer for a wrong code
 * and a wrong phone; the phone never in an address).
 */
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, OPERATOR } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { declaredRoutes } from '../platform/http/access.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { residentIdCheckCharacter } from './id-numbers.ts';
import { publicApplicationRoutes } from './public-routes.tsx';
import { recordEvent, type Clock } from './service.ts';
import * as store from './store.ts';

let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let agency: Agency;

/** 2024-06-28 (a Friday) at noon, Beijing time. */
const clock: Clock = () => Date.parse('2024-06-28T04:00:00Z');
const ID = (first17: string) => first17 + residentIdCheckCharacter(first17);
const PERSON_ID = ID('21090219900101123');
/** The same number with its check character changed. */
const WRONG_ID = PERSON_ID.slice(0, 17) + (PERSON_ID.endsWith('1') ? '2' : '1');

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '公开测试市人民政府', 'government');
  agency = await addAgency(services, '公开测试市教育局', 'department', government);
  await addAgency(services, '公开测试市财政局', 'department', government);
  app = createHttpApp(services, { modules: [{ routes: publicApplicationRoutes(services, clock) }], nav: [] });
});
afterAll(async () => {
  await services?.close();
});

const form = (overrides: Record<string, string> = {}) => ({
  agencyId: String(agency.id), kind: 'naturalPerson', name: '张三', idType: 'idCard', idNumber: PERSON_ID, phone: '138-1234-5678',
  address: '辽宁省阜新市太平区红树路 1 号', email: 'zhang@example.com', description: '2023 年本市义务教育学校划片方案的正式文件', purpose: '',
  provision: 'electronic', delivery: 'email', ...overrides,
});
const post = (path: string, fields: Record<string, string>) => app.request(path, {
  method: 'POST', body: new URLSearchParams(fields),
  headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});
const count = async () => Number((await services.db.query<{ n: string }>('SELECT count(*) AS n FROM applications')).rows[0]!.n);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the form', () => {
  it('every route is public', () => {
    for (const r of declaredRoutes(app).filter((r) => r.path.startsWith('/apply'))) expect(r.access).toEqual({ kind: 'public' });
  });

  it('offers the open agencies grouped under their people’s government, and every question', async () => {
    const res = await app.request('/apply');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<optgroup label="公开测试市人民政府"><option value="${government.id}"[^>]*>公开测试市人民政府</option>`));
    expect(html).toContain(`<option value="${agency.id}">公开测试市教育局</option>`);
    for (const label of ['自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '身份证明类型', '联系电话', '通信地址', '电子邮箱', '纸质', '电子', '邮寄', '自行领取']) {
      expect(html).toContain(label);
    }
    expect(html).toContain('法律不要求说明用途');
    expect(html).toContain('<form method="post" action="/apply"');
    expect(html).toContain('name="_csrf"');
  });
});

describe('applying', () => {
  it('an application is stored, awaiting confirmation, and the receipt shows the tracking code and what happens next', async () => {
    const before = await count();
    const res = await post('/apply', form());
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/apply\/receipt\?code=[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}&agency=\d+$/);
    expect(await count()).toBe(before + 1);
    const code = new URL(location, 'http://localhost').searchParams.get('code')!;
    const stored = await store.findByTrackingCode(services.db, code);
    expect(stored).toMatchObject({ agencyId: agency.id, status: 'awaitingConfirmation', channel: 'online', submitted: '2024-06-28', phone: '13812345678' });

    const receipt = text(await (await app.request(location)).text());
    expect(receipt).toContain(code);
    expect(receipt).toContain('公开测试市教育局');
    expect(receipt).toContain('2024年6月28日');
    expect(receipt).toMatch(/20 个工作日/);
    expect(receipt).toContain('第三十一条');
    expect(receipt).toContain('第三十三条');
    expect(receipt).toContain('查询办理进度');
  });

  it('an organisation applies with its 统一社会信用代码', async () => {
    const res = await post('/apply', form({ kind: 'legalService', name: '阜新某某律师事务所', idType: 'creditCode', idNumber: '91210900MA0XXXXX0X' }));
    // A made-up code fails its check character: named, nothing stored.
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('统一社会信用代码');
  });

  it('a wrong 身份证 check digit is named, the values are kept, nothing is stored', async () => {
    const before = await count();
    const res = await post('/apply', form({ idNumber: WRONG_ID }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('<a href="#idNumber">身份证明号码：身份证号码第 18 位（校验码）应为');
    expect(html).toContain('id="idNumber-error"');
    // What was typed is shown again, the wrong number too (to be corrected, not typed again).
    expect(html).toContain(`value="${WRONG_ID}"`);
    expect(html).toContain('value="张三"');
    expect(html).toContain('2023 年本市义务教育学校划片方案的正式文件</textarea>');
    expect(html).toMatch(/id="kind-naturalPerson"[^>]*checked/);
    expect(await count()).toBe(before);
  });

  it('an empty form names every missing field (lists read 请选择), nothing is stored', async () => {
    const before = await count();
    const res = await post('/apply', {});
    expect(res.status).toBe(400);
    const html = text(await res.text());
    for (const message of [
      '受理机关：请选择', '申请人类型：请选择', '申请人姓名或名称：必须填写', '身份证明类型：请选择', '身份证明号码：必须填写',
      '联系电话：必须填写', '所需政府信息的描述：必须填写', '提供形式：请选择', '获取方式：请选择',
    ]) expect(html).toContain(message);
    expect(html).not.toContain('agencyId');
    expect(await count()).toBe(before);
  });

  it('delivery by post without an address, by e-mail without one, an unknown agency: each named', async () => {
    const before = await count();
    const post1 = text(await (await post('/apply', form({ delivery: 'post', address: '' }))).text());
    expect(post1).toContain('通信地址：获取方式为邮寄时必须填写');
    const post2 = text(await (await post('/apply', form({ delivery: 'email', email: '' }))).text());
    expect(post2).toContain('电子邮箱：获取方式为电子邮件时必须填写');
    const res = await post('/apply', form({ agencyId: '999999' }));
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('受理机关：没有编号为 999999 的机关');
    const bad = text(await (await post('/apply', form({ phone: 'call me' }))).text());
    expect(bad).toContain('联系电话：只能含数字');
    expect(await count()).toBe(before);
  });

  it('staff fields are not read from the public form', async () => {
    const res = await post('/apply', { ...form(), channel: '当面', submitted: '2024-06-01', confirmed: '2024-06-01' });
    expect(res.status).toBe(303);
    const code = new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('code')!;
    expect(await store.findByTrackingCode(services.db, code)).toMatchObject({ channel: 'online', submitted: '2024-06-28', status: 'awaitingConfirmation' });
  });

  it('a receipt for a code that cannot be one is not found', async () => {
    expect((await app.request('/apply/receipt?code=nonsense')).status).toBe(404);
  });
});

describe('the status look-up', () => {
  let code = '';
  beforeAll(async () => {
    const res = await post('/apply', form({ name: '李四', phone: '13987654321', address: '辽宁省阜新市细河区某路 9 号', description: '某文件的秘密描述' }));
    code = new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('code')!;
    const stored = await store.findByTrackingCode(services.db, code);
    await recordEvent(services, OPERATOR, stored!.id, { type: 'confirm', date: '2024-06-28' as never }, undefined, clock);
  });

  it('the form asks for the code and the phone, posted (the phone never in an address)', async () => {
    const html = await (await app.request('/apply/status')).text();
    expect(html).toContain('<form method="post" action="/apply/status"');
    expect(html).toContain('name="trackingCode"');
    expect(html).toContain('name="phone"');
  });

  it('shows the status and dates, nothing personal', async () => {
    const res = await post('/apply/status', { trackingCode: code.toLowerCase().replace(/-/g, ' '), phone: '139 8765 4321' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = text(await res.text());
    expect(html).toContain(code);
    expect(html).toContain('办理中');
    expect(html).toContain('收到申请之日 2024年6月28日');
    expect(html).toMatch(/答复期限 2024年7月26日（星期五）/);
    expect(html).toContain('公开测试市教育局');
    for (const personal of ['李四', '13987654321', '139 8765 4321', '8765', '细河区', PERSON_ID, '秘密描述']) expect(html).not.toContain(personal);
  });

  it('a wrong phone and a wrong code get the same answer', async () => {
    const wrongPhone = await post('/apply/status', { trackingCode: code, phone: '13900000000' });
    const wrongCode = await post('/apply/status', { trackingCode: 'ZZZZ-ZZZZ-ZZZZ', phone: '13987654321' });
    expect(wrongPhone.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    const message = (html: string) => /<ul><li><a href="#trackingCode">([^<]+)<\/a>/.exec(html)?.[1];
    const a = message(await wrongPhone.text());
    expect(a).toContain('没有找到与这个查询码和联系电话对应的申请');
    expect(message(await wrongCode.text())).toBe(a);
  });

  it('blank fields are named', async () => {
    const res = await post('/apply/status', { trackingCode: '', phone: '' });
    expect(res.status).toBe(400);
    const html = text(await res.text());
    expect(html).toContain('查询码：请填写');
    expect(html).toContain('联系电话：请填写');
  });
});

describe('attachments', () => {
  const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const EXE = new TextEncoder().encode('MZ\x90\x00This program cannot be run in DOS mode.');
  const attachmentCount = async () => Number((await services.db.query<{ n: string }>('SELECT count(*) AS n FROM application_attachments')).rows[0]!.n);
  /** The form as a browser sends it with files (multipart/form-data). */
  const postFiles = (fields: Record<string, string>, files: [string, Uint8Array, string?][]) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const [name, bytes, type] of files) body.append('attachments', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: type ?? 'application/octet-stream' }));
    return app.request('/apply', { method: 'POST', body, headers: { origin: 'http://localhost', accept: 'text/html' } });
  };
  const codeOf = (res: Response) => new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('code')!;

  it('the form is sent as multipart/form-data with a file input saying what may be sent', async () => {
    const html = await (await app.request('/apply')).text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<input type="file" id="attachments" name="attachments" multiple="" accept="[^"]*\.pdf[^"]*"/);
    expect(text(html)).toContain('最多 5 个文件，每个不超过 10 MB');
  });

  it('a PDF and a PNG are stored with the application, with their sniffed types and SHA-256', async () => {
    const res = await postFiles(form(), [['C:\\fakepath\\申请书.pdf', PDF, 'application/pdf'], ['身份证.png', PNG, 'image/png']]);
    expect(res.status).toBe(303);
    const stored = (await store.findByTrackingCode(services.db, codeOf(res)))!;
    const { rows } = await services.db.query<{ file_name: string; media_type: string; size: number; sha256: string; bytes: Buffer }>(
      'SELECT file_name, media_type, size, sha256, bytes FROM application_attachments WHERE application_id = $1 ORDER BY id', [stored.id]);
    expect(rows.map((r) => [r.file_name, r.media_type, r.size])).toEqual([['申请书.pdf', 'application/pdf', PDF.length], ['身份证.png', 'image/png', PNG.length]]);
    expect(Buffer.compare(rows[0]!.bytes, Buffer.from(PDF))).toBe(0);
    expect(rows[1]!.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
  });

  it('an empty file input (a nameless empty part) is no attachment', async () => {
    const before = await attachmentCount();
    const res = await postFiles(form(), [['', new Uint8Array()]]);
    expect(res.status).toBe(303);
    expect(await attachmentCount()).toBe(before);
  });

  it('an .exe renamed .pdf is refused naming the file, the typed values kept, and nothing is stored', async () => {
    const [applications, attachments] = [await count(), await attachmentCount()];
    const res = await postFiles(form(), [['申请书.pdf', PDF], ['身份证.pdf', EXE]]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<a href="#attachments">附件：文件“身份证.pdf”的内容不是可以接受的类型');
    expect(html).toContain('id="attachments-error"');
    expect(html).toContain('value="张三"');
    expect(text(html)).toContain('已选择的文件不会保留');
    expect([await count(), await attachmentCount()]).toEqual([applications, attachments]);
  });

  it('a file problem is named with the form’s other problems at once', async () => {
    const res = await postFiles(form({ phone: '' }), [['setup.pdf', EXE]]);
    expect(res.status).toBe(400);
    const html = text(await res.text());
    expect(html).toContain('联系电话：必须填写');
    expect(html).toContain('“setup.pdf”');
  });

  it('six files are refused and nothing is stored', async () => {
    const [applications, attachments] = [await count(), await attachmentCount()];
    const res = await postFiles(form(), Array.from({ length: 6 }, (_, i): [string, Uint8Array] => [`第${i + 1}页.pdf`, PDF]));
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('附件：最多上传 5 个文件，您选择了 6 个');
    expect([await count(), await attachmentCount()]).toEqual([applications, attachments]);
  });

  it('a file over 10 MB is refused and nothing is stored', async () => {
    const [applications, attachments] = [await count(), await attachmentCount()];
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    const res = await postFiles(form(), [['扫描件.pdf', big]]);
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain('附件：文件“扫描件.pdf”有 10.1 MB，每个文件不能超过 10 MB');
    expect([await count(), await attachmentCount()]).toEqual([applications, attachments]);
  });
});

describe('a flood of applications', () => {
  it('an address over the hourly limit is refused with a page saying when to try again, and nothing is stored', async () => {
    const strict: Services = { ...services, config: { ...services.config, publicPostsPerHour: 1, trustProxy: true } };
    const limited = createHttpApp(strict, { modules: [{ routes: publicApplicationRoutes(strict, clock) }], nav: [] });
    const send = () => limited.request('/apply', {
      method: 'POST', body: new URLSearchParams(form({ description: '限流测试：第一份申请' })),
      headers: { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'x-forwarded-for': '198.51.100.7' },
    });
    expect((await send()).status).toBe(303);
    const before = await count();
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(text(await refused.text())).toContain('提交申请过于频繁');
    expect(await count()).toBe(before);
  });
});
