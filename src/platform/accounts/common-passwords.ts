/**
 * The list of common passwords the password policy refuses (core/password-policy.ts): zxcvbn's list
 * of ~49,000, mostly from English-language leaks, plus passwords common in China that it lacks.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords frequent in Chinese leaks (CSDN, 12306) missing from zxcvbn's list: 我爱你 and 520/1314
 * number puns, surname + 123456, pinyin words. Lower-case.
 */
export const CHINA_COMMON_PASSWORDS: readonly string[] = [
  'woaini1314', 'woaini520', 'woaini123', 'woaini1314520', 'aini1314', 'iloveyou1314', '1314woaini',
  'a5201314', '5211314', '1314521', '5201314520', '1314520520', '520520', '7758521', '7758258',
  'woaiwojia', 'wodemima', 'mima123456',
  'zhang123', 'zhang123456', 'wang123456', 'li123456', 'liu123456', 'chen123456', 'yang123456',
  'zhao123456', 'huang123456', 'zhou123456', 'wu123456', 'xu123456',
  'dearbook', 'xiazhili', '110110110', '100200', 'admin888', 'admin@123',
];

let cached: ReadonlySet<string> | undefined;

/** The common passwords, lower-cased; built on first use (~50,000 entries) and kept. */
export function loadCommonPasswords(): ReadonlySet<string> {
  cached ??= new Set([...dictionary['passwords-common'], ...CHINA_COMMON_PASSWORDS].map((p) => p.toLowerCase()));
  return cached;
}
