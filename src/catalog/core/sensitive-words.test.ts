import { describe, expect, it } from 'vitest';
import { findSensitiveWords, parseWordList } from './sensitive-words.ts';

describe('sensitive words', () => {
  it('finds each listed word with its count, in the order they appear, ignoring case and width', () => {
    const hits = findSensitiveWords('本文件为内部资料。ＧＫ测试：gk测试，内部资料严禁外传。', ['严禁外传', '内部资料', 'GK测试', '机密']);
    expect(hits.map((h) => [h.word, h.count])).toEqual([['内部资料', 2], ['GK测试', 2], ['严禁外传', 1]]);
    expect(hits[0]!.context).toContain('内部资料');
  });

  it('nothing listed, nothing found', () => {
    expect(findSensitiveWords('任何文字', [])).toEqual([]);
    expect(findSensitiveWords('任何文字', ['  '])).toEqual([]);
  });

  it('reads a list typed one a line or separated by 、，', () => {
    expect(parseWordList('内部资料\n机密、绝密，内部资料\r\n\n  秘密  ')).toEqual({ words: ['内部资料', '机密', '绝密', '秘密'], problems: [] });
    expect(parseWordList('一'.repeat(31)).problems[0]).toContain('超过 30');
  });
});
