/**
 * HTTP caching of the public pages and feeds (issue 18 §4): they are the same for every visitor who is
 * not signed in (but for the text size and contrast chosen), so each answer carries an ETag made of the
 * portal's version (state.ts) and a Last-Modified of its change, a browser's revalidation costs one
 * primary-key read and a 304, and a page rendered once is kept per (version, preferences, address) in
 * this process: JSX rendering is a page's cost (performance-notes.md), the same page is not rendered
 * twice between two changes. Signed-in staff see their name and forms in the header: their pages are
 * neither kept nor revalidated.
 */
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Queryable } from '../platform/db/queryable.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { readPortalState, type PortalState } from './state.ts';

/**
 * This process's start: in every ETag, so that a new version of the pages' code (a deployment) is not
 * taken for the pages a browser kept. Several processes give different ETags: a 200 instead of a 304.
 */
const BOOT = randomBytes(4).toString('hex');

/** The state read for a request (by the cache middleware, for the handler). */
const states = new WeakMap<Request, PortalState>();

/** The portal state of this request (read by `publicCache` before the handler). */
export async function stateOf(c: Context<AppEnv>, db: Queryable): Promise<PortalState> {
  const known = states.get(c.req.raw);
  if (known) return known;
  const state = await readPortalState(db);
  states.set(c.req.raw, state);
  return state;
}

/** Rendered answers kept per key, least recently used dropped first, bounded in characters. */
export class PageCache {
  private readonly entries = new Map<string, { body: string; type: string }>();
  private size = 0;
  private version = -1;

  constructor(private readonly maxChars: number = 16 * 1024 * 1024, private readonly maxEntryChars: number = 1024 * 1024) {}

  /** A kept answer of this version, or undefined. */
  get(version: number, key: string): { body: string; type: string } | undefined {
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Keeps an answer; a newer version drops every older answer. */
  set(version: number, key: string, entry: { body: string; type: string }): void {
    if (version < this.version || entry.body.length > this.maxEntryChars) return;
    if (version > this.version) this.clear(version);
    const old = this.entries.get(key);
    if (old) this.size -= old.body.length;
    this.entries.set(key, entry);
    this.size += entry.body.length;
    for (const [k, e] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(k);
      this.size -= e.body.length;
    }
  }

  /** How many answers are kept. */
  get count(): number {
    return this.entries.size;
  }

  private clear(version: number): void {
    this.entries.clear();
    this.size = 0;
    this.version = version;
  }
}

/** The HTTP date of an instant, or undefined within its own second (a later change in that second would share it). */
export function lastModifiedOf(changedAt: Date, now: Date): string | undefined {
  const second = Math.floor(changedAt.getTime() / 1000);
  return second < Math.floor(now.getTime() / 1000) ? new Date(second * 1000).toUTCString() : undefined;
}

/** Whether the request's validators say its copy is current (If-None-Match first, else If-Modified-Since). */
export function notModified(headers: { ifNoneMatch: string | undefined; ifModifiedSince: string | undefined }, etag: string, lastModified: string | undefined): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const tags = headers.ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag.replace(/^W\//, ''));
  }
  if (headers.ifModifiedSince === undefined || lastModified === undefined) return false;
  const since = Date.parse(headers.ifModifiedSince);
  return Number.isFinite(since) && Date.parse(lastModified) <= since;
}

/** Options of `publicCache`. */
export interface PublicCacheOptions {
  /** The answer depends on the visitor's text size and contrast (pages; not feeds). */
  preferences: boolean;
  /** Now (tests). */
  clock?: () => Date;
}

/**
 * The middleware of a public GET route: 304 when the browser's copy is current, a kept rendering when
 * there is one, else the handler's answer (kept when it is a 200). Signed-in visitors pass through.
 */
export function publicCache(db: Queryable, cache: PageCache, options: PublicCacheOptions): MiddlewareHandler<AppEnv> {
  const clock = options.clock ?? (() => new Date());
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('viewer') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    const state = await stateOf(c, db);
    const variant = options.preferences ? `.${c.get('textSize') ?? 'normal'}.${c.get('contrast') ?? 'normal'}` : '';
    const etag = `W/"${BOOT}.${state.version}${variant}"`;
    const lastModified = lastModifiedOf(state.changedAt, clock());
    const validators = (set: (name: string, value: string, append?: boolean) => void) => {
      set('ETag', etag);
      if (lastModified) set('Last-Modified', lastModified);
      // Revalidated at every use: a publication shows at once; the 304 is cheap.
      set('Cache-Control', options.preferences ? 'private, no-cache' : 'public, no-cache');
      if (options.preferences) set('Vary', 'Cookie', true);
    };
    const onContext = (name: string, value: string, append?: boolean) => c.header(name, value, append ? { append: true } : undefined);
    if (notModified({ ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') }, etag, lastModified)) {
      validators(onContext);
      return c.body(null, 304);
    }
    const url = new URL(c.req.url);
    const key = `${variant} ${c.get('origin')}${url.pathname}${url.search}`;
    const kept = cache.get(state.version, key);
    if (kept) {
      validators(onContext);
      return c.body(kept.body, 200, { 'content-type': kept.type });
    }
    await next();
    if (c.res.status !== 200) return;
    const type = c.res.headers.get('content-type') ?? '';
    if (/^(?:text\/html|application\/(?:atom\+xml|feed\+json|json))/.test(type)) cache.set(state.version, key, { body: await c.res.clone().text(), type });
    const headers = c.res.headers;
    validators((name, value, append) => (append ? headers.append(name, value) : headers.set(name, value)));
  });
}
