import { describe, expect, it } from 'vitest';
import { idCardCheckCharacter, isIdCardNumber, passesLuhn, scanPersonalData } from './personal-data-scan.ts';

/** An 18-digit number with its right check character. */
const ID = (first17: string) => first17 + idCardCheckCharacter(first17);
/** A digit string completed with its Luhn digit. */
function luhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

describe('GB 11643 check character', () => {
  it('matches the standard\'s own examples', () => {
    expect(idCardCheckCharacter('11010519491231002')).toBe('X');
    expect(idCardCheckCharacter('44052418800101001')).toBe('4');
    expect(isIdCardNumber('11010519491231002X')).toBe(true);
    expect(isIdCardNumber('11010519491231002x')).toBe(true);
  });

  it.each([
    ['a wrong check character', '110105194912310021'],
    ['a birth date that does not exist (Feb 30)', ID('11010519490230002')],
    ['an unknown province (99)', ID('99010519491231002')],
    ['a 15-digit number with a wrong date', '110105491331002'],
  ])('refuses %s', (_name, number) => expect(isIdCardNumber(number)).toBe(false));

  it('takes the 15-digit numbers of the first cards when their birth date is real', () => {
    expect(isIdCardNumber('110105491231002')).toBe(true);
  });
});

describe('Luhn', () => {
  it('checks the last digit', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('6222021234567890128')).toBe(passesLuhn('6222021234567890128'));
  });
});

describe('personal data in a text', () => {
  const card = luhn('622202123456789012');
  const wrongCard = card.slice(0, -1) + String((Number(card.at(-1)) + 1) % 10);
  const id = ID('21090219900101123');

  it('finds an ID number with a valid check character, a mobile number and a bank card, masked', () => {
    const found = scanPersonalData(`获奖人张三，身份证号${id}，手机13800138000，收款账号${card}。`);
    expect(found.map((f) => f.kind)).toEqual(['idCard', 'mobile', 'bankCard']);
    expect(found[0]!.masked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(found[1]!.masked).toBe('138****8000');
    expect(found[2]!.masked).toBe(`${card.slice(0, 4)}${'*'.repeat(card.length - 8)}${card.slice(-4)}`);
    for (const f of found) {
      expect(f.context).not.toContain(id);
      expect(f.context).not.toContain('13800138000');
      expect(f.context).not.toMatch(/\d{7,}/);
    }
  });

  it('finds numbers written in groups', () => {
    const grouped = `${card.slice(0, 4)} ${card.slice(4, 8)} ${card.slice(8, 12)} ${card.slice(12, 16)} ${card.slice(16)}`;
    expect(scanPersonalData(`账号 ${grouped}；电话 138-0013-8000 或 139 1234 5678`).map((f) => f.kind)).toEqual(['bankCard', 'mobile', 'mobile']);
  });

  it.each([
    ['an ID number with a wrong check character', `身份证号 ${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`],
    ['a card number failing Luhn', `账号 ${wrongCard}`],
    ['a mobile number inside a longer run of digits', '编号 2138001380001'],
    ['a number that is not a mobile (12…)', '电话 12800138000'],
    ['a landline', '电话 0418-2345678'],
    ['a 统一社会信用代码', '11211000MB1234567X'],
    ['a 文号 and dates', '太文旅发〔2023〕5号，2023年12月31日'],
    ['a 15-digit order number without a real date', '订单 123456789012345'],
  ])('ignores %s', (_name, text) => expect(scanPersonalData(text)).toEqual([]));

  it('an ID number is not also a bank card or a mobile number', () => {
    const found = scanPersonalData(`证件 ${id}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe('idCard');
  });
});
