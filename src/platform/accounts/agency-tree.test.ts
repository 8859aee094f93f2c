import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, sessionCookie } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Services } from '../services.ts';
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
});
