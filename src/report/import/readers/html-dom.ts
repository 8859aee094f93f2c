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
  const root = parse(closeDeepNesting(cleaned), { comment: false, blockTextElements: { script: true, style: true, noscript: true } });
  const reader = new FlowReader();
  reader.walk(root, 0);
  reader.flush();
  return { lines: reader.lines, meta: readMeta(root), warnings: reader.warnings };
}

const VOID_OR_AUTO_CLOSED = new Set(['br', 'img', 'meta', 'link', 'input', 'hr', 'col', 'area', 'base', 'embed', 'param', 'source', 'track', 'wbr', 'p', 'li', 'td', 'th', 'tr', 'option', 'dt', 'dd']);

/**
 * node-html-parser takes quadratic time on thousands of unclosed nested elements
 * ('<div>'.repeat(20000): 10 s). When the open elements left at the end of the markup are that
 * many, their closing tags are appended, which the parser handles in linear time.
 */
function closeDeepNesting(html: string): string {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/gu)) {
    const name = (m[2] ?? '').toLowerCase();
    if (VOID_OR_AUTO_CLOSED.has(name) || m[3] === '/') continue;
    if (m[1] !== '/') {
      stack.push(name);
      continue;
    }
    const at = stack.lastIndexOf(name);
    if (at >= 0) stack.length = at;
  }
  if (stack.length < 500) return html;
  return html + stack.reverse().map((name) => `</${name}>`).join('');
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
      this.buffer += ` ${deepText(node)} `;
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
    if (cellCount <= 1 || containsTable(table)) {
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

/** Descendant elements, iteratively (node-html-parser's own traversals recurse and overflow on deep markup). */
function* descendants(root: HTMLElement): Generator<HTMLElement | TextNode> {
  const stack = [...root.childNodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node instanceof TextNode) yield node;
    else if (node instanceof HTMLElement) {
      yield node;
      for (let i = node.childNodes.length - 1; i >= 0; i -= 1) {
        const child = node.childNodes[i];
        if (child) stack.push(child);
      }
    }
  }
}

function deepText(root: HTMLElement): string {
  let text = '';
  for (const node of descendants(root)) {
    if (node instanceof TextNode) text += node.text;
    else if (tagOf(node) === 'br') text += ' ';
  }
  return text;
}

function containsTable(table: HTMLElement): boolean {
  for (const node of descendants(table)) if (node instanceof HTMLElement && tagOf(node) === 'table') return true;
  return false;
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
      pieces[pieces.length - 1] += deepText(node);
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
  let publishTime: string | undefined;
  for (const el of descendants(root)) {
    if (!(el instanceof HTMLElement)) continue;
    const tag = tagOf(el);
    if (tag === 'title' && meta.title === undefined) {
      const text = normalizeText(deepText(el));
      if (text !== '') meta.title = text;
    } else if (tag === 'meta') {
      const name = (el.getAttribute('name') ?? el.getAttribute('property') ?? '').toLowerCase();
      const content = normalizeText(el.getAttribute('content') ?? '');
      if (content === '') continue;
      if (meta.publishedOn === undefined && DATE_META.has(name)) meta.publishedOn = toIsoDate(content);
      if (meta.publisher === undefined && PUBLISHER_META.has(name)) meta.publisher = content;
    } else if (tag === 'publishtime' && publishTime === undefined) {
      publishTime = deepText(el);
    }
  }
  if (meta.publishedOn === undefined && publishTime !== undefined) meta.publishedOn = toIsoDate(publishTime);
  if (meta.publishedOn === undefined) delete meta.publishedOn;
  return meta;
}
