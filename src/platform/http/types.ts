/**
 * Types shared by the HTTP layer and the rooms' route modules.
 */
import type { Hono } from 'hono';

/** Text size preference (适老化 large-text mode), from the `text` cookie. */
export type TextSize = 'normal' | 'large';

/** An entry of the site's main navigation. */
export interface NavItem {
  readonly href: string;
  readonly label: string;
}

/** The hono environment of every route: per-request variables set by platform middleware. */
export interface AppEnv {
  Variables: {
    textSize: TextSize;
    requestId: string;
    /** The main navigation: the rooms' entries, then the platform's. */
    nav: readonly NavItem[];
    /** The site's origin as the browser sees it (`https://host`), behind a trusted proxy too. */
    origin: string;
    /** The request came over HTTPS (directly, or to a trusted proxy): cookies get `Secure`. */
    secure: boolean;
  };
}

/** OpenAPI 3.1 path items, keyed by path ('/api/reports/{id}'). */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** What a room contributes to the app: its routes, and the API paths it documents. */
export interface RouteModule {
  routes: Hono<AppEnv>;
  openapi?: OpenApiPaths;
}

