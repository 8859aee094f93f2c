import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARACTERS, checkCreditCode, creditCodeCheckCharacter, normalizeCreditCode } from './credit-code.ts';

/** A valid code built from 17 characters and their computed check character. */
const valid = (first17: string): string => first17 + creditCodeCheckCharacter(first17);

describe('creditCodeCheckCharacter：GB 32100-2015 校验码', () => {
  // Codes printed in published documents (a 晋中市 procurement contract and a 荥阳市 court judgment).
  it.each([
    ['晋中市文化和旅游局（机关，11 开头）', '11140800558745220K'],
    ['荥阳市司法局（机关，11 开头）', '11410182005291054B'],
    ['企业（91 开头）', '91140106713678575D'],
  ])('%s：%s', (_who, code) => {
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
  });

  it.each([
    ['全 0：和为 0，31 记为 0', '00000000000000000', '0'],
    ['末位 1：和为 28，校验值 3', '00000000000000001', '3'],
    ['首位 Y（值 30）：和 30，校验值 1', 'Y0000000000000000', '1'],
  ])('%s', (_scenario, first17, check) => {
    expect(creditCodeCheckCharacter(first17)).toBe(check);
  });

  it('every check value 0–30 occurs, and each built code passes', () => {
    const seen = new Set<string>();
    for (let v = 0; v < 31; v++) {
      const first17 = `1111000000000000${CREDIT_CODE_CHARACTERS.charAt(v)}`;
      const code = valid(first17);
      seen.add(code.charAt(17));
      expect(checkCreditCode(code)).toEqual({ ok: true, code });
    }
    expect(seen.size).toBe(31);
  });

  it.each([
    ['16 个字符', '1111000000000000'],
    ['18 个字符', '111100000000000000'],
    ['含字母 O', '1111000000000000O'],
    ['含小写字母', '1111000000000000a'],
  ])('refuses bad input (programming error): %s', (_scenario, first17) => {
    expect(() => creditCodeCheckCharacter(first17)).toThrow(RangeError);
  });
});

describe('normalizeCreditCode', () => {
  it.each([
    ['去掉首尾空白', '  11140800558745220K\n', '11140800558745220K'],
    ['去掉全角空格', '\u300011140800558745220K\u3000', '11140800558745220K'],
    ['小写转大写', '11140800558745220k', '11140800558745220K'],
    ['全角数字和字母转半角', '１１１４０８００５５８７４５２２０Ｋ', '11140800558745220K'],
    ['全角小写字母转半角大写', '９１１４０１０６７１３６７８５７５ｄ', '91140106713678575D'],
    ['中间空格保留（由长度检查报告）', '1114 0800558745220K', '1114 0800558745220K'],
  ])('%s', (_scenario, raw, normalized) => {
    expect(normalizeCreditCode(raw)).toBe(normalized);
  });
});

describe('checkCreditCode', () => {
  const good = valid('12100000MB0000001');

  it.each([
    ['半角大写', good],
    ['小写输入', good.toLowerCase()],
    ['全角输入', good.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
    ['前后空白', ` ${good}\t`],
  ])('accepts %s', (_scenario, raw) => {
    expect(checkCreditCode(raw)).toEqual({ ok: true, code: good });
  });

  it.each([
    ['空', '', '请填写统一社会信用代码（18 位）'],
    ['只有空白', '   ', '请填写统一社会信用代码（18 位）'],
    ['少一位', '1114080055874522K', '统一社会信用代码应为 18 位，现为 17 位'],
    ['多一位', '11140800558745220KK', '统一社会信用代码应为 18 位，现为 19 位'],
    ['旧的 15 位注册号', '110108000000016', '统一社会信用代码应为 18 位，现为 15 位'],
    ['中间有空格', '1114 0800558745220K', '统一社会信用代码应为 18 位，现为 19 位'],
    ['汉字按一位计', '1114080055874522码码K', '统一社会信用代码应为 18 位，现为 19 位'],
  ])('length: %s', (_scenario, raw, message) => {
    expect(checkCreditCode(raw)).toEqual({ ok: false, code: normalizeCreditCode(raw), message });
  });

  it.each([
    ['字母 O', 5, 'O', '代码不使用 I、O、Z、S、V'],
    ['字母 I', 10, 'I', '代码不使用 I、O、Z、S、V'],
    ['字母 Z', 1, 'Z', '代码不使用 I、O、Z、S、V'],
    ['字母 S', 12, 'S', '代码不使用 I、O、Z、S、V'],
    ['字母 V（校验位）', 18, 'V', '代码不使用 I、O、Z、S、V'],
    ['连字符', 9, '-', '代码只由数字和大写字母组成，不使用 I、O、Z、S、V'],
    ['汉字', 17, '码', '代码只由数字和大写字母组成，不使用 I、O、Z、S、V'],
  ])('character not in the set: %s at position %i', (_scenario, position, c, why) => {
    const chars = [...good];
    chars[position - 1] = c;
    expect(checkCreditCode(chars.join(''))).toEqual({
      ok: false, code: chars.join(''), position,
      message: `统一社会信用代码第 ${position} 位“${c}”不是代码使用的字符（${why}）`,
    });
  });

  it('names the brief example exactly: 第 5 位“O”', () => {
    const code = '1114O800558745220K';
    expect(checkCreditCode(code)).toMatchObject({
      ok: false, position: 5, message: '统一社会信用代码第 5 位“O”不是代码使用的字符（代码不使用 I、O、Z、S、V）',
    });
  });

  it('reports the first bad character when there are several', () => {
    expect(checkCreditCode('11140O0055874522OK')).toMatchObject({ ok: false, position: 6 });
  });

  it.each([3, 4, 5, 6, 7, 8])('position %i (行政区划码) must be a digit', (position) => {
    const first17 = [...'11140800558745220'];
    first17[position - 1] = 'A';
    // A valid check character, so only the region rule can fail.
    const code = valid(first17.join(''));
    expect(checkCreditCode(code)).toEqual({
      ok: false, code, position,
      message: `统一社会信用代码第 ${position} 位“A”应为数字（第 3–8 位是登记管理机关行政区划码）`,
    });
  });

  it.each([1, 2, 9, 17])('letters are allowed at position %i', (position) => {
    const first17 = [...'11140800558745220'];
    first17[position - 1] = 'M';
    expect(checkCreditCode(valid(first17.join('')))).toMatchObject({ ok: true });
  });

  it.each([
    ['校验码抄错', '11140800558745220L', 'K', 'L'],
    ['应为 0（和为 31 的倍数）', '000000000000000001', '0', '1'],
    ['两位对调（校验码发现）', '11140800585745220K', creditCodeCheckCharacter('11140800585745220'), 'K'],
    ['一位抄错（校验码发现）', '11140800558745221K', creditCodeCheckCharacter('11140800558745221'), 'K'],
  ])('check character: %s', (_scenario, code, expected, actual) => {
    expect(expected).not.toBe(actual);
    expect(checkCreditCode(code)).toEqual({
      ok: false, code, position: 18,
      message: `统一社会信用代码第 18 位（校验码）应为“${expected}”，实际为“${actual}”：请核对代码是否抄错`,
    });
  });

  it('every single-character change of a valid code is caught', () => {
    const code = '11140800558745220K';
    for (let i = 0; i < 18; i++) {
      for (const c of CREDIT_CODE_CHARACTERS) {
        if (c === code.charAt(i)) continue;
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkCreditCode(changed).ok, changed).toBe(false);
      }
    }
  });
});
