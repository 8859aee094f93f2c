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
import { CELL_MAY_HAVE_SPACE, CELL_NORMALIZED, type SourceDocument, type SourceLine, type SourceMeta } from '../source.ts';
import { gridToLines, type GridCell } from './html-grid.ts';
import { buildHtmlTree, type HtmlElement, type HtmlNode, type HtmlTree } from './html-tree.ts';
import { BLOCK_TAGS } from './html-tags.ts';
import { attribute, decodeEntities } from './html-text.ts';
import { joinBrokenLines, normalizedFacts, normalizeText, normalizeWebText, toIsoDate } from './normalize.ts';

type Warning = SourceDocument['warnings'][number];


/** Deeper than this, an element's text is taken whole (hostile nesting must not overflow the stack). */
const MAX_DEPTH = 200;
const SPAN_HINT = /span/iu;
/** colspan/rowspan with their values (node-html-parser's attribute syntax), in one pass over a cell's attributes. */
const SPAN_ATTRIBUTE = /(?:^|[\s"'])(colspan|rowspan)(?:\s*=\s*('[^']*'|"[^"]*"|[^\s>]+))?/giu;

/** Lines, container metadata and warnings read from an HTML string. */
export function readHtmlString(html: string): Pick<SourceDocument, 'lines' | 'meta' | 'warnings'> {
  return readHtmlTree(buildHtmlTree(html));
}

/** Lines, metadata and warnings from a tree built by html-tree.ts (or by the DOCX reader in its shape). */
export function readHtmlTree(tree: HtmlTree): Pick<SourceDocument, 'lines' | 'meta' | 'warnings'> {
  const reader = new FlowReader();
  reader.walk(tree.root, 0);
  reader.flush();
  return { lines: reader.lines, meta: readMeta(tree), warnings: reader.warnings };
}

/** Source text → one line's text: CJK segment breaks removed, NFKC, whitespace collapsed. */
const cleanText = normalizeWebText;

class FlowReader {
  readonly lines: SourceLine[] = [];
  readonly warnings: Warning[] = [];
  private buffer = '';
  private tableCount = 0;

  flush(): void {
    const buffer = this.buffer;
    if (buffer === '') return;
    this.buffer = '';
    // Whitespace alone (page chrome between blocks) cleans to '' as cheaply as a test would find it.
    const text = cleanText(buffer);
    if (text !== '') this.lines.push({ cells: [text], isTableRow: false, facts: [normalizedFacts()] });
  }

  walk(node: HtmlNode, depth: number): void {
    if (typeof node === 'string') {
      this.buffer = extended(this.buffer, node);
      return;
    }
    if (node.skip) return;
    if (depth > MAX_DEPTH) {
      this.buffer += ` ${deepText(node)} `;
      return;
    }
    const tag = node.tag;
    if (tag === 'br') {
      this.flush();
      return;
    }
    if (tag === 'table') {
      this.flush();
      this.readTable(node, depth);
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) this.flush();
    for (const child of node.children) this.walk(child, depth + 1);
    if (block) this.flush();
  }

  private readTable(table: HtmlElement, depth: number): void {
    const rows = rowsOf(table);
    const cells = rows.map(cellsOf);
    const cellCount = cells.reduce((n, row) => n + row.length, 0);
    for (const caption of table.children) {
      if (typeof caption !== 'string' && caption.tag === 'caption') this.walk(caption, depth + 1);
    }
    if (cellCount <= 1 || table.hasTable) {
      // A layout frame: read its cells as running text.
      for (const row of cells) for (const cell of row) this.walk(cell, depth + 1);
      this.flush();
      return;
    }
    this.tableCount += 1;
    const grid: GridCell[][] = cells.map(toGridRow);
    const { lines, warnings } = gridToLines(grid, `table[${this.tableCount}]`);
    for (const line of lines) this.lines.push(line);
    for (const w of warnings) this.warnings.push(w);
  }
}

function toGridRow(row: HtmlElement[]): GridCell[] {
  const out = new Array<GridCell>(row.length);
  for (let i = 0; i < row.length; i += 1) {
    const cell = row[i] as HtmlElement;
    const grid = gridCell(cell);
    if (SPAN_HINT.test(cell.attrs)) readSpans(grid, cell.attrs);
    out[i] = grid;
  }
  return out;
}

/**
 * A line (or a cell's piece) being built, with `text` added: spaces at its start are left out, as
 * cleanText trims them anyway (a Word page has a line break between every two tags).
 */
function extended(line: string, text: string): string {
  return line !== '' || !isSpaceOnly(text) ? line + text : line;
}

/** Only spaces, tabs and line breaks (the characters between tags of a saved page); '' is not. */
function isSpaceOnly(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

/** All text under an element, iteratively (hostile nesting); <br> as a space, skipped elements dropped. */
function deepText(root: HtmlElement): string {
  let text = '';
  const stack: HtmlNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node === 'string') text += node;
    else if (node.tag === 'br') text += ' ';
    else if (!node.skip || node === root) for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as HtmlNode);
  }
  return text;
}

/** The rows of a table, not of tables nested in it (thead/tbody/tfoot and stray wrappers looked into). */
function rowsOf(table: HtmlElement): HtmlElement[] {
  // The usual shape, <table><tbody><tr>…: the tbody's own list.
  const only = table.children.length === 1 ? table.children[0] : undefined;
  if (only !== undefined && typeof only !== 'string' && only.tag === 'tbody' && only.children.every(isRow)) return only.children as HtmlElement[];
  const rows: HtmlElement[] = [];
  collectRows(table, 0, rows);
  return rows;
}

// Module-level recursion, not closures: tsx wraps every inner function in a __name() call per use.
function collectRows(el: HtmlElement, depth: number, rows: HtmlElement[]): void {
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    const tag = child.tag;
    if (tag === 'tr') rows.push(child);
    else if (tag !== 'table' && tag !== 'caption' && depth < 8) collectRows(child, depth + 1, rows);
  }
}

function cellsOf(row: HtmlElement): HtmlElement[] {
  const children = row.children;
  let k = 0;
  while (k < children.length && isCell(children[k] as HtmlNode)) k += 1;
  // Nearly always every child of a row is a cell (the builder keeps no text between cells): the row's own list.
  if (k === children.length) return children as HtmlElement[];
  const cells = children.slice(0, k) as HtmlElement[];
  for (let i = k + 1; i < children.length; i += 1) {
    const c = children[i] as HtmlNode;
    if (isCell(c)) cells.push(c as HtmlElement);
  }
  return cells;
}

function isRow(node: HtmlNode): boolean {
  return typeof node !== 'string' && node.tag === 'tr';
}

function isCell(node: HtmlNode): boolean {
  return typeof node !== 'string' && (node.tag === 'td' || node.tag === 'th') && !node.skip;
}

/** Sets a grid cell's colspan and rowspan from its attributes (1 when absent or not a number; the first of each counts). */
function readSpans(grid: GridCell, attrs: string): void {
  let colspan: number | undefined;
  let rowspan: number | undefined;
  SPAN_ATTRIBUTE.lastIndex = 0;
  for (let m = SPAN_ATTRIBUTE.exec(attrs); m !== null; m = SPAN_ATTRIBUTE.exec(attrs)) {
    const raw = m[2] ?? '';
    const value = raw[0] === '"' || raw[0] === "'" ? raw.slice(1, -1) : raw;
    const n = Number.parseInt(value.includes('&') ? decodeEntities(value) : value, 10);
    const span = Number.isNaN(n) ? 1 : n;
    if ((m[1] ?? '').toLowerCase() === 'colspan') colspan ??= span;
    else rowspan ??= span;
  }
  grid.colspan = colspan ?? 1;
  grid.rowspan = rowspan ?? 1;
}

/**
 * A cell as a grid cell of one column and row (readSpans sets its spans): its text, its blocks
 * and <br>s joined as one broken line (「本年新<br>制作数量」 → 本年新制作数量), and the text's CELL_* bits.
 */
function gridCell(cell: HtmlElement): GridCell {
  const simple = simpleCellText(cell.children);
  if (simple !== undefined) {
    const text = cleanText(simple);
    return { text, facts: normalizedFacts(), colspan: 1, rowspan: 1 };
  }
  const builder = new CellText();
  for (const child of cell.children) builder.add(child, 0);
  builder.cut();
  return builder.joined();
}

/**
 * The text of a cell of the shape nearly every table has — text, or one element holding only
 * text, between spaces — as CellText would read it (one piece: the element's text; the spaces
 * around it are trimmed), before cleanText; undefined for any other shape.
 */
function simpleCellText(children: readonly HtmlNode[]): string | undefined {
  let only: HtmlElement | undefined;
  let text = '';
  for (const child of children) {
    if (typeof child === 'string') {
      if (only === undefined) text += child;
      else if (!isSpaceOnly(child)) return undefined;
    } else {
      if (only !== undefined || child.skip || (text !== '' && !isSpaceOnly(text))) return undefined;
      only = child;
    }
  }
  if (only === undefined) return text;
  let inner = '';
  for (const child of only.children) {
    if (typeof child !== 'string') return undefined;
    inner += child;
  }
  return inner;
}

/** A cell's text built piece by piece: a block or <br> ends a piece; pieces are joined as one broken line. */
class CellText {
  /** CELL_* bits of the pieces so far (CELL_NORMALIZED only when every piece has it). */
  private facts = CELL_NORMALIZED;
  private readonly pieces: string[] = [];
  private piece = '';

  add(node: HtmlNode, depth: number): void {
    if (typeof node === 'string') {
      this.piece = extended(this.piece, node);
      return;
    }
    if (node.skip) return;
    if (depth > MAX_DEPTH) {
      this.piece += deepText(node);
      return;
    }
    const block = node.tag === 'br' || BLOCK_TAGS.has(node.tag);
    if (block) this.cut();
    for (const child of node.children) this.add(child, depth + 1);
    if (block) this.cut();
  }

  cut(): void {
    if (this.piece === '') return;
    const piece = cleanText(this.piece);
    const pieceFacts = normalizedFacts();
    this.facts = (this.facts & pieceFacts & CELL_NORMALIZED) | ((this.facts | pieceFacts) & ~CELL_NORMALIZED);
    this.pieces.push(piece);
    this.piece = '';
  }

  /** The cell, its pieces joined (joinBrokenLines), with its CELL_* bits: a space where pieces were joined by one. */
  joined(): GridCell {
    const text = joinBrokenLines(this.pieces);
    let length = 0;
    for (const piece of this.pieces) length += piece.length;
    return { text, facts: text.length > length ? this.facts | CELL_MAY_HAVE_SPACE : this.facts, colspan: 1, rowspan: 1 };
  }
}

const DATE_META = new Set(['pubdate', 'publishdate', 'firstpublishedtime', 'publishtime', 'published_time', 'article:published_time', 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'releasedate']);
const PUBLISHER_META = new Set(['contentsource', 'publisher', 'dc.publisher', 'dcterms.publisher']);

/** <title>, publication-date and publisher <meta>s, and a CMS <publishtime> element. */
function readMeta(tree: HtmlTree): SourceMeta {
  const meta: SourceMeta = {};
  for (const title of tree.titles) {
    const text = normalizeText(deepText(title));
    if (text === '') continue;
    meta.title = text;
    break;
  }
  for (const el of tree.metas) {
    const name = (attribute(el.attrs, 'name') ?? attribute(el.attrs, 'property') ?? '').toLowerCase();
    if (!DATE_META.has(name) && !PUBLISHER_META.has(name)) continue;
    const content = normalizeText(attribute(el.attrs, 'content') ?? '');
    if (content === '') continue;
    if (meta.publishedOn === undefined && DATE_META.has(name)) meta.publishedOn = toIsoDate(content);
    if (meta.publisher === undefined && PUBLISHER_META.has(name)) meta.publisher = content;
  }
  if (meta.publishedOn === undefined && tree.publishTime) meta.publishedOn = toIsoDate(deepText(tree.publishTime));
  if (meta.publishedOn === undefined) delete meta.publishedOn;
  return meta;
}
