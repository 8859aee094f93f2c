/**
 * Authorisation in one place. Every route declares what it needs with `access(...)` as its first
 * handler: public, any signed-in person, or a permission on an agency — the agency named by a path
 * parameter, the agency owning the record a parameter names, any agency (lists, filtered by
 * `c.get('scope')`), or the deployment. `assertEveryRouteDeclared` refuses to start an app with a
 * route that declares nothing, and `declaredRoutes` lists them for the permission-matrix test.
 *
 * Staff never learn that another agency's record exists: a record or agency they have no role in
 * answers 404; a route of their own agency that needs a role they lack answers 403.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { agenciesWhere, can, type Permission } from '../accounts/core/roles.ts';
import { AppError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { AppEnv } from './types.ts';

/** The owner of a record: an agency, or nobody (an anonymous check, open to whoever holds its link). */
export type RecordOwner = { agencyId: number } | { open: true };

/** Which agency a permission is checked on. */
export type AgencyTarget =
  | { from: 'deployment' }
  | { from: 'any' }
  | { from: 'param'; param: string }
  | { from: 'record'; resource: string; param: string; find: (c: Context<AppEnv>, value: string) => Promise<RecordOwner | undefined> };

/** What a route needs. */
export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  | { kind: 'permission'; permission: Permission; agency: AgencyTarget };

const ACCESS = Symbol('gongkai.access');
type Guard = MiddlewareHandler<AppEnv> & { [ACCESS]: Access };

/** The path of the sign-in page (pages redirect there, with `next`). */
export const SIGN_IN_PATH = '/signin';

function signInRequired(c: Context<AppEnv>): Response {
  if (c.req.path.startsWith('/api/')) {
    throw new AppError('auth.required', '请先登录：在请求头中提供 Authorization: Bearer 令牌（在“我的账号”页面或用 gongkai token create 创建）。', {
      status: 401,
    });
  }
  const url = new URL(c.req.url);
  const next = url.pathname + url.search;
  return c.redirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`, 303);
}

const notFound = () => new NotFoundError('http.not_found', '没有找到这个页面或记录（或您无权查看）。');
const forbidden = () => new ForbiddenError('auth.forbidden', '您没有办理这项工作的权限：请联系本机关的管理员授予相应角色。');

/** The guard of a route: declares and enforces what it needs. */
export function access(needs: Access): MiddlewareHandler<AppEnv> {
  const guard = createMiddleware<AppEnv>(async (c, next) => {
    if (needs.kind === 'public') return next();
    const viewer = c.get('viewer');
    if (needs.kind === 'signedIn') return viewer ? next() : signInRequired(c);
    const { permission, agency } = needs;
    if (agency.from === 'record') {
      const owner = await agency.find(c, c.req.param(agency.param) ?? '');
      if (owner && 'open' in owner) return next();
      if (!viewer) return signInRequired(c);
      if (!owner) throw notFound();
      return checkAgency(c, permission, owner.agencyId, next);
    }
    if (!viewer) return signInRequired(c);
    if (agency.from === 'deployment') {
      if (!can(viewer.grants, permission, null)) throw forbidden();
      return next();
    }
    if (agency.from === 'any') {
      const scope = agenciesWhere(viewer.grants, permission);
      if (scope !== 'all' && scope.length === 0) throw forbidden();
      c.set('scope', scope);
      return next();
    }
    const id = Number(c.req.param(agency.param));
    if (!Number.isSafeInteger(id) || id < 1) throw notFound();
    return checkAgency(c, permission, id, next);
  });
  return Object.assign(guard, { [ACCESS]: needs }) as Guard;
}

async function checkAgency(c: Context<AppEnv>, permission: Permission, agencyId: number, next: () => Promise<void>) {
  const viewer = c.get('viewer')!;
  if (!can(viewer.grants, permission, agencyId)) {
    // Their own agency (a role they lack): say so. Another agency: as if it did not exist.
    const theirs = viewer.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId));
    throw theirs ? forbidden() : notFound();
  }
  c.set('agencyId', agencyId);
  await next();
}

/** Shorthands for the common declarations. */
export const PUBLIC = access({ kind: 'public' });
export const SIGNED_IN = access({ kind: 'signedIn' });

/** A route as declared: method, path, what it needs. */
export interface DeclaredRoute {
  method: string;
  path: string;
  access: Access;
}

/** Every route of the app with its declaration (middleware registered with `use` is not a route). */
export function declaredRoutes(app: Hono<AppEnv>): DeclaredRoute[] {
  const byRoute = new Map<string, DeclaredRoute | null>();
  for (const r of app.routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    // A sub-app with its own error handler has its handlers wrapped (hono's COMPOSED_HANDLER).
    const handler = r.handler as Partial<Guard> & { __COMPOSED_HANDLER?: Partial<Guard> };
    const declared = handler[ACCESS] ?? handler.__COMPOSED_HANDLER?.[ACCESS];
    const seen = byRoute.get(key);
    if (declared) byRoute.set(key, { method: r.method, path: r.path, access: declared });
    else if (seen === undefined) byRoute.set(key, null);
  }
  const missing = [...byRoute].filter(([, v]) => v === null).map(([k]) => k);
  if (missing.length > 0) {
    throw new Error(`以下路由没有声明权限（每个路由的第一个处理函数须为 access(...)，见 src/platform/http/access.ts）：${missing.join('、')}`);
  }
  return [...byRoute.values()] as DeclaredRoute[];
}

/** Refuses to build an app with an undeclared route (called when the app is assembled). */
export function assertEveryRouteDeclared(app: Hono<AppEnv>): void {
  declaredRoutes(app);
}
