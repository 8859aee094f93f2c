/**
 * Storage of agencies, people, role grants, sessions, API tokens and sign-in throttling. SQL only,
 * no decisions (service.ts decides); snake_case columns become camelCase here, once.
 */
import type { Queryable } from '../db/queryable.ts';
import type { AgencyKind, ReachingGrant, Role } from './core/roles.ts';

/** A 机关. */
export interface Agency {
  id: number;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  kind: AgencyKind;
  parentId: number | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  officeHours: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

/** The public contact facts of an agency (its 政府信息公开指南's). */
export const AGENCY_CONTACT_FIELDS = ['address', 'postcode', 'phone', 'fax', 'email', 'officeHours'] as const;
export type AgencyContactField = (typeof AGENCY_CONTACT_FIELDS)[number];

/** What is inserted or updated. */
export type AgencyFields = Pick<Agency, 'name' | 'shortName' | 'creditCode' | 'kind' | 'parentId' | AgencyContactField>;

const AGENCY_COLUMNS: Record<keyof AgencyFields, string> = {
  name: 'name', shortName: 'short_name', creditCode: 'credit_code', kind: 'kind', parentId: 'parent_id',
  address: 'address', postcode: 'postcode', phone: 'phone', fax: 'fax', email: 'email', officeHours: 'office_hours',
};

interface AgencyRow {
  id: number; name: string; short_name: string | null; credit_code: string | null; kind: AgencyKind; parent_id: number | null;
  address: string | null; postcode: string | null; phone: string | null; fax: string | null; email: string | null;
  office_hours: string | null; created_at: Date; closed_at: Date | null;
}

const toAgency = (r: AgencyRow): Agency => ({
  id: r.id, name: r.name, shortName: r.short_name, creditCode: r.credit_code, kind: r.kind, parentId: r.parent_id,
  address: r.address, postcode: r.postcode, phone: r.phone, fax: r.fax, email: r.email, officeHours: r.office_hours,
  createdAt: r.created_at, closedAt: r.closed_at,
});

/** Every agency (closed ones too when asked), parents before children within a name order. */
export async function listAgencies(db: Queryable, options: { includeClosed?: boolean; ids?: readonly number[] } = {}): Promise<Agency[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (!options.includeClosed) where.push('closed_at IS NULL');
  if (options.ids) {
    values.push(options.ids);
    where.push(`id = ANY($${values.length}::bigint[])`);
  }
  const { rows } = await db.query<AgencyRow>(`SELECT * FROM agencies ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`, values);
  return rows.map(toAgency);
}

export async function getAgency(db: Queryable, id: number): Promise<Agency | undefined> {
  const { rows } = await db.query<AgencyRow>('SELECT * FROM agencies WHERE id = $1', [id]);
  return rows[0] ? toAgency(rows[0]) : undefined;
}

/** The open agency of this name (names are unique among open agencies). */
export async function findOpenAgencyByName(db: Queryable, name: string): Promise<Agency | undefined> {
  const { rows } = await db.query<AgencyRow>('SELECT * FROM agencies WHERE name = $1 AND closed_at IS NULL', [name]);
  return rows[0] ? toAgency(rows[0]) : undefined;
}

export async function findOpenAgencyByCreditCode(db: Queryable, code: string): Promise<Agency | undefined> {
  const { rows } = await db.query<AgencyRow>('SELECT * FROM agencies WHERE credit_code = $1 AND closed_at IS NULL', [code]);
  return rows[0] ? toAgency(rows[0]) : undefined;
}

export async function insertAgency(db: Queryable, fields: AgencyFields): Promise<Agency> {
  const keys = Object.keys(AGENCY_COLUMNS) as (keyof AgencyFields)[];
  const { rows } = await db.query<AgencyRow>(
    `INSERT INTO agencies (${keys.map((k) => AGENCY_COLUMNS[k]).join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
    keys.map((k) => fields[k]),
  );
  const agency = toAgency(rows[0]!);
  await db.query('INSERT INTO agency_names (agency_id, name, since) VALUES ($1, $2, $3)', [agency.id, agency.name, agency.createdAt]);
  return agency;
}

/** Updates the given fields; a new name is added to the agency's name history. */
export async function updateAgency(db: Queryable, id: number, fields: Partial<AgencyFields>): Promise<Agency> {
  const keys = (Object.keys(fields) as (keyof AgencyFields)[]).filter((k) => fields[k] !== undefined);
  if (keys.length > 0) {
    await db.query(`UPDATE agencies SET ${keys.map((k, i) => `${AGENCY_COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...keys.map((k) => fields[k])]);
  }
  if (fields.name !== undefined) await db.query('INSERT INTO agency_names (agency_id, name, since) VALUES ($1, $2, clock_timestamp())', [id, fields.name]);
  return (await getAgency(db, id))!;
}

export async function closeAgency(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE agencies SET closed_at = now() WHERE id = $1 AND closed_at IS NULL', [id]);
}

/** The names an agency has had, oldest first. */
export async function agencyNameHistory(db: Queryable, id: number): Promise<{ name: string; since: Date }[]> {
  const { rows } = await db.query<{ name: string; since: Date }>('SELECT name, since FROM agency_names WHERE agency_id = $1 ORDER BY since', [id]);
  return rows;
}

/** A person as pages show them. */
export interface Person {
  id: number;
  username: string;
  name: string;
  /** Work e-mail, where deadline reminders go (null: none given). */
  email: string | null;
  totpEnabled: boolean;
  demo: boolean;
  createdAt: Date;
  disabledAt: Date | null;
}

/** A person with what sign-in checks. */
export interface PersonCredentials extends Person {
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastStep: number;
}

interface PersonRow {
  id: number; username: string; name: string; email: string | null; password_hash: string | null; totp_secret: string | null; totp_enabled: boolean;
  totp_last_step: number; demo: boolean; created_at: Date; disabled_at: Date | null;
}

const toPerson = (r: PersonRow): Person => ({
  id: r.id, username: r.username, name: r.name, email: r.email ?? null, totpEnabled: r.totp_enabled, demo: r.demo, createdAt: r.created_at, disabledAt: r.disabled_at,
});
const toCredentials = (r: PersonRow): PersonCredentials => ({ ...toPerson(r), passwordHash: r.password_hash, totpSecret: r.totp_secret, totpLastStep: r.totp_last_step });

export async function insertPerson(db: Queryable, p: { username: string; name: string; passwordHash: string; demo?: boolean; email?: string | null }): Promise<Person> {
  const { rows } = await db.query<PersonRow>(
    'INSERT INTO people (username, name, password_hash, password_set_at, demo, email) VALUES ($1, $2, $3, now(), $4, $5) RETURNING *',
    [p.username, p.name, p.passwordHash, p.demo ?? false, p.email ?? null],
  );
  return toPerson(rows[0]!);
}

export async function getPerson(db: Queryable, id: number): Promise<Person | undefined> {
  const { rows } = await db.query<PersonRow>('SELECT * FROM people WHERE id = $1', [id]);
  return rows[0] ? toPerson(rows[0]) : undefined;
}

export async function getCredentials(db: Queryable, username: string): Promise<PersonCredentials | undefined> {
  const { rows } = await db.query<PersonRow>('SELECT * FROM people WHERE username = $1', [username]);
  return rows[0] ? toCredentials(rows[0]) : undefined;
}

export async function getCredentialsById(db: Queryable, id: number): Promise<PersonCredentials | undefined> {
  const { rows } = await db.query<PersonRow>('SELECT * FROM people WHERE id = $1', [id]);
  return rows[0] ? toCredentials(rows[0]) : undefined;
}

export async function updatePerson(db: Queryable, id: number, fields: { name?: string; email?: string | null; passwordHash?: string; disabled?: boolean; totpSecret?: string | null; totpEnabled?: boolean; totpLastStep?: number }): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  const set = (sql: string, value: unknown) => {
    values.push(value);
    sets.push(`${sql} = $${values.length}`);
  };
  if (fields.name !== undefined) set('name', fields.name);
  if (fields.email !== undefined) set('email', fields.email);
  if (fields.passwordHash !== undefined) {
    set('password_hash', fields.passwordHash);
    sets.push('password_set_at = now()');
  }
  if (fields.disabled !== undefined) sets.push(fields.disabled ? 'disabled_at = coalesce(disabled_at, now())' : 'disabled_at = NULL');
  if (fields.totpSecret !== undefined) set('totp_secret', fields.totpSecret);
  if (fields.totpEnabled !== undefined) set('totp_enabled', fields.totpEnabled);
  if (fields.totpLastStep !== undefined) set('totp_last_step', fields.totpLastStep);
  if (sets.length > 0) await db.query(`UPDATE people SET ${sets.join(', ')} WHERE id = $1`, values);
}

/** People, optionally only those holding a role in one of the agencies. */
export async function listPeople(db: Queryable, agencyIds: 'all' | readonly number[]): Promise<Person[]> {
  const { rows } = agencyIds === 'all'
    ? await db.query<PersonRow>('SELECT * FROM people ORDER BY username')
    : await db.query<PersonRow>('SELECT * FROM people WHERE id IN (SELECT person_id FROM role_grants WHERE agency_id = ANY($1::bigint[])) ORDER BY username', [agencyIds]);
  return rows.map(toPerson);
}

/** A role grant. */
export interface Grant {
  id: number;
  personId: number;
  agencyId: number | null;
  role: Role;
  grantedAt: Date;
}

export async function listGrants(db: Queryable, personId: number): Promise<Grant[]> {
  const { rows } = await db.query<{ id: number; person_id: number; agency_id: number | null; role: Role; granted_at: Date }>(
    'SELECT id, person_id, agency_id, role, granted_at FROM role_grants WHERE person_id = $1 ORDER BY id', [personId]);
  return rows.map((r) => ({ id: r.id, personId: r.person_id, agencyId: r.agency_id, role: r.role, grantedAt: r.granted_at }));
}

/** Grants a role; false when the person already holds it there. */
export async function insertGrant(db: Queryable, g: { personId: number; agencyId: number | null; role: Role; grantedBy: number | null }): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO role_grants (person_id, agency_id, role, granted_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [g.personId, g.agencyId, g.role, g.grantedBy]);
  return rowCount === 1;
}

export async function deleteGrant(db: Queryable, g: { personId: number; agencyId: number | null; role: Role }): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM role_grants WHERE person_id = $1 AND coalesce(agency_id, 0) = coalesce($2::bigint, 0) AND role = $3', [g.personId, g.agencyId, g.role]);
  return rowCount === 1;
}

/**
 * A person's grants with the agencies each reaches: the agency itself, and for a supervisor every
 * agency under it (one recursive query).
 */
export async function reachingGrants(db: Queryable, personId: number): Promise<ReachingGrant[]> {
  const { rows } = await db.query<{ role: Role; agency_id: number | null; reaches: number[] }>(
    `WITH RECURSIVE g AS (SELECT role, agency_id FROM role_grants WHERE person_id = $1),
     reach (role, agency_id, reached) AS (
       SELECT role, agency_id, agency_id FROM g WHERE agency_id IS NOT NULL
       UNION
       SELECT r.role, r.agency_id, a.id FROM reach r JOIN agencies a ON a.parent_id = r.reached WHERE r.role = 'supervisor'
     )
     SELECT role, agency_id, array_agg(reached ORDER BY reached) AS reaches FROM reach GROUP BY role, agency_id
     UNION ALL SELECT role, NULL, '{}'::bigint[] FROM g WHERE agency_id IS NULL`,
    [personId]);
  return rows.map((r) => ({ role: r.role, agencyId: r.agency_id, reaches: r.reaches.map(Number) }));
}

/** A stored session. */
export interface SessionRow {
  personId: number;
  csrfToken: string;
  complete: boolean;
  lastSeenAt: Date;
  /** Seconds since it was last seen (from the database's clock). */
  idleSeconds: number;
}

export async function insertSession(db: Queryable, s: { tokenHash: Buffer; personId: number; csrfToken: string; complete: boolean; maxSeconds: number; ip: string | null; userAgent: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO sessions (token_hash, person_id, csrf_token, complete, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), $6, $7)`,
    [s.tokenHash, s.personId, s.csrfToken, s.complete, s.maxSeconds, s.ip, s.userAgent?.slice(0, 300) ?? null]);
}

/** An unexpired session (absolute lifetime); the caller checks the idle time. */
export async function findSession(db: Queryable, tokenHash: Buffer): Promise<SessionRow | undefined> {
  const { rows } = await db.query<{ person_id: number; csrf_token: string; complete: boolean; last_seen_at: Date; idle: number }>(
    `SELECT person_id, csrf_token, complete, last_seen_at, extract(epoch FROM now() - last_seen_at)::float8 AS idle
     FROM sessions WHERE token_hash = $1 AND expires_at > now()`, [tokenHash]);
  const r = rows[0];
  return r && { personId: r.person_id, csrfToken: r.csrf_token, complete: r.complete, lastSeenAt: r.last_seen_at, idleSeconds: r.idle };
}

/** A role as granted (the agencies it reaches are worked out from the tree: agency-tree.ts). */
export interface GrantedRole {
  role: Role;
  agencyId: number | null;
}

/** What a signed-in request needs, in one round trip: the session, its person, their roles, the tree's version. */
export interface SessionWithPerson extends SessionRow {
  person: Person;
  roles: GrantedRole[];
  treeVersion: number;
}

const PERSON_ROLES_AND_TREE = `
  (SELECT coalesce(json_agg(json_build_object('role', g.role, 'agencyId', g.agency_id) ORDER BY g.id), '[]') FROM role_grants g WHERE g.person_id = p.id) AS roles,
  (SELECT version FROM agency_tree_version) AS tree_version`;

export async function findSessionWithPerson(db: Queryable, tokenHash: Buffer): Promise<SessionWithPerson | undefined> {
  // Read on every signed-in request: a named (prepared) statement.
  const { rows } = await db.query<PersonRow & { csrf_token: string; complete: boolean; last_seen_at: Date; idle: number; roles: GrantedRole[]; tree_version: number }>({
    name: 'gongkai.session',
    // Named columns, not p.*: a prepared statement must keep its result type when a migration adds a column.
    text: `SELECT p.id, p.username, p.name, p.email, p.totp_enabled, p.demo, p.created_at, p.disabled_at, s.csrf_token, s.complete, s.last_seen_at, extract(epoch FROM now() - s.last_seen_at)::float8 AS idle, ${PERSON_ROLES_AND_TREE}
     FROM sessions s JOIN people p ON p.id = s.person_id WHERE s.token_hash = $1 AND s.expires_at > now()`,
    values: [tokenHash],
  });
  const r = rows[0];
  return r && {
    personId: r.id, csrfToken: r.csrf_token, complete: r.complete, lastSeenAt: r.last_seen_at, idleSeconds: r.idle,
    person: toPerson(r), roles: r.roles, treeVersion: r.tree_version,
  };
}

/** A person with their roles and the tree's version (an API token's person). */
export async function getPersonWithRoles(db: Queryable, id: number): Promise<{ person: Person; roles: GrantedRole[]; treeVersion: number } | undefined> {
  const { rows } = await db.query<PersonRow & { roles: GrantedRole[]; tree_version: number }>(`SELECT p.*, ${PERSON_ROLES_AND_TREE} FROM people p WHERE p.id = $1`, [id]);
  const r = rows[0];
  return r && { person: toPerson(r), roles: r.roles, treeVersion: r.tree_version };
}

export async function touchSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function completeSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('UPDATE sessions SET complete = true, last_seen_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a person (sign-out everywhere, password change, account disabled). */
export async function deletePersonSessions(db: Queryable, personId: number, except?: Buffer): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE person_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)', [personId, except ?? null]);
  return rowCount ?? 0;
}

export async function countPersonSessions(db: Queryable, personId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE person_id = $1 AND expires_at > now()', [personId]);
  return rows[0]?.n ?? 0;
}

export async function deleteExpiredSessions(db: Queryable, idleSeconds: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at < now() - make_interval(secs => $1)', [idleSeconds]);
  return rowCount ?? 0;
}

/** An API token as its owner's page lists it (never the token itself). */
export interface ApiToken {
  id: number;
  personId: number;
  label: string;
  /** The first characters, to recognise it. */
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface TokenRow { id: number; person_id: number; label: string; prefix: string; created_at: Date; expires_at: Date | null; last_used_at: Date | null; revoked_at: Date | null }
const toToken = (r: TokenRow): ApiToken => ({
  id: r.id, personId: r.person_id, label: r.label, prefix: r.prefix, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

export async function insertToken(db: Queryable, t: { personId: number; label: string; tokenHash: Buffer; prefix: string; expiresDays: number | null }): Promise<ApiToken> {
  const { rows } = await db.query<TokenRow>(
    `INSERT INTO api_tokens (person_id, label, token_hash, prefix, expires_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(days => $5::int) END) RETURNING *`,
    [t.personId, t.label, t.tokenHash, t.prefix, t.expiresDays]);
  return toToken(rows[0]!);
}

/** The live token with this hash (not revoked, not expired), marking it used. */
export async function useToken(db: Queryable, tokenHash: Buffer): Promise<ApiToken | undefined> {
  const { rows } = await db.query<TokenRow>(
    `UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) RETURNING *`,
    [tokenHash]);
  return rows[0] ? toToken(rows[0]) : undefined;
}

export async function listTokens(db: Queryable, personId: number): Promise<ApiToken[]> {
  const { rows } = await db.query<TokenRow>('SELECT * FROM api_tokens WHERE person_id = $1 ORDER BY id DESC', [personId]);
  return rows.map(toToken);
}

export async function revokeToken(db: Queryable, personId: number, id: number): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL', [id, personId]);
  return rowCount === 1;
}

/** Failed sign-ins of one key ('user:NAME' or 'ip:ADDRESS'). */
export interface Throttle {
  failures: number;
  /** Seconds until the key may try again (0: now). */
  lockedForSeconds: number;
}

export async function getThrottle(db: Queryable, key: string): Promise<Throttle> {
  const { rows } = await db.query<{ failures: number; wait: number }>(
    `SELECT CASE WHEN last_failure < now() - interval '24 hours' THEN 0 ELSE failures END AS failures,
            greatest(0, ceil(extract(epoch FROM coalesce(locked_until, now()) - now())))::int AS wait
     FROM sign_in_throttle WHERE key = $1`, [key]);
  return rows[0] ? { failures: rows[0].failures, lockedForSeconds: rows[0].wait } : { failures: 0, lockedForSeconds: 0 };
}

/** Records a failure; `lockSeconds(failures)` says how long the key is then locked (0: not). */
export async function recordFailure(db: Queryable, key: string, lockSeconds: (failures: number) => number): Promise<Throttle> {
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO sign_in_throttle (key, failures, last_failure) VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN sign_in_throttle.last_failure < now() - interval '24 hours' THEN 1 ELSE sign_in_throttle.failures + 1 END,
       last_failure = now()
     RETURNING failures`, [key]);
  const failures = rows[0]!.failures;
  const seconds = lockSeconds(failures);
  if (seconds > 0) await db.query('UPDATE sign_in_throttle SET locked_until = now() + make_interval(secs => $2) WHERE key = $1', [key, seconds]);
  return { failures, lockedForSeconds: seconds };
}

export async function clearThrottle(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sign_in_throttle WHERE key = $1', [key]);
}
