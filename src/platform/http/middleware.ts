/**
 * Platform middleware: request logging, security headers, cross-origin (CSRF) protection,
 * the text-size preference, and the upload size limit.
 */
import { randomUUID } from 'node:crypto';
import { getCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import { AppError, ForbiddenError, PayloadTooLargeError } from '../errors.ts';
import type { AppEnv } from './types.ts';

/** Logs one line per request: method, path (no query, no body), status, milliseconds. */
export function requestLogger(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const status = c.res.status;
    const line = { reqId: requestId, method: c.req.method, path: c.req.path, status, ms };
    if (status >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  });
}

const LOOPBACK_BIND = /^(?:127\.\d+\.\d+\.\d+|::1|localhost)$/;
const LOOPBACK_NAME = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** The first value of a header a proxy may have appended to. */
function firstValue(header: string | undefined): string | undefined {
  const value = header?.split(',')[0]?.trim();
  return value === '' ? undefined : value;
}

/** Options of `requestOrigin`. */
export interface RequestOriginOptions {
  /** The address the server is bound to (config.host). */
  bindHost: string;
  /** Host names the site answers to (config.publicHosts). */
  publicHosts: readonly string[];
  /** Trust X-Forwarded-Proto/-Host (config.trustProxy). */
  trustProxy: boolean;
}

/**
 * Works out the site's origin as the browser sees it (scheme from the connection, or from a trusted
 * proxy's X-Forwarded-Proto; host from Host or X-Forwarded-Host), refuses a Host the site does not
 * answer to when bound to loopback (DNS rebinding: a page of evil.example resolving to 127.0.0.1
 * must not reach the app) or not in GONGKAI_PUBLIC_HOSTS when given, and sets what every response
 * needs: HSTS over HTTPS, and `Cache-Control: no-store` unless the route set its own.
 */
export function requestOrigin(options: RequestOriginOptions) {
  const loopbackOnly = LOOPBACK_BIND.test(options.bindHost);
  const hosts = new Set(options.publicHosts.map((h) => h.toLowerCase()));
  return createMiddleware<AppEnv>(async (c, next) => {
    const url = new URL(c.req.url);
    const forwardedProto = options.trustProxy ? firstValue(c.req.header('x-forwarded-proto'))?.toLowerCase() : undefined;
    const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : url.protocol.slice(0, -1);
    const host = ((options.trustProxy ? firstValue(c.req.header('x-forwarded-host')) : undefined) ?? c.req.header('host') ?? url.host).toLowerCase();
    const hostname = host.replace(/:\d+$/, '');
    const known = hosts.has(host) || hosts.has(hostname) || LOOPBACK_NAME.test(hostname);
    if (!known && (loopbackOnly || hosts.size > 0)) {
      throw new AppError('http.unknown_host', `本网站不使用地址“${host.slice(0, 100)}”：请使用网站的正式地址访问。`, { status: 400 });
    }
    c.set('secure', scheme === 'https');
    c.set('origin', `${scheme}://${host}`);
    c.set('mailOrigin', known ? `${scheme}://${host}` : undefined);
    await next();
    if (scheme === 'https') c.header('Strict-Transport-Security', 'max-age=31536000');
    if (!c.res.headers.has('cache-control')) c.header('Cache-Control', 'no-store');
  });
}

/** CSP without inline scripts, no framing, no MIME sniffing, a strict referrer policy. */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    // HSTS only over HTTPS, set by requestOrigin (a plain-HTTP response must not carry it).
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'strict-origin-when-cross-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-origin state-changing requests from browsers (CSRF), the way Go 1.25's
 * CrossOriginProtection does: `Sec-Fetch-Site` same-origin/none passes; otherwise the whole `Origin`
 * (scheme, host and port) must equal the site's origin as requestOrigin worked it out (or be a
 * configured trusted origin). Requests with neither header do not come from a browser (curl, API
 * clients) and pass. Cookies are SameSite=Lax too.
 */
export function crossOriginProtection(trustedOrigins: readonly string[] = []) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && trustedOrigins.includes(origin)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site === 'same-origin' || site === 'none') return next();
    if (site === undefined) {
      if (origin === undefined) return next();
      if (origin !== 'null' && URL.canParse(origin) && new URL(origin).origin === new URL(c.get('origin')).origin) return next();
    }
    throw new ForbiddenError(
      'http.cross_origin',
      '请求被拒绝：表单必须从本网站的页面提交（检测到来自其他网站的提交）。请回到本站页面重新操作。',
      { origin: origin ?? null, secFetchSite: site ?? null },
    );
  });
}

/** Reads the text-size and contrast cookies into the `textSize` and `contrast` variables. */
export function textSizePreference() {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('textSize', getCookie(c, 'text') === 'large' ? 'large' : 'normal');
    c.set('contrast', getCookie(c, 'contrast') === 'high' ? 'high' : 'normal');
    await next();
  });
}

/** Rejects a request body larger than `maxBytes` with PayloadTooLargeError (413). */
export function uploadLimit(maxBytes: number) {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PayloadTooLargeError(
        'http.payload_too_large',
        `上传的文件太大：一次上传的文件合计不能超过 ${mb} MB。请分几次上传，或压缩 PDF 后再试。`,
        { maxBytes },
      );
    },
  });
}
