import { describe, expect, it } from 'vitest';
import { agenciesWhere, can, mayGrant, reachWhere, ROLE_PERMISSIONS, subtreeOf, wouldCycle, type AgencyReach, type ReachingGrant } from './roles.ts';

// 1 county government ─┬─ 2 department ── 4 its 派出机构
//                      └─ 3 department
// 5 another county government ── 6 its department
const TREE = [
  { id: 1, parentId: null }, { id: 2, parentId: 1 }, { id: 3, parentId: 1 }, { id: 4, parentId: 2 },
  { id: 5, parentId: null }, { id: 6, parentId: 5 },
];
const grant = (role: ReachingGrant['role'], agencyId: number | null): ReachingGrant => ({
  role, agencyId, reaches: agencyId === null ? [] : role === 'supervisor' ? subtreeOf(TREE, agencyId) : [agencyId],
});

describe('roles and permissions', () => {
  it('a supervisor of a government reaches every agency under it, and no other', () => {
    expect(subtreeOf(TREE, 1)).toEqual([1, 2, 3, 4]);
    const supervisor = [grant('supervisor', 1)];
    expect([1, 2, 3, 4, 5, 6].map((id) => can(supervisor, 'records.read', id))).toEqual([true, true, true, true, false, false]);
    expect(can(supervisor, 'records.write', 2)).toBe(false); // reads only
  });

  it('a handler acts on its own agency only, and cannot manage staff', () => {
    const handler = [grant('handler', 2)];
    expect(can(handler, 'records.write', 2)).toBe(true);
    expect(can(handler, 'records.write', 4)).toBe(false); // not even the agency under its own
    expect(can(handler, 'agency.staff', 2)).toBe(false);
    expect(can(handler, 'deployment.admin', null)).toBe(false);
    expect(agenciesWhere(handler, 'records.read')).toEqual([2]);
  });

  it('a sysAdmin administers everything but reads no agency records', () => {
    const admin = [grant('sysAdmin', null)];
    expect(can(admin, 'deployment.admin', null)).toBe(true);
    expect(can(admin, 'agency.staff', 6)).toBe(true);
    expect(can(admin, 'audit.read', 3)).toBe(true);
    expect(can(admin, 'records.read', 3)).toBe(false);
    expect(agenciesWhere(admin, 'agency.staff')).toBe('all');
    expect(agenciesWhere(admin, 'records.read')).toEqual([]);
  });

  it('roles held in several agencies add up', () => {
    const both = [grant('handler', 2), grant('reviewer', 6)];
    expect(agenciesWhere(both, 'records.read')).toEqual([2, 6]);
    expect(agenciesWhere(both, 'records.write')).toEqual([2]);
  });

  it('reachWhere names a supervisor\'s government once, and the same agencies as agenciesWhere', () => {
    const expand = (reach: AgencyReach) => [...new Set([...reach.agencies, ...reach.subtrees.flatMap((id) => subtreeOf(TREE, id))])].sort((a, b) => a - b);
    const cases: [string, ReachingGrant[], AgencyReach][] = [
      ['a handler', [grant('handler', 2)], { agencies: [2], subtrees: [] }],
      ['a supervisor', [grant('supervisor', 1)], { agencies: [], subtrees: [1] }],
      ['a supervisor who also handles an agency under the government', [grant('handler', 4), grant('supervisor', 1)], { agencies: [], subtrees: [1] }],
      ['a supervisor who also reviews in another county', [grant('supervisor', 1), grant('reviewer', 6)], { agencies: [6], subtrees: [1] }],
      ['supervisors of two counties', [grant('supervisor', 5), grant('supervisor', 1)], { agencies: [], subtrees: [1, 5] }],
      ['no role that reads', [grant('sysAdmin', null)], { agencies: [], subtrees: [] }],
    ];
    for (const [who, grants, reach] of cases) {
      expect(reachWhere(grants, 'records.read'), who).toEqual(reach);
      expect(expand(reach), who).toEqual(agenciesWhere(grants, 'records.read'));
    }
    expect(reachWhere([grant('sysAdmin', null)], 'agency.staff')).toBe('all');
    expect(reachWhere([grant('supervisor', 1)], 'records.write')).toEqual({ agencies: [], subtrees: [] });
  });

  it('grants: an agencyAdmin grants the agency roles in its agency only; never to itself; sysAdmin anything', () => {
    const agencyAdmin = [grant('agencyAdmin', 2)];
    expect(mayGrant(agencyAdmin, 'handler', 2, false)).toBe(true);
    expect(mayGrant(agencyAdmin, 'agencyAdmin', 2, false)).toBe(true);
    expect(mayGrant(agencyAdmin, 'handler', 3, false)).toBe(false);
    expect(mayGrant(agencyAdmin, 'supervisor', 2, false)).toBe(false);
    expect(mayGrant(agencyAdmin, 'sysAdmin', null, false)).toBe(false);
    expect(mayGrant(agencyAdmin, 'head', 2, true)).toBe(false);
    expect(mayGrant([grant('handler', 2)], 'handler', 2, false)).toBe(false);
    expect(mayGrant([grant('sysAdmin', null)], 'supervisor', 5, false)).toBe(true);
    expect(mayGrant([grant('sysAdmin', null)], 'sysAdmin', null, true)).toBe(false);
  });

  it('the tree refuses a loop', () => {
    expect(wouldCycle(TREE, 1, 4)).toBe(true);
    expect(wouldCycle(TREE, 2, 2)).toBe(true);
    expect(wouldCycle(TREE, 2, 5)).toBe(false);
    expect(wouldCycle(TREE, 2, null)).toBe(false);
  });

  it('every role carries at least one permission', () => {
    for (const permissions of Object.values(ROLE_PERMISSIONS)) expect(permissions.length).toBeGreaterThan(0);
  });
});
