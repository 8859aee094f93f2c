/**
 * What the administration routes share: the `Acting` of a web request, the form body, ids from a
 * form, the notices shown after a redirect, and the refusal of an agency the viewer does not reach
 * (404 for another agency's, 403 for one's own lacking the role — as access() answers).
 */
import type { Context } from 'hono';
import { can, type Permission } from '../platform/accounts/core/roles.ts';
import { fieldError } from '../platform/accounts/fields.ts';
import type { Viewer } from '../platform/accounts/sign-in.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import type { AppEnv } from '../platform/http/types.ts';

/** The signed-in viewer (access() has let only signed-in people through). */
export function viewerOf(c: Context<AppEnv>): Viewer {
  const viewer = c.get('viewer');
  if (!viewer) throw new Error('an administration route ran without a viewer: its access() declaration is missing');
  return viewer;
}

/** Who acts in this request (src/platform/http/acting.ts). */
export { actingOf } from '../platform/http/acting.ts';

/** Whether the viewer is a system administrator. */
export function isSysAdmin(viewer: Viewer): boolean {
  return viewer.grants.some((g) => g.role === 'sysAdmin');
}

/** The form's fields: strings, and lists for repeated names (checkboxes). */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** The values to show again in a refused form (never a password or the form token). */
export function formValues(form: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key !== '_csrf' && key !== 'password') out[key] = Array.isArray(value) ? value[0] ?? '' : value;
  }
  return out;
}

/** One value of a field (the first, when repeated). */
export function field(form: Record<string, string | string[]>, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** Every value of a repeated field. */
export function fields(form: Record<string, string | string[]>, name: string): string[] {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** An id chosen in a form (an agency in a select, a token): '' is none; anything else not an id is refused as `name`'s error. */
export function agencyIdField(value: string, name: string, message: string): number | null {
  if (value.trim() === '') return null;
  const id = /^[0-9]{1,15}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw fieldError(name, message);
  return id;
}

/** A path parameter that is an id (the routes' patterns admit digits only). */
export function idParam(c: Context<AppEnv>, name = 'id'): number {
  const id = Number(c.req.param(name));
  if (!Number.isSafeInteger(id) || id < 1) throw notFound();
  return id;
}

/** As access() answers for a record of another agency. */
export const notFound = () => new NotFoundError('http.not_found', '没有找到这个页面或记录（或您无权查看）。');

/**
 * Refuses an agency named in a form the way access() refuses one in a path: 404 when the viewer has
 * no role there (it might as well not exist), 403 when it is theirs but the role lacks `permission`.
 */
export function requireOnAgency(viewer: Viewer, permission: Permission, agencyId: number): void {
  if (can(viewer.grants, permission, agencyId)) return;
  const theirs = viewer.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId));
  if (!theirs) throw notFound();
  throw new ForbiddenError('auth.forbidden', '您没有办理这项工作的权限：请联系本机关的管理员授予相应角色。');
}

/** The notice of a redirect: only known codes, never text from the query. */
export function noticeOf(c: Context<AppEnv>, notices: Record<string, string>): string | undefined {
  const code = c.req.query('notice');
  return code !== undefined && Object.hasOwn(notices, code) ? notices[code] : undefined;
}
