import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPerson, sessionCookie } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Services } from '../platform/services.ts';
import { sweepAccounts } from './housekeeping.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

describe('account housekeeping', () => {
  it('deletes ended sessions (absolute lifetime or idle) and stale sign-in counters, and nothing else', async () => {
    await addPerson(services, 'sweep-one', []);
    await Promise.all([sessionCookie(services, 'sweep-one'), sessionCookie(services, 'sweep-one'), sessionCookie(services, 'sweep-one')]);
    const ids = (await services.db.query<{ h: Buffer }>('SELECT token_hash AS h FROM sessions ORDER BY created_at')).rows.map((r) => r.h);
    await services.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [ids[0]]);
    await services.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1", [ids[1]]);
    await services.db.query("INSERT INTO sign_in_throttle (key, failures, last_failure) VALUES ('user:old', 3, now() - interval '25 hours'), ('user:recent', 3, now())");
    expect(await sweepAccounts(services)).toEqual({ sessions: 2, throttles: 1 });
    expect((await services.db.query('SELECT count(*)::int AS n FROM sessions')).rows[0]).toEqual({ n: 1 });
    expect((await services.db.query('SELECT key FROM sign_in_throttle')).rows).toEqual([{ key: 'user:recent' }]);
  });
});
