/**
 * The agencies as the portal shows them: the tree (agencies.parent_id), each agency's subtree (a
 * government's pages cover every agency under it) and its ancestors (breadcrumbs, and the agencies
 * whose subscribers hear of an item). Pure: built from the rows it is given.
 */

/** An open agency with its public contact facts (its 政府信息公开指南's). */
export interface PortalAgency {
  readonly id: number;
  readonly name: string;
  readonly kind: 'government' | 'department';
  readonly parentId: number | null;
  readonly creditCode: string | null;
  readonly address: string | null;
  readonly postcode: string | null;
  readonly phone: string | null;
  readonly fax: string | null;
  readonly email: string | null;
  readonly officeHours: string | null;
}

/** The tree of open agencies. */
export interface Directory {
  readonly byId: ReadonlyMap<number, PortalAgency>;
  /** Children of each agency, by name. */
  readonly children: ReadonlyMap<number, readonly PortalAgency[]>;
  /** Agencies without an open parent (governments first, then by name). */
  readonly roots: readonly PortalAgency[];
}

const byName = (a: PortalAgency, b: PortalAgency) => a.name.localeCompare(b.name, 'zh-CN');
const governmentsFirst = (a: PortalAgency, b: PortalAgency) => (a.kind === b.kind ? byName(a, b) : a.kind === 'government' ? -1 : 1);

/** Builds the tree of the agencies given (the open ones). */
export function buildDirectory(agencies: readonly PortalAgency[]): Directory {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const children = new Map<number, PortalAgency[]>();
  const roots: PortalAgency[] = [];
  for (const a of agencies) {
    if (a.parentId !== null && byId.has(a.parentId)) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
    else roots.push(a);
  }
  for (const list of children.values()) list.sort(governmentsFirst);
  roots.sort(governmentsFirst);
  return { byId, children, roots };
}

/** The agency and every agency under it (ids, the agency first). */
export function subtreeIds(directory: Directory, agencyId: number): number[] {
  const ids: number[] = [];
  const seen = new Set<number>();
  const visit = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    ids.push(id);
    for (const child of directory.children.get(id) ?? []) visit(child.id);
  };
  visit(agencyId);
  return ids;
}

/** The agencies above an agency, the root first (without the agency itself). */
export function ancestorsOf(directory: Directory, agencyId: number): PortalAgency[] {
  const chain: PortalAgency[] = [];
  const seen = new Set<number>([agencyId]);
  let parentId = directory.byId.get(agencyId)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = directory.byId.get(parentId);
    if (!parent) break;
    chain.unshift(parent);
    seen.add(parentId);
    parentId = parent.parentId;
  }
  return chain;
}

/** Whether an agency's pages cover more than itself (a government, or an agency with agencies under it). */
export function coversOthers(directory: Directory, agencyId: number): boolean {
  return (directory.children.get(agencyId)?.length ?? 0) > 0;
}
