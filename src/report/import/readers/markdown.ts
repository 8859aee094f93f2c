/**
 * Markdown (e.g. converted from a PDF by a tool) → SourceDocument. Pipe-table rows become table
 * rows (their separator lines `|---|` carry nothing and are dropped); headings lose their `#`;
 * everything else is running text, one line per source line, in order.
 */
import type { SourceDocument, SourceLine } from '../source.ts';
import { decodeText } from './decode.ts';

const SEPARATOR_ROW = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Cells of a pipe-table row; `\|` is a literal bar inside a cell. */
function rowCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').replace(/<br\s*\/?>/gi, ' ').normalize('NFKC').trim());
}

/** Strips inline emphasis and heading marks from a running-text line. */
function plain(line: string): string {
  return line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/(\*\*|__)(.*?)\1/g, '$2').normalize('NFKC').trim();
}

/** Reads a markdown file. */
export function readMarkdown(bytes: Uint8Array): SourceDocument {
  const { text, encoding } = decodeText(bytes);
  const warnings: SourceDocument['warnings'] = [];
  if (encoding === 'gb18030') warnings.push({ code: 'read.encoding-guessed', message: '文件不是 UTF-8 编码，已按 GB18030 解码。' });
  const lines: SourceLine[] = [];
  let title: string | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const trimmed = raw.trim();
    if (trimmed === '' || SEPARATOR_ROW.test(trimmed)) continue;
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
