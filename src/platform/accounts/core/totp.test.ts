import { describe, expect, it } from 'vitest';
import { TOTP, URI } from 'otpauth';
import { totpCodeAt, totpSecretFromBytes, totpStepAt, totpUri, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const RFC_SECRET = totpSecretFromBytes(new TextEncoder().encode('12345678901234567890'));
const OTHER_SECRET = totpSecretFromBytes(Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) % 256));

describe('totpSecretFromBytes', () => {
  it('encodes 20 bytes as 32 base32 characters', () => {
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(totpSecretFromBytes(new Uint8Array(20))).toBe('A'.repeat(32));
    expect(totpSecretFromBytes(new Uint8Array(20).fill(255))).toBe('7'.repeat(32));
  });

  it('reads only the view, not the whole buffer behind it', () => {
    const buffer = new Uint8Array(40).fill(255);
    buffer.fill(0, 10, 30);
    expect(totpSecretFromBytes(buffer.subarray(10, 30))).toBe('A'.repeat(32));
  });

  it.each([0, 10, 16, 19, 21, 32, 64])('refuses %i bytes', (length) => {
    expect(() => totpSecretFromBytes(new Uint8Array(length))).toThrow(RangeError);
  });
});

describe('totpCodeAt：RFC 6238 附录 B 的 SHA-1 测试向量（8 位码的后 6 位）', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('T = %i s → %s', (seconds, eightDigits) => {
    expect(totpCodeAt(RFC_SECRET, seconds * 1000)).toBe(eightDigits.slice(2));
  });

  it('is constant within a 30-second step and changes at its edge', () => {
    expect(totpCodeAt(RFC_SECRET, 30_000)).toBe(totpCodeAt(RFC_SECRET, 59_999));
    expect(totpCodeAt(RFC_SECRET, 59_999)).not.toBe(totpCodeAt(RFC_SECRET, 60_000));
  });
});

describe('totpStepAt', () => {
  it.each([[0, 0], [29_999, 0], [30_000, 1], [59_000, 1], [1_234_567_890_000, 41_152_263]])('%i ms → step %i', (ms, step) => {
    expect(totpStepAt(ms)).toBe(step);
  });
});

describe('totpUri', () => {
  it('is the otpauth URI authenticator apps read', () => {
    expect(totpUri({ secret: RFC_SECRET, account: 'zhangsan', issuer: 'Gongkai' })).toBe(
      'otpauth://totp/Gongkai:zhangsan?issuer=Gongkai&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('percent-encodes Chinese and reserved characters, and parses back', () => {
    const uri = totpUri({ secret: RFC_SECRET, account: '张三@某市司法局', issuer: 'Gongkai 公开' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/[A-Za-z0-9%._~-]+:[A-Za-z0-9%._~-]+\?/);
    const parsed = URI.parse(uri);
    expect(parsed).toBeInstanceOf(TOTP);
    expect((parsed as TOTP).label).toBe('张三@某市司法局');
    expect((parsed as TOTP).issuer).toBe('Gongkai 公开');
    expect((parsed as TOTP).secret.base32).toBe(RFC_SECRET);
  });

  it('refuses a secret that is not base32', () => {
    expect(() => totpUri({ secret: 'not base32!', account: 'a', issuer: 'Gongkai' })).toThrow();
  });
});

describe('verifyTotp', () => {
  const NOW = 1_234_567_890_000; // step 41152263, code 005924
  const STEP = 41_152_263;
  const at = (stepOffset: number): string => totpCodeAt(RFC_SECRET, NOW + stepOffset * 30_000);

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp({ secret: RFC_SECRET, code: '005924', nowMs: NOW, lastUsedStep: null })).toEqual({ ok: true, step: STEP });
  });

  it.each([
    ['上一步（手机时钟慢）', -1],
    ['当前步', 0],
    ['下一步（手机时钟快）', 1],
  ])('drift: %s accepted', (_scenario, offset) => {
    expect(verifyTotp({ secret: RFC_SECRET, code: at(offset), nowMs: NOW, lastUsedStep: null }))
      .toEqual({ ok: true, step: STEP + offset });
  });

  it.each([
    ['前两步', -2],
    ['后两步', 2],
    ['前十步', -10],
  ])('drift: %s refused as wrong', (_scenario, offset) => {
    expect(verifyTotp({ secret: RFC_SECRET, code: at(offset), nowMs: NOW, lastUsedStep: null }))
      .toEqual({ ok: false, reason: 'wrong' });
  });

  it('accepts at both edges of the step', () => {
    const start = STEP * 30_000;
    expect(verifyTotp({ secret: RFC_SECRET, code: '005924', nowMs: start, lastUsedStep: null })).toEqual({ ok: true, step: STEP });
    expect(verifyTotp({ secret: RFC_SECRET, code: '005924', nowMs: start + 29_999, lastUsedStep: null })).toEqual({ ok: true, step: STEP });
  });

  it.each([
    ['另一个密钥的码', totpCodeAt(OTHER_SECRET, 1_234_567_890_000)],
    ['全 0', '000000'],
  ])('wrong: %s', (_scenario, code) => {
    expect(verifyTotp({ secret: RFC_SECRET, code, nowMs: NOW, lastUsedStep: null })).toEqual({ ok: false, reason: 'wrong' });
  });

  it.each([
    ['同一个码再用一次', 0, STEP],
    ['已用过更晚的码', 0, STEP + 1],
    ['上一步的码，而上一步已用过', -1, STEP - 1],
    ['下一步的码已用过，再用', 1, STEP + 1],
  ])('replay: %s → reused', (_scenario, offset, lastUsedStep) => {
    expect(verifyTotp({ secret: RFC_SECRET, code: at(offset), nowMs: NOW, lastUsedStep })).toEqual({ ok: false, reason: 'reused' });
  });

  it('accepts a later code after an earlier one, and the step moves on', () => {
    const first = verifyTotp({ secret: RFC_SECRET, code: at(-1), nowMs: NOW, lastUsedStep: null });
    expect(first).toEqual({ ok: true, step: STEP - 1 });
    const second = verifyTotp({ secret: RFC_SECRET, code: at(0), nowMs: NOW, lastUsedStep: STEP - 1 });
    expect(second).toEqual({ ok: true, step: STEP });
    expect(verifyTotp({ secret: RFC_SECRET, code: at(0), nowMs: NOW + 10_000, lastUsedStep: STEP }))
      .toEqual({ ok: false, reason: 'reused' });
  });

  it.each([
    ['中间有空格', '005 924'],
    ['前后空白', ' 005924\n'],
    ['每位一个空格', '0 0 5 9 2 4'],
    ['全角空格', '005\u3000924'],
    ['全角数字', '００５９２４'],
  ])('format: %s is read', (_scenario, code) => {
    expect(verifyTotp({ secret: RFC_SECRET, code, nowMs: NOW, lastUsedStep: null })).toEqual({ ok: true, step: STEP });
  });

  it.each([
    ['空', ''],
    ['只有空格', '   '],
    ['5 位', '05924'],
    ['7 位', '0059240'],
    ['8 位 RFC 码', '89005924'],
    ['含字母', '00592a'],
    ['含连字符', '005-924'],
    ['负号', '-05924'],
    ['小数', '0059.4'],
    ['阿拉伯-印度数字', '٠٠٥٩٢٤'],
  ])('format: %s refused', (_scenario, code) => {
    expect(verifyTotp({ secret: RFC_SECRET, code, nowMs: NOW, lastUsedStep: null })).toEqual({ ok: false, reason: 'format' });
  });

  it('checks the format before replay', () => {
    expect(verifyTotp({ secret: RFC_SECRET, code: 'abc', nowMs: NOW, lastUsedStep: STEP })).toEqual({ ok: false, reason: 'format' });
  });
});
