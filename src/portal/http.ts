/**
 * What the portal's routes share: the directory of this request's version, the agency a path names,
 * the portal's stylesheet, rendering a page in the site's layout with it, and the 404 of the portal
 * (its own code: 'http.not_found' is the access guard's answer).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import { REPORT_TABLES_CSS } from '../report/index.ts';
import { NotFoundError } from '../platform/errors.ts';
import { renderPage, type PageStatus } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import type { Directory, PortalAgency } from './directory.ts';
import { PageCache, publicCache, stateOf } from './http-cache.ts';
import { directoryReader } from './state.ts';

/** The portal's stylesheet (with the report tables' rules for the annual reports), read once. */
export const PORTAL_CSS = readFileSync(new URL('./assets/portal.css', import.meta.url), 'utf8') + REPORT_TABLES_CSS;
/** Its address, with a content hash (cached for long). */
export const PORTAL_CSS_PATH = `/assets/portal.css?v=${createHash('sha256').update(PORTAL_CSS).digest('hex').slice(0, 10)}`;

/** The portal's 404. */
export const portalNotFound = (what = '没有找到这个页面：它可能已被撤回，或地址有误。') => new NotFoundError('portal.not_found', what);

/** The shared parts of the portal's routes. */
export interface Portal {
  services: Services;
  /** The middleware of public pages (304, kept renderings). */
  pageCache: MiddlewareHandler<AppEnv>;
  /** The middleware of feeds (the same for every visitor). */
  feedCache: MiddlewareHandler<AppEnv>;
  /** The directory of this request's version. */
  directory(c: Context<AppEnv>): Promise<Directory>;
  /** Now (tests set it). */
  now(): Date;
}

/** Makes the shared parts for an app (one page cache per app). */
export function makePortal(services: Services, clock: () => Date = () => new Date()): Portal {
  const cache = new PageCache();
  const directoryAt = directoryReader(services.db);
  return {
    services,
    pageCache: publicCache(services.db, cache, { preferences: true, clock }),
    feedCache: publicCache(services.db, cache, { preferences: false, clock }),
    directory: async (c) => directoryAt(await stateOf(c, services.db)),
    now: clock,
  };
}

/** The open agency an id in the path names, or the portal's 404. */
export function agencyOf(directory: Directory, idText: string | undefined): PortalAgency {
  const id = /^\d{1,15}$/.test(idText ?? '') ? Number(idText) : NaN;
  const agency = directory.byId.get(id);
  if (!agency) throw portalNotFound('没有找到这个机关：它可能已撤销，或地址有误。');
  return agency;
}

/** Renders a portal page in the site's layout. */
export function portalPage(c: Context<AppEnv>, title: string, body: Child, options: { notice?: string | undefined; status?: PageStatus } = {}) {
  return renderPage(c, title, body, { ...options, stylesheets: [PORTAL_CSS_PATH] });
}

/** The year in China now (the filters' latest year). */
export function yearIn(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
}
