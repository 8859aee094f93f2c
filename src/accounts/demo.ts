/**
 * The demo accounts (issue 16 §3 “First run”): on a database with no people and no agencies,
 * `npm start` creates the demo government and agency — the seed report's agency,
 * 阜新市太平区文化旅游和广播电视局, under 阜新市太平区人民政府 — and one demo person per role, so
 * that a first visitor can sign in and look around. Their one password is public (README
 * “账号与权限 / Accounts”); they are marked `demo`, and sign-in refuses them unless the server
 * listens on loopback only, so a deployment reachable from the network cannot be entered with them.
 */
import type { Role } from '../platform/accounts/core/roles.ts';
import { createAgency, createPerson, type Acting } from '../platform/accounts/service.ts';
import * as store from '../platform/accounts/store.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';

/** The demo people's government. */
export const DEMO_GOVERNMENT_NAME = '阜新市太平区人民政府';

/** The demo agency: the seed report's (the report room's demo report is stored for it, found by this name). */
export const DEMO_AGENCY_NAME = '阜新市太平区文化旅游和广播电视局';

/** Its short name, as its own report calls it. */
export const DEMO_AGENCY_SHORT_NAME = '太平区文旅局';

/**
 * The demo accounts' one password, published in the README: they sign in only on a server bound
 * to loopback. (The seed report states no address, phone or office hours, and no credit code, so
 * the demo agencies carry none: nothing here is invented.)
 */
export const DEMO_PASSWORD = 'gongkai-demo-2023';

/** One demo person: username, name, the role and where it is held. */
export interface DemoAccount {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  /** The agency of the role: the government, the agency, or none (sysAdmin). */
  readonly on: 'government' | 'agency' | null;
}

/** One demo person per role. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'demo-admin', name: '演示系统管理员', role: 'sysAdmin', on: null },
  { username: 'demo-agency-admin', name: '演示机关管理员', role: 'agencyAdmin', on: 'agency' },
  { username: 'demo-handler', name: '演示经办人', role: 'handler', on: 'agency' },
  { username: 'demo-reviewer', name: '演示审核人', role: 'reviewer', on: 'agency' },
  { username: 'demo-head', name: '演示负责人', role: 'head', on: 'agency' },
  { username: 'demo-supervisor', name: '演示监督员', role: 'supervisor', on: 'government' },
];

const SYSTEM: Acting = { actor: { kind: 'system' }, grants: null };

/**
 * Whether the database holds anything but the demo data: a person not marked demo, or an agency
 * by another name. Then the seed does nothing, ever. (Checking this rather than "no rows at all"
 * lets a start interrupted half-way through the seed finish it next time.)
 */
async function holdsRealAccounts(services: Services): Promise<boolean> {
  const { rows } = await services.db.query<{ used: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM people WHERE NOT demo) OR EXISTS (SELECT 1 FROM agencies WHERE name <> ALL($1::text[])) AS used',
    [[DEMO_GOVERNMENT_NAME, DEMO_AGENCY_NAME]],
  );
  return rows[0]?.used ?? true;
}

/** The agency of this name (closed too: a closed demo agency is not created again), or a new one. */
async function demoAgency(services: Services, existing: readonly Agency[], fields: { name: string; kind: Agency['kind']; shortName?: string; parentId: number | null }): Promise<{ agency: Agency; created: boolean }> {
  const found = existing.find((a) => a.name === fields.name);
  if (found) return { agency: found, created: false };
  return { agency: await createAgency(services.db, SYSTEM, fields), created: true };
}

/**
 * Creates the demo government, agency and people on a database that holds no other accounts;
 * idempotent (what exists is left as it is). Says in the log that they are demo accounts.
 */
export async function seedDemoAccounts(services: Services): Promise<void> {
  if (await holdsRealAccounts(services)) return;
  const agencies = await store.listAgencies(services.db, { includeClosed: true });
  const government = await demoAgency(services, agencies, { name: DEMO_GOVERNMENT_NAME, kind: 'government', parentId: null });
  const agency = await demoAgency(services, agencies, { name: DEMO_AGENCY_NAME, kind: 'department', shortName: DEMO_AGENCY_SHORT_NAME, parentId: government.agency.id });
  const policy = { minLength: services.config.passwordMinLength, forbidUsername: true, forbidCommon: true };
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await store.getCredentials(services.db, account.username)) continue;
    const on = account.on === null ? null : account.on === 'government' ? government.agency : agency.agency;
    // A demo agency closed by an administrator keeps its people as they are.
    if (on?.closedAt) continue;
    try {
      await createPerson(services.db, SYSTEM, {
        username: account.username, name: account.name, password: DEMO_PASSWORD, demo: true,
        roles: [{ role: account.role, agencyId: on?.id ?? null }],
      }, policy);
    } catch (error) {
      // A deployment may require longer passwords than the demo one: then it has no demo people, and still starts.
      if (!(error instanceof AppError && error.code === 'accounts.weak_password')) throw error;
      services.logger.warn({ reason: error.message }, '演示账号的密码不符合本系统的密码要求（GONGKAI_PASSWORD_MIN_LENGTH），未建立演示账号');
      return;
    }
    created.push(account.username);
  }
  if (created.length > 0 || government.created || agency.created) {
    services.logger.warn(
      { usernames: created, agencies: [DEMO_GOVERNMENT_NAME, DEMO_AGENCY_NAME] },
      `已建立演示账号（${created.join('、')}），密码公开（均为 ${DEMO_PASSWORD}，见 README）。演示账号只在服务器只监听本机地址（HOST=127.0.0.1，默认）时可以登录，对外提供服务时无法用它们登录；正式使用前请用 gongkai user add 建立自己的系统管理员，并停用演示账号。`,
    );
  }
}
