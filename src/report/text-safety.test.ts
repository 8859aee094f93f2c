import { describe, expect, it } from 'vitest';
import { isStorableText, storableFileName, storableText, unstorableTextPaths, withStorableText } from './text-safety.ts';

describe('text PostgreSQL can store', () => {
  it('refuses NUL and lone surrogates, keeps pairs (𠀀 is a surrogate pair)', () => {
    expect(isStorableText('某局𠀀')).toBe(true);
    expect(isStorableText('某局\u0000')).toBe(false);
    expect(isStorableText('\ud800某局')).toBe(false);
    expect(isStorableText('某局\udc00')).toBe(false);
  });

  it('cleans a document\'s own text: NUL dropped, a lone surrogate becomes U+FFFD', () => {
    expect(storableText('一\u0000二\ud800三𠀀')).toBe('一二\ufffd三𠀀');
    expect(withStorableText({ agency: '某\u0000局', sections: [{ text: '\udfff' }], year: 2023 })).toEqual({ agency: '某局', sections: [{ text: '\ufffd' }], year: 2023 });
  });

  it('names the fields of a JSON value that cannot be stored', () => {
    expect(unstorableTextPaths({ agency: 'a\u0000', sections: [{ title: 'ok' }, { text: '\ud800' }] })).toEqual(['agency', 'sections[1].text']);
  });
});

describe('a file name from an upload', () => {
  it('keeps its words, drops control characters, replaces lone surrogates, is never empty', () => {
    expect(storableFileName('2023年报告.pdf')).toBe('2023年报告.pdf');
    expect(storableFileName('a\u0000b\r\n.txt')).toBe('ab.txt');
    expect(storableFileName('\ud800.txt')).toBe('\ufffd.txt');
    expect(storableFileName('\u0000\t ')).toBe('未命名文件');
    expect([...storableFileName('长'.repeat(500))]).toHaveLength(200);
  });
});
