/**
 * The Hono app: platform middleware (logging, security headers, CSRF, text size, navigation), the
 * error handler, /healthz, the stylesheet, /prefs, the OpenAPI document, and the route modules the
 * composition root (src/app.ts) gives it. It knows no room.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { createMiddleware } from 'hono/factory';
import type { Services } from '../services.ts';
import { errorHandler, notFoundHandler } from './error-handler.tsx';
import { STYLESHEET } from './layout.tsx';
import { assertEveryRouteDeclared, PUBLIC } from './access.ts';
import { crossOriginProtection, requestLogger, requestOrigin, securityHeaders, textSizePreference, uploadLimit } from './middleware.ts';
import { sessionMiddleware } from './session.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { prefsRoutes } from './prefs.ts';
import type { AppEnv, NavItem, OpenApiPaths, RouteModule } from './types.ts';

/** The platform's own entry of the main navigation, after the rooms'. */
const API_NAV: NavItem = { href: '/api/openapi.json', label: '接口说明（API）' };

/** What the rooms contribute to the app. */
export interface HttpAppParts {
  /** Route modules, in mount order. */
  readonly modules: readonly RouteModule[];
  /** The rooms' navigation entries, in order. */
  readonly nav: readonly NavItem[];
}

/** Builds the app for the services and the rooms' parts (in-process tests call `app.request(...)`). */
export function createHttpApp(services: Services, parts: HttpAppParts): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The public entries first, then the staff's (each shown only to those who may use it).
  const nav = [...parts.nav.filter((n) => !n.needs), ...parts.nav.filter((n) => n.needs), API_NAV];
  app.use(createMiddleware<AppEnv>(async (c, next) => {
    c.set('nav', nav);
    await next();
  }));
  app.use(requestLogger(services.logger));
  app.onError(errorHandler(services.logger));
  app.use(requestOrigin({ bindHost: services.config.host, publicHosts: services.config.publicHosts, trustProxy: services.config.trustProxy }));
  app.use(securityHeaders());
  app.use(textSizePreference());
  app.use(crossOriginProtection(services.config.allowedOrigins));
  // Every body is bounded before anything reads it (the CSRF check may read a form).
  app.use(uploadLimit(services.config.maxUploadBytes));
  app.use(sessionMiddleware(services));
  app.notFound(notFoundHandler(services.logger));

  app.get('/healthz', PUBLIC, async (c) => {
    const started = performance.now();
    try {
      await services.db.query('SELECT 1');
      return c.json({ ok: true, db: { ok: true, ms: Math.round((performance.now() - started) * 10) / 10 } });
    } catch {
      return c.json({ ok: false, db: { ok: false, error: '数据库无法连接' } }, 503);
    }
  });
  app.get('/assets/site.css', PUBLIC, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(STYLESHEET);
  });
  app.route('/', prefsRoutes());

  const paths: OpenApiPaths = {};
  for (const module of parts.modules) {
    app.route('/', module.routes);
    Object.assign(paths, module.openapi);
  }
  const document = buildOpenApiDocument(paths);
  // Public and the same for everyone: cacheable, revalidated by its ETag.
  app.get('/api/openapi.json', PUBLIC, etag(), (c) => {
    c.header('Cache-Control', 'public, no-cache');
    return c.json(document);
  });
  assertEveryRouteDeclared(app);
  return app;
}
