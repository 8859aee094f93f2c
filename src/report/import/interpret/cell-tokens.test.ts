/**
 * Blank cells printed as dashes in crawler text (`821 35 / / 2 1 859`): a whitespace-separated
 * single dash after a number is a blank cell; dashes run together (`//`), a dash right before a
 * number (a sign, `1-10`) and dashes inside words stay text.
 */
import { describe, expect, it } from 'vitest';
import type { Token } from './tokens.ts';
import { tokenizeCell } from './cell-tokens.ts';

const shape = (s: string): string => {
  const out: Token[] = [];
  tokenizeCell(s, 0, false, out);
  return out.map((t) => (t.kind === 'text' ? `T:${t.text}` : t.value === 'dash' ? 'D' : `N:${t.raw}`)).join(' ');
};

describe('dash cells between and after numbers', () => {
  it.each([
    ['数量821 35 / / 2 1 859二、上年', 'T:数量 N:821 N:35 D D N:2 N:1 N:859 T:二、上年'],
    ['3 / / / / / /（二）部分', 'N:3 D D D D D D T:（二）部分'],
    ['3 / /', 'N:3 D D'],
    ['5 //2', 'N:5 T:// N:2'],
    ['5 / -3', 'N:5 D T:- N:3'],
    ['1-10', 'N:1 T:- N:10'],
    ['2021-01-28', 'N:2021 T:- N:01 T:- N:28'],
    ['0591—86177916', 'N:0591 T:— N:86177916'],
    // Before a line's first number, dashes glued to a label are not read (nothing says where the label ends).
    ['公开/ / 3', 'T:公开// N:3'],
  ])('%s', (cell, tokens) => {
    expect(shape(cell)).toBe(tokens);
  });
});
