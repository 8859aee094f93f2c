/**
 * Personal data in a text that is about to be published (issue 18 §2): 居民身份证号码 with a valid
 * check character (GB 11643-1999; the 15-digit numbers of the first cards too, when their birth date is
 * real), mainland mobile numbers (1[3-9] and 9 more digits, not part of a longer run of digits), and bank
 * card numbers of 16–19 digits whose last digit is a valid Luhn check digit (ISO/IEC 7812). Digits may be
 * grouped by spaces or hyphens as people write them (138-0013-8000, 6222 0212 3456 7890).
 *
 * A finding carries its kind and the number masked — never the number itself, so that findings may be
 * stored on the review's events and shown to the reviewer. Pure.
 */
import { residentIdCheckCharacter } from '../../applications/index.ts';
import { daysInMonth } from '../../law/dates.ts';

/** What was found. */
export const PERSONAL_DATA_KINDS = ['idCard', 'mobile', 'bankCard'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];
export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = { idCard: '身份证号码', mobile: '手机号码', bankCard: '银行卡号' };

/** One finding: its kind, the number masked, and a little of the text around it (the number masked there too). */
export interface PersonalDataFinding {
  kind: PersonalDataKind;
  masked: string;
  context: string;
}

/** Characters of context on each side of a finding. */
const CONTEXT_CHARS = 12;
/** At most this many findings are reported (a text full of numbers needs no more to be stopped). */
export const MAX_FINDINGS = 50;

/** The check character of an 18-digit 居民身份证号码 from its first 17 digits (the applications room's GB 11643 check). */
export const idCardCheckCharacter = residentIdCheckCharacter;

/** Is YYYYMMDD a real day between 1900 and 2099? */
function realBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The province-level codes that begin a 行政区划代码 (GB/T 2260). */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]);

/** A 居民身份证号码 (18 characters with a valid check character, or 15 digits of the first cards)? */
export function isIdCardNumber(candidate: string): boolean {
  const upper = candidate.toUpperCase();
  if (!PROVINCES.has(Number(upper.slice(0, 2)))) return false;
  if (/^\d{17}[\dX]$/.test(upper)) return realBirthDate(upper.slice(6, 14)) && idCardCheckCharacter(upper.slice(0, 17)) === upper[17];
  return /^\d{15}$/.test(upper) && realBirthDate(`19${upper.slice(6, 12)}`);
}

/** Does a run of digits end in a valid Luhn check digit? */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A number with all but its first `head` and last `tail` digits as *. */
function mask(digits: string, head: number, tail: number): string {
  return digits.slice(0, head) + '*'.repeat(Math.max(0, digits.length - head - tail)) + digits.slice(digits.length - tail);
}

const MASKS: Record<PersonalDataKind, (digits: string) => string> = {
  idCard: (d) => mask(d, 6, 4),
  mobile: (d) => mask(d, 3, 4),
  bankCard: (d) => mask(d, 4, 4),
};

/**
 * The patterns, in the order they claim text (an ID number is not also read as a bank card).
 * Not preceded or followed by a digit or Latin letter (a longer number, a code such as a 统一社会信用代码).
 */
const PATTERNS: readonly { kind: PersonalDataKind; pattern: RegExp; accept: (digits: string) => boolean }[] = [
  { kind: 'idCard', pattern: /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g, accept: isIdCardNumber },
  { kind: 'bankCard', pattern: /(?<![0-9A-Za-z])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z])/g, accept: (d) => d.length >= 16 && d.length <= 19 && passesLuhn(d) },
  { kind: 'mobile', pattern: /(?<![0-9A-Za-z])(?:1[3-9]\d{9}|1[3-9]\d[ -]\d{4}[ -]\d{4})(?![0-9A-Za-z])/g, accept: () => true },
];

/**
 * The personal data in a text, in the order it appears (at most MAX_FINDINGS).
 *
 * @example scanPersonalData('联系人手机 13800138000') // [{ kind: 'mobile', masked: '138****8000', context: '联系人手机 138****8000' }]
 */
export function scanPersonalData(text: string): PersonalDataFinding[] {
  const claimed: { start: number; end: number; kind: PersonalDataKind; digits: string }[] = [];
  const overlaps = (start: number, end: number) => claimed.some((c) => start < c.end && end > c.start);
  for (const { kind, pattern, accept } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const digits = match[0].replace(/[ -]/g, '').toUpperCase();
      if (!overlaps(start, end) && accept(digits)) claimed.push({ start, end, kind, digits });
    }
  }
  claimed.sort((a, b) => a.start - b.start);
  return claimed.slice(0, MAX_FINDINGS).map((c) => {
    const masked = MASKS[c.kind](c.digits);
    const before = maskAll(text.slice(Math.max(0, c.start - CONTEXT_CHARS), c.start));
    const after = maskAll(text.slice(c.end, c.end + CONTEXT_CHARS));
    return { kind: c.kind, masked, context: `${before}${masked}${after}`.replace(/\s+/g, ' ').trim() };
  });
}

/** Digits in a context beside a finding are hidden too (another number may begin there). */
const maskAll = (text: string) => text.replace(/\d/g, '*');

/** The findings in words: '身份证号码 110105********002X、手机号码 138****8000'. */
export function describeFindings(findings: readonly Pick<PersonalDataFinding, 'kind' | 'masked'>[]): string {
  return findings.map((f) => `${PERSONAL_DATA_LABELS[f.kind]} ${f.masked}`).join('、');
}
