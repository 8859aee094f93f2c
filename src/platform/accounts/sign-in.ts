/**
 * Sign-in: password (Argon2id), then the TOTP code for a person who enabled it; lockout with back-off
 * per account name and per address; server-side sessions (a new random id at every sign-in, only its
 * hash stored); API tokens; the viewer a request acts as.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { writeAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { withTransaction } from '../db/transaction.ts';
import { reachingGrantsAt } from './agency-tree.ts';
import type { ReachingGrant } from './core/roles.ts';
import { verifyTotp } from './core/totp.ts';
import { verifyNothing, verifyPassword } from './passwords.ts';
import { tokenHash } from './service.ts';
import * as store from './store.ts';

/** The signed-in person a request acts as. */
export interface Viewer {
  personId: number;
  username: string;
  name: string;
  grants: readonly ReachingGrant[];
  /**
   * The version of the agency tree (migration 0007's counter) the grants were worked out at: what a
   * query that asks the database for "the agencies under G" keeps a result for.
   */
  treeVersion?: number | undefined;
  /** Signed in with an API token (not a browser session). */
  tokenId?: number | undefined;
}

/** Account lockout: after 5 failures, 1 minute, doubling per further failure, at most 1 hour. */
export function accountLockSeconds(failures: number): number {
  return failures < 5 ? 0 : Math.min(3600, 60 * 2 ** (failures - 5));
}
/** Address lockout: after 20 failures (many accounts from one place), the same back-off. */
export function addressLockSeconds(failures: number): number {
  return failures < 20 ? 0 : Math.min(3600, 60 * 2 ** (failures - 20));
}

/** Where a sign-in comes from. */
export interface Client {
  ip: string | null;
  userAgent: string | null;
}

/** The outcome of a password step. */
export type SignInResult =
  | { ok: true; sessionToken: string; csrfToken: string; needsTotp: boolean; personId: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; waitSeconds: number }
  | { ok: false; reason: 'demo-remote' };

/** Options of signIn. */
export interface SignInOptions {
  sessionMaxSeconds: number;
  /** Demo accounts sign in only on a server listening on loopback. */
  allowDemo: boolean;
}

const userKey = (username: string) => `user:${username.trim().toLowerCase().slice(0, 64)}`;
const ipKey = (ip: string | null) => `ip:${ip ?? 'unknown'}`;

/**
 * The password step. The answer for an unknown name, a wrong password and a disabled account is the
 * same, and takes as long (enumeration); failures count per name (known or not) and per address.
 */
export async function signIn(pool: pg.Pool, input: { username: string; password: string }, client: Client, options: SignInOptions): Promise<SignInResult> {
  // What PostgreSQL cannot store (NUL, lone surrogates) and other control characters cannot be in a
  // username: dropped before the name becomes a throttle key or an audit detail.
  const username = input.username.replace(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').trim().toLowerCase();
  const [byUser, byIp] = await Promise.all([store.getThrottle(pool, userKey(username)), store.getThrottle(pool, ipKey(client.ip))]);
  const wait = Math.max(byUser.lockedForSeconds, byIp.lockedForSeconds);
  if (wait > 0) return { ok: false, reason: 'locked', waitSeconds: wait };

  const person = /^[a-z0-9][a-z0-9._-]{2,31}$/.test(username) ? await store.getCredentials(pool, username) : undefined;
  const password = input.password.slice(0, 1024);
  const ok = person?.passwordHash && !person.disabledAt ? await verifyPassword(person.passwordHash, password) : (await verifyNothing(password), false);
  if (!ok || !person) {
    await withTransaction(pool, async (tx) => {
      const u = await store.recordFailure(tx, userKey(username), accountLockSeconds);
      await store.recordFailure(tx, ipKey(client.ip), addressLockSeconds);
      await writeAudit(tx, {
        actor: { kind: 'anonymous' }, ip: client.ip, action: 'signin.fail', subject: person ? `person:${person.id}` : undefined,
        details: { username: username.slice(0, 64), failures: u.failures, locked: u.lockedForSeconds > 0 },
      });
    });
    return { ok: false, reason: 'invalid' };
  }
  if (person.demo && !options.allowDemo) return { ok: false, reason: 'demo-remote' };

  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await withTransaction(pool, async (tx) => {
    await store.clearThrottle(tx, userKey(username));
    await store.insertSession(tx, {
      tokenHash: tokenHash(sessionToken), personId: person.id, csrfToken, complete: !person.totpEnabled, maxSeconds: options.sessionMaxSeconds, ...client,
    });
    await writeAudit(tx, {
      actor: { kind: 'person', personId: person.id, username: person.username }, ip: client.ip,
      action: person.totpEnabled ? 'signin.password' : 'signin', subject: `person:${person.id}`, details: { userAgent: client.userAgent?.slice(0, 200) ?? null },
    });
  });
  return { ok: true, sessionToken, csrfToken, needsTotp: person.totpEnabled, personId: person.id };
}

/** The TOTP step of a session that passed the password step. */
export async function completeTotp(pool: pg.Pool, sessionToken: string, code: string, client: Client, nowMs: number): Promise<{ ok: true } | { ok: false; reason: 'invalid' | 'reused' | 'locked' | 'expired'; waitSeconds?: number }> {
  const hash = tokenHash(sessionToken);
  const session = await store.findSession(pool, hash);
  if (!session || session.complete) return { ok: false, reason: 'expired' };
  const person = await store.getCredentialsById(pool, session.personId);
  if (!person?.totpSecret || person.disabledAt) return { ok: false, reason: 'expired' };
  const throttle = await store.getThrottle(pool, userKey(person.username));
  if (throttle.lockedForSeconds > 0) return { ok: false, reason: 'locked', waitSeconds: throttle.lockedForSeconds };
  const check = verifyTotp({ secret: person.totpSecret, code, nowMs, lastUsedStep: person.totpLastStep });
  const actor = { kind: 'person' as const, personId: person.id, username: person.username };
  if (!check.ok) {
    await withTransaction(pool, async (tx) => {
      await store.recordFailure(tx, userKey(person.username), accountLockSeconds);
      await writeAudit(tx, { actor, ip: client.ip, action: 'signin.totp_fail', subject: `person:${person.id}`, details: { reason: check.reason } });
    });
    return { ok: false, reason: check.reason === 'reused' ? 'reused' : 'invalid' };
  }
  await withTransaction(pool, async (tx) => {
    await store.updatePerson(tx, person.id, { totpLastStep: check.step });
    await store.clearThrottle(tx, userKey(person.username));
    await store.completeSession(tx, hash);
    await writeAudit(tx, { actor, ip: client.ip, action: 'signin', subject: `person:${person.id}`, details: { secondFactor: 'totp' } });
  });
  return { ok: true };
}

/** A browser session as a request finds it. */
export interface SessionState {
  viewer: Viewer;
  csrfToken: string;
  /** false: the password was given, the TOTP code not yet. */
  complete: boolean;
}

/** How often a session's last-seen time is written (not on every request). */
const TOUCH_EVERY_SECONDS = 60;

/** The session of a cookie, unless it expired (absolute lifetime, or idle longer than `idleSeconds`). */
export async function sessionFor(db: Queryable, sessionToken: string, idleSeconds: number): Promise<SessionState | undefined> {
  const hash = tokenHash(sessionToken);
  const session = await store.findSessionWithPerson(db, hash);
  if (!session) return undefined;
  if (session.idleSeconds > idleSeconds) {
    await store.deleteSession(db, hash);
    return undefined;
  }
  const { person } = session;
  if (person.disabledAt) return undefined;
  const viewer: Viewer = { personId: person.id, username: person.username, name: person.name, grants: await reachingGrantsAt(db, session.roles, session.treeVersion), treeVersion: session.treeVersion };
  if (session.idleSeconds > TOUCH_EVERY_SECONDS) await store.touchSession(db, hash);
  return { viewer, csrfToken: session.csrfToken, complete: session.complete };
}

/** The person of an API token (`Authorization: Bearer gk_…`), unless revoked, expired or disabled. */
export async function viewerForApiToken(db: Queryable, token: string): Promise<Viewer | undefined> {
  if (!/^gk_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const record = await store.useToken(db, tokenHash(token));
  if (!record) return undefined;
  const viewer = await viewerOf(db, record.personId);
  return viewer && { ...viewer, tokenId: record.id };
}

async function viewerOf(db: Queryable, personId: number): Promise<Viewer | undefined> {
  const found = await store.getPersonWithRoles(db, personId);
  if (!found || found.person.disabledAt) return undefined;
  const { person } = found;
  return { personId: person.id, username: person.username, name: person.name, grants: await reachingGrantsAt(db, found.roles, found.treeVersion), treeVersion: found.treeVersion };
}

/** Signs out this session, or every session of its person. */
export async function signOut(pool: pg.Pool, sessionToken: string, everywhere: boolean, client: Client): Promise<void> {
  const hash = tokenHash(sessionToken);
  const session = await store.findSession(pool, hash);
  if (!session) return;
  const person = await store.getPerson(pool, session.personId);
  await withTransaction(pool, async (tx) => {
    const ended = everywhere ? await store.deletePersonSessions(tx, session.personId) : (await store.deleteSession(tx, hash), 1);
    if (person) {
      await writeAudit(tx, { actor: { kind: 'person', personId: person.id, username: person.username }, ip: client.ip, action: everywhere ? 'signout.everywhere' : 'signout', subject: `person:${person.id}`, details: { sessionsEnded: ended } });
    }
  });
}
