/**
 * One bad input never breaks a request (issue 15 §1): every route of the app — taken from the route
 * table with its access declaration (`declaredRoutes`), so that a new route is covered by
 * construction — is called with NUL, a lone surrogate and CR/LF in its path parameters, in query
 * parameters, and (for POST) in a multipart file name and form fields; signed out, and signed in
 * as an agency's handler. Each answer is 4xx or a normal page (2xx/3xx), never 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { declaredRoutes, type DeclaredRoute } from '../src/platform/http/access.ts';
import type { Services } from '../src/platform/services.ts';
import type { AppEnv } from '../src/platform/http/types.ts';
import { addAgency, addPerson, sessionCookie } from './support/accounts.ts';
import { createTestApp } from './support/app.ts';
import { createTestServices } from './support/services.ts';
import { corpusFile } from './support/fixtures.ts';

const BAD = ['%00', '%ED%A0%80', '%0D%0Aset-cookie:%20x=1', '%F0', '..%2F..%2Fetc%2Fpasswd', "'%20OR%201=1--", '9'.repeat(30)];
const BAD_TEXT = ['\u0000', '\ud800', '\r\nx: 1', 'a\u0000b.txt'];
const QUERY_NAMES = ['agency', 'agencyId', 'year', 'page', 'q', 'after', 'before', 'text', 'back', 'format', 'id', 'notice', 'next'];
const FORM_FIELDS = ['agency', 'agencyId', 'store', 'username', 'password', 'name', 'role', 'code', '_csrf'];

let services: Services;
let app: Hono<AppEnv>;
let routes: DeclaredRoute[];
beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  routes = declaredRoutes(app).filter((r) => r.method === 'GET' || r.method === 'POST');
  await addPerson(services, 'hostile-handler', [['handler', await addAgency(services, '恶意输入测试机关')]]);
});
afterAll(async () => {
  await services?.close();
});

/** Each route's path with every :param (and its {regex}) replaced by `value`. */
function fill(path: string, value: string): string {
  return path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, value).replace(/\*$/, value);
}

/** Who sends the requests: nobody, or a handler (signed in afresh for each route: a route may end the session). */
const SENDERS = [
  ['signed out', async (): Promise<Record<string, string>> => ({})],
  ['signed in as a handler', async (): Promise<Record<string, string>> => ({ cookie: await sessionCookie(services, 'hostile-handler'), origin: 'http://localhost' })],
] as const;

describe.each(SENDERS)('every route under hostile input, %s', (_who, headersFor) => {
  it('answers path parameters and query values with NUL, lone surrogates, CR/LF … without a 5xx', async () => {
    expect(routes.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const route of routes) {
      const headers = { accept: 'text/html', ...(await headersFor()) };
      for (const bad of BAD) {
        const query = QUERY_NAMES.map((q) => `${q}=${bad}`).join('&');
        for (const url of [`${fill(route.path, bad)}?${query}`, `${fill(route.path, '1')}?${query}`]) {
          const res = await app.request(url, { method: route.method, headers });
          if (res.status >= 500) failures.push(`${route.method} ${url} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a multipart upload whose file name or fields hold NUL, a lone surrogate or CR/LF without a 5xx', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const headers = { accept: 'text/html', ...(await headersFor()) };
      for (const bad of BAD_TEXT) {
        const form = new FormData();
        form.append('files', new File([corpusFile('seed-taiping-wenlv-2023.txt')], `报告${bad}.txt`));
        form.append('previous', new File([new Uint8Array(0)], bad));
        for (const field of FORM_FIELDS) form.append(field, bad);
        const res = await app.request(fill(route.path, '1'), { method: 'POST', body: form, headers });
        if (res.status >= 500) failures.push(`${route.method} ${route.path} with ${JSON.stringify(bad)} → ${res.status}: ${(await res.text()).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
