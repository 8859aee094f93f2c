/**
 * People and sessions for tests: an agency tree, a person holding roles, and the cookie of a signed-in
 * browser session (made through the real sign-in use-case, not by writing rows).
 */
import type { Role } from '../../src/platform/accounts/core/roles.ts';
import { createAgency, createPerson, createApiToken, type Acting } from '../../src/platform/accounts/service.ts';
import { signIn } from '../../src/platform/accounts/sign-in.ts';
import type { Agency, Person } from '../../src/platform/accounts/store.ts';
import type { Services } from '../../src/platform/services.ts';

/** The command line acting (every right), as operators do. */
export const OPERATOR: Acting = { actor: { kind: 'cli', user: 'test' }, grants: null };

/** A password every test person has (passes the default policy). */
export const TEST_PASSWORD = 'correct-horse-battery-staple';

/** Creates an agency; the name must be unique in the test database. */
export async function addAgency(services: Services, name: string, kind: 'government' | 'department' = 'department', parent?: Agency): Promise<Agency> {
  return createAgency(services.db, OPERATOR, { name, kind, parentId: parent?.id ?? null });
}

/** Creates a person with roles ([role, agency] pairs; sysAdmin with no agency). */
export async function addPerson(services: Services, username: string, roles: readonly (readonly [Role, Agency | null])[]): Promise<Person> {
  return createPerson(services.db, OPERATOR, {
    username, name: `测试${username}`, password: TEST_PASSWORD, roles: roles.map(([role, agency]) => ({ role, agencyId: agency?.id ?? null })),
  }, { minLength: 10, forbidUsername: true, forbidCommon: true });
}

/** The Cookie header of a signed-in browser session of the person. */
export async function sessionCookie(services: Services, username: string, password = TEST_PASSWORD): Promise<string> {
  const result = await signIn(services.db, { username, password }, { ip: '127.0.0.1', userAgent: 'vitest' }, { sessionMaxSeconds: 3600, allowDemo: true });
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  if (result.needsTotp) throw new Error('this person needs a TOTP code');
  return `gk_session=${result.sessionToken}`;
}

/** An API token of the person (Authorization: Bearer …). */
export async function apiToken(services: Services, person: Person): Promise<string> {
  return (await createApiToken(services.db, OPERATOR, person.id, { label: 'test' })).token;
}
