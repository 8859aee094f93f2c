import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson, OPERATOR, TEST_PASSWORD } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Services } from '../services.ts';
import { reachingGrants } from './store.ts';
import * as store from './store.ts';
import { closeAgency, createAgency, createApiToken, reviseAgency, revokeRole, setPassword, setPersonDisabled, type Acting } from './service.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

const POLICY = { minLength: 10, forbidUsername: true, forbidCommon: true };
async function actingAs(username: string): Promise<Acting> {
  const person = (await store.getCredentials(services.db, username))!;
  return { actor: { kind: 'person', personId: person.id, username }, grants: await reachingGrants(services.db, person.id), ip: '127.0.0.1' };
}

describe('account use-cases', () => {
  it('agencies: a wrong credit code names the character; a government under a department is refused; a rename keeps the history', async () => {
    await expect(createAgency(services.db, OPERATOR, { name: '服务测试局', kind: 'department', creditCode: '11140800558745220X' }))
      .rejects.toMatchObject({ status: 400, message: expect.stringContaining('第 18 位') });
    const county = await addAgency(services, '服务测试县人民政府', 'government');
    const bureau = await createAgency(services.db, OPERATOR, { name: '服务测试县文旅局', kind: 'department', parentId: county.id, creditCode: '11140800558745220K' });
    await expect(createAgency(services.db, OPERATOR, { name: '服务测试镇人民政府', kind: 'government', parentId: bureau.id }))
      .rejects.toMatchObject({ message: expect.stringContaining('人民政府的上级只能是人民政府') });
    await expect(createAgency(services.db, OPERATOR, { name: '服务测试县文旅局', kind: 'department' })).rejects.toMatchObject({ status: 409 });
    await reviseAgency(services.db, OPERATOR, bureau.id, { name: '服务测试县文化和旅游局' });
    expect((await store.agencyNameHistory(services.db, bureau.id)).map((h) => h.name)).toEqual(['服务测试县文旅局', '服务测试县文化和旅游局']);
    await expect(reviseAgency(services.db, OPERATOR, county.id, { parentId: bureau.id })).rejects.toMatchObject({ message: expect.stringContaining('下级') });
    await expect(closeAgency(services.db, OPERATOR, county.id)).rejects.toMatchObject({ status: 409 });
    await closeAgency(services.db, OPERATOR, bureau.id);
    expect((await store.getAgency(services.db, bureau.id))!.closedAt).toBeInstanceOf(Date);
    const audit = await services.db.query<{ action: string; agency_id: number }>('SELECT action, agency_id FROM audit_log WHERE subject = $1 ORDER BY id', [`agency:${bureau.id}`]);
    expect(audit.rows.map((r) => r.action)).toEqual(['agency.create', 'agency.rename', 'agency.close']);
  });

  it('account take-over: an agencyAdmin cannot reset, disable or mint tokens for a supervisor; can for its own handler (audited for the agency)', async () => {
    const county = await addAgency(services, '接管测试县人民政府', 'government');
    const bureau = await addAgency(services, '接管测试县甲局', 'department', county);
    await addPerson(services, 'takeover-admin', [['agencyAdmin', bureau]]);
    const supervisor = await addPerson(services, 'takeover-supervisor', [['supervisor', county], ['reviewer', bureau]]);
    const handler = await addPerson(services, 'takeover-handler', [['handler', bureau]]);
    const admin = await actingAs('takeover-admin');
    await expect(setPassword(services.db, admin, supervisor.id, { password: 'a-new-long-password-1' }, POLICY)).rejects.toMatchObject({ status: 403 });
    await expect(setPersonDisabled(services.db, admin, supervisor.id, true)).rejects.toMatchObject({ status: 403 });
    await expect(createApiToken(services.db, admin, supervisor.id, {})).rejects.toMatchObject({ status: 403 });
    await setPassword(services.db, admin, handler.id, { password: 'a-new-long-password-1' }, POLICY);
    const row = await services.db.query<{ agency_id: number }>("SELECT agency_id FROM audit_log WHERE action = 'person.password_reset' AND subject = $1", [`person:${handler.id}`]);
    expect(row.rows).toEqual([{ agency_id: bureau.id }]);
    // The handler changing its own password needs the current one.
    const self = await actingAs('takeover-handler');
    await expect(setPassword(services.db, self, handler.id, { current: TEST_PASSWORD, password: 'another-long-password-2' }, POLICY)).rejects.toMatchObject({ message: '当前密码不正确' });
  });

  it('the last sysAdmin cannot be revoked', async () => {
    const first = await addPerson(services, 'only-admin', [['sysAdmin', null]]);
    const admins = await services.db.query<{ n: number }>("SELECT count(*)::int AS n FROM role_grants WHERE role = 'sysAdmin'");
    expect(admins.rows[0]!.n).toBe(1);
    await expect(revokeRole(services.db, OPERATOR, first.id, { role: 'sysAdmin', agencyId: null })).rejects.toMatchObject({ status: 409 });
  });
});
