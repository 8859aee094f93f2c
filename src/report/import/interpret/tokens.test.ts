import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeCells } from './tokens.ts';
import { CELL_MAY_HAVE_DIGIT, CELL_MAY_HAVE_SPACE, CELL_UNKNOWN } from '../source.ts';

/** What normalizeCells promises per cell: NFKC and trimmed, and facts that never deny a digit or a space it holds. */
function expectedFacts(cell: string): number {
  const stable = /^[\t\x20-\x7e\u4e00-\u9fff\u00b7\u2014\u2018\u2019\u201c\u201d\u3001\u3002\u3008-\u3011]*$/u.test(cell);
  if (!stable) return CELL_UNKNOWN;
  return (/\d/u.test(cell) ? CELL_MAY_HAVE_DIGIT : 0) | (/[ \t]/u.test(cell) ? CELL_MAY_HAVE_SPACE : 0);
}

describe('normalizeCells', () => {
  // Cells of every length: a table's number, a label, a whole paragraph of a section's text.
  const alphabet = ['a', '1', ' ', '\t', '中', '文', '（', '１', '，', '、', '。', '《', '\u201c', '\u00b7', '\u2014', '\u00a0', '\u3000', '⾩', 'é', '\u007f', '\u0001', '\n'];
  it('gives every cell in NFKC, trimmed, with facts that match its characters', () => {
    // fast-check keeps generated arrays short unless told (size: 'max').
    const cell = fc.array(fc.constantFrom(...alphabet), { maxLength: 90, size: 'max' });
    fc.assert(fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (pieces) => {
      const cells = pieces.map((p) => p.join(''));
      const { cells: normalized, facts } = normalizeCells({ kind: 'text', lines: [{ cells, isTableRow: true }], meta: {}, warnings: [] });
      cells.forEach((cell, i) => {
        expect(normalized[0]?.[i]).toBe(cell.normalize('NFKC').trim());
        expect(facts[i]).toBe(expectedFacts(cell));
      });
    }), { numRuns: 3000 });
  });
});
