/**
 * Reads parsed HTML (a web page, or mammoth's rendering of a DOCX) into SourceDocument lines:
 * running text → one line per block element (p, div, h1–h6, li, br …), each table → its rows
 * through the shared grid logic of html-grid.ts.
 *
 * Dropped: script/style/noscript/template, comments (Word's <!--[if …]> blocks included),
 * Word's downlevel-revealed <![if …]>/<![endif]> markers (their content, list numbers, kept),
 * elements hidden by display:none or mso-hide:all. Word's <o:p> is unwrapped (its text kept).
 * A table that contains another table, or has a single cell, is a layout frame: its cells are
 * read as running text, and the tables inside it as tables.
 */
import { parse, HTMLElement, TextNode } from 'node-html-parser';
import type { SourceDocument, SourceLine, SourceMeta } from '../source.ts';
import { gridToLines, type GridCell } from './html-grid.ts';
import { joinBrokenLine, normalizeText, toIsoDate } from './normalize.ts';

type Warning = SourceDocument['warnings'][number];

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'xml']);
const BLOCKS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article',
  'header', 'footer', 'main', 'nav', 'aside', 'blockquote', 'pre', 'address', 'center', 'figure', 'figcaption',
  'form', 'fieldset', 'hr', 'caption', 'body', 'html', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);
/** Deeper than this, an element's text is taken whole (hostile nesting must not overflow the stack). */
const MAX_DEPTH = 200;
const CJK_CLASS = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef]';
/** A line break inside source text between two CJK characters is not a space (CSS Text 3 segment breaks). */
const CJK_SEGMENT_BREAK = new RegExp(`(?<=${CJK_CLASS})[ \\t\\r]*\\n[ \\t\\r\\n]*(?=${CJK_CLASS})`, 'gu');

/** Lines, container metadata and warnings read from an HTML string. */
export function readHtmlString(html: string): Pick<SourceDocument, 'lines' | 'meta' | 'warnings'> {
  const cleaned = html.replace(/<!doctype[^>]*>/giu, '').replace(/<!\[(?:if[^\]]*|endif)\]>/giu, '').replace(/<\?[^>]*>/gu, '');
  const root = parse(cleaned, { comment: false, blockTextElements: { script: true, style: true, noscript: true } });
  const reader = new FlowReader();
  reader.walk(root, 0);
  reader.flush();
  return { lines: reader.lines, meta: readMeta(root), warnings: reader.warnings };
}

class FlowReader {
  readonly lines: SourceLine[] = [];
  readonly warnings: Warning[] = [];
  private buffer = '';
  private tableCount = 0;

  flush(): void {
    const text = normalizeText(this.buffer.replace(CJK_SEGMENT_BREAK, ''));
    this.buffer = '';
    if (text !== '') this.lines.push({ cells: [text], isTableRow: false });
  }

  walk(node: HTMLElement | TextNode | unknown, depth: number): void {
    if (node instanceof TextNode) {
      this.buffer += node.text;
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = tagOf(node);
    if (isSkipped(node, tag)) return;
    if (depth > MAX_DEPTH) {
      this.buffer += ` ${node.text} `;
      return;
    }
    if (tag === 'br') {
      this.flush();
      return;
    }
    if (tag === 'table') {
      this.flush();
      this.readTable(node, depth);
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) this.flush();
    for (const child of node.childNodes) this.walk(child, depth + 1);
    if (block) this.flush();
  }

  private readTable(table: HTMLElement, depth: number): void {
    const rows = rowsOf(table);
    const cellCount = rows.reduce((n, row) => n + cellsOf(row).length, 0);
    for (const caption of table.childNodes) {
      if (caption instanceof HTMLElement && tagOf(caption) === 'caption') this.walk(caption, depth + 1);
    }
    if (cellCount <= 1 || table.querySelector('table') !== null) {
      // A layout frame: read its cells as running text.
      for (const row of rows) for (const cell of cellsOf(row)) this.walk(cell, depth + 1);
      this.flush();
      return;
    }
    this.tableCount += 1;
    const grid: GridCell[][] = rows.map((row) => cellsOf(row).map((cell) => ({
      text: cellText(cell),
      colspan: spanOf(cell, 'colspan'),
      rowspan: spanOf(cell, 'rowspan'),
    })));
    const { lines, warnings } = gridToLines(grid, `table[${this.tableCount}]`);
    this.lines.push(...lines);
    this.warnings.push(...warnings);
  }
}

function tagOf(node: HTMLElement): string {
  return (node.rawTagName ?? '').toLowerCase();
}

function isSkipped(node: HTMLElement, tag: string): boolean {
  if (SKIPPED.has(tag) || tag.startsWith('v:') || tag.startsWith('w:')) return true;
  const style = node.getAttribute('style') ?? '';
  return /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden/iu.test(style) || node.hasAttribute('hidden');
}

/** The rows of a table, not of tables nested in it (thead/tbody/tfoot and stray wrappers looked into). */
function rowsOf(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  const visit = (el: HTMLElement, depth: number): void => {
    for (const child of el.childNodes) {
      if (!(child instanceof HTMLElement)) continue;
      const tag = tagOf(child);
      if (tag === 'tr') rows.push(child);
      else if (tag !== 'table' && tag !== 'caption' && depth < 8) visit(child, depth + 1);
    }
  };
  visit(table, 0);
  return rows;
}

function cellsOf(row: HTMLElement): HTMLElement[] {
  return row.childNodes.filter((c): c is HTMLElement => c instanceof HTMLElement && (tagOf(c) === 'td' || tagOf(c) === 'th') && !isSkipped(c, 'td'));
}

function spanOf(cell: HTMLElement, name: 'colspan' | 'rowspan'): number {
  const raw = cell.getAttribute(name);
  if (raw === undefined) return 1;
  const n = Number.parseInt(raw, 10);
  return Number.isNaN(n) ? 1 : n;
}

/** A cell's text: its blocks and <br>s joined as one broken line (「本年新<br>制作数量」 → 本年新制作数量). */
function cellText(cell: HTMLElement): string {
  const pieces: string[] = [''];
  const visit = (node: unknown, depth: number): void => {
    if (node instanceof TextNode) {
      pieces[pieces.length - 1] += node.text;
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = tagOf(node);
    if (isSkipped(node, tag)) return;
    if (depth > MAX_DEPTH) {
      pieces[pieces.length - 1] += node.text;
      return;
    }
    const block = tag === 'br' || BLOCKS.has(tag);
    if (block) pieces.push('');
    for (const child of node.childNodes) visit(child, depth + 1);
    if (block) pieces.push('');
  };
  for (const child of cell.childNodes) visit(child, 0);
  return pieces.map((p) => normalizeText(p.replace(CJK_SEGMENT_BREAK, ''))).reduce(joinBrokenLine, '');
}

const DATE_META = new Set(['pubdate', 'publishdate', 'firstpublishedtime', 'publishtime', 'published_time', 'article:published_time', 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'releasedate']);
const PUBLISHER_META = new Set(['contentsource', 'publisher', 'dc.publisher', 'dcterms.publisher']);

/** <title>, publication-date and publisher <meta>s, and a CMS <publishtime> element. */
function readMeta(root: HTMLElement): SourceMeta {
  const meta: SourceMeta = {};
  const title = root.querySelector('title');
  if (title) {
    const text = normalizeText(title.text);
    if (text !== '') meta.title = text;
  }
  for (const el of root.querySelectorAll('meta')) {
    const name = (el.getAttribute('name') ?? el.getAttribute('property') ?? '').toLowerCase();
    const content = normalizeText(el.getAttribute('content') ?? '');
    if (content === '') continue;
    if (meta.publishedOn === undefined && DATE_META.has(name)) meta.publishedOn = toIsoDate(content);
    if (meta.publisher === undefined && PUBLISHER_META.has(name)) meta.publisher = content;
  }
  if (meta.publishedOn === undefined) {
    const el = root.querySelector('publishtime');
    if (el) meta.publishedOn = toIsoDate(el.text);
  }
  if (meta.publishedOn === undefined) delete meta.publishedOn;
  return meta;
}
