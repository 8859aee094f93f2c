import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalReport } from '../../test/support/fixtures.ts';
import { createTestServices } from '../../test/support/services.ts';
import type { Services } from '../platform/services.ts';
import { startExpiryPurge } from './expiry.ts';
import { checkAndStoreFiles } from './service.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.close();
});

describe('the purge of anonymous checks', () => {
  it('runs when the site starts: an expired check is deleted, a fresh one stays', async () => {
    const check = async (name: string) => {
      const outcome = await checkAndStoreFiles(services.db, { actor: { kind: 'anonymous' }, files: [{ name: `${name}.json`, bytes: new TextEncoder().encode(JSON.stringify(canonicalReport(name, 2023))) }] });
      return outcome.results[0]?.ok ? outcome.results[0].reportId : -1;
    };
    const expired = await check('过期检查局');
    const fresh = await check('新鲜检查局');
    await services.db.query("UPDATE checked_reports SET expires_at = now() - interval '1 second' WHERE id = $1", [expired]);
    await startExpiryPurge(services);
    const left = (await services.db.query<{ id: number }>('SELECT id FROM checked_reports ORDER BY id')).rows.map((r) => r.id);
    expect(left).toEqual([fresh]);
  });
});
