/** Writing counts in Chinese numerals, as narratives sometimes do (“收到申请十二件”). Pure. */

const DIGIT_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const UNIT_CHARS = ['', '十', '百', '千'] as const;

/**
 * A non-negative integer below 10,000 in Chinese numerals: 0 → 零, 12 → 十二, 105 → 一百零五,
 * 1010 → 一千零一十. Larger or fractional values are returned in Arabic digits.
 */
export function toChineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 10000) return String(value);
  if (value === 0) return '零';
  const digits = String(value).split('').map(Number);
  let out = '';
  let pendingZero = false;
  digits.forEach((d, i) => {
    const unit = UNIT_CHARS[digits.length - 1 - i] as string;
    if (d === 0) {
      pendingZero = out !== '';
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : DIGIT_CHARS[d]) + unit;
  });
  return out;
}
