/**
 * Applicants' ID numbers encrypted at rest (issue 17 §7), as 等保 reviews of government systems expect:
 * SM4 where Node's OpenSSL offers it, else AES-256-GCM, under a key from the environment
 * (`GONGKAI_DATA_KEY`) or, for the embedded database, a key file in the data folder. Beside each
 * cipher a keyed hash (the look-up) lets staff find an applicant's other applications without
 * decrypting anything. Keys never leave this file: not logged, not serialised, not in errors.
 *
 * Stored layout (bytea), version 1, SM4-CTR then HMAC-SM3 (encrypt-then-MAC; OpenSSL has no SM4-GCM):
 *   0x01 | key id (4) | IV (16) | ciphertext | tag (16 = HMAC-SM3 over all before it, truncated)
 * version 2, AES-256-GCM (when SM4 is missing):
 *   0x02 | key id (4) | IV (12) | ciphertext | tag (16 = GCM tag; version and key id as associated data)
 * The key id is the first 4 bytes of SM3(key): it names the key a cipher was made with (rotation).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, getCiphers, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { normalizeDocumentNumber } from './id-numbers.ts';

/** What the functions here need of the services (the CLI and tests give no more). */
export interface PersonalDataServices {
  readonly config: Pick<Config, 'personalDataKey' | 'previousPersonalDataKey' | 'dataDir' | 'databaseUrl'>;
  readonly logger?: Pick<Logger, 'info' | 'warn'>;
}

/** The two ways a number is encrypted: SM4-CTR + HMAC-SM3 (version 1) or AES-256-GCM (version 2). */
export type CipherSuite = 'sm4' | 'aes';

/** Whether this Node's OpenSSL offers SM4-CTR (checked once). */
export const SM4_AVAILABLE: boolean = getCiphers().includes('sm4-ctr');

/** The suite new ciphers use: SM4 when available. */
export const DEFAULT_SUITE: CipherSuite = SM4_AVAILABLE ? 'sm4' : 'aes';

/** Name of the key file in the data folder (embedded database only). */
export const KEY_FILE_NAME = 'data-key';

const VERSION: Record<CipherSuite, number> = { sm4: 1, aes: 2 };
const IV_LENGTH: Record<CipherSuite, number> = { sm4: 16, aes: 12 };
const TAG_LENGTH = 16;
const HEADER_LENGTH = 1 + 4;

/**
 * One data key and the keys derived from it (HKDF-SM3, one `info` per use, so no derived key serves
 * two purposes). Private fields: a logger or JSON.stringify given this object sees only its id.
 */
export class DataKey {
  /** First 4 bytes of SM3(key), hex: names the key without revealing it. */
  readonly id: string;
  readonly #idBytes: Buffer;
  readonly #sm4: Buffer;
  readonly #aes: Buffer;
  readonly #mac: Buffer;
  readonly #lookup: Buffer;

  constructor(hex: string) {
    const key = Buffer.from(hex, 'hex');
    if (key.length !== 32) throw new RangeError('DataKey needs 64 hex digits');
    const derive = (info: string, length: number) => Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), info, length));
    this.#idBytes = createHash('sm3').update(key).digest().subarray(0, 4);
    this.id = this.#idBytes.toString('hex');
    this.#sm4 = derive('gongkai id-number enc', 16);
    this.#aes = derive('gongkai id-number enc aes-256-gcm', 32);
    this.#mac = derive('gongkai id-number mac', 32);
    this.#lookup = derive('gongkai id-number lookup', 32);
  }

  /** Encrypts `plain` in the stored layout. */
  seal(plain: string, suite: CipherSuite): Buffer {
    const header = Buffer.from([VERSION[suite], ...this.#idBytes]);
    const iv = randomBytes(IV_LENGTH[suite]);
    const data = Buffer.from(plain, 'utf8');
    if (suite === 'aes') {
      const cipher = createCipheriv('aes-256-gcm', this.#aes, iv, { authTagLength: TAG_LENGTH });
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(data), cipher.final()]);
      return Buffer.concat([header, iv, body, cipher.getAuthTag()]);
    }
    const cipher = createCipheriv('sm4-ctr', this.#sm4, iv);
    const sealed = Buffer.concat([header, iv, cipher.update(data), cipher.final()]);
    return Buffer.concat([sealed, this.#tag(sealed)]);
  }

  /** Decrypts a cipher made with this key, or throws naming what is wrong (never returns garbage). */
  open(cipher: Buffer, suite: CipherSuite): string {
    const ivEnd = HEADER_LENGTH + IV_LENGTH[suite];
    if (cipher.length < ivEnd + TAG_LENGTH) throw damaged('密文太短');
    const iv = cipher.subarray(HEADER_LENGTH, ivEnd);
    const body = cipher.subarray(ivEnd, cipher.length - TAG_LENGTH);
    const tag = cipher.subarray(cipher.length - TAG_LENGTH);
    if (suite === 'aes') {
      const decipher = createDecipheriv('aes-256-gcm', this.#aes, iv, { authTagLength: TAG_LENGTH });
      decipher.setAAD(cipher.subarray(0, HEADER_LENGTH));
      decipher.setAuthTag(tag);
      try {
        return utf8(Buffer.concat([decipher.update(body), decipher.final()]));
      } catch {
        throw damaged('校验不符：密文被改动或损坏');
      }
    }
    if (!timingSafeEqual(this.#tag(cipher.subarray(0, cipher.length - TAG_LENGTH)), tag)) {
      throw damaged('校验不符：密文被改动或损坏');
    }
    if (!SM4_AVAILABLE) {
      throw new AppError('personal_data.sm4_unavailable', '这个证件号码是用 SM4 加密的，但本机 Node.js 的 OpenSSL 不提供 SM4：请换用提供 SM4 的 Node.js（如官方发行版）');
    }
    const decipher = createDecipheriv('sm4-ctr', this.#sm4, iv);
    return utf8(Buffer.concat([decipher.update(body), decipher.final()]));
  }

  /** The look-up hash of a number: hex HMAC-SM3 of its normalised form. */
  lookup(plain: string): string {
    return createHmac('sm3', this.#lookup).update(normalizeDocumentNumber(plain), 'utf8').digest('hex');
  }

  #tag(data: Buffer): Buffer {
    return createHmac('sm3', this.#mac).update(data).digest().subarray(0, TAG_LENGTH);
  }

  toJSON(): string {
    return `DataKey(${this.id})`;
  }

  [inspect.custom](): string {
    return `DataKey(${this.id})`;
  }
}

/** A cipher that cannot be opened: the message names the problem, never the key or the number. */
const damaged = (why: string) => new AppError('personal_data.damaged', `证件号码的密文无法解密（${why}）`);

/** Decoded text, refusing bytes that are not UTF-8 (a wrong key in CTR gives such bytes; the tag catches it first). */
function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw damaged('解密结果不是文本');
  }
}

/** The current key and, during a rotation, the previous one. */
export interface DataKeyring {
  readonly current: DataKey;
  readonly previous: DataKey | undefined;
}

const keyrings = new WeakMap<object, DataKeyring>();

/**
 * The keyring of a deployment, made once per config: `GONGKAI_DATA_KEY`, else (embedded database
 * only) the key file `<data>/data-key`, created on first use with mode 0600. With `DATABASE_URL` and no
 * `GONGKAI_DATA_KEY` it throws a ConfigError: several app processes on several machines must share one
 * key, which a file on one machine cannot give them. Call it at start to fail fast.
 */
export function dataKeyring(services: PersonalDataServices): DataKeyring {
  const cached = keyrings.get(services.config);
  if (cached) return cached;
  const { config } = services;
  let currentHex = config.personalDataKey;
  if (!currentHex) {
    if (config.databaseUrl) {
      throw new ConfigError([
        '使用外部数据库（DATABASE_URL）时必须设置 GONGKAI_DATA_KEY（加密申请人证件号码的密钥）：' +
          '连接同一数据库的各个应用进程必须使用同一把密钥，保存在某一台机器上的密钥文件做不到。' +
          '用 openssl rand -hex 32 生成 64 位十六进制的密钥，设为每个进程的环境变量 GONGKAI_DATA_KEY，并另行妥善备份：丢失密钥，已保存的证件号码就再也无法读出。',
      ]);
    }
    currentHex = keyFromFile(config.dataDir, services.logger);
  }
  const current = new DataKey(currentHex);
  const previousHex = config.previousPersonalDataKey;
  const previous = previousHex && previousHex.toLowerCase() !== currentHex.toLowerCase() ? new DataKey(previousHex) : undefined;
  const keyring = { current, previous };
  keyrings.set(services.config, keyring);
  return keyring;
}

/** Reads `<dataDir>/data-key`, creating it first if missing (atomically: two processes make one key). */
function keyFromFile(dataDir: string, logger: PersonalDataServices['logger']): string {
  const file = path.join(dataDir, KEY_FILE_NAME);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dataDir, { recursive: true });
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temporary, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    // writeFileSync's mode is filtered by the umask; 0600 is meant whatever the umask.
    chmodSync(temporary, 0o600);
    try {
      linkSync(temporary, file);
      logger?.info({ file }, '已生成加密申请人证件号码的密钥文件：请把它另行备份，丢失它就无法读出已保存的证件号码');
    } catch (linkError) {
      // Another process made it first: use theirs.
      if ((linkError as NodeJS.ErrnoException).code !== 'EEXIST') throw linkError;
    } finally {
      unlinkSync(temporary);
    }
    text = readFileSync(file, 'utf8');
  }
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError([`密钥文件 ${file} 的内容应为 64 位十六进制数字（openssl rand -hex 32 生成的格式）：文件已损坏时，请从备份恢复`]);
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    logger?.warn({ file }, `密钥文件的权限过宽，其他用户可以读取：请执行 chmod 600 ${file}`);
  }
  return hex.toLowerCase();
}

/** An ID number as stored: the cipher, and the look-up hash to find the same number again. */
export interface SealedIdNumber {
  cipher: Buffer;
  lookup: string;
}

/** Options of {@link sealIdNumber}: `suite` forces a cipher suite (tests; default SM4 where available). */
export interface SealOptions {
  suite?: CipherSuite;
}

/**
 * Encrypts an ID number (already checked and normalised by id-numbers.ts) under the current key.
 *
 * @example const { cipher, lookup } = sealIdNumber(services, '11010519491231002X');
 */
export function sealIdNumber(services: PersonalDataServices, plain: string, options: SealOptions = {}): SealedIdNumber {
  const { current } = dataKeyring(services);
  const suite = options.suite ?? DEFAULT_SUITE;
  if (suite === 'sm4' && !SM4_AVAILABLE) throw new Error('sealIdNumber: this Node has no sm4-ctr');
  return { cipher: current.seal(plain, suite), lookup: current.lookup(plain) };
}

/** The suite and key id a stored cipher names, or throws when it is not one of ours. */
export function cipherHeader(cipher: Buffer): { suite: CipherSuite; keyId: string } {
  const version = cipher[0];
  const suite = version === 1 ? 'sm4' : version === 2 ? 'aes' : undefined;
  if (!suite || cipher.length < HEADER_LENGTH) {
    throw damaged(version === undefined ? '密文为空' : `不认识的格式版本 ${version}`);
  }
  return { suite, keyId: cipher.subarray(1, HEADER_LENGTH).toString('hex') };
}

/**
 * Decrypts a stored ID number with the key that made it: the current key, or during a rotation the
 * previous one (found by key id). A cipher made with neither, or changed after it was made, throws
 * an AppError naming the problem.
 */
export function openIdNumber(services: PersonalDataServices, cipher: Buffer): string {
  const { suite, keyId } = cipherHeader(cipher);
  const { current, previous } = dataKeyring(services);
  const key = [current, previous].find((k) => k?.id === keyId);
  if (!key) {
    throw new AppError(
      'personal_data.unknown_key',
      `证件号码是用另一把密钥（编号 ${keyId}）加密的，它既不是 GONGKAI_DATA_KEY 也不是 GONGKAI_DATA_KEY_PREVIOUS：请把加密时所用的密钥设为 GONGKAI_DATA_KEY_PREVIOUS`,
    );
  }
  return key.open(cipher, suite);
}

/**
 * The look-up hashes to search `id_lookup` for a number: under the current key, and during a rotation
 * also under the previous one (rows not yet re-encrypted keep their old hash).
 *
 * @example db.query('… WHERE id_lookup = ANY($1)', [idLookups(services, number)])
 */
export function idLookups(services: PersonalDataServices, plain: string): string[] {
  const { current, previous } = dataKeyring(services);
  return previous ? [current.lookup(plain), previous.lookup(plain)] : [current.lookup(plain)];
}

/**
 * A stored cipher re-encrypted under the current key with its look-up recomputed, or null when it
 * already is under the current key (nothing to do). Throws as {@link openIdNumber} does.
 */
export function resealIdNumber(services: PersonalDataServices, cipher: Buffer, options: SealOptions = {}): SealedIdNumber | null {
  if (cipherHeader(cipher).keyId === dataKeyring(services).current.id) return null;
  return sealIdNumber(services, openIdNumber(services, cipher), options);
}
