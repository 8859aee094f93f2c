/**
 * Who reaches what in the checker: the access declarations of its routes (a report by its address,
 * an upload's results, the list), who is acting, and for which agency an upload is stored.
 *
 * - `/reports/<key>`: an anonymous check, open to whoever holds the link while it is kept; an
 *   expired or unknown key is 404 to everyone (signing in would not help).
 * - `/reports/<id>`: an agency's report, read with 'records.read' on that agency; the id of an
 *   anonymous check reaches nothing.
 * - `/uploads/<id>`: an anonymous upload's results for 24 hours; a signed-in person's to that person.
 */
import type { Context } from 'hono';
import { agenciesWhere, can, reachWhere, type AgencyReach } from '../platform/accounts/core/roles.ts';
import type { Viewer } from '../platform/accounts/sign-in.ts';
import { getAgency, listAgencies } from '../platform/accounts/store.ts';
import type { Actor } from '../platform/audit/audit-log.ts';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { ANONYMOUS_KEEP_HOURS, parseReportRef, reportNotFound, type Keeping } from './service.ts';
import { getReportOwner, getUploadOwner } from './store.ts';

/** The access declarations of the checker's routes, on the services' database. */
export function reportGuards(services: Services) {
  const { db } = services;
  return {
    /** A report and its sub-pages, by the `ref` parameter. */
    report: access({
      kind: 'permission', permission: 'records.read',
      agency: {
        from: 'record', resource: 'report', param: 'ref',
        find: async (_c, value) => {
          const ref = parseReportRef(value);
          if (!ref) return undefined;
          const owner = await getReportOwner(db, ref);
          if ('key' in ref) {
            if (owner) return { open: true };
            throw reportNotFound(ref);
          }
          return owner?.agencyId != null ? { agencyId: owner.agencyId } : undefined;
        },
      },
    }),
    /** An upload's results, by the `id` parameter. */
    upload: access({
      kind: 'permission', permission: 'records.read',
      agency: {
        from: 'record', resource: 'upload', param: 'id',
        find: async (c, id) => {
          const owner = await getUploadOwner(db, id, ANONYMOUS_KEEP_HOURS);
          const gone = () => new NotFoundError('report.upload_not_found', `找不到这次上传的检查结果：链接可能有误，或已超过 ${ANONYMOUS_KEEP_HOURS} 小时被删除。`);
          if (!owner || (owner.personId === null && !owner.recent)) throw gone();
          if (owner.personId === null) return { open: true };
          return owner.personId === c.get('viewer')?.personId ? { open: true } : undefined;
        },
      },
    }),
    /** The list: agencies' reports within the reader's scope (`c.get('scope')`). */
    list: access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } }),
  };
}

/**
 * Whose reports the list may show the viewer (behind `guards.list`): the agencies its roles reach,
 * with a supervisor's government named once for the database to expand, and the version of the tree
 * that was read at.
 */
export function listScopeOf(c: Context<AppEnv>): { scope: 'all' | AgencyReach; treeVersion: number | undefined } {
  const viewer = c.get('viewer');
  return { scope: viewer ? reachWhere(viewer.grants, 'records.read') : { agencies: [], subtrees: [] }, treeVersion: viewer?.treeVersion };
}

/** Who is acting: the signed-in person (with their API token), or an anonymous visitor. */
export function actorOf(c: Context<AppEnv>): Actor {
  const viewer = c.get('viewer');
  return viewer ? { kind: 'person', personId: viewer.personId, username: viewer.username, tokenId: viewer.tokenId } : { kind: 'anonymous' };
}

/** An agency a person may store reports for. */
export interface StorableAgency {
  id: number;
  name: string;
}

/** The agencies the viewer may store a report for ('records.write'), by name order of the table. */
export async function storableAgencies(services: Services, viewer: Viewer | undefined): Promise<StorableAgency[]> {
  if (!viewer) return [];
  const scope = agenciesWhere(viewer.grants, 'records.write');
  if (scope !== 'all' && scope.length === 0) return [];
  const agencies = await listAgencies(services.db, scope === 'all' ? {} : { ids: scope });
  return agencies.map((a) => ({ id: a.id, name: a.name }));
}

/** The upload form's fields that say where the checks are kept. */
export interface KeepingFields {
  /** 'agency' (保存为本机关的年度报告) or 'check' (只检查，不保存); absent from the API. */
  store?: string | undefined;
  /** The agency to store for. */
  agencyId?: string | undefined;
}

/**
 * Where an upload's checks are kept. Storing for an agency needs a signed-in person with
 * 'records.write' on it: another agency answers 404 (as if it did not exist), the person's own
 * agency without that role 403; both name the field. A closed agency keeps its reports but takes
 * no new one. Without `agencyId` (and not asked to store) the files are checked anonymously.
 */
export async function keepingFor(services: Services, viewer: Viewer | undefined, fields: KeepingFields): Promise<Keeping> {
  const store = fields.store?.trim() ?? '';
  const raw = fields.agencyId?.trim() ?? '';
  if (store !== '' && store !== 'agency' && store !== 'check') {
    throw new ValidationError('report.bad_store', '请选择检查后是否保存为本机关的年度报告', { fields: [{ field: 'store', message: '请选择检查后是否保存为本机关的年度报告' }] });
  }
  if (store === 'check' || (store === '' && raw === '')) return { kind: 'anonymous' };
  if (!viewer) {
    throw new AppError('auth.required', '保存为机关的年度报告需要先登录（登录可能已过期）：请登录后重新上传；不登录也可以只检查，不保存。', {
      status: 401, details: { fields: [{ field: 'agencyId', message: '请先登录' }] },
    });
  }
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) {
    const message = raw === '' ? '请选择保存到哪个机关' : `所选机关（agencyId）应为机关编号，实际为“${raw.slice(0, 20)}”`;
    throw new ValidationError('report.bad_agency', message, { fields: [{ field: 'agencyId', message }] });
  }
  const agencyId = Number(raw);
  if (can(viewer.grants, 'records.write', agencyId)) {
    if ((await getAgency(services.db, agencyId))?.closedAt) {
      const message = '所选机关已撤销，不能再保存新的年度报告（已保存的报告仍可查看）';
      throw new ValidationError('report.agency_closed', message, { fields: [{ field: 'agencyId', message }] });
    }
    return { kind: 'agency', agencyId };
  }
  const theirs = viewer.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId));
  if (theirs) {
    const message = '您没有为所选机关保存年度报告的权限（需要经办人或负责人角色）：请联系本机关的管理员，或选择只检查，不保存。';
    throw new ForbiddenError('auth.forbidden', message, { fields: [{ field: 'agencyId', message }] });
  }
  const message = '没有找到所选的机关（或您无权为它保存报告）。';
  throw new NotFoundError('http.not_found', message, { fields: [{ field: 'agencyId', message }] });
}
