import { describe, expect, it } from 'vitest';
import { readHtml } from './html.ts';
import { buildHtmlTree } from './html-tree.ts';
import { decodeEntities } from './html-text.ts';
import fc from 'fast-check';
import { nfkc, normalizeText, normalizeWebText } from './normalize.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const texts = (html: string): string[][] => readHtml(utf8(html)).lines.map((l) => l.cells);

describe('html-tree: tokenizer edge cases', () => {
  it('reads inline wrappers as their content, but keeps a wrapper between a row and its cells out of the table', () => {
    expect(texts('<p>甲<span>乙<b>丙</p>丁</b>戊</span>己</p><div><font><p>一</p>二</font></div>')).toEqual([['甲乙丙'], ['丁戊己'], ['一'], ['二']]);
    expect(texts('<table><tr><td>a</td><td>1</td></tr><tr><span><td>b</td></span><td>2</td></tr></table>')).toEqual([['a', '1'], ['2']]);
  });

  it('keeps a ">" inside a quoted attribute value inside the tag, and reads upper-case markup', () => {
    expect(texts('<P TITLE="a>b" class=x>正文</P><TABLE><TR><TD COLSPAN=2>项目</TD></TR><TR><TD>a</TD><TD>1</TD></TR></TABLE>'))
      .toEqual([['正文'], ['项目'], ['a', '1']]);
  });

  it('closes the open inline elements of a cell at its end tag (a stray </span> or </td> does not swallow the table)', () => {
    expect(texts('<table><tr><td><span>自然人</td><td>3</td></tr><tr><td>法人</td><td><b>4</td></tr></table><p>后文</p>'))
      .toEqual([['自然人', '3'], ['法人', '4'], ['后文']]);
  });

  it('skips script content up to a loose end tag, comments, declarations and processing instructions', () => {
    expect(texts('<?xml version="1.0"?><!DOCTYPE html><p>甲<!-- <p>注释</p> --></p><script>if (a < b) "</p>"</script ><p>乙</p>'))
      .toEqual([['甲'], ['乙']]);
  });

  it('treats a "<" that starts no tag, and an unclosed comment, as text', () => {
    expect(texts('<p>1 < 2</p><p>x <!-- y</p>')).toEqual([['1 < 2'], ['x <!-- y']]);
  });

  it('reads a table still open at the end of the page as a table', () => {
    expect(texts('<table><tr><td>自然人</td><td>3')).toEqual([['自然人', '3']]);
  });
});

describe('html-tree: hostile markup', () => {
  // Each case once failed or would fail by backtracking or rescanning; the test timeout is the bound.
  it('reads megabytes of unclosed tags, quotes and hiding hints in linear time', () => {
    const hint = 'style="mso-hidx disx hidx mso-x dd hh mm ';
    const cases = ['<a ' + '"x" '.repeat(500_000), '<a ' + '"x" '.repeat(500_000) + '>', '<p>' + '<a "'.repeat(100_000), '<a '.repeat(200_000),
      '<p><span ' + hint.repeat(50_000), '<a b' + 'x'.repeat(5000), '<a "' + 'x'.repeat(5000), ('<span ' + hint + '">t</span>').repeat(20_000)];
    for (const html of cases) expect(buildHtmlTree(html).root.tag).toBe('#root');
  }, 20_000);
});

describe('decodeEntities', () => {
  it('decodes as the HTML5 decoder does, common references directly and the rest through it', () => {
    expect(decodeEntities('a&nbsp;b&amp;c&#x4e2d;&#25991;&ldquo;')).toBe('a\u00a0b&c中文\u201c');
    expect(decodeEntities('&#128;&#0;&copy;&nbsp x')).toBe('\u20ac\ufffd©\u00a0 x');
  });
});

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
  const alphabet = ['a', '1', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '\u200b', '\ufeff', '\u2003', '中', '文', '（', '１', 'Ａ', '，', '、', '⾩', '\u00b7', '\u2014', '\u201c', '\u25a1', 'é', 'e\u0301', '\u0085', '\u0000'];
  it('equals NFKC + whitespace collapse + trim, for text of every kind of character', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (parts) => {
      const s = parts.join('');
      expect(normalizeText(s)).toBe(definition(s));
    }), { numRuns: 5000 });
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 8 }), (codes) => {
      const s = String.fromCharCode(...codes);
      expect(normalizeText(s)).toBe(definition(s));
    }), { numRuns: 5000 });
  });
});

describe('normalizeWebText', () => {
  const cjk = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef]';
  const segmentBreak = new RegExp(`(?<=${cjk})[ \\t\\r]*\\n[ \\t\\r\\n]*(?=${cjk})`, 'gu');
  const definition = (s: string): string => s.replace(segmentBreak, '').normalize('NFKC').replace(/[\s\u200b\ufeff]+/gu, ' ').trim();
  const alphabet = ['a', '1', ' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '\u200b', '中', '文', '（', '１', '，', '⾩', '\u201c', 'é'];
  it('drops a line break between CJK characters as browsers do, and is normalizeText otherwise', () => {
    expect(normalizeWebText('本年新\n    收到  \r\n 申请\nA\nB')).toBe('本年新收到申请 A B');
    fc.assert(fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (parts) => {
      const s = parts.join('');
      expect(normalizeWebText(s)).toBe(definition(s));
    }), { numRuns: 10000 });
  });
});
