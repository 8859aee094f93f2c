/**
 * Blank cells printed as dashes in crawler text (`821 35 / / 2 1 859`): a whitespace-separated
 * single dash after a number is a blank cell, and so is each of two or more single dashes after a
 * label; slashes run together (`26/////26`) are one dash value keeping the run; a dash right
 * before a number (a sign, `1-10`), one slash between numbers and dashes inside words stay text.
 */
import { describe, expect, it } from 'vitest';
import type { Token } from './tokens.ts';
import { tokenizeCell } from './cell-tokens.ts';

const shape = (s: string): string => {
  const out: Token[] = [];
  tokenizeCell(s, 0, false, out);
  return out.map((t) => (t.kind === 'text' ? `T:${t.text}` : t.value === 'dash' ? (t.raw === '' ? 'D' : `D(${t.raw})`) : `N:${t.raw}`)).join(' ');
};

describe('dash cells between and after numbers', () => {
  it.each([
    ['数量821 35 / / 2 1 859二、上年', 'T:数量 N:821 N:35 D D N:2 N:1 N:859 T:二、上年'],
    ['3 / / / / / /（二）部分', 'N:3 D D D D D D T:（二）部分'],
    ['3 / /', 'N:3 D D'],
    // Slashes run together: one dash value keeping the run (`readRow` weighs one cell per slash, or fewer).
    ['5 //2', 'N:5 D(//) N:2'],
    ['数量26/////26二、', 'T:数量 N:26 D(/////) N:26 T:二、'],
    ['国家秘密 0/////02.其他', 'T:国家秘密 N:0 D(/////) N:0 T:2.其他'],
    ['予以公开25812//11/ （二）部分公开 3////// （三）', 'T:予以公开 N:25812 D(//) N:11 D T:（二）部分公开 N:3 D(//////) T:（三）'],
    ['禁止公开 /////// 3.危及', 'T:禁止公开 D(///////) T:3.危及'],
    ['权益/////// 5.属于三类内部事务信息 5////// 6.', 'T:权益 D(///////) T:5.属于三类内部事务信息 N:5 D(//////) T:6.'],
    // A single slash after whitespace continues the dash cells before it.
    ['事项 102 // // /（四）无法提供', 'T:事项 N:102 D(//) D(//) D T:（四）无法提供'],
    // One slash between numbers (a date, a fraction), in a word, or after a URL's colon stays text.
    ['1/2 和/或 http://a.cn', 'N:1 T:/ N:2 T:和/或http://a.cn'],
    ['5 / -3', 'N:5 D T:- N:3'],
    ['1-10', 'N:1 T:- N:10'],
    ['2021-01-28', 'N:2021 T:- N:01 T:- N:28'],
    ['0591—86177916', 'N:0591 T:— N:86177916'],
    // Two or more single dashes after a label, the first glued to it or not: blank cells (no template label ends with a dash).
    ['公开/ / 3', 'T:公开 D D N:3'],
    ['禁止公开/ / / / / / /3.危及“三安全一稳定”/ / / / / / /4.保护', 'T:禁止公开 D D D D D D D T:3.危及“三安全一稳定” D D D D D D D T:4.保护'],
    ['合法权益 / / / / / / /5.属于三类内部事务信息5 / / / / / /6.属于', 'T:合法权益 D D D D D D D T:5.属于三类内部事务信息 N:5 D D D D D D T:6.属于'],
    ['（六）其他处理/ / / / / / /（七）总计767 35 / / 2 1 805', 'T:（六）其他处理 D D D D D D D T:（七）总计 N:767 N:35 D D N:2 N:1 N:805'],
    // The item number of the next label ends the dashes of a row as the line's end does.
    ['国家秘密14 / / / / / /2.其他', 'T:国家秘密 N:14 D D D D D D T:2.其他'],
    // A lone dash after a label, dashes glued to a digit before them, or before a number (a sign) stay text.
    ['和/或 3', 'T:和/或 N:3'],
    // A slash glued after a number and followed by whitespace is the cell after it (`11/ （二）`).
    ['2021/ / 3', 'N:2021 D D N:3'],
    ['项 / / -3', 'T:项//- N:3'],
  ])('%s', (cell, tokens) => {
    expect(shape(cell)).toBe(tokens);
  });
});
