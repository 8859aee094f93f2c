import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../law/dates.ts';
import { ID_TYPE_LABELS, ID_TYPES, checkIdNumber, checkResidentIdNumber, isIdType, normalizeDocumentNumber, residentIdCheckCharacter } from './id-numbers.ts';

const today = '2025-06-30' as IsoDate;
/** A number with its computed check character. */
const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17);

describe('residentIdCheckCharacter：GB 11643-1999 校验码', () => {
  it('标准示例 11010519491231002X：加权和 167，模 11 余 2，校验码 X', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
  });

  it.each([
    ['余 0 → 1', 0, '1'], ['余 1 → 0', 1, '0'], ['余 2 → X', 2, 'X'], ['余 3 → 9', 3, '9'], ['余 10 → 2', 10, '2'],
  ])('%s', (_scenario, remainder, check) => {
    // Vary the last two digits until the weighted sum has the wanted remainder, counted here by hand.
    for (let n = 0; n < 100; n++) {
      const first17 = `110000199001010${String(n).padStart(2, '0')}`;
      let sum = 0;
      [...first17].forEach((d, i) => (sum += Number(d) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i]!));
      if (sum % 11 === remainder) {
        expect(residentIdCheckCharacter(first17)).toBe(check);
        return;
      }
    }
    throw new Error('no prefix found');
  });

  it('refuses anything but 17 digits (programming error)', () => {
    expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('1101051949123100X')).toThrow(RangeError);
  });
});

describe('checkResidentIdNumber', () => {
  it.each([
    ['标准示例', '11010519491231002X', '11010519491231002X'],
    ['小写 x 转大写', '11010519491231002x', '11010519491231002X'],
    ['全角数字和 ｘ 转半角', '１１０１０５１９４９１２３１００２ｘ', '11010519491231002X'],
    ['分组抄写的空格去掉', ' 110105 19491231 002X ', '11010519491231002X'],
    ['闰年 2 月 29 日出生', withCheck('44030420000229001'), withCheck('44030420000229001')],
    ['1900 年 1 月 1 日出生', withCheck('11010519000101001'), withCheck('11010519000101001')],
    ['今天出生', withCheck('11010520250630001'), withCheck('11010520250630001')],
    ['港澳台居民居住证（8 开头）', withCheck('81000019800101001'), withCheck('81000019800101001')],
  ])('接受：%s', (_scenario, raw, value) => {
    expect(checkResidentIdNumber(raw, today)).toEqual({ ok: true, value });
  });

  it.each([
    ['空白', '  ', '请填写身份证号码（18 位）', undefined],
    ['15 位旧号码', '110105491231002', '这是 15 位的第一代身份证号码，已停止使用：请填写 18 位的居民身份证号码', undefined],
    ['17 位', '11010519491231002', '身份证号码应为 18 位，现为 17 位', undefined],
    ['19 位', '11010519491231002X1', '身份证号码应为 18 位，现为 19 位', undefined],
    ['前 17 位中有字母', '1101051949I231002X', '身份证号码第 11 位应为数字，实际为“I”', 11],
    ['校验码是其他字母', '11010519491231002Y', '身份证号码第 18 位（校验码）应为数字或 X，实际为“Y”', 18],
    ['首位 0', withCheck('01010519491231002'), '身份证号码第 1 位应为 1–8（前 6 位是户籍所在地的行政区划代码），实际为“0”', 1],
    ['首位 9', withCheck('91010519491231002'), '身份证号码第 1 位应为 1–8（前 6 位是户籍所在地的行政区划代码），实际为“9”', 1],
    ['13 月', withCheck('11010519491331002'), '身份证号码第 7–14 位是出生日期，“19491331”不是真实的日期：请核对', 7],
    ['非闰年 2 月 29 日', withCheck('11010520230229002'), '身份证号码第 7–14 位是出生日期，“20230229”不是真实的日期：请核对', 7],
    ['0 日', withCheck('11010519490100002'), '身份证号码第 7–14 位是出生日期，“19490100”不是真实的日期：请核对', 7],
    ['1900 年以前', withCheck('11010518991231002'), '身份证号码中的出生日期 1899年12月31日 早于 1900 年：请核对第 7–14 位', 7],
    ['明天出生', withCheck('11010520250701002'), '身份证号码中的出生日期 2025年7月1日 晚于今天：请核对第 7–14 位', 7],
    ['校验码抄错', '110105194912310023', '身份证号码第 18 位（校验码）应为“X”，实际为“3”：请核对是否抄错', 18],
    ['两位数字对调', '11010519491213002X', '身份证号码第 18 位（校验码）应为“9”，实际为“X”：请核对是否抄错', 18],
  ])('拒绝：%s', (_scenario, raw, message, position) => {
    const result = checkResidentIdNumber(raw, today);
    expect(result).toEqual(position === undefined ? { ok: false, message } : { ok: false, message, position });
  });
});

describe('checkIdNumber：按证件类型', () => {
  it('every type has a label, and isIdType knows them', () => {
    for (const type of ID_TYPES) {
      expect(ID_TYPE_LABELS[type]).toBeTruthy();
      expect(isIdType(type)).toBe(true);
    }
    expect(isIdType('driverLicence')).toBe(false);
  });

  it.each([
    ['idCard', '11010519491231002x', '11010519491231002X'],
    ['creditCode', '11140800558745220k', '11140800558745220K'],
    ['passport', 'e1234 5678', 'E12345678'],
    ['hkMacauPermit', 'H12345678', 'H12345678'],
    ['taiwanPermit', '１２３４５６７８', '12345678'],
    ['foreignPermanent', 'USA123456789012', 'USA123456789012'],
    ['other', '  军官证 第 123 号 ', '军官证 第 123 号'],
  ] as const)('接受 %s：%s', (type, raw, value) => {
    expect(checkIdNumber(type, raw, today)).toEqual({ ok: true, value });
  });

  it.each([
    ['idCard', '11010519491231002Y', '身份证号码第 18 位（校验码）应为数字或 X，实际为“Y”', 18],
    ['creditCode', '11140800558745220A', '统一社会信用代码第 18 位（校验码）应为“K”，实际为“A”：请核对代码是否抄错', 18],
    ['creditCode', '', '请填写统一社会信用代码（18 位）', undefined],
    ['passport', '', '请填写护照号码', undefined],
    ['passport', 'E123', '护照号码应为 5–20 位字母或数字，现为 4 位', undefined],
    ['passport', 'E12345678901234567890', '护照号码应为 5–20 位字母或数字，现为 21 位', undefined],
    ['hkMacauPermit', 'H1234-5678', '通行证号码只由字母和数字组成，第 6 位是“-”', 6],
    ['foreignPermanent', '永久123456', '永久居留身份证号码只由字母和数字组成，第 1 位是“永”', 1],
    ['other', ' ', '请填写证件号码', undefined],
    ['other', '号'.repeat(51), '证件号码最多 50 个字，现为 51 个', undefined],
    ['other', 'ab\u0007c', '证件号码第 3 位是不可见的控制字符：请重新输入', 3],
  ] as const)('拒绝 %s：%s', (type, raw, message, position) => {
    const result = checkIdNumber(type, raw, today);
    expect(result).toEqual(position === undefined ? { ok: false, message } : { ok: false, message, position });
  });
});

describe('normalizeDocumentNumber', () => {
  it.each([
    ['全角字母数字转半角并大写', 'ｅ１２３', 'E123'],
    ['去掉所有空白（含全角空格）', '\u3000E 12\t3 ', 'E123'],
  ])('%s', (_scenario, raw, normalized) => {
    expect(normalizeDocumentNumber(raw)).toBe(normalized);
  });
});
