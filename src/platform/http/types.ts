/**
 * Types shared by the HTTP layer and the rooms' route modules.
 */
import type { Hono } from 'hono';
import type { Permission } from '../accounts/core/roles.ts';
import type { Viewer } from '../accounts/sign-in.ts';

/** Text size preference (适老化 large-text mode), from the `text` cookie. */
export type TextSize = 'normal' | 'large';

/** Contrast preference (适老化 high-contrast mode: black on white, yellow focus, underlined links), from the `contrast` cookie. */
export type Contrast = 'normal' | 'high';

/** An entry of the site's main navigation. */
export interface NavItem {
  readonly href: string;
  readonly label: string;
  /** Shown only to people who may use this permission somewhere ('signedIn': to anyone signed in). */
  readonly needs?: Permission | 'signedIn';
}

/** The hono environment of every route: per-request variables set by platform middleware. */
export interface AppEnv {
  Variables: {
    textSize: TextSize;
    contrast: Contrast;
    requestId: string;
    /** The main navigation: the rooms' entries, then the platform's. */
    nav: readonly NavItem[];
    /** The site's origin as the browser sees it (`https://host`), behind a trusted proxy too. */
    origin: string;
    /**
     * The origin when its host is one the site is configured to answer to (GONGKAI_PUBLIC_HOSTS) or a
     * loopback name; undefined otherwise. Links sent by mail are built on it, never on a Host header
     * a stranger chose.
     */
    mailOrigin: string | undefined;
    /** The request came over HTTPS (directly, or to a trusted proxy): cookies get `Secure`. */
    secure: boolean;
    /** The client's address (the connection's, or a trusted proxy's X-Forwarded-For). */
    clientIp: string | null;
    /** The signed-in person (browser session, or API token on /api/). */
    viewer: Viewer | undefined;
    /** The request came with an API token. */
    bearer: boolean | undefined;
    /** A session between the password and the TOTP code: who is signing in. */
    pendingViewer: Viewer | undefined;
    /** The raw session token of the cookie (sign-out needs it). */
    sessionToken: string | undefined;
    /** The token every form carries in `_csrf`. */
    csrfToken: string;
    /** Set by access(): the agencies a list route may show ('all' for a sysAdmin's permission). */
    scope: 'all' | number[];
    /** Set by access(): the agency the route acts on (from a parameter or the record's owner). */
    agencyId: number;
  };
}

/** OpenAPI 3.1 path items, keyed by path ('/api/reports/{id}'). */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** What a room contributes to the app: its routes, and the API paths it documents. */
export interface RouteModule {
  routes: Hono<AppEnv>;
  openapi?: OpenApiPaths;
}

