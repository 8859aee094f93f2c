import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { writeAudit } from './audit-log.ts';
import { canonicalJson, GENESIS_HASH, rowHash } from './chain.ts';
import { sealUnchainedAuditRows, verifyAuditChain } from './verify.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());

describe('the audit chain (SM3)', () => {
  it('hashes canonical JSON: key order does not matter, content does', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 'x' }] })).toBe('{"a":[{"c":"x","d":2}],"b":1}');
    const row = { id: 1, at: '2026-01-01T00:00:00.000Z', actor: 'cli:root', personId: null, tokenId: null, agencyId: 3, action: 'a', subject: null, details: { x: 1 }, ip: null };
    expect(rowHash(GENESIS_HASH, row)).toMatch(/^[0-9a-f]{64}$/);
    expect(rowHash(GENESIS_HASH, row)).toBe(rowHash(GENESIS_HASH, { ...row, details: { x: 1 } }));
    expect(rowHash(GENESIS_HASH, row)).not.toBe(rowHash(GENESIS_HASH, { ...row, agencyId: 4 }));
  });

  it('rows written concurrently form one chain that verifies; an edit, a deletion and an unsealed row are named', async () => {
    // Legacy rows (written before the chain) are sealed first.
    await db.pool.query("INSERT INTO audit_log (actor, action, subject) VALUES ('anonymous', 'report.check', 'checked_report:1'), ('cli', 'report.check', 'checked_report:2')");
    expect(await sealUnchainedAuditRows(db.pool)).toBe(2);
    expect(await sealUnchainedAuditRows(db.pool)).toBe(0);
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeAudit(db.pool, {
      actor: { kind: 'cli', user: 'test' }, action: 'test.write', subject: `thing:${i}`, details: { i, nested: { z: 1, a: [1, 2] }, when: new Date(0) },
    })));
    const ok = await verifyAuditChain(db.pool);
    expect(ok).toMatchObject({ ok: true, rows: 22 });

    const { rows } = await db.pool.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id');
    const middle = rows[10]!.id;
    await db.pool.query(`UPDATE audit_log SET details = '{"i": 999}' WHERE id = $1`, [middle]);
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: false, brokenId: middle, reason: 'edited' });
    expect((await verifyAuditChain(db.pool) as { message: string }).message).toContain(`第 ${middle} 条`);

    await db.pool.query('DELETE FROM audit_log WHERE id = $1', [middle]);
    expect(await verifyAuditChain(db.pool)).toMatchObject({ ok: false, brokenId: rows[11]!.id, reason: 'removed-before' });
  });

  it('a row inserted around the application is found', async () => {
    const fresh = await createTestDatabase();
    try {
      await writeAudit(fresh.pool, { actor: { kind: 'system' }, action: 'one' });
      await fresh.pool.query("INSERT INTO audit_log (actor, action) VALUES ('intruder', 'forged')");
      expect(await verifyAuditChain(fresh.pool)).toMatchObject({ ok: false, reason: 'unsealed' });
    } finally {
      await fresh.drop();
    }
  });
});
