import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Services } from '../services.ts';
import { subtreeOf } from './core/roles.ts';
import { sessionFor } from './sign-in.ts';
import { reachingGrants } from './store.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

describe('the agency tree kept in memory', () => {
  it('a supervisor reaches what the recursive query says, and an agency added elsewhere at once', async () => {
    const county = await addAgency(services, '树测试县人民政府', 'government');
    const bureau = await addAgency(services, '树测试县甲局', 'department', county);
    await addAgency(services, '树测试县甲局派出所', 'department', bureau);
    const supervisor = await addPerson(services, 'tree-supervisor', [['supervisor', county], ['handler', bureau]]);
    const token = (await sessionCookie(services, 'tree-supervisor')).slice('gk_session='.length);
    const byRole = <T extends { role: string }>(list: readonly T[]) => [...list].sort((a, b) => a.role.localeCompare(b.role));
    const viewer = async () => byRole((await sessionFor(services.db, token, 3600))!.viewer.grants);
    const oracle = async () => byRole(await reachingGrants(services.db, supervisor.id));
    expect(await viewer()).toEqual(await oracle());
    // Another process adds an agency under the county (plain SQL): the next request reaches it.
    const added = await services.db.query<{ id: number }>("INSERT INTO agencies (name, kind, parent_id) VALUES ('树测试县乙局', 'department', $1) RETURNING id", [county.id]);
    const grants = await viewer();
    expect(grants.find((g) => g.role === 'supervisor')!.reaches).toContain(added.rows[0]!.id);
    expect(grants).toEqual(await oracle());
    // Moved away from the county: no longer reached.
    await services.db.query('UPDATE agencies SET parent_id = NULL WHERE id = $1', [added.rows[0]!.id]);
    expect((await viewer()).find((g) => g.role === 'supervisor')!.reaches).not.toContain(added.rows[0]!.id);
  });

  it('the closure in the database (migration 0013) follows every change of the tree, as the tree in memory does', async () => {
    const closure = async () => (await services.db.query<{ ancestor_id: number; agency_id: number }>('SELECT ancestor_id, agency_id FROM agency_closure')).rows
      .map((r) => `${r.ancestor_id}>${r.agency_id}`).sort();
    const expected = async () => {
      const nodes = (await services.db.query<{ id: number; parent_id: number | null }>('SELECT id, parent_id FROM agencies')).rows.map((r) => ({ id: r.id, parentId: r.parent_id }));
      return nodes.flatMap((a) => subtreeOf(nodes, a.id).map((id) => `${a.id}>${id}`)).sort();
    };
    const province = await addAgency(services, '闭包测试省人民政府', 'government');
    const city = await addAgency(services, '闭包测试市人民政府', 'government', province);
    const bureau = await addAgency(services, '闭包测试市甲局', 'department', city);
    const station = await addAgency(services, '闭包测试市甲局派出所', 'department', bureau);
    expect(await closure()).toEqual(await expected());
    expect(await closure()).toEqual(expect.arrayContaining([`${province.id}>${station.id}`, `${city.id}>${station.id}`, `${station.id}>${station.id}`]));
    // Several agencies in one statement, then a branch moved elsewhere and back, then cut loose.
    await services.db.query("INSERT INTO agencies (name, kind, parent_id) SELECT '闭包测试市第' || i || '局', 'department', $1 FROM generate_series(1, 5) AS i", [city.id]);
    expect(await closure()).toEqual(await expected());
    const other = await addAgency(services, '闭包测试县人民政府', 'government');
    await services.db.query('UPDATE agencies SET parent_id = $1 WHERE id = $2', [other.id, bureau.id]);
    expect(await closure()).toEqual(await expected());
    expect(await closure()).not.toContain(`${city.id}>${station.id}`);
    expect(await closure()).toContain(`${other.id}>${station.id}`);
    await services.db.query('UPDATE agencies SET parent_id = $1 WHERE id = $2', [city.id, bureau.id]);
    await services.db.query('UPDATE agencies SET parent_id = NULL WHERE id = $1', [city.id]);
    expect(await closure()).toEqual(await expected());
    expect(await closure()).not.toContain(`${province.id}>${station.id}`);
  });

  it('two transactions changing the tree at once leave the closure of both changes', async () => {
    const county = await addAgency(services, '并发闭包测试县人民政府', 'government');
    const [a, b] = [await addAgency(services, '并发闭包测试甲局', 'department'), await addAgency(services, '并发闭包测试乙局', 'department')];
    const first = await services.db.connect();
    const second = await services.db.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await first.query('UPDATE agencies SET parent_id = $1 WHERE id = $2', [county.id, a.id]);
      // Waits for the first transaction's lock on the tree's version, then sees its change.
      const moving = second.query('UPDATE agencies SET parent_id = $1 WHERE id = $2', [county.id, b.id]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await first.query('COMMIT');
      await moving;
      await second.query('COMMIT');
    } finally {
      first.release();
      second.release();
    }
    const under = (await services.db.query<{ agency_id: number }>('SELECT agency_id FROM agency_closure WHERE ancestor_id = $1 ORDER BY agency_id', [county.id])).rows.map((r) => r.agency_id);
    expect(under).toEqual([county.id, a.id, b.id]);
  });
});
