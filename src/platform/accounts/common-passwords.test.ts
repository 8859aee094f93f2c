import { describe, expect, it } from 'vitest';
import { CHINA_COMMON_PASSWORDS, loadCommonPasswords } from './common-passwords.ts';
import { DEFAULT_PASSWORD_POLICY, checkPassword } from './core/password-policy.ts';

describe('loadCommonPasswords', () => {
  const common = loadCommonPasswords();

  it('holds zxcvbn’s list: more than 40,000 entries', () => {
    expect(common.size).toBeGreaterThan(40_000);
    expect(common.has('password')).toBe(true);
    expect(common.has('qwertyuiop')).toBe(true);
  });

  it('holds the passwords common in China', () => {
    for (const p of CHINA_COMMON_PASSWORDS) expect(common.has(p), p).toBe(true);
    for (const p of ['woaini1314', '5201314', '1314520', 'qq123456', 'a123456789', 'zhang123456', 'wang123456',
      '147258369', '123qweasd', '1qaz2wsx3edc']) {
      expect(common.has(p), p).toBe(true);
    }
  });

  it('is lower-case throughout', () => {
    expect([...common].filter((p) => p !== p.toLowerCase())).toEqual([]);
  });

  it('is built once', () => {
    expect(loadCommonPasswords()).toBe(common);
  });

  it.each([
    ['woaini1314'], ['WoAiNi1314'], ['zhang123456'], ['a123456789'], ['1qaz2wsx3edc'], ['Password123'],
    ['iloveyou2024!'], ['woaini1314520'],
  ])('the default policy refuses %s as common', (password) => {
    const problems = checkPassword(password, { username: 'kit' }, DEFAULT_PASSWORD_POLICY, common);
    expect(problems.some((p) => p.includes('常见密码'))).toBe(true);
  });
});
