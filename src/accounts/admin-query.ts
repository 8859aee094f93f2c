/**
 * What the administration pages read and the account store does not offer: an agency's staff with
 * their roles, people found by username or name with their roles, a person's roles with the agency
 * names. SQL only; who may see what is decided by the routes (scope from access()).
 */
import type { Role } from '../platform/accounts/core/roles.ts';
import type { Queryable } from '../platform/db/queryable.ts';

/** A person as the lists show them, with their roles. */
export interface PersonWithRoles {
  id: number;
  username: string;
  name: string;
  disabledAt: Date | null;
  roles: RoleHeld[];
}

/** One role a person holds (agency null: sysAdmin). */
export interface RoleHeld {
  role: Role;
  agencyId: number | null;
  agencyName: string | null;
  grantedAt: Date;
}

interface Row {
  id: number;
  username: string;
  name: string;
  disabled_at: Date | null;
  roles: { role: Role; agency_id: number | null; agency_name: string | null; granted_at: string }[];
}

const toPerson = (r: Row): PersonWithRoles => ({
  id: Number(r.id), username: r.username, name: r.name, disabledAt: r.disabled_at,
  roles: r.roles.map((g) => ({ role: g.role, agencyId: g.agency_id === null ? null : Number(g.agency_id), agencyName: g.agency_name, grantedAt: new Date(g.granted_at) })),
});

const ROLES_OF = `coalesce((SELECT json_agg(json_build_object('role', g.role, 'agency_id', g.agency_id, 'agency_name', a.name, 'granted_at', g.granted_at) ORDER BY g.id)
  FROM role_grants g LEFT JOIN agencies a ON a.id = g.agency_id WHERE g.person_id = p.id), '[]'::json) AS roles`;

/** The people holding a role in the agency, by username, each with all their roles. */
export async function agencyStaff(db: Queryable, agencyId: number): Promise<PersonWithRoles[]> {
  const { rows } = await db.query<Row>(
    `SELECT p.id, p.username, p.name, p.disabled_at, ${ROLES_OF}
     FROM people p WHERE p.id IN (SELECT person_id FROM role_grants WHERE agency_id = $1) ORDER BY p.username`, [agencyId]);
  return rows.map(toPerson);
}

/**
 * People whose username or name contains `search` (all when empty), limited to those holding a role
 * in one of `agencyIds` ('all': everyone, people without any role too); at most `limit`.
 */
export async function searchPeople(db: Queryable, agencyIds: 'all' | readonly number[], search: string, limit: number): Promise<PersonWithRoles[]> {
  const values: unknown[] = [limit];
  const where: string[] = [];
  if (agencyIds !== 'all') {
    values.push(agencyIds);
    where.push(`p.id IN (SELECT person_id FROM role_grants WHERE agency_id = ANY($${values.length}::bigint[]))`);
  }
  if (search !== '') {
    // A literal search: % and _ typed by the user match themselves.
    values.push(`%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(`(p.username ILIKE $${values.length} OR p.name ILIKE $${values.length})`);
  }
  const { rows } = await db.query<Row>(
    `SELECT p.id, p.username, p.name, p.disabled_at, ${ROLES_OF}
     FROM people p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.username LIMIT $1`, values);
  return rows.map(toPerson);
}

/** The person with their roles, or undefined. */
export async function personWithRoles(db: Queryable, personId: number): Promise<PersonWithRoles | undefined> {
  const { rows } = await db.query<Row>(`SELECT p.id, p.username, p.name, p.disabled_at, ${ROLES_OF} FROM people p WHERE p.id = $1`, [personId]);
  return rows[0] && toPerson(rows[0]);
}

/** The agencies in which the person holds a role (none for a person who is only sysAdmin, or has no role). */
export async function agenciesOfPerson(db: Queryable, personId: number): Promise<number[]> {
  const { rows } = await db.query<{ agency_id: number }>('SELECT DISTINCT agency_id FROM role_grants WHERE person_id = $1 AND agency_id IS NOT NULL ORDER BY agency_id', [personId]);
  return rows.map((r) => Number(r.agency_id));
}

/** Whether a person with this id exists. */
export async function personExists(db: Queryable, personId: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM people WHERE id = $1', [personId]);
  return rows.length > 0;
}

/** The oldest agency's id (any agency serves where a sysAdmin's right is checked on one), or undefined when there is none. */
export async function anyAgencyId(db: Queryable): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>('SELECT min(id) AS id FROM agencies');
  return rows[0]?.id == null ? undefined : Number(rows[0].id);
}
