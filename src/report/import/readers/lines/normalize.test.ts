import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CELL_MAY_HAVE_DIGIT, CELL_MAY_HAVE_SPACE, CELL_NORMALIZED, CELL_UNKNOWN } from '../../source.ts';
import { joinBrokenLines, nfkc, normalizedFacts, normalizeText, normalizeWebText } from './normalize.ts';

describe('nfkc', () => {
  it('equals String#normalize("NFKC") on every BMP character, alone and before a combining mark', () => {
    for (let c = 0; c < 0x10000; c += 1) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCharCode(c);
      expect(nfkc(s)).toBe(s.normalize('NFKC'));
      expect(nfkc(`${s}\u0301中`)).toBe(`${s}\u0301中`.normalize('NFKC'));
    }
  });
});

describe('normalizeText', () => {
  const definition = (s: string): string => s.normalize('NFKC').replace(/[\s\u200b\ufeff]+/gu, ' ').trim();
  const alphabet = ['a', '1', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '\u200b', '\ufeff', '\u2003', '中', '文', '（', '１', 'Ａ', '，', '、', '⾩', '\u00b7', '\u2014', '\u201c', '\u25a1', 'é', 'e\u0301', '\u0085', '\u0000', '\u302b', '\u302a'];
  it('equals NFKC + whitespace collapse + trim, for text of every kind of character', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12, size: 'max' }), (parts) => {
      const s = parts.join('');
      expect(normalizeText(s)).toBe(definition(s));
    }), { numRuns: 5000 });
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8, size: 'max' }), (codes) => {
      const s = String.fromCharCode(...codes);
      expect(normalizeText(s)).toBe(definition(s));
    }), { numRuns: 5000 });
  });

  it('reorders the ideographic tone marks as NFKC does (combining marks: never taken as they are)', () => {
    expect(normalizeText('中\u302b\u302a')).toBe('中\u302a\u302b');
  });

  it('tells what it knows of its result: exact digit and space bits for text it normalised itself', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12, size: 'max' }), (parts) => {
      const out = normalizeText(parts.join(''));
      const facts = normalizedFacts();
      if ((facts & CELL_NORMALIZED) === 0) {
        expect(facts).toBe(CELL_UNKNOWN);
        return;
      }
      expect(out).toBe(out.normalize('NFKC').trim());
      expect(/[^\S ]/u.test(out)).toBe(false);
      expect(facts & CELL_MAY_HAVE_DIGIT).toBe(/\d/u.test(out) ? CELL_MAY_HAVE_DIGIT : 0);
      expect(facts & CELL_MAY_HAVE_SPACE).toBe(out.includes(' ') ? CELL_MAY_HAVE_SPACE : 0);
    }), { numRuns: 5000 });
  });

  it('gives the same for long texts (a whole section in one line), wide or one-byte', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 3000, maxLength: 6000 }), (parts) => {
      const s = parts.join('');
      expect(normalizeText(s)).toBe(definition(s));
    }), { numRuns: 20 });
    const ascii = ' 12  ab\t'.repeat(2000);
    expect(normalizeText(ascii)).toBe(definition(ascii));
    // Past utf16-scratch.ts's shared buffer (2^19 units): a buffer of its own.
    const beyondScratch = '（一）本年新收\n 申请'.repeat(50_000);
    expect(normalizeText(beyondScratch)).toBe(definition(beyondScratch));
  });
});

describe('normalizeWebText', () => {
  const cjk = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef]';
  const segmentBreak = new RegExp(`(?<=${cjk})[ \\t\\r]*\\n[ \\t\\r\\n]*(?=${cjk})`, 'gu');
  const definition = (s: string): string => s.replace(segmentBreak, '').normalize('NFKC').replace(/[\s\u200b\ufeff]+/gu, ' ').trim();
  const alphabet = ['a', '1', ' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '\u200b', '中', '文', '（', '１', '，', '⾩', '\u201c', 'é'];
  it('drops a line break between CJK characters as browsers do, and is normalizeText otherwise', () => {
    expect(normalizeWebText('本年新\n    收到  \r\n 申请\nA\nB')).toBe('本年新收到申请 A B');
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12, size: 'max' }), (parts) => {
      const s = parts.join('');
      expect(normalizeWebText(s)).toBe(definition(s));
    }), { numRuns: 10000 });
  });
});

describe('joinBrokenLines', () => {
  // The definition: pieces joined two at a time, left to right.
  const cjk = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;
  const pair = (a: string, b: string): string => (a === '' ? b : b === '' ? a : cjk.test(a.at(-1) ?? '') || cjk.test(b[0] ?? '') ? a + b : `${a} ${b}`);

  it('joins pieces without a space next to a CJK character and with one elsewhere, skipping empty pieces', () => {
    expect(joinBrokenLines(['本年新', '', '制作数量'])).toBe('本年新制作数量');
    expect(joinBrokenLines(['Total', 'count', '（一）', 'x'])).toBe('Total count（一）x');
    fc.assert(fc.property(fc.array(fc.constantFrom('', 'a', '1', '中', '（', 'b c', '文a', 'a文'), { maxLength: 8 }), (pieces) => {
      expect(joinBrokenLines(pieces)).toBe(pieces.reduce(pair, ''));
    }), { numRuns: 3000 });
  });
});
