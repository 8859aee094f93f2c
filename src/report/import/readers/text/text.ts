/**
 * Plain text and crawler text → SourceDocument.
 *
 * Plain text (e.g. text extracted from a PDF): a line with tabs is a table row, its cells split
 * at the tabs; any other line is running text. Crawler text (a header of `key: value` lines, then
 * `==== 正文 ====`) keeps the header as metadata (标题, 发布时间, 发布机构) and every body line as
 * one cell: the crawler ran table cells together, so no boundary is invented here.
 */
import type { SourceDocument, SourceLine, SourceMeta } from '../../source.ts';
import { decodeText, type DecodedText } from './decode.ts';

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

const LINE_BREAK = /\r\n|\r|\n/;

/** One line (NFKC, no form feed) → a SourceLine; tabs make cells where `tabsAreCells`. */
function sourceLine(part: string, tabsAreCells: boolean): SourceLine {
  if (!tabsAreCells || !part.includes('\t')) return { cells: [part.trim()], isTableRow: false };
  const cells = part.split('\t');
  for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
  return { cells, isTableRow: true };
}

/** Lines of a text (CRLF, CR or LF); a plain '\n' split, much cheaper than the regex, when there is no CR. */
function splitLines(text: string, limit?: number): string[] {
  return text.includes('\r') ? text.split(LINE_BREAK, limit) : text.split('\n', limit);
}

/**
 * NFKC of a body of text, then its lines. Normalised once for the whole text rather than per
 * line or cell: line breaks, form feeds and tabs are stable under NFKC (never made, removed or
 * combined), so the lines and cells are the same as normalising each one.
 */
function normalizedLines(text: string): string[] {
  return splitLines(text.normalize('NFKC'));
}

/** Turns lines of text into SourceLines: form feeds count pages, tabs make table rows. */
function textLines(rawLines: readonly string[], tabsAreCells: boolean): SourceLine[] {
  const lines: SourceLine[] = [];
  let page = 1;
  let sawFormFeed = false;
  for (const raw of rawLines) {
    const parts = raw.includes('\f') ? raw.split('\f') : [raw];
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        page++;
        sawFormFeed = true;
      }
      const part = parts[i]!;
      if (part.trim() === '') continue;
      const line = sourceLine(part, tabsAreCells);
      lines.push(line);
      if (sawFormFeed) line.page = page;
    }
  }
  return lines;
}

/** Reads a text file (plain or crawler text). */
export function readText(bytes: Uint8Array): SourceDocument {
  return readDecodedText(decodeText(bytes));
}

/** Reads a text file already decoded (the importer decodes while sniffing the form). */
export function readDecodedText({ text, encoding }: DecodedText): SourceDocument {
  const warnings: SourceDocument['warnings'] = [];
  if (encoding === 'gb18030') warnings.push({ code: 'read.encoding-guessed', message: '文件不是 UTF-8 编码，已按 GB18030 解码。' });
  // The crawler's body mark is looked for in the first 30 lines only: split no more than those.
  const head = splitLines(text, 30);
  const mark = head.findIndex((l) => BODY_MARK.test(l.trim()));
  if (mark >= 0) {
    const all = splitLines(text);
    const body = normalizedLines(all.slice(mark + 1).join('\n'));
    return { kind: 'crawler-text', lines: textLines(body, false), meta: crawlerMeta(all.slice(0, mark)), warnings };
  }
  return { kind: 'text', lines: textLines(normalizedLines(text), true), meta: {}, warnings };
}
