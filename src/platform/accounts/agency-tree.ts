/**
 * The agency tree in memory, per database: loaded once and again only when migration 0007's counter
 * says it changed (in any process), so that a signed-in request works out a supervisor's agencies
 * without walking the tree in SQL.
 */
import type { Queryable } from '../db/queryable.ts';
import { reachesSubtree, subtreeOf, type AgencyNode, type ReachingGrant, type Role } from './core/roles.ts';

interface LoadedTree {
  version: number;
  nodes: AgencyNode[];
  subtrees: Map<number, number[]>;
}

const trees = new WeakMap<object, LoadedTree>();

async function treeAt(db: Queryable, version: number): Promise<LoadedTree> {
  const cached = trees.get(db);
  if (cached && cached.version === version) return cached;
  const { rows } = await db.query<{ id: number; parent_id: number | null }>('SELECT id, parent_id FROM agencies');
  const loaded = { version, nodes: rows.map((r) => ({ id: r.id, parentId: r.parent_id })), subtrees: new Map<number, number[]>() };
  trees.set(db, loaded);
  return loaded;
}

/** A person's grants with the agencies each reaches, given the tree's current version. */
export async function reachingGrantsAt(db: Queryable, grants: readonly { role: Role; agencyId: number | null }[], treeVersion: number): Promise<ReachingGrant[]> {
  const needsTree = grants.some((g) => reachesSubtree(g.role));
  const tree = needsTree ? await treeAt(db, treeVersion) : undefined;
  return grants.map((g) => {
    if (g.agencyId === null) return { role: g.role, agencyId: null, reaches: [] };
    if (!reachesSubtree(g.role) || !tree) return { role: g.role, agencyId: g.agencyId, reaches: [g.agencyId] };
    let reaches = tree.subtrees.get(g.agencyId);
    if (!reaches) tree.subtrees.set(g.agencyId, (reaches = subtreeOf(tree.nodes, g.agencyId)));
    return { role: g.role, agencyId: g.agencyId, reaches };
  });
}
