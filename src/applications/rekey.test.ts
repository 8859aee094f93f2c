/**
 * Key rotation on the real database (migration 0008's applications table): every ID number moves to
 * the current key in batches, a second run changes nothing, rows that cannot be opened are named and
 * left alone, one audit row per run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgency } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { UsageError } from '../platform/cli/args.ts';
import type { CliContext, CliIo } from '../platform/cli/types.ts';
import type { Services } from '../platform/services.ts';
import { cipherHeader, dataKeyring, idLookups, openIdNumber, sealIdNumber, type CipherSuite } from './personal-data.ts';
import { rekeyIdNumbers, runRekey, type RekeyResult } from './rekey.ts';

const KEY_A = 'a1'.repeat(32);
const KEY_B = '5c'.repeat(32);
const KEY_C = '0f'.repeat(32);

let base: Services;
let agencyId: number;
beforeAll(async () => {
  base = await createTestServices({ personalDataKey: KEY_A });
  agencyId = (await addAgency(base, '甲市人民政府办公室')).id;
});
afterAll(async () => {
  await base.close();
});
beforeEach(async () => {
  await base.db.query('DELETE FROM applications');
});

/** The same database under other keys (a fresh config: a fresh keyring). */
const keyed = (current: string, previous?: string): Services => ({
  ...base, config: { ...base.config, personalDataKey: current, previousPersonalDataKey: previous },
});

const CODE_CHARS = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
let serial = 0;

/** An application row with only what migration 0008 requires, and the given ID number cipher. */
async function insertApplication(cipher: Buffer | null, lookup: string | null): Promise<number> {
  serial += 1;
  const tail = [0, 1, 2, 3].map((i) => CODE_CHARS.charAt(Math.floor(serial / CODE_CHARS.length ** i) % CODE_CHARS.length)).join('');
  const { rows } = await base.db.query<{ id: string }>(
    `INSERT INTO applications (agency_id, tracking_code, applicant_kind, applicant_name, id_type, id_number_cipher, id_lookup,
       description, provision, delivery, channel, submitted, status)
     VALUES ($1, $2, 'naturalPerson', '张三', 'idCard', $3, $4, '2024 年本机关的政府信息公开工作年度报告', 'electronic', 'email', 'online', '2025-03-03', 'awaitingConfirmation')
     RETURNING id`,
    [agencyId, `RKEY-TEST-${tail}`, cipher, lookup]);
  return Number(rows[0]!.id);
}

/** Stores `number` sealed under `services`' current key. */
async function storeNumber(services: Services, number: string, suite?: CipherSuite): Promise<number> {
  const sealed = sealIdNumber(services, number, suite ? { suite } : {});
  return insertApplication(sealed.cipher, sealed.lookup);
}

async function rowOf(id: number): Promise<{ cipher: Buffer | null; lookup: string | null }> {
  const { rows } = await base.db.query<{ id_number_cipher: Buffer | null; id_lookup: string | null }>(
    'SELECT id_number_cipher, id_lookup FROM applications WHERE id = $1', [id]);
  return { cipher: rows[0]!.id_number_cipher, lookup: rows[0]!.id_lookup };
}

async function rekeyAudits(): Promise<{ actor: string; details: Record<string, unknown> }[]> {
  const { rows } = await base.db.query<{ actor: string; details: Record<string, unknown> }>(
    "SELECT actor, details FROM audit_log WHERE action = 'applications.rekey' ORDER BY id");
  return rows;
}

const NUMBERS = ['11010519491231002X', '210902199001011230', '44030420000229001X', 'E12345678', '军官证第123号', '110105194912310021', 'H12345678'];

describe('rekeyIdNumbers', () => {
  it('moves every number to the current key in batches, with the look-up under the current key; a second run changes nothing', async () => {
    const before = dataKeyring(base).current.id;
    const ids = await Promise.all(NUMBERS.map((n, i) => storeNumber(base, n, i % 2 === 0 ? 'sm4' : 'aes')));
    const noNumber = await insertApplication(null, null);
    const auditsBefore = (await rekeyAudits()).length;

    const rotating = keyed(KEY_B, KEY_A);
    const actor = { kind: 'cli', user: 'tester' } as const;
    const result = await rekeyIdNumbers(rotating, actor, { batchSize: 3 });
    const keyId = dataKeyring(rotating).current.id;
    expect(keyId).not.toBe(before);
    expect(result).toEqual<RekeyResult>({ keyId, rekeyed: NUMBERS.length, alreadyCurrent: 0, remaining: 0, failed: [] });

    // The new key alone opens every row, and the look-up finds each number under it.
    const afterRotation = keyed(KEY_B);
    for (const [i, id] of ids.entries()) {
      const row = await rowOf(id);
      expect(cipherHeader(row.cipher!)).toEqual({ suite: 'sm4', keyId });
      expect(openIdNumber(afterRotation, row.cipher!)).toBe(NUMBERS[i]);
      expect(row.lookup).toBe(idLookups(afterRotation, NUMBERS[i]!)[0]);
    }
    expect(await rowOf(noNumber)).toEqual({ cipher: null, lookup: null });

    const again = await rekeyIdNumbers(rotating, actor, { batchSize: 3 });
    expect(again).toEqual<RekeyResult>({ keyId, rekeyed: 0, alreadyCurrent: NUMBERS.length, remaining: 0, failed: [] });

    const audits = (await rekeyAudits()).slice(auditsBefore);
    expect(audits).toEqual([
      { actor: 'cli:tester', details: { keyId, previousKeyId: before, rekeyed: 7, alreadyCurrent: 0, remaining: 0, failed: 0, failedIds: [] } },
      { actor: 'cli:tester', details: { keyId, previousKeyId: before, rekeyed: 0, alreadyCurrent: 7, remaining: 0, failed: 0, failedIds: [] } },
    ]);
    // Neither a key nor a number is in the audit trail.
    const text = JSON.stringify(audits);
    for (const secret of [KEY_A, KEY_B, ...NUMBERS]) expect(text).not.toContain(secret);
  });

  it('a row under a third key or a damaged cipher is named and left as it was; the others move', async () => {
    const good = await storeNumber(base, NUMBERS[0]!);
    const stranger = await storeNumber(keyed(KEY_C), NUMBERS[1]!);
    const damaged = sealIdNumber(base, NUMBERS[2]!);
    damaged.cipher[damaged.cipher.length - 1] = damaged.cipher[damaged.cipher.length - 1]! ^ 0x01;
    const broken = await insertApplication(damaged.cipher, damaged.lookup);
    const strangerBefore = await rowOf(stranger);

    const result = await rekeyIdNumbers(keyed(KEY_B, KEY_A), { kind: 'cli', user: 'tester' });
    expect(result.rekeyed).toBe(1);
    expect(result.remaining).toBe(2);
    expect(result.failed).toEqual([
      { id: stranger, message: expect.stringContaining('GONGKAI_DATA_KEY_PREVIOUS') },
      { id: broken, message: '证件号码的密文无法解密（校验不符：密文被改动或损坏）' },
    ]);
    expect(await rowOf(stranger)).toEqual(strangerBefore);
    expect(openIdNumber(keyed(KEY_B), (await rowOf(good)).cipher!)).toBe(NUMBERS[0]);
    expect((await rekeyAudits()).at(-1)!.details).toMatchObject({ rekeyed: 1, remaining: 2, failed: 2, failedIds: [stranger, broken] });
  });

  it('without GONGKAI_DATA_KEY_PREVIOUS nothing under the old key can move, and each row says which variable to set', async () => {
    const id = await storeNumber(base, NUMBERS[0]!);
    const result = await rekeyIdNumbers(keyed(KEY_B), { kind: 'cli', user: 'tester' });
    expect(result.rekeyed).toBe(0);
    expect(result.failed).toEqual([{ id, message: expect.stringContaining('请把加密时所用的密钥设为 GONGKAI_DATA_KEY_PREVIOUS') }]);
  });
});

describe('runRekey (gongkai applications rekey)', () => {
  const run = async (argv: { 'batch-size'?: string; json?: boolean }, services: Services) => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '' };
    const context: CliContext = { openServices: async () => ({ ...services, close: async () => undefined }), actor: () => 'operator' };
    const code = await runRekey({ values: argv, positionals: [] }, io, context);
    return { code, stdout, stderr };
  };

  it('says what it did and that the previous key may go (exit 0)', async () => {
    await storeNumber(base, NUMBERS[0]!);
    await storeNumber(base, NUMBERS[1]!);
    const rotating = keyed(KEY_B, KEY_A);
    const { code, stdout, stderr } = await run({}, rotating);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      `已用当前密钥（编号 ${dataKeyring(rotating).current.id}）重新加密 2 个申请的证件号码；0 个原已使用当前密钥，未改动。\n` +
      '全部证件号码已使用当前密钥：可以从各进程的环境中删除 GONGKAI_DATA_KEY_PREVIOUS 并重启。\n');
    expect((await rekeyAudits()).at(-1)!.actor).toBe('cli:operator');
  });

  it('--json prints one line with the counts; a row it cannot open makes exit 1', async () => {
    await storeNumber(base, NUMBERS[0]!);
    const stranger = await storeNumber(keyed(KEY_C), NUMBERS[1]!);
    const { code, stdout } = await run({ json: true, 'batch-size': '1' }, keyed(KEY_B, KEY_A));
    expect(code).toBe(1);
    const line = JSON.parse(stdout) as RekeyResult;
    expect(line).toMatchObject({ rekeyed: 1, alreadyCurrent: 0, remaining: 1, failed: [{ id: stranger }] });
    expect(Object.keys(line)).toEqual(['keyId', 'rekeyed', 'alreadyCurrent', 'remaining', 'failed']);
  });

  it('a row it cannot open is named on stderr with a warning to keep the previous key', async () => {
    const stranger = await storeNumber(keyed(KEY_C), NUMBERS[1]!);
    const { code, stderr } = await run({}, keyed(KEY_B, KEY_A));
    expect(code).toBe(1);
    expect(stderr).toContain(`申请 ${stranger}：证件号码是用另一把密钥`);
    expect(stderr).toContain('有 1 个申请的证件号码未能重新加密（见上）：在处理好之前，不要删除 GONGKAI_DATA_KEY_PREVIOUS。');
  });

  it.each(['0', '10001', '1.5', 'abc'])('--batch-size %s is refused naming the option, before the database is opened', async (value) => {
    const attempt = run({ 'batch-size': value }, keyed(KEY_B, KEY_A));
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toMatchObject({ field: '--batch-size', message: `--batch-size 应为 1–10000 之间的整数，实际为“${value}”` });
  });
});
