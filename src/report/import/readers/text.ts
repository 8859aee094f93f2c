/**
 * Plain text and crawler text → SourceDocument.
 *
 * Plain text (e.g. text extracted from a PDF): a line with tabs is a table row, its cells split
 * at the tabs; any other line is running text. Crawler text (a header of `key: value` lines, then
 * `==== 正文 ====`) keeps the header as metadata (标题, 发布时间, 发布机构) and every body line as
 * one cell: the crawler ran table cells together, so no boundary is invented here.
 */
import type { SourceDocument, SourceLine, SourceMeta } from '../source.ts';
import { decodeText } from './decode.ts';

const BODY_MARK = /^=+\s*正文\s*=+\s*$/;

function cell(s: string): string {
  return s.normalize('NFKC').trim();
}

/** Reads the crawler header (`标题: …`, `发布时间: 2024-03-08 15:34`, `发布机构: …`). */
function crawlerMeta(header: string[]): SourceMeta {
  const meta: SourceMeta = {};
  for (const line of header) {
    const m = /^([^:：]+)[:：]\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    const v = value.trim();
    if (v === '') continue;
    if (key === '标题') meta.title = cell(v);
    else if (key === '发布时间' || key === '发布日期') {
      const d = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(v);
      if (d) meta.publishedOn = `${d[1]}-${d[2]!.padStart(2, '0')}-${d[3]!.padStart(2, '0')}`;
    } else if (key === '发布机构') meta.publisher = cell(v);
  }
  return meta;
}

/** Splits a text into SourceLines: form feeds count pages, tabs make table rows. */
function textLines(text: string, tabsAreCells: boolean): SourceLine[] {
  const lines: SourceLine[] = [];
  let page = 1;
  let sawFormFeed = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const parts = raw.split('\f');
    parts.forEach((part, i) => {
      if (i > 0) {
        page++;
        sawFormFeed = true;
      }
      if (part.trim() === '') return;
      const isTableRow = tabsAreCells && part.includes('\t');
      const line: SourceLine = { cells: isTableRow ? part.split('\t').map(cell) : [cell(part)], isTableRow };
      lines.push(line);
      if (sawFormFeed) line.page = page;
    });
  }
  return lines;
}

/** Reads a text file (plain or crawler text). */
export function readText(bytes: Uint8Array): SourceDocument {
  const { text, encoding } = decodeText(bytes);
  const warnings: SourceDocument['warnings'] = [];
  if (encoding === 'gb18030') warnings.push({ code: 'read.encoding-guessed', message: '文件不是 UTF-8 编码，已按 GB18030 解码。' });
  const all = text.split(/\r\n|\r|\n/);
  const mark = all.slice(0, 30).findIndex((l) => BODY_MARK.test(l.trim()));
  if (mark >= 0) {
    return { kind: 'crawler-text', lines: textLines(all.slice(mark + 1).join('\n'), false), meta: crawlerMeta(all.slice(0, mark)), warnings };
  }
  return { kind: 'text', lines: textLines(text, true), meta: {}, warnings };
}
