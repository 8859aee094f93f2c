/**
 * Account use-cases: agencies (create, rename, edit contact facts, close), people (create, grant and
 * revoke roles, passwords, disable) and API tokens. Each checks who may do it (core/roles.ts), owns
 * its transaction and writes the audit log with the fields before and after.
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { writeAudit, type Actor } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { withTransaction } from '../db/transaction.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { PasswordPolicy } from './core/password-policy.ts';
import { AGENCY_KIND_LABELS, mayGrant, ROLE_LABELS, wouldCycle, type ReachingGrant, type Role } from './core/roles.ts';
import { z } from 'zod';
import { agencyContactSchema, agencyNameSchema, fieldError, newAgencySchema, parseFields, personEmailSchema, personNameSchema, roleSchema, shortNameSchema, usernameSchema } from './fields.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './passwords.ts';
import * as store from './store.ts';
import type { Agency, AgencyFields, ApiToken, Person } from './store.ts';

/** Who is acting and with which grants (a command line acts with every right). */
export interface Acting {
  actor: Actor;
  /** null: the command line (an operator on the server). */
  grants: readonly ReachingGrant[] | null;
  ip?: string | null | undefined;
}

const isOperator = (a: Acting) => a.grants === null;
const isSysAdmin = (a: Acting) => a.grants === null || a.grants.some((g) => g.role === 'sysAdmin');

function requireSysAdmin(acting: Acting): void {
  if (!isSysAdmin(acting)) throw new ForbiddenError('accounts.forbidden', '只有系统管理员可以新建、改名或撤销机关。');
}

/** Fields that differ, as { before, after } for the audit log. */
function changes<T extends object>(before: T, after: T, keys: readonly (keyof T)[]): { before: Partial<T>; after: Partial<T> } | undefined {
  const changed = keys.filter((k) => before[k] !== after[k]);
  if (changed.length === 0) return undefined;
  return { before: Object.fromEntries(changed.map((k) => [k, before[k]])) as Partial<T>, after: Object.fromEntries(changed.map((k) => [k, after[k]])) as Partial<T> };
}

async function openAgencyOrThrow(db: Queryable, id: number, field = 'agencyId'): Promise<Agency> {
  const agency = await store.getAgency(db, id);
  if (!agency || agency.closedAt) throw fieldError(field, `没有编号为 ${id} 的机关（或已撤销）`);
  return agency;
}

/** Finds an open agency by its name, for commands (`--agency NAME`, `--parent NAME`). */
export async function agencyByName(db: Queryable, name: string, field = 'agency'): Promise<Agency> {
  const agency = await store.findOpenAgencyByName(db, name.trim());
  if (!agency) throw fieldError(field, `没有名为“${name.trim().slice(0, 100)}”的机关（名称须与 gongkai agency list 列出的完全一致）`);
  return agency;
}

async function checkParent(db: Queryable, kind: Agency['kind'], parentId: number | null): Promise<void> {
  if (parentId === null) return;
  const parent = await openAgencyOrThrow(db, parentId, 'parent');
  if (kind === 'government' && parent.kind !== 'government') {
    throw fieldError('parent', `人民政府的上级只能是人民政府：“${parent.name}”是${AGENCY_KIND_LABELS[parent.kind]}`);
  }
}

async function checkUnique(db: Queryable, name: string, creditCode: string | null, exceptId?: number): Promise<void> {
  const same = await store.findOpenAgencyByName(db, name);
  if (same && same.id !== exceptId) throw new ConflictError('accounts.agency_exists', `已有名为“${name}”的机关（编号 ${same.id}）`, { field: 'name', id: same.id });
  if (creditCode) {
    const code = await store.findOpenAgencyByCreditCode(db, creditCode);
    if (code && code.id !== exceptId) throw new ConflictError('accounts.credit_code_exists', `统一社会信用代码 ${creditCode} 已属于“${code.name}”`, { field: 'creditCode', id: code.id });
  }
}

/** Creates an agency (sysAdmin). */
export async function createAgency(pool: pg.Pool, acting: Acting, input: unknown): Promise<Agency> {
  requireSysAdmin(acting);
  const fields = parseFields(newAgencySchema, input) as AgencyFields;
  return withTransaction(pool, async (tx) => {
    await checkParent(tx, fields.kind, fields.parentId);
    await checkUnique(tx, fields.name, fields.creditCode);
    const agency = await store.insertAgency(tx, fields);
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'agency.create', subject: `agency:${agency.id}`, agencyId: agency.id, details: { after: fields } });
    return agency;
  });
}

/** Renames an agency, or changes its short name, credit code or parent (sysAdmin); the old name stays in its history. */
export async function reviseAgency(pool: pg.Pool, acting: Acting, id: number, input: { name?: string; shortName?: string; creditCode?: string; parentId?: number | null }): Promise<Agency> {
  requireSysAdmin(acting);
  return withTransaction(pool, async (tx) => {
    const before = await openAgencyOrThrow(tx, id);
    const next: Partial<AgencyFields> = {};
    if (input.name !== undefined) next.name = parseFields(agencyNameSchema, input.name);
    if (input.shortName !== undefined) next.shortName = parseFields(shortNameSchema, input.shortName);
    if (input.creditCode !== undefined) next.creditCode = parseFields(newAgencySchema.shape.creditCode, input.creditCode);
    if (input.parentId !== undefined) {
      if (input.parentId !== null && wouldCycle(await store.listAgencies(tx, { includeClosed: true }), id, input.parentId)) {
        throw fieldError('parent', '上级机关不能是本机关或它的下级机关');
      }
      await checkParent(tx, before.kind, input.parentId);
      next.parentId = input.parentId;
    }
    await checkUnique(tx, next.name ?? before.name, next.creditCode ?? null, id);
    const after = await store.updateAgency(tx, id, next);
    const diff = changes(before, after, ['name', 'shortName', 'creditCode', 'parentId']);
    if (diff) await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: diff.after.name !== undefined ? 'agency.rename' : 'agency.update', subject: `agency:${id}`, agencyId: id, details: diff });
    return after;
  });
}

/** Edits the public contact facts (sysAdmin, or the agency's own agencyAdmin). */
export async function updateAgencyContacts(pool: pg.Pool, acting: Acting, id: number, input: unknown): Promise<Agency> {
  const fields = parseFields(agencyContactSchema, input);
  return withTransaction(pool, async (tx) => {
    const before = await openAgencyOrThrow(tx, id);
    const after = await store.updateAgency(tx, id, fields);
    const diff = changes(before, after, ['address', 'postcode', 'phone', 'fax', 'email', 'officeHours']);
    if (diff) await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'agency.contacts', subject: `agency:${id}`, agencyId: id, details: diff });
    return after;
  });
}

/** Closes an agency (sysAdmin): never deleted, its records stay; refused while it has open agencies under it. */
export async function closeAgency(pool: pg.Pool, acting: Acting, id: number): Promise<void> {
  requireSysAdmin(acting);
  await withTransaction(pool, async (tx) => {
    const agency = await openAgencyOrThrow(tx, id);
    const children = (await store.listAgencies(tx)).filter((a) => a.parentId === id);
    if (children.length > 0) {
      throw new ConflictError('accounts.agency_has_children', `“${agency.name}”下还有 ${children.length} 个机关（${children.slice(0, 3).map((c) => c.name).join('、')}${children.length > 3 ? '等' : ''}）：请先撤销或改隶它们`, { children: children.map((c) => c.id) });
    }
    await store.closeAgency(tx, id);
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'agency.close', subject: `agency:${id}`, agencyId: id, details: { name: agency.name } });
  });
}

/** A role to grant: the role and the agency (none for sysAdmin). */
export interface RoleOn {
  role: Role;
  agencyId: number | null;
}

async function checkRoleTarget(db: Queryable, grant: RoleOn): Promise<void> {
  if (grant.role === 'sysAdmin') {
    if (grant.agencyId !== null) throw fieldError('agency', '系统管理员是整个系统的角色，不授予在某个机关');
    return;
  }
  if (grant.agencyId === null) throw fieldError('agency', `授予${ROLE_LABELS[grant.role]}须指定机关`);
  const agency = await openAgencyOrThrow(db, grant.agencyId, 'agency');
  if (grant.role === 'supervisor' && agency.kind !== 'government') {
    throw fieldError('role', `监督员只能授予在人民政府上（“${agency.name}”是${AGENCY_KIND_LABELS[agency.kind]}）`);
  }
}

function requireMayGrant(acting: Acting, grant: RoleOn, personId: number | null): void {
  if (isOperator(acting)) return;
  const self = acting.actor.kind === 'person' && acting.actor.personId === personId;
  if (!mayGrant(acting.grants ?? [], grant.role, grant.agencyId, self)) {
    throw new ForbiddenError('accounts.forbidden', self ? '不能给自己授予或撤销角色：请另一位管理员操作。' : `您无权授予或撤销“${ROLE_LABELS[grant.role]}”角色。`);
  }
}

/** Creates a person with a password and roles (sysAdmin; agencyAdmin for their agency's roles). */
export async function createPerson(pool: pg.Pool, acting: Acting, input: { username: string; name: string; password: string; roles: readonly RoleOn[]; demo?: boolean; email?: string }, policy: PasswordPolicy): Promise<Person> {
  const username = parseFields(usernameSchema, input.username);
  const name = parseFields(personNameSchema, input.name);
  const email = parseFields(z.object({ email: personEmailSchema }), { email: input.email ?? '' }).email;
  if (input.roles.length === 0 && !isSysAdmin(acting)) throw fieldError('role', '请至少授予一个角色');
  for (const r of input.roles) requireMayGrant(acting, { role: parseFields(roleSchema, r.role), agencyId: r.agencyId }, null);
  assertPasswordAcceptable(input.password, { username, name }, policy);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(pool, async (tx) => {
    if (await store.getCredentials(tx, username)) throw new ConflictError('accounts.username_taken', `用户名“${username}”已被使用，请换一个`, { field: 'username' });
    for (const r of input.roles) await checkRoleTarget(tx, r);
    const person = await store.insertPerson(tx, { username, name, passwordHash, demo: input.demo, email });
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'person.create', subject: `person:${person.id}`, agencyId: input.roles[0]?.agencyId ?? null, details: { after: { username, name } } });
    for (const r of input.roles) {
      await store.insertGrant(tx, { personId: person.id, agencyId: r.agencyId, role: r.role, grantedBy: acting.actor.kind === 'person' ? acting.actor.personId : null });
      await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'person.grant', subject: `person:${person.id}`, agencyId: r.agencyId, details: { role: r.role } });
    }
    return person;
  });
}

/** Grants a role; true when it was new. */
export async function grantRole(pool: pg.Pool, acting: Acting, personId: number, grant: RoleOn): Promise<boolean> {
  requireMayGrant(acting, grant, personId);
  return withTransaction(pool, async (tx) => {
    if (!(await store.getPerson(tx, personId))) throw new NotFoundError('accounts.person_not_found', '没有这个人员');
    await checkRoleTarget(tx, grant);
    const added = await store.insertGrant(tx, { personId, agencyId: grant.agencyId, role: grant.role, grantedBy: acting.actor.kind === 'person' ? acting.actor.personId : null });
    if (added) await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'person.grant', subject: `person:${personId}`, agencyId: grant.agencyId, details: { role: grant.role } });
    return added;
  });
}

/** Revokes a role; refuses to remove the last sysAdmin of the deployment. */
export async function revokeRole(pool: pg.Pool, acting: Acting, personId: number, grant: RoleOn): Promise<boolean> {
  requireMayGrant(acting, grant, personId);
  return withTransaction(pool, async (tx) => {
    if (grant.role === 'sysAdmin') {
      const { rows } = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM role_grants g JOIN people p ON p.id = g.person_id WHERE g.role = 'sysAdmin' AND p.disabled_at IS NULL AND g.person_id <> $1", [personId]);
      if ((rows[0]?.n ?? 0) === 0) throw new ConflictError('accounts.last_admin', '这是最后一位系统管理员，不能撤销：请先授予另一人系统管理员角色。');
    }
    const removed = await store.deleteGrant(tx, { personId, ...grant });
    if (removed) await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'person.revoke', subject: `person:${personId}`, agencyId: grant.agencyId, details: { role: grant.role } });
    return removed;
  });
}

/**
 * May the actor take over another person's account (reset the password, disable it, create or revoke
 * its tokens)? Only who could have granted every role the person holds: an agencyAdmin may not reset a
 * supervisor's password and then sign in as them. A person with no role is a sysAdmin's to manage.
 */
async function requireMayManageAccount(db: Queryable, acting: Acting, personId: number): Promise<void> {
  if (isOperator(acting)) return;
  if (acting.actor.kind === 'person' && acting.actor.personId === personId) return;
  const held = await store.listGrants(db, personId);
  const allowed = held.length === 0 ? isSysAdmin(acting) : held.every((g) => mayGrant(acting.grants ?? [], g.role, g.agencyId, false));
  if (!allowed) throw new ForbiddenError('accounts.forbidden', '您无权管理这个人员的账号：他（她）持有您不能授予的角色。');
}

/** The agency a change to a person's account is recorded for (their first agency), so its administrators see it. */
async function agencyOfPerson(db: Queryable, personId: number): Promise<number | null> {
  return (await store.listGrants(db, personId)).find((g) => g.agencyId !== null)?.agencyId ?? null;
}

/** Sets a person's password: their own (with the current one) or, for an administrator, anyone's; ends their other sessions. */
export async function setPassword(pool: pg.Pool, acting: Acting, personId: number, input: { current?: string; password: string; keepSession?: Buffer }, policy: PasswordPolicy): Promise<void> {
  const person = await store.getCredentialsById(pool, personId);
  if (!person) throw new NotFoundError('accounts.person_not_found', '没有这个人员');
  const self = acting.actor.kind === 'person' && acting.actor.personId === personId;
  await requireMayManageAccount(pool, acting, personId);
  if (self && !(person.passwordHash && input.current !== undefined && (await verifyPassword(person.passwordHash, input.current)))) {
    throw fieldError('current', '当前密码不正确');
  }
  assertPasswordAcceptable(input.password, { username: person.username, name: person.name }, policy);
  const passwordHash = await hashPassword(input.password);
  await withTransaction(pool, async (tx) => {
    await store.updatePerson(tx, personId, { passwordHash });
    const ended = await store.deletePersonSessions(tx, personId, self ? input.keepSession : undefined);
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: self ? 'person.password' : 'person.password_reset', subject: `person:${personId}`, agencyId: await agencyOfPerson(tx, personId), details: { sessionsEnded: ended } });
  });
}

/** Sets a person's work e-mail (their own, or by who may manage their account); '' clears it. */
export async function setEmail(pool: pg.Pool, acting: Acting, personId: number, raw: string): Promise<void> {
  const email = parseFields(z.object({ email: personEmailSchema }), { email: raw }).email;
  await withTransaction(pool, async (tx) => {
    const before = await store.getPerson(tx, personId);
    if (!before) throw new NotFoundError('accounts.person_not_found', '没有这个人员');
    await requireMayManageAccount(tx, acting, personId);
    if (before.email === email) return;
    await store.updatePerson(tx, personId, { email });
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'person.email', subject: `person:${personId}`, agencyId: await agencyOfPerson(tx, personId), details: { before: { email: before.email }, after: { email } } });
  });
}

/** Disables or enables a person (sysAdmin or an agencyAdmin of every agency they hold roles in); disabling ends their sessions. */
export async function setPersonDisabled(pool: pg.Pool, acting: Acting, personId: number, disabled: boolean): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const person = await store.getPerson(tx, personId);
    if (!person) throw new NotFoundError('accounts.person_not_found', '没有这个人员');
    if (acting.actor.kind === 'person' && acting.actor.personId === personId) throw new ForbiddenError('accounts.forbidden', '不能停用自己的账号。');
    await requireMayManageAccount(tx, acting, personId);
    await store.updatePerson(tx, personId, { disabled });
    if (disabled) await store.deletePersonSessions(tx, personId);
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: disabled ? 'person.disable' : 'person.enable', subject: `person:${personId}`, agencyId: await agencyOfPerson(tx, personId) });
  });
}

/** A new API token: the secret, shown once, and its record. */
export async function createApiToken(pool: pg.Pool, acting: Acting, personId: number, input: { label?: string; expiresDays?: number | null }): Promise<{ token: string; record: ApiToken }> {
  const person = await store.getPerson(pool, personId);
  if (!person || person.disabledAt) throw new NotFoundError('accounts.person_not_found', '没有这个人员（或已停用）');
  await requireMayManageAccount(pool, acting, personId);
  const expiresDays = input.expiresDays ?? null;
  if (expiresDays !== null && (!Number.isInteger(expiresDays) || expiresDays < 1 || expiresDays > 3650)) throw fieldError('expiresDays', '有效天数应为 1–3650 之间的整数');
  const token = `gk_${randomBytes(32).toString('base64url')}`;
  return withTransaction(pool, async (tx) => {
    const record = await store.insertToken(tx, { personId, label: (input.label ?? '').trim().slice(0, 100), tokenHash: tokenHash(token), prefix: token.slice(0, 10), expiresDays });
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'token.create', subject: `person:${personId}`, agencyId: await agencyOfPerson(tx, personId), details: { tokenId: record.id, expiresDays } });
    return { token, record };
  });
}

export async function revokeApiToken(pool: pg.Pool, acting: Acting, personId: number, tokenId: number): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await requireMayManageAccount(tx, acting, personId);
    if (!(await store.revokeToken(tx, personId, tokenId))) throw new NotFoundError('accounts.token_not_found', '没有这个令牌（或已撤销）');
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'token.revoke', subject: `person:${personId}`, agencyId: await agencyOfPerson(tx, personId), details: { tokenId } });
  });
}

/** SHA-256 of a session or API token: only this is stored. */
export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
