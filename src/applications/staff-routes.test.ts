/**
 * The staff pages of 依申请公开 in-process on the real database: the dashboard's scope, colours with
 * words and counts; staff entry; a case through its step forms (a handler drafts, a reviewer approves,
 * the head signs, the handler records delivery), the refusals (one's own draft, a stale version: nothing
 * changed), masking for a supervisor, letters, appeals, tables 三/四 with their links and XLSX, the outbox.
 */
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, OPERATOR, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import { declaredRoutes } from '../platform/http/access.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import type { Services } from '../platform/services.ts';
import { lettersRouteModule } from './letters/routes.tsx';
import type { CaseEvent } from './model.ts';
import { createApplication, recordAppeal, recordEvent, statistics, type Clock } from './service.ts';
import { staffApplicationRoutes } from './staff-routes.tsx';
import * as store from './store.ts';

let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let agency: Agency;
let other: Agency;
const people: Record<string, Person> = {};
const cookies: Record<string, string> = {};

/** 2024-06-28 (a Friday) at noon, Beijing time. */
const clock: Clock = () => Date.parse('2024-06-28T04:00:00Z');
const TODAY = '2024-06-28';

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '办理测试市人民政府', 'government');
  agency = await addAgency(services, '办理测试市教育局', 'department', government);
  other = await addAgency(services, '别处测试县民政局');
  app = createHttpApp(services, { modules: [{ routes: staffApplicationRoutes(services, clock) }, lettersRouteModule(services)], nav: [] });
  const roles: Record<string, Parameters<typeof addPerson>[2]> = {
    handler: [['handler', agency]], reviewer: [['reviewer', agency]], head: [['head', agency]], both: [['handler', agency], ['reviewer', agency]],
    supervisor: [['supervisor', government]], otherHandler: [['handler', other]], root: [['sysAdmin', null]],
  };
  for (const [name, grants] of Object.entries(roles)) {
    people[name] = await addPerson(services, `staff-${name.toLowerCase()}`, grants);
    cookies[name] = await sessionCookie(services, `staff-${name.toLowerCase()}`);
  }
}, 60_000);
afterAll(async () => {
  await services?.close();
});

const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]!, accept: 'text/html' } });
const post = (path: string, who: string, fields: Record<string, string>) => app.request(path, {
  method: 'POST', body: new URLSearchParams(fields),
  headers: { cookie: cookies[who]!, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
const page = async (path: string, who: string) => text(await (await get(path, who)).text());

/** An application entered in person on `submitted` (received that day). */
async function entered(at: Agency, submitted: string, extra: Record<string, unknown> = {}): Promise<{ id: number; trackingCode: string }> {
  return createApplication(services, OPERATOR, {
    agencyId: at.id, applicant: { kind: 'naturalPerson', name: '王小明', idType: 'passport', idNumber: 'E12345678', phone: '13812345678', address: '辽宁省阜新市太平区红树路 1 号' },
    description: '本局 2023 年招生工作方案', provision: 'paper', delivery: 'post', channel: '当面', submitted, ...extra,
  }, clock);
}
const versionOf = async (id: number) => (await store.getApplication(services.db, id))!.version;
const statusOf = async (id: number) => (await store.getApplication(services.db, id))!.status;
const step = (id: number, event: CaseEvent) => recordEvent(services, OPERATOR, id, event, undefined, clock);

describe('access', () => {
  it('lists need records.read anywhere, a case its agency’s, its steps records.write, the review records.read', () => {
    const routes = declaredRoutes(app);
    const find = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path)?.access;
    expect(find('GET', '/applications')).toEqual({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } });
    expect(find('GET', '/applications/:id{[0-9]+}')).toMatchObject({ permission: 'records.read', agency: { from: 'record', resource: 'application', param: 'id' } });
    expect(find('POST', '/applications/:id{[0-9]+}/steps')).toMatchObject({ permission: 'records.write', agency: { from: 'record' } });
    expect(find('POST', '/applications/:id{[0-9]+}/review')).toMatchObject({ permission: 'records.read', agency: { from: 'record' } });
    expect(find('GET', '/agencies/:id{[0-9]+}/statistics')).toEqual({ kind: 'permission', permission: 'records.read', agency: { from: 'param', param: 'id' } });
    expect(find('GET', '/outbox')).toEqual({ kind: 'signedIn' });
  });
});

describe('the dashboard', () => {
  let soon: { id: number; trackingCode: string };
  let overdue: { id: number; trackingCode: string };
  let elsewhere: { id: number; trackingCode: string };
  beforeAll(async () => {
    // Received 2024-06-03: due 2024-07-02 (端午 06-10 not counted), the 2nd working day after today: amber.
    soon = await entered(agency, '2024-06-03');
    // Received 2024-05-06: due 2024-06-03, passed: red.
    overdue = await entered(agency, '2024-05-06');
    await services.db.query('UPDATE applications SET handler_id = $2 WHERE id = $1', [overdue.id, people['handler']!.id]);
    elsewhere = await entered(other, '2024-06-03');
  });

  it('the handler sees their agency’s cases, due soon and overdue in words, counted per handler', async () => {
    const html = await page('/applications', 'handler');
    expect(html).toContain(soon.trackingCode);
    expect(html).toContain(overdue.trackingCode);
    expect(html).not.toContain(elsewhere.trackingCode);
    expect(html).toContain('即将到期');
    expect(html).toContain('已逾期');
    expect(html).toContain('2024年7月2日');
    expect(html).toContain('2024年5月31日');
    expect(html).toContain('按经办人统计');
    expect(html).toContain(`测试staff-handler 1 0 1`);
    expect(html).toContain('录入申请');
    const raw = await (await get('/applications', 'handler')).text();
    expect(raw).toMatch(/<strong class="tag tag-error">已逾期<\/strong>/);
    expect(raw).toMatch(/<strong class="tag tag-warning">即将到期<\/strong>/);
  });

  it('filters: overdue only, mine only, a status', async () => {
    const overdueOnly = await page('/applications?due=overdue', 'handler');
    expect(overdueOnly).toContain(overdue.trackingCode);
    expect(overdueOnly).not.toContain(soon.trackingCode);
    const mine = await page('/applications?mine=yes', 'handler');
    expect(mine).toContain(overdue.trackingCode);
    expect(mine).not.toContain(soon.trackingCode);
    const replied = await page('/applications?status=replied', 'handler');
    expect(replied).toContain('没有符合条件的申请');
  });

  it('another agency’s case is not listed, and its page is not found', async () => {
    expect(await page('/applications', 'otherHandler')).not.toContain(soon.trackingCode);
    expect((await get(`/applications/${soon.id}`, 'otherHandler')).status).toBe(404);
    expect((await post(`/applications/${soon.id}/steps`, 'otherHandler', { type: 'confirm', date: TODAY })).status).toBe(404);
    expect((await get(`/applications/${elsewhere.id}`, 'otherHandler')).status).toBe(200);
  });

  it('a supervisor sees the cases under their government with the names masked; a system administrator has no case list', async () => {
    const html = await page('/applications', 'supervisor');
    expect(html).toContain(soon.trackingCode);
    expect(html).toContain('王**');
    expect(html).not.toContain('王小明');
    expect(html).not.toContain('录入申请');
    expect((await get('/applications', 'root')).status).toBe(403);
  });
});

describe('staff entry', () => {
  it('the form asks for the channel and dates; an application received by post is entered with its signing date', async () => {
    const form = await page('/applications/new', 'handler');
    for (const label of ['提交渠道', '提交日期', '收到申请之日', '当面', '平常信函', '传真']) expect(form).toContain(label);
    const res = await post('/applications/new', 'handler', {
      agencyId: String(agency.id), channel: '邮寄', submitted: '2024-06-20', confirmed: '2024-06-24', kind: 'commercial', name: '某某科技有限公司',
      idType: 'other', idNumber: 'ABC-123', phone: '0418-2812345', address: '辽宁省阜新市海州区某路 2 号', description: '某项目的环评批复', provision: 'paper', delivery: 'post',
    });
    expect(res.status).toBe(303);
    const id = Number(/\/applications\/(\d+)\?notice=created/.exec(res.headers.get('location') ?? '')?.[1]);
    expect(await store.getApplication(services.db, id)).toMatchObject({ channel: 'post', submitted: '2024-06-20', receiptDate: '2024-06-24', status: 'processing', handlerId: people['handler']!.id });
    const html = await page(`/applications/${id}?notice=created`, 'handler');
    expect(html).toContain('申请已录入');
    expect(html).toContain('邮寄提交，收到申请之日 2024-06-24');
  });

  it('a missing channel and a date after today are named; nothing is stored', async () => {
    const before = Number((await services.db.query('SELECT count(*) AS n FROM applications')).rows[0].n);
    const res = await post('/applications/new', 'handler', {
      agencyId: String(agency.id), submitted: '2024-06-20', kind: 'naturalPerson', name: '赵六', idType: 'passport', idNumber: 'E7654321',
      phone: '13800000000', description: '某文件', provision: 'paper', delivery: 'pickup',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<a href="#channel">提交渠道：请选择</a>');
    const future = text(await (await post('/applications/new', 'handler', {
      agencyId: String(agency.id), channel: '当面', submitted: '2024-07-20', kind: 'naturalPerson', name: '赵六', idType: 'passport', idNumber: 'E7654321',
      phone: '13800000000', description: '某文件', provision: 'paper', delivery: 'pickup',
    })).text());
    expect(future).toContain('提交日期：2024-07-20 晚于今天');
    expect(Number((await services.db.query('SELECT count(*) AS n FROM applications')).rows[0].n)).toBe(before);
  });

  it('a reviewer may not enter applications', async () => {
    expect((await get('/applications/new', 'reviewer')).status).toBe(403);
  });
});

describe('a case through its step forms', () => {
  let id = 0;
  beforeAll(async () => {
    id = (await entered(agency, '2024-06-24')).id;
  });

  it('the handler is offered the steps they may take now, not the head’s', async () => {
    const raw = await (await get(`/applications/${id}`, 'handler')).text();
    expect(raw).toContain('id="step-replied"');
    expect(raw).toContain('id="step-correctionRequested"');
    expect(raw).not.toContain('id="step-signed"');
    expect(raw).not.toContain('id="step-extended"');
    expect(raw).not.toContain('id="step-confirm"');
    expect(raw).toContain(`name="version" value="${await versionOf(id)}"`);
    const html = text(raw);
    expect(html).toContain('当面提交，收到申请之日 2024-06-24');
    expect(html).toContain('答复期限 2024年7月22日（星期一）');
    expect(html).toContain('期限是怎样算的');
    // The head may extend.
    expect(await (await get(`/applications/${id}`, 'head')).text()).toContain('id="step-extended"');
  });

  it('a reply drafted by the handler, approved by the reviewer, signed by the head, delivered by the handler', async () => {
    let res = await post(`/applications/${id}/steps`, 'handler', {
      type: 'replied', version: String(await versionOf(id)), date: TODAY, outcome: 'partiallyGranted', reasons: '第三页含有个人信息，已作区分处理',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/applications/${id}?notice=replied`);
    expect(await statusOf(id)).toBe('awaitingReview');
    expect(await page(`/applications/${id}?notice=replied`, 'handler')).toContain('答复已提交审核');

    const reviewerPage = await (await get(`/applications/${id}`, 'reviewer')).text();
    expect(reviewerPage).toContain('id="step-reviewed"');
    expect(reviewerPage).toContain(`action="/applications/${id}/review"`);
    res = await post(`/applications/${id}/review`, 'reviewer', { type: 'reviewed', version: String(await versionOf(id)), date: TODAY, approved: 'yes' });
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('awaitingSignOff');
    // The reviewer holds no 'records.write': the other steps are not theirs.
    expect((await post(`/applications/${id}/steps`, 'reviewer', { type: 'signed', version: String(await versionOf(id)), date: TODAY })).status).toBe(403);

    expect(await (await get(`/applications/${id}`, 'handler')).text()).not.toContain('id="step-signed"');
    res = await post(`/applications/${id}/steps`, 'head', { type: 'signed', version: String(await versionOf(id)), date: TODAY });
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('awaitingDelivery');

    res = await post(`/applications/${id}/steps`, 'handler', { type: 'delivered', version: String(await versionOf(id)), date: TODAY, method: 'post' });
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('replied');
    const html = await page(`/applications/${id}`, 'handler');
    for (const words of ['起草答复，提交审核：部分公开（区分处理）', '理由：第三页含有个人信息', '审核答复：通过', '签发答复', '送达答复（邮寄）', '测试staff-reviewer', '测试staff-head', '本申请已办结']) {
      expect(html).toContain(words);
    }
  });

  it('a reviewer may not review their own draft: refused with the reason, nothing changed', async () => {
    const own = (await entered(agency, '2024-06-24')).id;
    expect((await post(`/applications/${own}/steps`, 'both', { type: 'replied', version: String(await versionOf(own)), date: TODAY, outcome: 'granted' })).status).toBe(303);
    // Not offered to them …
    expect(await (await get(`/applications/${own}`, 'both')).text()).not.toContain('id="step-reviewed"');
    // … and refused when posted anyway.
    const version = await versionOf(own);
    const res = await post(`/applications/${own}/review`, 'both', { type: 'reviewed', version: String(version), date: TODAY, approved: 'yes' });
    expect(res.status).toBe(403);
    expect(text(await res.text())).toContain('不能审核自己起草的答复');
    expect(await statusOf(own)).toBe('awaitingReview');
    expect(await versionOf(own)).toBe(version);
  });

  it('a stale version: 本申请已被他人修改，请刷新后再办理, nothing changed', async () => {
    const stale = (await entered(agency, '2024-06-24')).id;
    const seen = await versionOf(stale);
    await step(stale, { type: 'correctionRequested', date: TODAY as never, note: '请写明文号' });
    const res = await post(`/applications/${stale}/steps`, 'handler', { type: 'replied', version: String(seen), date: TODAY, outcome: 'granted' });
    expect(res.status).toBe(409);
    const html = text(await res.text());
    expect(html).toContain('本申请已被他人修改，请刷新后再办理');
    expect(await statusOf(stale)).toBe('awaitingCorrection');
    expect((await store.listEvents(services.db, stale)).length).toBe(1);
  });

  it('a field left out is named beside the form, what was typed kept', async () => {
    const fresh = (await entered(agency, '2024-06-24')).id;
    const res = await post(`/applications/${fresh}/steps`, 'handler', { type: 'replied', version: String(await versionOf(fresh)), date: TODAY, reasons: '理由留着' });
    expect(res.status).toBe(422);
    const raw = await res.text();
    expect(raw).toContain('<a href="#replied-outcome">办理结果：必须填写</a>');
    expect(raw).toContain('理由留着</textarea>');
    const future = await post(`/applications/${fresh}/steps`, 'handler', { type: 'correctionRequested', version: String(await versionOf(fresh)), date: '2024-07-01' });
    expect(future.status).toBe(422);
    expect(text(await future.text())).toContain('晚于今天');
    expect(await statusOf(fresh)).toBe('processing');
  });

  it('assigning a handler; a stale version refused', async () => {
    const fresh = (await entered(agency, '2024-06-24')).id;
    const version = await versionOf(fresh);
    const res = await post(`/applications/${fresh}/assign`, 'head', { handlerId: String(people['handler']!.id), version: String(version) });
    expect(res.status).toBe(303);
    expect((await store.getApplication(services.db, fresh))!.handlerId).toBe(people['handler']!.id);
    const again = await post(`/applications/${fresh}/assign`, 'head', { handlerId: '', version: String(version) });
    expect(again.status).toBe(409);
    expect((await store.getApplication(services.db, fresh))!.handlerId).toBe(people['handler']!.id);
  });
});

describe('masking', () => {
  it('a supervisor sees 138****5678; the handler sees the number', async () => {
    const { id } = await entered(agency, '2024-06-24');
    const supervisor = await page(`/applications/${id}`, 'supervisor');
    expect(supervisor).toContain('138****5678');
    expect(supervisor).not.toContain('13812345678');
    expect(supervisor).toContain('辽宁省阜新市太平区…');
    expect(supervisor).not.toContain('红树路');
    expect(supervisor).toContain('已隐去部分内容');
    // Read only: no step forms.
    expect(await (await get(`/applications/${id}`, 'supervisor')).text()).not.toContain('class="step-form"');
    const handler = await page(`/applications/${id}`, 'handler');
    expect(handler).toContain('13812345678');
    expect(handler).toContain('红树路 1 号');
    // The ID number is never on the page.
    expect(handler).not.toContain('E12345678');
  });
});

describe('letters', () => {
  it('the letter of the current step: drafted, refused while it lacks 获取方式, then 生成并存档 and downloaded', async () => {
    const { id } = await entered(agency, '2024-06-24');
    await recordEvent(services, OPERATOR, id, { type: 'replied', date: TODAY as never, outcome: 'partiallyGranted', reasons: '含有个人隐私' }, undefined, clock);
    const casePage = await (await get(`/applications/${id}`, 'handler')).text();
    expect(casePage).toContain(`href="/applications/${id}/letter?kind=partiallyGranted"`);
    const draft = await (await get(`/applications/${id}/letter?kind=partiallyGranted`, 'handler')).text();
    expect(draft).toContain('【待填写：获取方式】');
    expect(draft).toContain('含有个人隐私</textarea>');
    const refused = await post(`/applications/${id}/letter?kind=partiallyGranted`, 'handler', { letterDate: TODAY, reasons: '含有个人隐私' });
    expect(refused.status).toBe(422);
    expect(text(await refused.text())).toContain('请填写获取方式');
    expect((await services.db.query('SELECT count(*) AS n FROM case_letters WHERE application_id = $1', [id])).rows[0].n).toBe(0);

    const preview = await post(`/applications/${id}/letter/preview?kind=partiallyGranted`, 'reviewer', { letterDate: TODAY, reasons: '含有个人隐私', access: '随本答复书附送电子文档' });
    expect(preview.status).toBe(200);
    expect(text(await preview.text())).toContain('随本答复书附送电子文档');
    // A reviewer previews but does not store.
    expect((await post(`/applications/${id}/letter?kind=partiallyGranted`, 'reviewer', { access: 'x' })).status).toBe(403);

    const saved = await post(`/applications/${id}/letter?kind=partiallyGranted`, 'handler', { letterDate: TODAY, reasons: '含有个人隐私', access: '随本答复书附送电子文档' });
    expect(saved.status).toBe(303);
    const location = saved.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/applications/${id}/letters/\\d+\\?notice=letter$`));
    const sent = text(await (await get(location, 'handler')).text());
    expect(sent).toContain('文书已生成并存档');
    expect(sent).toContain('政府信息公开申请答复书');
    expect(sent).toContain('随本答复书附送电子文档');
    const docx = await get(`${location.replace(/\?.*$/, '')}/docx`, 'handler');
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect((await docx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(await page(`/applications/${id}`, 'handler')).toContain('部分公开：政府信息公开申请答复书');
    // Another agency's person finds neither.
    expect((await get(location, 'otherHandler')).status).toBe(404);
  });

  it('an unknown letter kind is not found', async () => {
    const { id } = await entered(agency, '2024-06-24');
    expect((await get(`/applications/${id}/letter?kind=nonsense`, 'handler')).status).toBe(404);
  });
});

describe('appeals', () => {
  it('a 行政复议 recorded, then decided; bad dates named', async () => {
    const { id } = await entered(agency, '2024-06-03');
    let res = await post(`/applications/${id}/appeals`, 'handler', { kind: 'reconsideration', filedOn: '2024-06-20' });
    expect(res.status).toBe(303);
    expect(await page(`/applications/${id}`, 'handler')).toContain('行政复议 ：2024年6月20日 提起；尚未审结');
    const appealId = (await store.listAppeals(services.db, id))[0]!.id;
    res = await post(`/applications/${id}/appeals/${appealId}/decision`, 'handler', { decidedOn: '2024-06-10', result: 'upheld' });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('审结日期：2024-06-10 早于提起日期 2024-06-20');
    res = await post(`/applications/${id}/appeals/${appealId}/decision`, 'handler', { decidedOn: '2024-06-27', result: 'upheld' });
    expect(res.status).toBe(303);
    expect(await page(`/applications/${id}`, 'handler')).toContain('2024年6月27日 审结，结果维持');
    expect((await post(`/applications/${id}/appeals`, 'supervisor', { kind: 'reconsideration', filedOn: '2024-06-20' })).status).toBe(403);
  });
});

describe('statistics', () => {
  let stats: Agency;
  const codes: Record<string, string> = {};
  beforeAll(async () => {
    stats = await addAgency(services, '统计测试局', 'department', government);
    const make = async (name: string, submitted: string, kind: string, events: CaseEvent[]) => {
      const { id, trackingCode } = await createApplication(services, OPERATOR, {
        agencyId: stats.id, applicant: { kind, name, phone: '13800000000', idType: kind === 'naturalPerson' ? 'passport' : 'other', idNumber: 'X1234567' },
        description: '统计用', provision: 'paper', delivery: 'pickup', channel: '当面', submitted,
      }, clock);
      for (const e of events) await step(id, e);
      codes[name] = trackingCode;
      return id;
    };
    await make('granted', '2024-03-01', 'naturalPerson', [{ type: 'replied', date: '2024-03-15' as never, outcome: 'granted' }]);
    await make('denied', '2024-04-01', 'commercial', [{ type: 'replied', date: '2024-04-20' as never, outcome: 'denied.stateSecret' }]);
    await make('open', '2024-06-20', 'naturalPerson', []);
    await make('old', '2023-12-20', 'naturalPerson', [{ type: 'replied', date: '2024-01-10' as never, outcome: 'granted' }]);
    const appealed = await make('appealed', '2024-02-01', 'naturalPerson', [{ type: 'replied', date: '2024-02-20' as never, outcome: 'denied.thirdPartyRights' }]);
    await recordAppeal(services, OPERATOR, appealed, { kind: 'reconsideration', filedOn: '2024-03-10' }, clock);
  });

  it('tables 三 and 四 show the service’s numbers, each linked to the cases behind it', async () => {
    const report = await statistics(services, stats.id, 2024);
    const res = await get(`/agencies/${stats.id}/statistics?year=2024`, 'supervisor');
    expect(res.status).toBe(200);
    const raw = await res.text();
    // Every number of the service is on the page, in order (table 三 row by row, then table 四).
    const cells = [...raw.matchAll(/<td class="num">(?:<a [^>]*>)?(\d+)/g)].map((m) => Number(m[1]));
    const expected = [
      ...['newReceived', 'carriedOver', 'granted', 'partiallyGranted', 'denied.stateSecret', 'denied.prohibitedByLaw', 'denied.threeSecurityOneStability',
        'denied.thirdPartyRights', 'denied.internalAffairs', 'denied.processInformation', 'denied.enforcementFiles', 'denied.administrativeQuery',
        'unableToProvide.notHeld', 'unableToProvide.needsCreation', 'unableToProvide.unclearAfterCorrection', 'notProcessed.complaint', 'notProcessed.duplicate',
        'notProcessed.publication', 'notProcessed.excessive', 'notProcessed.confirmation', 'otherDisposal.noCorrection', 'otherDisposal.unpaidFee',
        'otherDisposal.other', 'totalProcessed', 'carriedForward'].flatMap((row) => report.table3.rows[row as keyof typeof report.table3.rows]),
      ...(['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const).flatMap((k) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => report.table4[k][c as 'total'])),
    ];
    expect(cells).toEqual(expected);
    expect(report.table3.rows.newReceived[6]).toBe(4);
    expect(report.table3.rows.carriedOver[6]).toBe(1);
    // A zero is not a link; the 予以公开·自然人 number lists its two cases.
    const href = /<a href="([^"]+)"[^>]*>2<\/a>/.exec(raw)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBe(`/applications?cell=${encodeURIComponent('t3:granted:naturalPerson')}&year=2024&agency=${stats.id}`);
    const list = await page(href!, 'supervisor');
    expect(list).toContain('表三 （一）予以公开（自然人）');
    expect(list).toContain(codes['granted']);
    expect(list).toContain(codes['old']);
    expect(list).not.toContain(codes['denied']);
    expect(list).toContain('共 2 件');
    const t4 = await page(`/applications?cell=${encodeURIComponent('t4:reconsideration:pending')}&year=2024&agency=${stats.id}`, 'supervisor');
    expect(t4).toContain(codes['appealed']);
    expect(t4).not.toContain(codes['granted']);
    // Another agency's numbers are not listed to its people.
    expect((await get(`/applications?cell=t3:granted:total&year=2024&agency=${stats.id}`, 'otherHandler')).status).toBe(403);
    expect((await get(`/agencies/${stats.id}/statistics?year=2024`, 'otherHandler')).status).toBe(404);
  });

  it('the XLSX opens with exceljs and has the numbers with the template’s labels', async () => {
    const res = await get(`/agencies/${stats.id}/statistics.xlsx?year=2024`, 'supervisor');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['表三', '表四']);
    const rows: unknown[][] = [];
    workbook.getWorksheet('表三')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const line = (label: string) => rows.find((r) => r.includes(label))!.filter((v) => typeof v === 'number');
    expect(line('一、本年新收政府信息公开申请数量')).toEqual([3, 1, 0, 0, 0, 0, 4]);
    expect(line('（一）予以公开')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(line('1.属于国家秘密')).toEqual([0, 1, 0, 0, 0, 0, 1]);
    const t4: unknown[] = [];
    workbook.getWorksheet('表四')!.eachRow((row) => t4.push(...(row.values as unknown[]).slice(1)));
    expect(t4).toContain('尚未审结');
    expect(t4.filter((v) => typeof v === 'number')).toContain(1);
  });

  it('a year that cannot be one is named', async () => {
    expect((await get(`/agencies/${stats.id}/statistics?year=20x4`, 'supervisor')).status).toBe(400);
  });
});

describe('the outbox', () => {
  beforeAll(async () => {
    await queueMail(services.db, { to: 'handler@example.gov.cn', subject: '提醒：申请即将到期', text: '正文一', agencyId: agency.id });
    await queueMail(services.db, { to: 'other@example.gov.cn', subject: '别处的提醒', text: '正文二', agencyId: other.id });
  });

  it('a system administrator sees every message, newest first, and that no mail server is set', async () => {
    const html = await page('/outbox', 'root');
    expect(html).toContain('未配置邮件服务器');
    expect(html.indexOf('别处的提醒')).toBeLessThan(html.indexOf('提醒：申请即将到期'));
    expect(html).toContain('待发送');
  });

  it('agency staff see their agencies’ messages only', async () => {
    const html = await page('/outbox', 'handler');
    expect(html).toContain('提醒：申请即将到期');
    expect(html).not.toContain('别处的提醒');
  });
});

describe('attachments on the case page', () => {
  const PDF = new TextEncoder().encode('%PDF-1.4\n%测试\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  let id: number;
  let pdfId: number;
  beforeAll(async () => {
    ({ id } = await createApplication(services, OPERATOR, {
      agencyId: agency.id, applicant: { kind: 'naturalPerson', name: '赵附件', idType: 'passport', idNumber: 'E12345678', phone: '13812345678' },
      description: '附件测试', provision: 'electronic', delivery: 'pickup',
    }, clock, [{ name: '身份证 扫描件.pdf', bytes: PDF }, { name: 'photo.png', bytes: PNG }]));
    pdfId = Number((await services.db.query<{ id: string }>("SELECT id FROM application_attachments WHERE application_id = $1 AND media_type = 'application/pdf'", [id])).rows[0]!.id);
  });

  it('the download route is the case’s: records.read on its agency', () => {
    const route = declaredRoutes(app).find((r) => r.path === '/applications/:id{[0-9]+}/attachments/:attachmentId{[0-9]+}');
    expect(route?.access).toMatchObject({ permission: 'records.read', agency: { from: 'record', resource: 'application', param: 'id' } });
  });

  it('the handler sees each file with its type and size, and downloads it as it was sent', async () => {
    const html = await (await get(`/applications/${id}`, 'handler')).text();
    expect(html).toContain(`<a href="/applications/${id}/attachments/${pdfId}" download="">身份证 扫描件.pdf</a>`);
    expect(text(html)).toContain('photo.png （PNG 图片，1 KB）');
    expect(text(html)).toContain('（PDF，1 KB）');

    const res = await get(`/applications/${id}/attachments/${pdfId}`, 'handler');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="attachment-${pdfId}.pdf"; filename*=UTF-8''${encodeURIComponent('身份证 扫描件.pdf')}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), Buffer.from(PDF))).toBe(0);
  });

  it('a supervisor sees the list without links and why, and may not download', async () => {
    const html = await (await get(`/applications/${id}`, 'supervisor')).text();
    expect(html).toContain('身份证 扫描件.pdf');
    expect(html).not.toContain(`/attachments/${pdfId}`);
    expect(text(html)).toContain('只有本机关的经办人、审核人和负责人可以下载');
    const res = await get(`/applications/${id}/attachments/${pdfId}`, 'supervisor');
    expect(res.status).toBe(403);
  });

  it('another agency’s handler gets 404; an attachment of another case is not found', async () => {
    expect((await get(`/applications/${id}/attachments/${pdfId}`, 'otherHandler')).status).toBe(404);
    const { id: otherCase } = await entered(agency, TODAY);
    expect((await get(`/applications/${otherCase}/attachments/${pdfId}`, 'handler')).status).toBe(404);
    expect(text(await (await get(`/applications/${otherCase}`, 'handler')).text())).toContain('申请人没有上传附件。');
  });
});
