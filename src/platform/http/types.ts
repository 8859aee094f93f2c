/**
 * Types shared by the HTTP layer and the rooms' route modules.
 */
import type { Hono } from 'hono';
import type { Services } from '../services.ts';

/** Text size preference (适老化 large-text mode), from the `text` cookie. */
export type TextSize = 'normal' | 'large';

/** The hono environment of every route: per-request variables set by platform middleware. */
export interface AppEnv {
  Variables: {
    textSize: TextSize;
    requestId: string;
  };
}

/** OpenAPI 3.1 path items, keyed by path ('/api/reports/{id}'). */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** What a room contributes to the app: its routes, and the API paths it documents. */
export interface RouteModule {
  routes: Hono<AppEnv>;
  openapi?: OpenApiPaths;
}

/** A room's factory of its RouteModule, given the services. */
export type RouteModuleFactory = (services: Services) => RouteModule;
