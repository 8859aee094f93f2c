/**
 * 统一社会信用代码 (GB 32100-2015): the 18-character code that names an agency. Checked on entry so that
 * a mistyped code is caught with a message naming the wrong character, not stored and found later.
 */

/** The code's 31 characters, in value order: digits and upper-case letters without I, O, Z, S, V. */
export const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of the first 17 characters in the check character's sum (3^i mod 31). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Letters the code leaves out (they look like digits or each other). */
const EXCLUDED_LETTERS = 'IOZSV';

/** The result of checking a code: `code` is the normalized input either way, to show back to the user. */
export type CreditCodeCheck =
  | { ok: true; code: string }
  | { ok: false; code: string; message: string; /** 1-based position of the wrong character. */ position?: number };

/** Trims, turns full-width letters and digits (as typed with a Chinese input method) half-width, and upper-cases. */
export function normalizeCreditCode(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/**
 * The check character (18th) for the first 17 characters of a code. They must be 17 characters of
 * {@link CREDIT_CODE_CHARACTERS} already normalized; anything else is a programming error and throws.
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`creditCodeCheckCharacter needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`creditCodeCheckCharacter: "${first17.charAt(i)}" at position ${i + 1} is not a code character`);
    sum += value * WEIGHTS[i]!;
  }
  // 31 − (sum mod 31), where 31 itself becomes 0.
  return CREDIT_CODE_CHARACTERS.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks a 统一社会信用代码 as typed: 18 characters, all from the code's character set, positions 3–8
 * (登记管理机关行政区划码) digits, and the 18th the check character. Reports the first problem found.
 */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normalizeCreditCode(raw);
  // Code points, so that a Chinese character counts as one position.
  const chars = [...code];
  if (chars.length === 0) return { ok: false, code, message: '请填写统一社会信用代码（18 位）' };
  if (chars.length !== 18) {
    return { ok: false, code, message: `统一社会信用代码应为 18 位，现为 ${chars.length} 位` };
  }
  for (const [i, c] of chars.entries()) {
    if (!CREDIT_CODE_CHARACTERS.includes(c)) {
      const why = EXCLUDED_LETTERS.includes(c) ? '代码不使用 I、O、Z、S、V' : '代码只由数字和大写字母组成，不使用 I、O、Z、S、V';
      return { ok: false, code, position: i + 1, message: `统一社会信用代码第 ${i + 1} 位“${c}”不是代码使用的字符（${why}）` };
    }
  }
  for (let i = 2; i < 8; i++) {
    const c = chars[i]!;
    if (c < '0' || c > '9') {
      return {
        ok: false, code, position: i + 1,
        message: `统一社会信用代码第 ${i + 1} 位“${c}”应为数字（第 3–8 位是登记管理机关行政区划码）`,
      };
    }
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  const actual = code.charAt(17);
  if (actual !== expected) {
    return {
      ok: false, code, position: 18,
      message: `统一社会信用代码第 18 位（校验码）应为“${expected}”，实际为“${actual}”：请核对代码是否抄错`,
    };
  }
  return { ok: true, code };
}
