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
import { ForbiddenError, PayloadTooLargeError } from '../errors.ts';
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
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'strict-origin-when-cross-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cross-origin state-changing requests from browsers (CSRF), the way Go 1.25's
 * CrossOriginProtection does: `Sec-Fetch-Site` same-origin/none passes; otherwise the `Origin`
 * host must equal the request's Host (or be a configured trusted origin). Requests with neither
 * header do not come from a browser (curl, API clients) and pass. Cookies are SameSite=Lax too.
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
      const host = c.req.header('host') ?? new URL(c.req.url).host;
      if (origin !== 'null' && URL.canParse(origin) && new URL(origin).host === host) return next();
    }
    throw new ForbiddenError(
      'http.cross_origin',
      '请求被拒绝：表单必须从本网站的页面提交（检测到来自其他网站的提交）。请回到本站页面重新操作。',
      { origin: origin ?? null, secFetchSite: site ?? null },
    );
  });
}

/** Reads the text-size cookie into the `textSize` variable. */
export function textSizePreference() {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('textSize', getCookie(c, 'text') === 'large' ? 'large' : 'normal');
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
