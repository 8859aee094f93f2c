/**
 * What the public sees, as of now: the version of migration 0016 (raised by any change that may alter
 * a public page) and the agencies' directory, read once per version and kept in this process.
 */
import { listAgencies } from '../platform/accounts/store.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { buildDirectory, type Directory } from './directory.ts';

/** The public version and when it last changed. */
export interface PortalState {
  readonly version: number;
  readonly changedAt: Date;
}

/** The version now (one primary-key read). */
export async function readPortalState(db: Queryable): Promise<PortalState> {
  const { rows } = await db.query<{ version: number; changed_at: Date }>({ name: 'gongkai.portal.state', text: 'SELECT version, changed_at FROM portal_state' });
  const row = rows[0];
  return row ? { version: row.version, changedAt: row.changed_at } : { version: 0, changedAt: new Date(0) };
}

/** The directory of open agencies at a version, read from the database once per version. */
export function directoryReader(db: Queryable): (state: PortalState) => Promise<Directory> {
  let cached: { version: number; directory: Promise<Directory> } | undefined;
  return (state) => {
    if (cached?.version !== state.version) {
      const directory = listAgencies(db).then((agencies) => buildDirectory(agencies.map((a) => ({
        id: a.id, name: a.name, kind: a.kind, parentId: a.parentId, creditCode: a.creditCode, address: a.address, postcode: a.postcode,
        phone: a.phone, fax: a.fax, email: a.email, officeHours: a.officeHours,
      }))));
      // A failed read is not kept.
      directory.catch(() => {
        if (cached?.directory === directory) cached = undefined;
      });
      cached = { version: state.version, directory };
    }
    return cached.directory;
  };
}
