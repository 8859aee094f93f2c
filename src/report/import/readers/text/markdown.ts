/**
 * Markdown (e.g. converted from a PDF by a tool) → SourceDocument. Pipe-table rows become table
 * rows (their separator lines `|---|` carry nothing and are dropped); headings lose their `#`;
 * everything else is running text, one line per source line, in order.
 */
import type { SourceDocument, SourceLine } from '../../source.ts';
import { decodeText, type DecodedText } from './decode.ts';

const SEPARATOR_ROW = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const LINE_BREAK = /\r\n|\r|\n/;
const CELL_BAR = /(?<!\\)\|/;
const ESCAPED_BAR = /\\\|/g;
const BR = /<br\s*\/?>/gi;
const HEADING_MARK = /^\s{0,3}#{1,6}\s+/;
const EMPHASIS = /(\*\*|__)(.*?)\1/g;

/** Cells of a pipe-table row; `\|` is a literal bar inside a cell. */
function rowCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  // Cells are split and unescaped before NFKC (which turns ｜ into |); replaces run only where they can match.
  const cells = body.split(CELL_BAR);
  const escapes = body.includes('\\|');
  const breaks = body.includes('<');
  for (let i = 0; i < cells.length; i++) {
    let c = cells[i]!;
    if (escapes) c = c.replace(ESCAPED_BAR, '|');
    if (breaks) c = c.replace(BR, ' ');
    cells[i] = c.normalize('NFKC').trim();
  }
  return cells;
}

/** Strips inline emphasis and heading marks from a running-text line. */
function plain(line: string): string {
  let t = line.includes('#') ? line.replace(HEADING_MARK, '') : line;
  if (t.includes('**') || t.includes('__')) t = t.replace(EMPHASIS, '$2');
  return t.normalize('NFKC').trim();
}

/** Reads a markdown file. */
export function readMarkdown(bytes: Uint8Array): SourceDocument {
  return readDecodedMarkdown(decodeText(bytes));
}

/** Reads a markdown file already decoded (the importer decodes while sniffing the form). */
export function readDecodedMarkdown({ text, encoding }: DecodedText): SourceDocument {
  const warnings: SourceDocument['warnings'] = [];
  if (encoding === 'gb18030') warnings.push({ code: 'read.encoding-guessed', message: '文件不是 UTF-8 编码，已按 GB18030 解码。' });
  const lines: SourceLine[] = [];
  let title: string | undefined;
  for (const raw of text.split(LINE_BREAK)) {
    const trimmed = raw.trim();
    if (trimmed === '' || (trimmed.includes('--') && SEPARATOR_ROW.test(trimmed))) continue;
    if (trimmed.startsWith('|')) {
      lines.push({ cells: rowCells(trimmed), isTableRow: true });
      continue;
    }
    const t = plain(trimmed);
    if (t === '') continue;
    if (title === undefined && /^#\s/.test(trimmed)) title = t;
    lines.push({ cells: [t], isTableRow: false });
  }
  return { kind: 'markdown', lines, meta: title ? { title } : {}, warnings };
}
