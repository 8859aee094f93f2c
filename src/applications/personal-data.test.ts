import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { testDir } from '../../test/support/temp-dir.ts';
import { ConfigError } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import {
  DEFAULT_SUITE, KEY_FILE_NAME, SM4_AVAILABLE, cipherHeader, dataKeyring, idLookups, openIdNumber, resealIdNumber, sealIdNumber,
  type CipherSuite, type PersonalDataServices,
} from './personal-data.ts';

const KEY_A = 'a1'.repeat(32);
const KEY_B = '5c'.repeat(32);
const NUMBER = '11010519491231002X';

/** Services with the given keys (a fresh config object: a fresh keyring). */
const withKeys = (current: string | undefined, previous?: string, more: Partial<PersonalDataServices['config']> = {}): PersonalDataServices => ({
  config: { personalDataKey: current, previousPersonalDataKey: previous, dataDir: '/nonexistent', databaseUrl: undefined, ...more },
});

const keyIdOf = (hex: string) => createHash('sm3').update(Buffer.from(hex, 'hex')).digest().subarray(0, 4).toString('hex');

/** The AppError code `work` throws. */
function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('did not throw');
}

const SUITES: { suite: CipherSuite; version: number; ivLength: number }[] = [
  { suite: 'sm4', version: 1, ivLength: 16 },
  { suite: 'aes', version: 2, ivLength: 12 },
];

it('SM4-CTR is offered by this Node (the CI image): the default suite is SM4', () => {
  expect(SM4_AVAILABLE).toBe(true);
  expect(DEFAULT_SUITE).toBe('sm4');
});

describe.each(SUITES)('suite $suite (version $version)', ({ suite, version, ivLength }) => {
  const services = withKeys(KEY_A);

  it.each([
    ['居民身份证号码', NUMBER],
    ['护照号码', 'E12345678'],
    ['其他证件（中文）', '军官证第123号'],
  ])('seals and opens %s', (_kind, plain) => {
    const { cipher } = sealIdNumber(services, plain, { suite });
    expect(openIdNumber(services, cipher)).toBe(plain);
    expect(cipher.includes(Buffer.from(plain))).toBe(false);
  });

  it('stores version | key id (SM3 of the key, 4 bytes) | IV | ciphertext | 16-byte tag', () => {
    const { cipher } = sealIdNumber(services, NUMBER, { suite });
    expect(cipher[0]).toBe(version);
    expect(cipher.subarray(1, 5).toString('hex')).toBe(keyIdOf(KEY_A));
    expect(cipher.length).toBe(1 + 4 + ivLength + NUMBER.length + 16);
    expect(cipherHeader(cipher)).toEqual({ suite, keyId: keyIdOf(KEY_A) });
  });

  it('a random IV: the same number sealed twice gives two ciphers and one look-up', () => {
    const one = sealIdNumber(services, NUMBER, { suite });
    const two = sealIdNumber(services, NUMBER, { suite });
    expect(one.cipher.equals(two.cipher)).toBe(false);
    expect(one.lookup).toBe(two.lookup);
    expect(one.lookup).toMatch(/^[0-9a-f]{64}$/);
  });

  it('every changed byte is found: the tag, the IV, the ciphertext, the header', () => {
    const { cipher } = sealIdNumber(services, NUMBER, { suite });
    for (let i = 0; i < cipher.length; i++) {
      const changed = Buffer.from(cipher);
      changed[i] = changed[i]! ^ 0x01;
      // The key id bytes name another key; the version byte another format; the rest fails the tag.
      const expected = i === 0 ? 'personal_data.damaged' : i < 5 ? 'personal_data.unknown_key' : 'personal_data.damaged';
      expect(codeOf(() => openIdNumber(services, changed)), `byte ${i}`).toBe(expected);
    }
  });

  it('a cut cipher is refused, not read', () => {
    const { cipher } = sealIdNumber(services, NUMBER, { suite });
    for (const length of [0, 3, 5, 5 + ivLength + 15, cipher.length - 1]) {
      expect(codeOf(() => openIdNumber(services, cipher.subarray(0, length))), `length ${length}`).toBe('personal_data.damaged');
    }
  });

  it('the tag of one cipher does not open another (swapped bodies)', () => {
    const one = sealIdNumber(services, NUMBER, { suite }).cipher;
    const two = sealIdNumber(services, '210902199001011230', { suite }).cipher;
    const mixed = Buffer.concat([one.subarray(0, one.length - 16), two.subarray(two.length - 16)]);
    expect(codeOf(() => openIdNumber(services, mixed))).toBe('personal_data.damaged');
  });
});

describe('the error of a damaged cipher', () => {
  it('names the problem in Chinese and shows neither the number nor the key', () => {
    const services = withKeys(KEY_A);
    const cipher = sealIdNumber(services, NUMBER).cipher;
    cipher[cipher.length - 1] = cipher[cipher.length - 1]! ^ 0xff;
    try {
      openIdNumber(services, cipher);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toBe('证件号码的密文无法解密（校验不符：密文被改动或损坏）');
      expect(message).not.toContain(NUMBER);
      expect(message).not.toContain(KEY_A);
    }
  });

  it('an unknown format version is named', () => {
    expect(() => openIdNumber(withKeys(KEY_A), Buffer.from([9, 0, 0, 0, 0]))).toThrow('不认识的格式版本 9');
  });
});

describe('the look-up hash', () => {
  it('is the same for the number however it was typed (lower-case x, full-width digits, spaces)', () => {
    const services = withKeys(KEY_A);
    const lookup = sealIdNumber(services, NUMBER).lookup;
    expect(sealIdNumber(services, '11010519491231002x').lookup).toBe(lookup);
    expect(sealIdNumber(services, '１１０１０５ １９４９１２３１ ００２Ｘ').lookup).toBe(lookup);
    expect(sealIdNumber(services, '110105194912310021').lookup).not.toBe(lookup);
  });

  it('depends on the key (a copied table cannot be searched without it), not on the suite', () => {
    expect(sealIdNumber(withKeys(KEY_A), NUMBER).lookup).not.toBe(sealIdNumber(withKeys(KEY_B), NUMBER).lookup);
    const services = withKeys(KEY_A);
    expect(sealIdNumber(services, NUMBER, { suite: 'sm4' }).lookup).toBe(sealIdNumber(services, NUMBER, { suite: 'aes' }).lookup);
  });

  it('during a rotation, idLookups gives the hash under the current and the previous key', () => {
    const before = sealIdNumber(withKeys(KEY_A), NUMBER).lookup;
    const rotating = withKeys(KEY_B, KEY_A);
    expect(idLookups(rotating, NUMBER)).toEqual([sealIdNumber(rotating, NUMBER).lookup, before]);
    expect(idLookups(withKeys(KEY_B), NUMBER)).toEqual([sealIdNumber(withKeys(KEY_B), NUMBER).lookup]);
  });
});

describe('rotation', () => {
  it.each(['sm4', 'aes'] as const)('a %s cipher under the previous key opens while GONGKAI_DATA_KEY_PREVIOUS is set', (suite) => {
    const old = sealIdNumber(withKeys(KEY_A), NUMBER, { suite }).cipher;
    expect(openIdNumber(withKeys(KEY_B, KEY_A), old)).toBe(NUMBER);
  });

  it('without the previous key, the error says which variable to set', () => {
    const old = sealIdNumber(withKeys(KEY_A), NUMBER).cipher;
    expect(codeOf(() => openIdNumber(withKeys(KEY_B), old))).toBe('personal_data.unknown_key');
    expect(() => openIdNumber(withKeys(KEY_B), old)).toThrow(`编号 ${keyIdOf(KEY_A)}`);
    expect(() => openIdNumber(withKeys(KEY_B), old)).toThrow('GONGKAI_DATA_KEY_PREVIOUS');
  });

  it('resealIdNumber re-encrypts under the current key with the current look-up, and leaves current ones alone', () => {
    const rotating = withKeys(KEY_B, KEY_A);
    const old = sealIdNumber(withKeys(KEY_A), NUMBER, { suite: 'aes' }).cipher;
    const resealed = resealIdNumber(rotating, old)!;
    expect(cipherHeader(resealed.cipher)).toEqual({ suite: 'sm4', keyId: keyIdOf(KEY_B) });
    expect(openIdNumber(withKeys(KEY_B), resealed.cipher)).toBe(NUMBER);
    expect(resealed.lookup).toBe(sealIdNumber(withKeys(KEY_B), NUMBER).lookup);
    expect(resealIdNumber(rotating, resealed.cipher)).toBeNull();
  });

  it('a previous key equal to the current one is ignored', () => {
    expect(dataKeyring(withKeys(KEY_A, KEY_A)).previous).toBeUndefined();
  });
});

describe('where the key comes from', () => {
  it('without GONGKAI_DATA_KEY, the embedded deployment makes <data>/data-key (64 hex, mode 0600) once and keeps using it', async () => {
    const dataDir = path.join(await testDir('data-key'), 'data');
    const first = withKeys(undefined, undefined, { dataDir });
    const cipher = sealIdNumber(first, NUMBER).cipher;
    const file = path.join(dataDir, KEY_FILE_NAME);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A restart (a new config) reads the same key.
    const again = withKeys(undefined, undefined, { dataDir });
    expect(openIdNumber(again, cipher)).toBe(NUMBER);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // Moving it to the environment: the file's content as GONGKAI_DATA_KEY opens the same ciphers.
    expect(openIdNumber(withKeys(text.trim()), cipher)).toBe(NUMBER);
  });

  it('a key file made by another process first is used, not replaced', async () => {
    const dataDir = await testDir('data-key');
    writeFileSync(path.join(dataDir, KEY_FILE_NAME), `${KEY_B.toUpperCase()}\n`, { mode: 0o600 });
    expect(dataKeyring(withKeys(undefined, undefined, { dataDir })).current.id).toBe(keyIdOf(KEY_B));
  });

  it('a damaged key file stops the start with a message naming the file', async () => {
    const dataDir = await testDir('data-key');
    writeFileSync(path.join(dataDir, KEY_FILE_NAME), 'not a key\n', { mode: 0o600 });
    const services = withKeys(undefined, undefined, { dataDir });
    expect(() => dataKeyring(services)).toThrow(ConfigError);
    expect(() => dataKeyring(services)).toThrow(`密钥文件 ${path.join(dataDir, KEY_FILE_NAME)} 的内容应为 64 位十六进制数字`);
  });

  it('a key file others can read is used, with a warning', async () => {
    const dataDir = await testDir('data-key');
    writeFileSync(path.join(dataDir, KEY_FILE_NAME), `${KEY_B}\n`, { mode: 0o644 });
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) });
    dataKeyring({ ...withKeys(undefined, undefined, { dataDir }), logger });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([[40, `密钥文件的权限过宽，其他用户可以读取：请执行 chmod 600 ${path.join(dataDir, KEY_FILE_NAME)}`]]);
  });

  it('with DATABASE_URL and no GONGKAI_DATA_KEY, it refuses and says how to set one', async () => {
    const dataDir = await testDir('data-key');
    const services = withKeys(undefined, undefined, { dataDir, databaseUrl: 'postgres://db.example/gongkai' });
    expect(() => sealIdNumber(services, NUMBER)).toThrow(ConfigError);
    expect(() => dataKeyring(services)).toThrow(/必须设置 GONGKAI_DATA_KEY.*openssl rand -hex 32/s);
    // No key file is made on the way.
    expect(() => statSync(path.join(dataDir, KEY_FILE_NAME))).toThrow();
  });
});

describe('keys are never logged', () => {
  it('a keyring given to a logger, JSON or inspect shows key ids only', async () => {
    const dataDir = await testDir('data-key');
    let logged = '';
    const logger = pino({ level: 'trace' }, { write: (line: string) => void (logged += line) });
    const services: PersonalDataServices = { config: withKeys(undefined, KEY_B, { dataDir }).config, logger };
    const keyring = dataKeyring(services);
    logger.info({ keyring }, 'keyring');
    const fileKey = readFileSync(path.join(dataDir, KEY_FILE_NAME), 'utf8').trim();
    const shown = [logged, JSON.stringify(keyring), inspect(keyring, { depth: 5, showHidden: true })].join('\n');
    expect(shown).toContain(keyring.current.id);
    for (const secret of [fileKey, KEY_B]) expect(shown).not.toContain(secret);
    expect(logged).toContain('已生成加密申请人证件号码的密钥文件');
  });
});
