/**
 * Money and dates as a letter writes them. Amounts are integer 分 (fen) everywhere in the system; a
 * 收费通知书 states them as ¥12.50 with the amount in capitals (大写), as payment documents do, and
 * dates as 2024年5月6日 (GB/T 9704-2012: 成文日期用阿拉伯数字).
 */
import type { IsoDate } from '../../../law/dates.ts';

/** ¥12.50 from 1250 fen. */
export function yuanOf(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return `¥${yuan.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const SMALL_UNITS = ['', '拾', '佰', '仟'] as const;
const BIG_UNITS = ['', '万', '亿', '万亿'] as const;

/** A group of four digits (0–9999) in capitals, with 零 for inner zeros; '' for 0. */
function groupOf(n: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos -= 1) {
    const digit = Math.floor(n / 10 ** pos) % 10;
    if (digit === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[digit]! + SMALL_UNITS[pos]!;
  }
  return out;
}

/**
 * The amount in capitals as on a payment document: 人民币壹拾贰元伍角整, 壹佰元零伍分, 壹仟零伍元整.
 * An amount that stops at 元 or 角 ends in 整; one with 分 does not.
 */
export function capitalYuanOf(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let integer = '';
  const groups: number[] = [];
  for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const group = groups[i]!;
    if (group === 0) continue;
    // A gap before this group (a smaller group after a non-empty larger one) reads 零.
    if (integer !== '' && (group < 1000 || groups[i + 1] === 0)) integer += '零';
    integer += groupOf(group) + BIG_UNITS[i]!;
  }
  integer = integer.replace(/零+/g, '零');
  if (yuan === 0 && jiao === 0 && fenDigit === 0) return '零元整';
  let out = integer === '' ? '' : `${integer}元`;
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao !== 0) out += `${DIGITS[jiao]}角`;
  else if (out !== '') out += '零';
  if (fenDigit === 0) return `${out}整`;
  return `${out}${DIGITS[fenDigit]}分`;
}

/** 2024年5月6日 from 2024-05-06. */
export function chineseDateOf(date: IsoDate | string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not an ISO date: ${date}`);
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}
