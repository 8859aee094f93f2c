/**
 * The demo accounts `npm start` creates on an empty database (issue 16 §3 “First run”): the demo
 * government and agency, one demo person per role with the README's password, signing in only on
 * loopback, said in the log; a second start changes nothing; a database with real accounts gets none.
 */
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices } from '../../test/support/services.ts';
import { addAgency, addPerson } from '../../test/support/accounts.ts';
import { loadCommonPasswords } from '../platform/accounts/common-passwords.ts';
import { checkPassword, DEFAULT_PASSWORD_POLICY } from '../platform/accounts/core/password-policy.ts';
import { signIn } from '../platform/accounts/sign-in.ts';
import * as store from '../platform/accounts/store.ts';
import type { Services } from '../platform/services.ts';
import { DEMO_ACCOUNTS, DEMO_AGENCY_NAME, DEMO_AGENCY_SHORT_NAME, DEMO_GOVERNMENT_NAME, DEMO_PASSWORD, seedDemoAccounts } from './demo.ts';

/** The services with a logger that keeps its warnings. */
function capturing(services: Services): { services: Services; warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) });
  return { services: { ...services, logger }, warnings };
}

const signInAs = (services: Services, username: string, allowDemo: boolean) =>
  signIn(services.db, { username, password: DEMO_PASSWORD }, { ip: '127.0.0.1', userAgent: 'vitest' }, { sessionMaxSeconds: 60, allowDemo });

/** What a start could change: every row count of the account tables and the audit log. */
async function counts(services: Services): Promise<Record<string, number>> {
  const { rows } = await services.db.query<Record<string, number>>(
    'SELECT (SELECT count(*)::int FROM agencies) AS agencies, (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM role_grants) AS grants, (SELECT count(*)::int FROM audit_log) AS audit',
  );
  return rows[0]!;
}

describe('demo accounts on an empty database', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });
  afterAll(async () => {
    await services.close();
  });

  it('the shared password passes the default policy for every demo person', () => {
    for (const account of DEMO_ACCOUNTS) {
      expect(checkPassword(DEMO_PASSWORD, account, DEFAULT_PASSWORD_POLICY, loadCommonPasswords())).toEqual([]);
    }
  });

  it('creates the government, the seed agency under it and one demo person per role, and says so in the log', async () => {
    const { services: logged, warnings } = capturing(services);
    await seedDemoAccounts(logged);

    const agencies = await store.listAgencies(services.db);
    const government = agencies.find((a) => a.name === DEMO_GOVERNMENT_NAME);
    const agency = agencies.find((a) => a.name === DEMO_AGENCY_NAME);
    expect(government).toMatchObject({ name: '阜新市太平区人民政府', kind: 'government', parentId: null, creditCode: null });
    expect(agency).toMatchObject({ name: '阜新市太平区文化旅游和广播电视局', kind: 'department', parentId: government!.id, shortName: DEMO_AGENCY_SHORT_NAME, creditCode: null });
    expect(agencies).toHaveLength(2);

    const expected = {
      'demo-admin': ['sysAdmin', null],
      'demo-agency-admin': ['agencyAdmin', agency!.id],
      'demo-handler': ['handler', agency!.id],
      'demo-reviewer': ['reviewer', agency!.id],
      'demo-head': ['head', agency!.id],
      'demo-supervisor': ['supervisor', government!.id],
    } as const;
    const people = await store.listPeople(services.db, 'all');
    expect(people.map((p) => p.username).sort()).toEqual(Object.keys(expected).sort());
    for (const person of people) {
      expect(person.demo).toBe(true);
      const grants = await store.listGrants(services.db, person.id);
      expect(grants.map((g) => [g.role, g.agencyId])).toEqual([expected[person.username as keyof typeof expected]]);
    }

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('演示账号');
    expect(warnings[0]).toContain(DEMO_PASSWORD);
    expect(warnings[0]).toContain('本机地址');
  });

  it('each demo person signs in with the published password on loopback, and is refused otherwise', async () => {
    for (const { username } of DEMO_ACCOUNTS) {
      expect((await signInAs(services, username, true)).ok).toBe(true);
      expect(await signInAs(services, username, false)).toEqual({ ok: false, reason: 'demo-remote' });
    }
  });

  it('a second start changes nothing and logs nothing', async () => {
    const before = await counts(services);
    const { services: logged, warnings } = capturing(services);
    await seedDemoAccounts(logged);
    expect(await counts(services)).toEqual(before);
    expect(warnings).toEqual([]);
  });
});

describe('demo accounts elsewhere', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });
  afterAll(async () => {
    await services.close();
  });

  it('a deployment requiring longer passwords gets the demo agencies but no demo people, and still starts; the next start finishes the seed', async () => {
    const strict = capturing({ ...services, config: { ...services.config, passwordMinLength: 20 } });
    await seedDemoAccounts(strict.services);
    expect((await store.listAgencies(services.db)).map((a) => a.name).sort()).toEqual([DEMO_AGENCY_NAME, DEMO_GOVERNMENT_NAME].sort());
    expect(await store.listPeople(services.db, 'all')).toEqual([]);
    expect(strict.warnings.join('\n')).toContain('未建立演示账号');

    // Only demo data is there, so the seed (a start with the default policy) completes it.
    await seedDemoAccounts(capturing(services).services);
    expect(await store.listPeople(services.db, 'all')).toHaveLength(DEMO_ACCOUNTS.length);
    expect(await store.listAgencies(services.db)).toHaveLength(2);
  });

  it('a database holding a real person or agency gets no demo data', async () => {
    const other = await createTestServices();
    try {
      await addPerson(other, 'real.admin', [['sysAdmin', null]]);
      await seedDemoAccounts(capturing(other).services);
      expect((await store.listPeople(other.db, 'all')).map((p) => p.username)).toEqual(['real.admin']);
      expect(await store.listAgencies(other.db)).toEqual([]);
    } finally {
      await other.close();
    }
    const another = await createTestServices();
    try {
      await addAgency(another, '某市人民政府', 'government');
      const before = await counts(another);
      await seedDemoAccounts(capturing(another).services);
      expect(await counts(another)).toEqual(before);
    } finally {
      await another.close();
    }
  });
});
