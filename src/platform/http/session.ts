/**
 * Who is asking: the browser session of the `gk_session` cookie, or the API token of
 * `Authorization: Bearer gk_…` (API paths only); and the CSRF token forms carry. A visitor without a
 * session gets a random `gk_csrf` cookie instead, so that the sign-in form is protected too.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sessionFor, viewerForApiToken } from '../accounts/sign-in.ts';
import { AppError, ForbiddenError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { AppEnv } from './types.ts';

export const SESSION_COOKIE = 'gk_session';
const ANONYMOUS_CSRF_COOKIE = 'gk_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS; a session cookie: gone when the browser closes). */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.get('secure') });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.get('secure') });
}

/** The client's address: the connection's, or a trusted proxy's X-Forwarded-For. */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Reads the session or token into `viewer`, and the CSRF token into `csrfToken`. */
export function sessionMiddleware(services: Services) {
  const { sessionIdleSeconds, trustProxy } = services.config;
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('clientIp', clientIp(c, trustProxy));
    const authorization = c.req.header('authorization');
    if (authorization !== undefined && c.req.path.startsWith('/api/')) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const viewer = token ? await viewerForApiToken(services.db, token) : undefined;
      if (!viewer) throw new AppError('auth.bad_token', '令牌无效、已撤销或已过期：请在“我的账号”页面或用 gongkai token create 重新创建。', { status: 401 });
      c.set('viewer', viewer);
      c.set('bearer', true);
      return next();
    }
    const sessionToken = getCookie(c, SESSION_COOKIE);
    const session = sessionToken && /^[A-Za-z0-9_-]{43}$/.test(sessionToken) ? await sessionFor(services.db, sessionToken, sessionIdleSeconds) : undefined;
    if (session) {
      c.set('sessionToken', sessionToken);
      c.set('csrfToken', session.csrfToken);
      if (session.complete) c.set('viewer', session.viewer);
      else c.set('pendingViewer', session.viewer);
    } else {
      if (sessionToken) clearSessionCookie(c);
      let csrf = getCookie(c, ANONYMOUS_CSRF_COOKIE);
      if (!csrf || !/^[A-Za-z0-9_-]{32}$/.test(csrf)) {
        csrf = randomBytes(24).toString('base64url');
        setCookie(c, ANONYMOUS_CSRF_COOKIE, csrf, { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.get('secure') });
      }
      c.set('csrfToken', csrf);
    }
    if (!SAFE_METHODS.has(c.req.method)) await checkCsrfToken(c, sessionToken !== undefined || getCookie(c, ANONYMOUS_CSRF_COOKIE) !== undefined);
    await next();
  });
}

/**
 * The second line against cross-site forms: crossOriginProtection has refused any browser request
 * whose Origin or Sec-Fetch-Site shows another site. A browser that sends neither (old ones, some
 * privacy settings) must carry the form's token (`_csrf` field or `X-CSRF-Token` header) when it
 * carries our cookies; a request with no cookie (curl, scripts) has no credentials to abuse.
 */
async function checkCsrfToken(c: Context<AppEnv>, hasCookies: boolean): Promise<void> {
  if (!hasCookies) return;
  if (c.req.header('origin') !== undefined || c.req.header('sec-fetch-site') !== undefined) return;
  const expected = c.get('csrfToken');
  let given = c.req.header('x-csrf-token');
  if (given === undefined) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      // hono caches the parsed form: the route reads it again without a second parse.
      const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
      const field = body['_csrf'];
      given = typeof field === 'string' ? field : undefined;
    }
  }
  if (!expected || given === undefined || !same(given, expected)) {
    throw new ForbiddenError('http.csrf', '请求被拒绝：表单已过期或不是从本网站的页面提交的。请刷新页面后重新提交。');
  }
}
