/**
 * 身份证明 on an application (条例第二十九条: 申请人的姓名或者名称、身份证明): the kinds of document an
 * applicant may give and the check of each number as typed. A 居民身份证号码 is checked in full (GB
 * 11643-1999: region, birth date, check character), so a mistyped number is caught at intake with a
 * message naming the wrong digit, not found months later on a letter. Pure: today is a parameter.
 */
import { dayFromCivil, daysInMonth, dayOf, type IsoDate } from '../law/dates.ts';
import { checkCreditCode } from '../platform/accounts/core/credit-code.ts';

/** The kinds of 身份证明, in the order a form lists them. */
export const ID_TYPES = ['idCard', 'passport', 'hkMacauPermit', 'taiwanPermit', 'foreignPermanent', 'creditCode', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** The documents' names as printed on them. */
export const ID_TYPE_LABELS: Record<IdType, string> = {
  idCard: '居民身份证',
  passport: '护照',
  hkMacauPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  foreignPermanent: '外国人永久居留身份证',
  creditCode: '统一社会信用代码',
  other: '其他',
};

/** What the number is called in a message about it. */
const NUMBER_NAMES: Record<IdType, string> = {
  idCard: '身份证号码',
  passport: '护照号码',
  hkMacauPermit: '通行证号码',
  taiwanPermit: '通行证号码',
  foreignPermanent: '永久居留身份证号码',
  creditCode: '统一社会信用代码',
  other: '证件号码',
};

/** Whether a string is one of {@link ID_TYPES}. */
export function isIdType(value: string): value is IdType {
  return (ID_TYPES as readonly string[]).includes(value);
}

/** The result of a check: `value` is the number normalised (what to store); a refusal says what is wrong. */
export type IdNumberCheck =
  | { ok: true; value: string }
  | { ok: false; message: string; /** 1-based position of the wrong character. */ position?: number };

/** Weights of the first 17 digits (GB 11643-1999: 2^(18−i) mod 11). */
const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each value of the weighted sum mod 11. */
const ID_CARD_CHECK = '10X98765432';
/** No 居民身份证 holder was born before this year (the 18-digit numbers began in 1999). */
const EARLIEST_BIRTH_YEAR = 1900;

/**
 * Turns full-width digits and letters half-width (as a Chinese input method types them), upper-cases
 * and removes every space (numbers are often copied in groups: “210902 19900101 1234”).
 */
export function normalizeDocumentNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** The check character (18th) of a 居民身份证号码 for its first 17 digits; throws on anything but 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`residentIdCheckCharacter needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_CARD_WEIGHTS[i]!;
  return ID_CARD_CHECK.charAt(sum % 11);
}

/**
 * Checks a 居民身份证号码 (GB 11643-1999) as typed: 18 characters, 17 digits and a check character (0–9
 * or X); the first digit 1–8 (the first 6 are the 行政区划代码 of the place of registration); digits
 * 7–14 a real birth date, not before 1900 and not after `today`; the 18th the check character.
 * Reports the first problem found. The 15-digit numbers of the first-generation cards are refused
 * with a request for the 18-digit number (every holder has had one since 2013).
 *
 * @example checkResidentIdNumber('11010519491231002x', today) // { ok: true, value: '11010519491231002X' }
 */
export function checkResidentIdNumber(raw: string, today: IsoDate): IdNumberCheck {
  const value = normalizeDocumentNumber(raw);
  const chars = [...value];
  if (chars.length === 0) return { ok: false, message: '请填写身份证号码（18 位）' };
  if (chars.length === 15 && /^\d{15}$/.test(value)) {
    return { ok: false, message: '这是 15 位的第一代身份证号码，已停止使用：请填写 18 位的居民身份证号码' };
  }
  if (chars.length !== 18) return { ok: false, message: `身份证号码应为 18 位，现为 ${chars.length} 位` };
  for (let i = 0; i < 17; i++) {
    const c = chars[i]!;
    if (c < '0' || c > '9') return { ok: false, position: i + 1, message: `身份证号码第 ${i + 1} 位应为数字，实际为“${c}”` };
  }
  const last = chars[17]!;
  if (!/^[0-9X]$/.test(last)) {
    return { ok: false, position: 18, message: `身份证号码第 18 位（校验码）应为数字或 X，实际为“${last}”` };
  }
  const first = value.charAt(0);
  if (first === '0' || first === '9') {
    return { ok: false, position: 1, message: `身份证号码第 1 位应为 1–8（前 6 位是户籍所在地的行政区划代码），实际为“${first}”` };
  }
  const birth = birthDateProblem(value.slice(6, 14), today);
  if (birth) return { ok: false, position: 7, message: birth };
  const expected = residentIdCheckCharacter(value.slice(0, 17));
  if (last !== expected) {
    return { ok: false, position: 18, message: `身份证号码第 18 位（校验码）应为“${expected}”，实际为“${last}”：请核对是否抄错` };
  }
  return { ok: true, value };
}

/** Why digits 7–14 (YYYYMMDD) are not a possible birth date, or null. */
function birthDateProblem(digits: string, today: IsoDate): string | null {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `身份证号码第 7–14 位是出生日期，“${digits}”不是真实的日期：请核对`;
  }
  const shown = `${year}年${month}月${day}日`;
  if (year < EARLIEST_BIRTH_YEAR) return `身份证号码中的出生日期 ${shown} 早于 1900 年：请核对第 7–14 位`;
  if (dayFromCivil(year, month, day) > dayOf(today)) return `身份证号码中的出生日期 ${shown} 晚于今天：请核对第 7–14 位`;
  return null;
}

/**
 * Checks the number of a 护照, 通行证 or 外国人永久居留身份证: 5–20 letters or digits (their formats
 * differ by issuing year and country; the document itself is checked when the applicant shows it).
 */
function checkDocumentNumber(type: IdType, raw: string): IdNumberCheck {
  const name = NUMBER_NAMES[type];
  const value = normalizeDocumentNumber(raw);
  if (value === '') return { ok: false, message: `请填写${name}` };
  const bad = [...value].findIndex((c) => !/^[0-9A-Z]$/.test(c));
  if (bad >= 0) return { ok: false, position: bad + 1, message: `${name}只由字母和数字组成，第 ${bad + 1} 位是“${[...value][bad]}”` };
  if (value.length < 5 || value.length > 20) return { ok: false, message: `${name}应为 5–20 位字母或数字，现为 ${value.length} 位` };
  return { ok: true, value };
}

/** Checks the number of an 其他 document: 1–50 characters, trimmed, no control characters. */
function checkOtherNumber(raw: string): IdNumberCheck {
  const value = raw.trim();
  const chars = [...value];
  if (chars.length === 0) return { ok: false, message: '请填写证件号码' };
  if (chars.length > 50) return { ok: false, message: `证件号码最多 50 个字，现为 ${chars.length} 个` };
  const bad = chars.findIndex((c) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(c));
  if (bad >= 0) return { ok: false, position: bad + 1, message: `证件号码第 ${bad + 1} 位是不可见的控制字符：请重新输入` };
  return { ok: true, value };
}

/**
 * Checks a document number by its type: 居民身份证 in full (see {@link checkResidentIdNumber}),
 * 统一社会信用代码 by GB 32100-2015, the others by their shape.
 *
 * @example checkIdNumber('passport', 'e1234 5678', today) // { ok: true, value: 'E12345678' }
 */
export function checkIdNumber(type: IdType, raw: string, today: IsoDate): IdNumberCheck {
  switch (type) {
    case 'idCard':
      return checkResidentIdNumber(raw, today);
    case 'creditCode': {
      const result = checkCreditCode(raw);
      if (result.ok) return { ok: true, value: result.code };
      return result.position === undefined ? { ok: false, message: result.message } : { ok: false, message: result.message, position: result.position };
    }
    case 'passport':
    case 'hkMacauPermit':
    case 'taiwanPermit':
    case 'foreignPermanent':
      return checkDocumentNumber(type, raw);
    case 'other':
      return checkOtherNumber(raw);
  }
}
