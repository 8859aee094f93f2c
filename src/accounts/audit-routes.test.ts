/**
 * The audit trail's page and CSV export against the real database: who sees which rows (an agency's
 * administrator its agency, a supervisor the agencies under its government, a sysAdmin everything),
 * the filters and their validation, paging, the CSV's encoding and escaping, and the chain check.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, OPERATOR, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { updateAgencyContacts } from '../platform/accounts/service.ts';
import type { Agency, Person } from '../platform/accounts/store.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { csvCell, csvLine } from './audit-csv.ts';
import { accountsRoom } from './room.ts';

let services: Services;
let app: Hono<AppEnv>;
let gov: Agency, culture: Agency, education: Agency, elsewhere: Agency, farAway: Agency;
const people: Record<string, Person> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  services = await createTestServices();
  app = createHttpApp(services, { modules: [await accountsRoom.routes!(services)], nav: accountsRoom.nav ?? [] });
  gov = await addAgency(services, '审计区人民政府', 'government');
  culture = await addAgency(services, '审计区文化局', 'department', gov);
  education = await addAgency(services, '审计区教育局', 'department', gov);
  elsewhere = await addAgency(services, '别的县人民政府', 'government');
  farAway = await addAgency(services, '别的县民政局', 'department', elsewhere);
  const roles = {
    root: [['sysAdmin', null]], 'admin.a': [['agencyAdmin', culture]], 'admin.b': [['agencyAdmin', education]],
    watcher: [['supervisor', gov]], 'head.a': [['head', culture]], 'admin.far': [['agencyAdmin', farAway]],
  } as const;
  for (const [username, list] of Object.entries(roles)) {
    people[username] = await addPerson(services, username, list);
    cookies[username] = await sessionCookie(services, username);
  }
  const adminA = people['admin.a']!;
  await updateAgencyContacts(services.db, { actor: { kind: 'person', personId: adminA.id, username: adminA.username }, grants: [], ip: '10.0.0.7' }, culture.id, { postcode: '123000', phone: '0418-1234567' });
});
afterAll(async () => {
  await services?.close();
});

const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]!, accept: 'text/html' } });
const html = async (path: string, who: string) => {
  const res = await get(path, who);
  expect(res.status, path).toBe(200);
  return res.text();
};
/** The 机关 cells of the table. */
const agencyCells = (page: string) => [...page.matchAll(/<td data-label="机关">([^<]*)<\/td>/g)].map((m) => m[1]);

describe('who reads which rows', () => {
  it('an agencyAdmin of agency A sees only A’s rows', async () => {
    const page = await html('/audit', 'admin.a');
    const cells = agencyCells(page);
    expect(cells.length).toBeGreaterThan(2);
    expect(new Set(cells)).toEqual(new Set(['审计区文化局']));
    expect(page).not.toContain('审计区教育局');
    expect(page).not.toContain('>登录<');
    expect(page).toContain('修改机关联系方式');
    expect(page).toContain('邮政编码：（空） → 123000');
    expect(page).toContain('10.0.0.7');
  });

  it('a supervisor of a government sees the rows of its departments, not another government’s', async () => {
    const cells = new Set(agencyCells(await html('/audit', 'watcher')));
    expect(cells).toEqual(new Set(['审计区人民政府', '审计区文化局', '审计区教育局']));
  });

  it('only a sysAdmin sees rows of no agency (sign-ins, commands)', async () => {
    const page = await html('/audit', 'root');
    expect(page).toContain('>登录<');
    expect(page).toContain('命令行（test）');
    expect(agencyCells(page)).toContain('—');
    expect(agencyCells(page)).toContain('别的县民政局');
  });

  it('roles without audit.read are refused; signed out goes to sign-in', async () => {
    expect((await get('/audit', 'head.a')).status).toBe(403);
    expect((await get('/audit.csv', 'head.a')).status).toBe(403);
    expect((await app.request('/audit')).status).toBe(303);
  });
});

describe('filters', () => {
  it('a bad date is refused with 400 naming the field; so is an agency outside the reader’s', async () => {
    const bad = await get('/audit?from=2024-02-30', 'admin.a');
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('<a href="#from">开始日期应为“年-月-日”格式的日期');
    expect(page).toContain('value="2024-02-30"');
    const reversed = await get('/audit?from=2024-03-02&to=2024-03-01', 'admin.a');
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain('结束日期不能早于开始日期');
    const other = await get(`/audit?agency=${education.id}`, 'admin.a');
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('请从列表中选择机关');
    expect((await get('/audit.csv?to=tomorrow', 'admin.a')).status).toBe(400);
  });

  it('by agency, person, record and dates', async () => {
    expect(new Set(agencyCells(await html(`/audit?agency=${education.id}`, 'watcher')))).toEqual(new Set(['审计区教育局']));
    const byPerson = await html('/audit?person=admin.a', 'root');
    expect([...byPerson.matchAll(/<td data-label="人员">(?:<a [^>]*>)?([^<]*)/g)].map((m) => m[1])).toEqual(['测试admin.a（admin.a）', '测试admin.a（admin.a）']);
    const byRecord = await html(`/audit?record=agency:${culture.id}`, 'admin.a');
    expect([...byRecord.matchAll(/<td data-label="记录"><a [^>]*>([^<]*)/g)].map((m) => m[1])).toEqual(['机关：审计区文化局', '机关：审计区文化局']);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(agencyCells(await html(`/audit?from=${today}&to=${today}`, 'admin.a')).length).toBeGreaterThan(0);
    expect(await html('/audit?from=2099-01-01', 'admin.a')).toContain('没有符合条件的日志');
    expect(await html('/audit?to=2000-01-01', 'admin.a')).toContain('没有符合条件的日志');
  });

  it('pages 50 rows at a time, newest first, forwards and back', async () => {
    for (let i = 1; i <= 60; i++) await writeAudit(services.db, { actor: OPERATOR.actor, action: 'test.bulk', subject: `bulk:${i}`, agencyId: education.id });
    const first = await html(`/audit?agency=${education.id}`, 'admin.b');
    const ids = (page: string) => [...page.matchAll(/<tr id="row-(\d+)">/g)].map((m) => Number(m[1]));
    const page1 = ids(first);
    expect(page1).toHaveLength(50);
    expect([...page1].sort((a, b) => b - a)).toEqual(page1);
    expect(first).not.toContain('较新的日志');
    const older = /href="([^"]*before=\d+[^"]*)">较早的日志/.exec(first)![1]!.replaceAll('&amp;', '&');
    const second = await html(older, 'admin.b');
    const page2 = ids(second);
    expect(page2[0]).toBeLessThan(page1[49]!);
    expect(page1.length + page2.length).toBe(agencyCells(first).length + agencyCells(second).length);
    const newer = /href="([^"]*after=\d+[^"]*)">较新的日志/.exec(second)![1]!.replaceAll('&amp;', '&');
    expect(ids(await html(newer, 'admin.b'))).toEqual(page1);
    expect(first).toContain('test.bulk');
  });
});

describe('CSV export', () => {
  it('escapes quotes, separators and line breaks, and guards formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说 "好"')).toBe('"说 ""好"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+86 10')).toBe("'+86 10");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
  });

  it('downloads the filtered rows with a BOM, a Chinese header and a UTF-8 file name', async () => {
    const hostile = await addAgency(services, '=HYPERLINK("http://x","点我")', 'department', gov);
    const res = await get('/audit.csv', 'watcher');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{8}\.csv"; filename\*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97-\d{8}\.csv$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('编号,时间（北京时间）,人员,机关,操作,记录,详情,来源地址,操作代码,记录代码,原始详情');
    expect(text).toContain(`,"'=HYPERLINK(""http://x"",""点我"")",新建机关,`);
    expect(text).not.toContain('别的县');
    expect(text).not.toMatch(/,登录,/);
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
    const ids = lines.slice(1).filter(Boolean).map((l) => Number(l.split(',')[0]));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(ids.length).toBeGreaterThan(60);

    const one = await (await get(`/audit.csv?agency=${hostile.id}`, 'root')).text();
    expect(one.split('\r\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('the hash chain', () => {
  it('is checked on demand by a sysAdmin, and a row edited in SQL is named', async () => {
    expect(await html('/audit', 'root')).toContain('verify=1');
    expect(await html('/audit', 'admin.a')).not.toContain('verify=1');
    expect(await html('/audit?verify=1', 'admin.a')).not.toContain('审计链');
    expect(await html('/audit?verify=1', 'root')).toMatch(/审计链完整（共 \d+ 条）/);
    const { rows } = await services.db.query<{ id: number }>("SELECT id FROM audit_log WHERE action = 'agency.contacts'");
    await services.db.query(`UPDATE audit_log SET ip = '10.9.9.9' WHERE id = $1`, [rows[0]!.id]);
    expect(await html('/audit?verify=1', 'root')).toContain(`第 ${rows[0]!.id} 条记录的内容被改动`);
  });
});
