/**
 * The 指南/制度 texts form: the agency's 机关管理员 edits them, cleaned when stored (no script, no event
 * handler, no javascript: link), shown on the public pages at once, audited with before and after;
 * another role of the agency is refused (403), another agency's administrator does not see it (404);
 * a text too long is named.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { createHttpApp } from '../platform/http/app.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { portalRoutes } from './routes.ts';
import { MAX_TEXT_LENGTH } from './texts-routes.tsx';

let services: Services;
let app: Hono<AppEnv>;
let agency: Agency;
let cookies: Record<'admin' | 'handler' | 'otherAdmin', string>;

beforeAll(async () => {
  services = await createTestServices();
  const government = await addAgency(services, '指南测试县人民政府', 'government');
  agency = await addAgency(services, '指南测试县人力资源和社会保障局', 'department', government);
  const other = await addAgency(services, '指南测试县水利局', 'department', government);
  await addPerson(services, 'texts-admin', [['agencyAdmin', agency]]);
  await addPerson(services, 'texts-handler', [['handler', agency]]);
  await addPerson(services, 'texts-other', [['agencyAdmin', other]]);
  cookies = {
    admin: await sessionCookie(services, 'texts-admin'),
    handler: await sessionCookie(services, 'texts-handler'),
    otherAdmin: await sessionCookie(services, 'texts-other'),
  };
  app = createHttpApp(services, { modules: [portalRoutes(services)], nav: [] });
});
afterAll(async () => {
  await services?.close();
});

const csrfOf = async (cookie: string) => /name="_csrf" value="([^"]+)"/.exec(await (await app.request(`/open/${agency.id}/texts`, { headers: { cookie } })).text())![1]!;
const post = async (cookie: string, fields: Record<string, string>) => app.request(`/open/${agency.id}/texts`, {
  method: 'POST', body: new URLSearchParams({ _csrf: await csrfOf(cookie), ...fields }),
  headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
});

describe('the texts form', () => {
  it('saves the texts cleaned, shows them on the public pages at once, and audits the change', async () => {
    const form = await app.request(`/open/${agency.id}/texts`, { headers: { cookie: cookies.admin } });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<label for="guideHtml">政府信息公开指南正文</label>');
    const guideBefore = await (await app.request(`/open/${agency.id}/guide`)).text();
    const res = await post(cookies.admin, {
      guideHtml: '<h2>一、公开的主体和机构</h2><p onmouseover="steal()">本局办公室负责政府信息公开工作。</p><script>alert(1)</script><a href="javascript:alert(1)">点我</a>',
      rulesHtml: '<p>本局政府信息公开保密审查制度。</p>',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/open/${agency.id}/texts?notice=saved`);
    const stored = (await services.db.query<{ guide_html: string; rules_html: string }>('SELECT guide_html, rules_html FROM catalog_settings WHERE agency_id = $1', [agency.id])).rows[0]!;
    expect(stored.guide_html).toBe('<h2>一、公开的主体和机构</h2><p>本局办公室负责政府信息公开工作。</p><a>点我</a>');
    const guide = await (await app.request(`/open/${agency.id}/guide`)).text();
    expect(guide).not.toBe(guideBefore);
    expect(guide).toContain('本局办公室负责政府信息公开工作。');
    expect(await (await app.request(`/open/${agency.id}/rules`)).text()).toContain('本局政府信息公开保密审查制度。');
    const audit = (await services.db.query<{ action: string; actor: string; details: { changed: string[] } }>(
      "SELECT action, actor, details FROM audit_log WHERE action = 'portal.texts' ORDER BY id DESC LIMIT 1")).rows[0]!;
    expect(audit).toMatchObject({ action: 'portal.texts', actor: 'person:texts-admin', details: { changed: ['guideHtml', 'rulesHtml'] } });
    const page = await (await app.request(`/open/${agency.id}/texts?notice=saved`, { headers: { cookie: cookies.admin } })).text();
    expect(page).toContain('已保存');
    expect(page).toContain('本局办公室负责政府信息公开工作。');
  });

  it('refuses another role of the agency (403) and another agency’s administrator (404)', async () => {
    expect((await app.request(`/open/${agency.id}/texts`, { headers: { cookie: cookies.handler, accept: 'text/html' } })).status).toBe(403);
    expect((await app.request(`/open/${agency.id}/texts`, { headers: { cookie: cookies.otherAdmin, accept: 'text/html' } })).status).toBe(404);
    const anonymous = await app.request(`/open/${agency.id}/texts`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/signin\?next=/);
  });

  it('names a text that is too long and keeps what was typed', async () => {
    const res = await post(cookies.admin, { guideHtml: 'x'.repeat(MAX_TEXT_LENGTH + 1), rulesHtml: '<p>保留的制度</p>' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`公开指南正文不能超过 ${MAX_TEXT_LENGTH} 个字符`);
    expect(html).toContain('&lt;p&gt;保留的制度&lt;/p&gt;');
  });
});
