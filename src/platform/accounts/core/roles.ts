/**
 * Roles and permissions: who may do what, for which agency. Pure: the caller gives the person's
 * grants (with the agencies each reaches) and the agency acted on. Every route declares one
 * permission (platform/http/access.ts); the answer comes from here and nowhere else.
 */

/** The roles, each granted per agency (sysAdmin on the deployment, supervisor on a government). */
export const ROLES = ['handler', 'reviewer', 'head', 'agencyAdmin', 'supervisor', 'sysAdmin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles' names as officials say them. */
export const ROLE_LABELS: Record<Role, string> = {
  handler: '经办人',
  reviewer: '审核人',
  head: '负责人',
  agencyAdmin: '机关管理员',
  supervisor: '监督员',
  sysAdmin: '系统管理员',
};

/** What each role is for, shown where roles are granted. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  handler: '办理依申请公开、起草主动公开信息和年度报告',
  reviewer: '公开属性审核、保密审查',
  head: '批准延期，签发答复、公开信息和年度报告',
  agencyAdmin: '管理本机关的人员、模板和政府信息公开指南',
  supervisor: '查看所在人民政府及其下属各机关的全部记录，审查年度报告，记录检查',
  sysAdmin: '管理本系统的机关、人员和审计日志',
};

/** The two kinds of agency (the 条例 Art. 49 distinction: a people's government or any other agency). */
export const AGENCY_KINDS = ['government', 'department'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = { government: '人民政府', department: '部门、派出机构、乡镇街道等' };

/**
 * Permissions. `deployment` ones are granted by sysAdmin only and act on no agency; the others act
 * on one agency, reached by a grant on it (or, for a supervisor, on a government above it).
 */
export const PERMISSIONS = {
  /** Read the agency's records: stored reports, later cases and catalog items. */
  'records.read': { scope: 'agency', label: '查看本机关的记录' },
  /** Store the agency's annual report (and later: handle applications, draft items). */
  'records.write': { scope: 'agency', label: '办理和保存本机关的记录' },
  /** Edit the agency's public contact facts (the 政府信息公开指南's). */
  'agency.profile': { scope: 'agency', label: '维护本机关的公开指南信息' },
  /** Manage the agency's staff and their roles (handler, reviewer, head, agencyAdmin). */
  'agency.staff': { scope: 'agency', label: '管理本机关的人员和角色' },
  /** Review an agency's annual report for the supervising office (政务公开办): comment, send back, accept; record inspections. */
  'reports.review': { scope: 'agency', label: '审查所属机关的年度报告、记录检查' },
  /** Read the audit trail of the agency. */
  'audit.read': { scope: 'agency', label: '查看审计日志' },
  /** Create, rename and close agencies; grant any role; manage every person. */
  'deployment.admin': { scope: 'deployment', label: '管理机关和人员（系统管理员）' },
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** Which permissions each role carries. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  handler: ['records.read', 'records.write'],
  reviewer: ['records.read'],
  head: ['records.read', 'records.write'],
  agencyAdmin: ['records.read', 'agency.profile', 'agency.staff', 'audit.read'],
  supervisor: ['records.read', 'reports.review', 'audit.read'],
  sysAdmin: ['deployment.admin', 'agency.profile', 'agency.staff', 'audit.read'],
};

/** Roles an agencyAdmin may grant in its own agency; the rest only a sysAdmin grants. */
export const AGENCY_GRANTABLE_ROLES: readonly Role[] = ['handler', 'reviewer', 'head', 'agencyAdmin'];

/**
 * A role a person holds, with the agencies it reaches: the agency itself, and for a supervisor every
 * agency under its government. A sysAdmin grant has `agencyId` null and reaches every agency.
 */
export interface ReachingGrant {
  role: Role;
  agencyId: number | null;
  /** Agency ids the grant reaches (for sysAdmin: empty, meaning all). */
  reaches: readonly number[];
}

const reachesAll = (g: ReachingGrant) => g.role === 'sysAdmin';

/** May a person with these grants use `permission` on `agencyId` (null: a deployment permission)? */
export function can(grants: readonly ReachingGrant[], permission: Permission, agencyId: number | null): boolean {
  return grants.some((g) => ROLE_PERMISSIONS[g.role].includes(permission) && (agencyId === null
    ? PERMISSIONS[permission].scope === 'deployment' || reachesAll(g)
    : reachesAll(g) || g.reaches.includes(agencyId)));
}

/**
 * The agencies on which a person may use `permission`: 'all' for a sysAdmin's permissions, else the
 * ids (sorted, no duplicates). Lists filter by it.
 */
export function agenciesWhere(grants: readonly ReachingGrant[], permission: Permission): 'all' | number[] {
  const ids = new Set<number>();
  for (const g of grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    if (reachesAll(g)) return 'all';
    for (const id of g.reaches) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Does a grant of this role reach every agency under its agency (a supervisor's, on a people's government)? */
export const reachesSubtree = (role: Role): boolean => role === 'supervisor';

/**
 * The agencies a person reaches, as a query can ask for them: these agencies, and every agency under
 * each of `subtrees` (itself included) as the tree stands when the query runs (migration 0013's
 * closure), so that a supervisor's list does not carry the ids of its whole government.
 */
export interface AgencyReach {
  agencies: readonly number[];
  subtrees: readonly number[];
}

/**
 * The agencies on which a person may use `permission`, as `agenciesWhere` gives them but with a
 * supervisor's government named once: 'all' for a sysAdmin's permissions, else the agencies reached
 * one by one (those not already under a subtree) and the roots of the subtrees (sorted, no duplicates).
 */
export function reachWhere(grants: readonly ReachingGrant[], permission: Permission): 'all' | AgencyReach {
  const agencies = new Set<number>();
  const subtrees = new Set<number>();
  const under: ReachingGrant[] = [];
  for (const g of grants) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission)) continue;
    if (reachesAll(g)) return 'all';
    if (g.agencyId === null) continue;
    if (reachesSubtree(g.role)) {
      subtrees.add(g.agencyId);
      under.push(g);
    } else agencies.add(g.agencyId);
  }
  const covered = (id: number) => under.some((g) => g.reaches.includes(id));
  const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
  return { agencies: sorted([...agencies].filter((id) => !covered(id))), subtrees: sorted(subtrees) };
}

/** An agency as the tree needs it. */
export interface AgencyNode {
  id: number;
  parentId: number | null;
}

/** The ids of an agency and every agency under it (a closed agency's records stay reachable). */
export function subtreeOf(agencies: readonly AgencyNode[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const a of agencies) {
    if (a.parentId === null) continue;
    const list = children.get(a.parentId) ?? [];
    list.push(a.id);
    children.set(a.parentId, list);
  }
  const out: number[] = [];
  const seen = new Set<number>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out.sort((a, b) => a - b);
}

/** Would making `parentId` the parent of `agencyId` close a loop in the tree? */
export function wouldCycle(agencies: readonly AgencyNode[], agencyId: number, parentId: number | null): boolean {
  return parentId !== null && subtreeOf(agencies, agencyId).includes(parentId);
}

/**
 * May `granter` grant (or revoke) `role` on `agencyId`? A sysAdmin grants anything; an agencyAdmin
 * grants the agency roles in the agencies it administers; no one else grants. A person never
 * grants to themself (a second administrator does).
 */
export function mayGrant(granter: readonly ReachingGrant[], role: Role, agencyId: number | null, self: boolean): boolean {
  if (self) return false;
  if (granter.some((g) => g.role === 'sysAdmin')) return true;
  if (agencyId === null || !AGENCY_GRANTABLE_ROLES.includes(role)) return false;
  return granter.some((g) => g.role === 'agencyAdmin' && g.reaches.includes(agencyId));
}
