/**
 * The person's own account: what /me shows (roles per agency, sessions, API tokens), and the TOTP
 * second factor's enrolment (a new secret, confirmed by a code before it is required) and removal
 * (with the password). Password changes and tokens are src/platform/accounts/service.ts's.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { ROLE_LABELS } from '../platform/accounts/core/roles.ts';
import { totpSecretFromBytes, totpUri, TOTP_SECRET_BYTES, verifyTotp } from '../platform/accounts/core/totp.ts';
import { fieldError } from '../platform/accounts/fields.ts';
import { verifyPassword } from '../platform/accounts/passwords.ts';
import type { Acting } from '../platform/accounts/service.ts';
import * as store from '../platform/accounts/store.ts';
import type { ApiToken, Person } from '../platform/accounts/store.ts';
import { totpQrSvg } from '../platform/accounts/totp-qr.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ConflictError, NotFoundError } from '../platform/errors.ts';

/** The issuer authenticator apps list the account under. */
const TOTP_ISSUER = 'Gongkai';

/** A role as the page names it: the role and the agency (none: the whole deployment). */
export interface RoleLine {
  role: string;
  agency: string | null;
}

/** What /me shows. */
export interface MyAccount {
  person: Person;
  roles: RoleLine[];
  /** Sessions not yet expired, this browser's included. */
  sessions: number;
  tokens: ApiToken[];
}

const personOrThrow = async (db: Queryable, personId: number) => {
  const person = await store.getCredentialsById(db, personId);
  if (!person) throw new NotFoundError('accounts.person_not_found', '没有这个人员');
  return person;
};

/** The person's account as /me shows it. */
export async function loadMyAccount(db: Queryable, personId: number): Promise<MyAccount> {
  const [person, grants, sessions, tokens] = await Promise.all([
    store.getPerson(db, personId), store.listGrants(db, personId), store.countPersonSessions(db, personId), store.listTokens(db, personId),
  ]);
  if (!person) throw new NotFoundError('accounts.person_not_found', '没有这个人员');
  const ids = grants.flatMap((g) => (g.agencyId === null ? [] : [g.agencyId]));
  const names = new Map((ids.length > 0 ? await store.listAgencies(db, { ids, includeClosed: true }) : []).map((a) => [a.id, a.name]));
  const roles = grants.map((g) => ({ role: ROLE_LABELS[g.role], agency: g.agencyId === null ? null : names.get(g.agencyId) ?? `机关 ${g.agencyId}` }));
  return { person, roles, sessions, tokens };
}

/** Draws a new TOTP secret, stored but not yet required (the person confirms it with a code first). */
export async function startTotpEnrolment(pool: pg.Pool, personId: number): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const person = await personOrThrow(tx, personId);
    if (person.totpEnabled) throw new ConflictError('accounts.totp_enabled', '两步验证已经开启：如需更换手机，请先关闭再重新开启。');
    await store.updatePerson(tx, personId, { totpSecret: totpSecretFromBytes(randomBytes(TOTP_SECRET_BYTES)), totpEnabled: false });
  });
}

/** A TOTP enrolment in progress: the secret, its URI and QR code (SVG); undefined when none is. */
export async function pendingTotpEnrolment(db: Queryable, personId: number): Promise<{ secret: string; qrSvg: string } | undefined> {
  const person = await personOrThrow(db, personId);
  if (person.totpEnabled || !person.totpSecret) return undefined;
  return { secret: person.totpSecret, qrSvg: await totpQrSvg(totpUri({ secret: person.totpSecret, account: person.username, issuer: TOTP_ISSUER })) };
}

/**
 * Confirms the enrolment with a code of the new secret: from then on sign-in asks for a code. The
 * code's step is recorded as used, so it cannot also serve a sign-in.
 */
export async function confirmTotpEnrolment(pool: pg.Pool, acting: Acting, personId: number, code: string, nowMs: number): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const person = await personOrThrow(tx, personId);
    if (person.totpEnabled) return;
    if (!person.totpSecret) throw new ConflictError('accounts.totp_not_started', '请先点击“开启两步验证”。');
    const check = verifyTotp({ secret: person.totpSecret, code, nowMs, lastUsedStep: person.totpLastStep });
    if (!check.ok) {
      throw fieldError('code', check.reason === 'format' ? '请输入验证器应用显示的 6 位数字' : '验证码不正确：请确认已扫描本页的二维码，并输入当前显示的 6 位数字', 'accounts.totp_wrong');
    }
    await store.updatePerson(tx, personId, { totpEnabled: true, totpLastStep: check.step });
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'person.totp_enable', subject: `person:${personId}` });
  });
}

/** Turns the second factor off, with the person's current password. */
export async function disableTotp(pool: pg.Pool, acting: Acting, personId: number, password: string): Promise<void> {
  const person = await personOrThrow(pool, personId);
  if (!person.passwordHash || !(await verifyPassword(person.passwordHash, password.slice(0, 1024)))) {
    throw fieldError('password', '当前密码不正确');
  }
  await withTransaction(pool, async (tx) => {
    await store.updatePerson(tx, personId, { totpEnabled: false, totpSecret: null });
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: 'person.totp_disable', subject: `person:${personId}` });
  });
}
