/** Snippets and the words a query matches (pure). */
import { describe, expect, it } from 'vitest';
import { highlightTerms, markParts, partsToHtml, snippetParts } from './snippet.ts';
import { hanBigrams, indexWords, queryTerms, queryWords } from './tokens.ts';

describe('queryTerms', () => {
  it.each([
    ['非遗', '非遗'],
    ['许可', '许可'],
    ['行政许可', '行政 政许 许可'],
    ['非遗认定结果', '非遗 认定 结果'],
    ['双随机一公开', '双随 随机 一公 公开'],
    ['双随机、一公开', '双随 随机 一公 公开'],
    ['2023年 非遗', '2023 非遗'],
    ['ABC 公司', 'abc 公司'],
    ['年', '年'],
    ['，。', ''],
  ])('%s → %s', (query, terms) => {
    expect(queryTerms(query)).toBe(terms);
  });

  it('asks only for what the index holds: every term of a text’s query is among the text’s words', () => {
    for (const text of ['2023年非遗认定结果公示', '文化市场“双随机、一公开”执法情况', '2023年第三季度行政许可办理结果', '太平区文化旅游和广播电视局机构概况']) {
      const indexed = new Set(indexWords(text).split(' '));
      for (const term of queryTerms(text).split(' ')) expect(indexed.has(term), `${text}: ${term}`).toBe(true);
    }
  });

  it('indexes Han bigrams once, after jieba’s words', () => {
    expect(hanBigrams('非遗非遗，公示')).toEqual(['非遗', '遗非', '公示']);
    expect(indexWords('2023年非遗').split(' ')).toEqual(['2023', '年', '非', '遗', '年非', '非遗']);
  });
});

describe('snippets', () => {
  const terms = highlightTerms('非遗 认定', queryWords('非遗 认定'));

  it('marks the query’s words of two characters or more, longest first, and the whole query', () => {
    expect(highlightTerms('双随机一公开', queryWords('双随机一公开'))).toEqual(['双随机一公开', '随机', '公开']);
    expect(highlightTerms('年', '年')).toEqual(['年']);
    expect(markParts('2023年非遗认定结果', terms)).toEqual([
      { text: '2023年', hit: false }, { text: '非遗', hit: true }, { text: '认定', hit: true }, { text: '结果', hit: false },
    ]);
    expect(markParts('Abc abc', ['abc']).filter((p) => p.hit).map((p) => p.text)).toEqual(['Abc', 'abc']);
  });

  it('takes a passage around the first word, with … where it was cut', () => {
    const body = `${'开头的话。'.repeat(40)}这里是非遗认定的内容。${'结尾的话。'.repeat(40)}`;
    const parts = snippetParts(body, terms, 60);
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('非遗认定');
    expect(text.length).toBeLessThanOrEqual(62);
  });

  it('starts at the body’s start when no word is in the body, and folds whitespace', () => {
    expect(snippetParts('第一段。\n\n  第二段。', terms).map((p) => p.text).join('')).toBe('第一段。 第二段。');
    expect(snippetParts('', terms)).toEqual([]);
  });

  it('escapes everything but its own <mark>', () => {
    expect(partsToHtml(markParts('<b>非遗</b> & "x"', terms))).toBe('&lt;b&gt;<mark>非遗</mark>&lt;/b&gt; &amp; &quot;x&quot;');
  });

  it('treats a query’s regular-expression characters as text', () => {
    expect(markParts('a.b(c)', ['.b(']).map((p) => p.hit)).toEqual([false, true, false]);
  });

  it('never cuts an astral character in two', () => {
    const body = `${'𠀀'.repeat(100)}非遗`;
    const text = snippetParts(body, terms, 30).map((p) => p.text).join('');
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u);
  });
});
