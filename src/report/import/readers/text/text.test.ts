import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readText } from './text.ts';
import { readMarkdown } from './markdown.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('readText', () => {
  it('makes tab-separated lines table rows and other lines running text (NFKC, trimmed)', () => {
    const doc = readText(utf8('\uFEFF标题行\n\n规章\t０\t0\t 0 \n'));
    expect(doc.kind).toBe('text');
    expect(doc.lines).toEqual([
      { cells: ['标题行'], isTableRow: false },
      { cells: ['规章', '0', '0', '0'], isTableRow: true },
    ]);
  });

  it('reads the crawler header into meta and keeps body lines whole', () => {
    const doc = readText(utf8('标题: 某局2021年政府信息公开工作年度报告\n发布时间: 2022-01-14 17:29\n发布机构: \n==================== 正文 ====================\n规章000\t行政规范性文件002\n'));
    expect(doc.kind).toBe('crawler-text');
    expect(doc.meta).toEqual({ title: '某局2021年政府信息公开工作年度报告', publishedOn: '2022-01-14' });
    expect(doc.lines).toEqual([{ cells: ['规章000\t行政规范性文件002'.normalize('NFKC')], isTableRow: false }]);
  });

  it('decodes GB18030 when the bytes are not UTF-8, and says so', () => {
    const doc = readText(new Uint8Array(iconv.encode('政府信息公开工作年度报告', 'gb18030')));
    expect(doc.lines[0]?.cells).toEqual(['政府信息公开工作年度报告']);
    expect(doc.warnings.map((w) => w.code)).toEqual(['read.encoding-guessed']);
  });
});

describe('readMarkdown', () => {
  it('reads pipe tables as rows, drops separator lines and heading marks', () => {
    const doc = readMarkdown(utf8('# 2024年某委政府信息公开工作年度报告\n## 表二\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n|  | a\\|b |\n正文一行\n'));
    expect(doc.kind).toBe('markdown');
    expect(doc.meta.title).toBe('2024年某委政府信息公开工作年度报告');
    expect(doc.lines).toEqual([
      { cells: ['2024年某委政府信息公开工作年度报告'], isTableRow: false },
      { cells: ['表二'], isTableRow: false },
      { cells: ['信息内容', '本年制发件数'], isTableRow: true },
      { cells: ['规章', '0'], isTableRow: true },
      { cells: ['', 'a|b'], isTableRow: true },
      { cells: ['正文一行'], isTableRow: false },
    ]);
  });
});
