/**
 * The Hono app: platform middleware (logging, security headers, CSRF, text size), the error
 * handler, /healthz, the stylesheet, /prefs, the OpenAPI document, and every room's routes.
 */
import { Hono } from 'hono';
import { reportRouteModule } from '../../report/routes.tsx';
import type { Services } from '../services.ts';
import { errorHandler, notFoundHandler } from './error-handler.tsx';
import { STYLESHEET } from './layout.tsx';
import { crossOriginProtection, requestLogger, securityHeaders, textSizePreference } from './middleware.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { prefsRoutes } from './prefs.ts';
import type { AppEnv, OpenApiPaths, RouteModuleFactory } from './types.ts';

/** The rooms' route modules, in mount order. */
export const ROOM_MODULES: readonly RouteModuleFactory[] = [reportRouteModule];

/** Builds the app for the services (in-process tests call `app.request(...)`). */
export function createApp(services: Services, modules: readonly RouteModuleFactory[] = ROOM_MODULES): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestLogger(services.logger));
  app.use(securityHeaders());
  app.use(textSizePreference());
  app.use(crossOriginProtection(services.config.allowedOrigins));
  app.onError(errorHandler(services.logger));
  app.notFound(notFoundHandler(services.logger));

  app.get('/healthz', async (c) => {
    const started = performance.now();
    try {
      await services.db.query('SELECT 1');
      return c.json({ ok: true, db: { ok: true, ms: Math.round((performance.now() - started) * 10) / 10 } });
    } catch {
      return c.json({ ok: false, db: { ok: false, error: '数据库无法连接' } }, 503);
    }
  });
  app.get('/assets/site.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(STYLESHEET);
  });
  app.route('/', prefsRoutes());

  const paths: OpenApiPaths = {};
  for (const factory of modules) {
    const module = factory(services);
    app.route('/', module.routes);
    Object.assign(paths, module.openapi);
  }
  const document = buildOpenApiDocument(paths);
  app.get('/api/openapi.json', (c) => c.json(document));
  return app;
}
