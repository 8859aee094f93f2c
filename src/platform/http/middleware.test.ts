/**
 * The site behind a proxy and on a shared host: the redirect after /prefs stays on the site; the
 * Origin is compared whole (scheme too); a Host the site does not answer to is refused when bound
 * to loopback (DNS rebinding); HTTPS — direct or through a trusted proxy — gives Secure cookies and
 * HSTS; private responses are not cached.
 */
import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.tsx';
import { crossOriginProtection, requestOrigin, textSizePreference } from './middleware.ts';
import { prefsRoutes, safeBackPath } from './prefs.ts';
import type { AppEnv } from './types.ts';

function app(options: { bindHost?: string; publicHosts?: string[]; trustProxy?: boolean } = {}): Hono<AppEnv> {
  const a = new Hono<AppEnv>();
  a.onError(errorHandler(pino({ level: 'silent' })));
  a.use(async (c, next) => {
    c.set('nav', []);
    await next();
  });
  a.use(requestOrigin({ bindHost: options.bindHost ?? '127.0.0.1', publicHosts: options.publicHosts ?? [], trustProxy: options.trustProxy ?? false }));
  a.use(textSizePreference());
  a.use(crossOriginProtection());
  a.route('/', prefsRoutes());
  a.get('/page', (c) => c.text('ok'));
  a.post('/form', (c) => c.text('posted'));
  return a;
}

describe('the redirect after /prefs', () => {
  it.each([
    ['/%09/evil.com', '/'], ['/%5C%5Cevil.com', '/'], ['//evil.com', '/'], ['/%0D%0ALocation:%20http://evil.com', '/Location:%20http://evil.com'],
    ['https://evil.com/', '/'], ['javascript:alert(1)', '/'], ['/reports%3Fpage%3D2%23t3', '/reports?page=2#t3'],
  ])('back=%s goes to %s, never off the site, never a 500', async (back, location) => {
    const res = await app().request(`/prefs?text=large&back=${back}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(location);
  });

  it('a contrast link sets the contrast cookie only; the text size link the text size only', async () => {
    const high = await app().request('/prefs?contrast=high&back=/page');
    expect(high.headers.getSetCookie()).toEqual([expect.stringMatching(/^contrast=high;/)]);
    expect((await app().request('/prefs?contrast=oops&back=/')).headers.getSetCookie()).toEqual([expect.stringMatching(/^contrast=normal;/)]);
    expect((await app().request('/prefs?text=large&back=/')).headers.getSetCookie()).toEqual([expect.stringMatching(/^text=large;/)]);
  });

  it('safeBackPath keeps no control character', () => {
    for (const raw of ['/\t/evil.com', '/a\r\nSet-Cookie: x=1', '/\u0000x']) expect(safeBackPath(raw)).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe('origin and host', () => {
  it('compares the whole Origin: https://host for an http site is cross-origin', async () => {
    const post = (origin: string) => app().request('http://127.0.0.1:3000/form', { method: 'POST', headers: { origin, host: '127.0.0.1:3000' } });
    expect((await post('http://127.0.0.1:3000')).status).toBe(200);
    expect((await post('https://127.0.0.1:3000')).status).toBe(403);
    expect((await post('http://127.0.0.1:3001')).status).toBe(403);
  });

  it('bound to loopback, answers loopback names and the public hosts only (DNS rebinding)', async () => {
    const get = (host: string, a = app()) => a.request(`http://${host}/page`, { headers: { host } });
    expect((await get('localhost:3000')).status).toBe(200);
    expect((await get('127.0.0.1:3000')).status).toBe(200);
    expect((await get('[::1]:3000')).status).toBe(200);
    const evil = await get('evil.example:3000');
    expect(evil.status).toBe(400);
    expect(await evil.text()).toContain('本网站不使用地址');
    expect((await get('gongkai.example.gov.cn', app({ publicHosts: ['gongkai.example.gov.cn'] }))).status).toBe(200);
    // Bound to every address with no list given: any Host (nothing to compare with).
    expect((await get('evil.example', app({ bindHost: '0.0.0.0' }))).status).toBe(200);
    expect((await get('evil.example', app({ bindHost: '0.0.0.0', publicHosts: ['gongkai.example.gov.cn'] }))).status).toBe(400);
  });
});

describe('HTTPS behind a proxy', () => {
  const prefs = (a: Hono<AppEnv>, headers: Record<string, string>) => a.request('http://127.0.0.1/prefs?text=large&back=/', { headers: { host: '127.0.0.1', ...headers } });

  it('a trusted proxy saying https: Secure cookie and HSTS', async () => {
    const res = await prefs(app({ trustProxy: true }), { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/i);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('an untrusted X-Forwarded-Proto is ignored: no Secure, no HSTS over plain HTTP', async () => {
    const res = await prefs(app(), { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).not.toMatch(/; Secure/i);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('behind a trusted proxy the form posted from the public https origin passes', async () => {
    const res = await app({ trustProxy: true, publicHosts: ['gongkai.example.gov.cn'] }).request('http://127.0.0.1:3000/form', {
      method: 'POST', headers: { host: '127.0.0.1:3000', origin: 'https://gongkai.example.gov.cn', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'gongkai.example.gov.cn' },
    });
    expect(res.status).toBe(200);
  });
});

describe('caching', () => {
  it('a page is not stored by caches unless its route says otherwise', async () => {
    expect((await app().request('/page')).headers.get('cache-control')).toBe('no-store');
  });
});
