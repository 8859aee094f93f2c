/**
 * HTML → SourceDocument lines, element by element as the markup reader (html-markup.ts) or a
 * tree walk (html-dom.ts, for DOCX) tells of them: no tree is kept for web pages.
 *
 * Running text → one line per block element (p, div, h1–h6, li, br …); each table → its rows
 * through the grid logic of html-grid.ts. Skipped elements (script-like, hidden) are dropped with
 * their content. A table that contains another table, or has a single cell, is a layout frame:
 * its cells are read as running text, and the tables inside it as tables.
 *
 * Which parts of a table are read (as browsers lay out the usual markup, and no more):
 * - rows are the table's tr elements, directly or inside wrappers (tbody, thead, div …) up to 8
 *   deep, never inside a nested table or a caption; hidden rows and wrappers are dropped;
 * - cells are the td/th elements directly inside a row, unless hidden;
 * - captions are the table's caption children, read as running text before its rows;
 * - anything else inside a table (text between cells, a td outside a row) is not read.
 * Everything inside a table waits until the table ends, when it is known whether it is a frame.
 */
import { CELL_MAY_HAVE_SPACE, CELL_NORMALIZED, type SourceDocument, type SourceLine, type SourceMeta } from '../../source.ts';
import { gridToLines, type GridCell } from './grid.ts';
import type { MarkupSink } from '../html/html-markup.ts';
import type { TagFacts } from './tags.ts';
import { attribute, decodeEntities, decodeUtf8Into, isSpaceRun } from '../html/html-text.ts';
import { joinBrokenLines, normalizedFacts, normalizeText, normalizeUnits, slowWebText, toIsoDate } from './normalize.ts';
import { unitsToString } from './utf16-scratch.ts';

type Warning = SourceDocument['warnings'][number];

/**
 * A piece of running text (or of a cell's text) between two block boundaries, normalised: at
 * [start, end) of the page's normalised text, or its `text` already when it was normalised the long way.
 */
class Piece {
  constructor(public text: string | undefined, readonly facts: number, readonly start: number, readonly end: number) {}
}

/** What a caption or cell holds, in order: pieces of text and the tables inside it. */
type Item = Piece | TableState;

interface CellState {
  attrs: string;
  items: Item[];
}

class TableState {
  /** A table was opened inside it (anywhere, hidden ones too): a layout frame. */
  hasTable = false;
  cellCount = 0;
  readonly captions: Item[] = [];
  readonly rows: CellState[][] = [];
}

// What an open element is to the reader (one number per open element).
/** Text here is read (an element of running text or of a cell's content). */
const FLOW = 0;
/** FLOW, and its end ends a line or a cell's piece. */
const BLOCK = 1;
/** Not read, nor anything inside it (hidden, script-like, or a part of a table that is not read). */
const DEAD = 2;
/** A table whose rows are read. */
const TABLE = 3;
/** A table inside something not read: it only marks the table around it as a frame. */
const DEAD_TABLE = 4;
const ROW = 5;
const CELL = 6;
const CAPTION = 7;
/** WRAPPER + d: an element between a table and its rows whose children are looked at d levels below the table's. */
const WRAPPER = 16;
/** Rows are looked for this many wrappers deep. */
const MAX_WRAPPER_DEPTH = 8;

/** colspan/rowspan with their values (node-html-parser's attribute syntax), in one pass over a cell's attributes. */
const SPAN_ATTRIBUTE = /(?:^|[\s"'])(colspan|rowspan)(?:\s*=\s*('[^']*'|"[^"]*"|[^\s>]+))?/giu;
const SPAN_HINT = /span/iu;

const DATE_META = new Set(['pubdate', 'publishdate', 'firstpublishedtime', 'publishtime', 'published_time', 'article:published_time', 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'releasedate']);
const PUBLISHER_META = new Set(['contentsource', 'publisher', 'dc.publisher', 'dcterms.publisher']);

/**
 * Builds the lines. `utf8` is the page html-markup.ts reads and `html` the same bytes as latin1
 * (text() gives offsets into both); text given as strings (`string`, a tree's text) needs neither.
 */
const NO_BYTES = Buffer.alloc(0);

export class LineReader implements MarkupSink {
  readonly lines: SourceLine[] = [];
  readonly warnings: Warning[] = [];
  private tableCount = 0;

  /** The open elements' kinds (FLOW, BLOCK …), innermost last; the root is FLOW. */
  private readonly kinds: number[] = [FLOW];
  private kind = FLOW;
  /** Every open table element (undefined for a DEAD_TABLE), innermost last. */
  private readonly tables: (TableState | undefined)[] = [];
  /** Where pieces go: the open cells and captions, innermost last; none for running text outside tables. */
  private readonly targets: Item[][] = [];
  private target: Item[] | undefined;

  /** The text of the piece being read (since the last block boundary), as UTF-16 units. */
  private raw: Uint16Array = rawBuffer;
  private rawLength = 0;
  /**
   * The pieces read so far, normalised, as UTF-16 units in one buffer: made one string when the
   * page ends, of which each piece is a slice (no string per piece until then).
   */
  private normalized: Uint16Array;
  private normalizedLength = 0;
  /** Running text and tables outside any table, in order, emitted when the page ends. */
  private readonly items: Item[] = [];
  /** The page's normalised text, once read. */
  private all = '';

  /**
   * The <title>s being read, innermost last (only the innermost gets text: a title inside another
   * is hidden from it); the first title in document order with text is the page's title.
   */
  private readonly titles: TextCapture[] = [];
  private titleCount = 0;
  private title: { text: string; order: number } | undefined;
  /** The first <publishtime> element (a CMS's publication date) while it is read, and its text once it ended (finish() ends it). */
  private publishTime: TextCapture | undefined;
  private publishText: string | undefined;
  private readonly metaAttributes: string[] = [];

  constructor(private readonly html = '', private readonly utf8: Buffer = NO_BYTES) {
    this.normalized = textBuffer(html.length);
  }

  open(facts: TagFacts, skip: boolean, attrs: string, leaf: boolean): void {
    const parent = this.kind;
    const tag = facts.tag;
    if (this.titles.length > 0 || this.publishTime !== undefined) this.openInCaptures(tag, skip);
    if (tag === 'meta') this.metaAttributes.push(attrs);
    else if (tag === 'title') this.titles.push(new TextCapture(this.kinds.length, this.titleCount++));
    else if (tag === 'publishtime' && this.publishText === undefined && this.publishTime === undefined) this.publishTime = new TextCapture(this.kinds.length, 0);
    let kind: number;
    if (parent <= BLOCK || parent === CELL || parent === CAPTION) {
      kind = this.openInText(facts, skip);
    } else if (parent === ROW) {
      kind = facts.isCell && !skip ? this.openCell(attrs) : tag === 'table' ? this.openDeadTable() : DEAD;
    } else if (parent === TABLE || parent >= WRAPPER) {
      const depth = parent === TABLE ? 0 : parent - WRAPPER;
      if (tag === 'table') kind = this.openDeadTable();
      else if (skip) kind = DEAD;
      else if (tag === 'tr') kind = this.openRow();
      else if (tag === 'caption') kind = depth === 0 ? this.openTarget(CAPTION, this.innermostTable().captions) : DEAD;
      else kind = depth < MAX_WRAPPER_DEPTH ? WRAPPER + depth + 1 : DEAD;
    } else {
      kind = tag === 'table' ? this.openDeadTable() : DEAD;
    }
    this.kinds.push(kind);
    this.kind = kind;
    if (leaf) this.close();
  }

  private openInText(facts: TagFacts, skip: boolean): number {
    if (skip) return facts.tag === 'table' ? this.openDeadTable() : DEAD;
    if (facts.tag === 'table') {
      this.cut();
      this.markFrame();
      this.tables.push(new TableState());
      return TABLE;
    }
    if (facts.tag === 'br') {
      this.cut();
      return FLOW;
    }
    if (facts.block) {
      this.cut();
      return BLOCK;
    }
    return FLOW;
  }

  /** A table not read: it still makes the innermost open table a frame. */
  private openDeadTable(): number {
    this.markFrame();
    this.tables.push(undefined);
    return DEAD_TABLE;
  }

  private markFrame(): void {
    const innermost = this.tables[this.tables.length - 1];
    if (innermost !== undefined) innermost.hasTable = true;
  }

  /** The table whose rows and captions are being read (below a TABLE, never a DEAD_TABLE, is innermost). */
  private innermostTable(): TableState {
    return this.tables[this.tables.length - 1] as TableState;
  }

  private openRow(): number {
    this.innermostTable().rows.push([]);
    return ROW;
  }

  private openCell(attrs: string): number {
    const table = this.innermostTable();
    const cell: CellState = { attrs, items: [] };
    (table.rows[table.rows.length - 1] as CellState[]).push(cell);
    table.cellCount += 1;
    return this.openTarget(CELL, cell.items);
  }

  /** A cell or caption starts (no text was read since its table started: nothing to cut). */
  private openTarget(kind: number, items: Item[]): number {
    if (this.target !== undefined) this.targets.push(this.target);
    this.target = items;
    return kind;
  }

  close(): void {
    const kinds = this.kinds;
    const kind = kinds.pop() as number;
    const level = kinds.length;
    this.kind = kinds[level - 1] as number;
    if (this.titles.length > 0 || this.publishTime !== undefined) this.closeInCaptures(level);
    switch (kind) {
      case BLOCK:
        this.cut();
        return;
      case CELL:
      case CAPTION:
        this.cut();
        this.target = this.targets.pop();
        return;
      case DEAD_TABLE:
        this.tables.pop();
        return;
      case TABLE:
        this.endTable();
        return;
    }
  }

  private endTable(): void {
    const table = this.tables.pop() as TableState;
    (this.target ?? this.items).push(table);
  }

  /** Closes every element still open (the page ended), ends the last line, and makes the lines. */
  finish(): void {
    while (this.kinds.length > 1) this.close();
    this.cut();
    this.all = unitsToString(this.normalized, this.normalizedLength);
    for (const item of this.items) this.emitItem(item);
  }

  text(start: number, end: number, amp: boolean): void {
    if (this.titles.length > 0 || this.publishTime !== undefined) this.captureText(this.pageText(start, end, amp));
    const kind = this.kind;
    if (!(kind <= BLOCK || kind === CELL || kind === CAPTION)) return;
    if (amp) {
      this.string(this.pageText(start, end, amp));
      return;
    }
    if (this.rawLength === 0 && isSpaceRun(this.html, start, end)) return;
    this.rawLength = decodeUtf8Into(this.utf8, start, end, this.reserveRaw(end - start), this.rawLength);
  }

  /** Text given as a string (a tree's text, a decoded reference). */
  string(s: string): void {
    const kind = this.kind;
    if (!(kind <= BLOCK || kind === CELL || kind === CAPTION)) return;
    if (s === '' || (this.rawLength === 0 && isSpaceRun(s, 0, s.length))) return;
    const raw = this.reserveRaw(s.length);
    let o = this.rawLength;
    for (let i = 0; i < s.length; i += 1) raw[o++] = s.charCodeAt(i);
    this.rawLength = o;
  }

  /** The piece's buffer, with room for `count` more units (UTF-8 bytes never decode to more units than bytes). */
  private reserveRaw(count: number): Uint16Array {
    if (this.rawLength + count > this.raw.length) this.raw = grown(this.raw, this.rawLength, this.rawLength + count);
    return this.raw;
  }

  /** html[start, end) decoded: UTF-8, then character references. */
  private pageText(start: number, end: number, amp: boolean): string {
    // An empty cell of a CMS page (`<p>&nbsp;</p>`): nothing to decode.
    if (amp && end - start === 6 && this.html.startsWith('&nbsp;', start)) return '\u00a0';
    const raw = this.utf8.toString('utf8', start, end);
    return amp ? decodeEntities(raw) : raw;
  }

  /** A block boundary: the text since the last one becomes a line, or a piece of the cell or caption. */
  private cut(): void {
    const length = this.rawLength;
    if (length === 0) return;
    this.rawLength = 0;
    if (this.normalizedLength + length > this.normalized.length) this.normalized = grown(this.normalized, this.normalizedLength, this.normalizedLength + length);
    const start = this.normalizedLength;
    const end = normalizeUnits(this.raw, length, true, this.normalized, start);
    const piece = end >= 0 ? new Piece(undefined, normalizedFacts(), start, end) : this.slowPiece(length);
    if (end >= 0) this.normalizedLength = end;
    (this.target ?? this.items).push(piece);
  }

  /** A piece with a character outside the fast set of normalizeUnits, normalised the long way. */
  private slowPiece(length: number): Piece {
    const text = slowWebText(unitsToString(this.raw, length));
    return new Piece(text, normalizedFacts(), 0, 0);
  }

  /** A piece's text. */
  private textOf(piece: Piece): string {
    return (piece.text ??= piece.end > piece.start ? this.all.slice(piece.start, piece.end) : '');
  }

  private emitItem(item: Item): void {
    if (item instanceof TableState) {
      this.emitTable(item);
      return;
    }
    const text = this.textOf(item);
    if (text !== '') this.lines.push({ cells: [text], isTableRow: false, facts: [item.facts] });
  }

  /** A finished table's lines: its captions, then its cells as running text (a frame) or its grid. */
  private emitTable(table: TableState): void {
    for (const item of table.captions) this.emitItem(item);
    if (table.cellCount <= 1 || table.hasTable) {
      for (const row of table.rows) for (const cell of row) for (const item of cell.items) this.emitItem(item);
      return;
    }
    this.tableCount += 1;
    const grid: GridCell[][] = new Array<GridCell[]>(table.rows.length);
    for (let r = 0; r < table.rows.length; r += 1) {
      const row = table.rows[r] as CellState[];
      const cells = new Array<GridCell>(row.length);
      for (let c = 0; c < row.length; c += 1) cells[c] = this.gridCell(row[c] as CellState);
      grid[r] = cells;
    }
    const { lines, warnings } = gridToLines(grid, `table[${this.tableCount}]`);
    for (const line of lines) this.lines.push(line);
    for (const w of warnings) this.warnings.push(w);
  }

  /** A cell as a grid cell: its pieces joined as one broken line (「本年新<br>制作数量」 → 本年新制作数量), its CELL_* bits, its spans. */
  private gridCell(cell: CellState): GridCell {
    const items = cell.items as Piece[];
    let grid: GridCell;
    if (items.length === 1) {
      const only = items[0] as Piece;
      grid = { text: this.textOf(only), facts: only.facts, colspan: 1, rowspan: 1 };
    } else if (items.length === 0) {
      grid = { text: '', facts: CELL_NORMALIZED, colspan: 1, rowspan: 1 };
    } else {
      // CELL_NORMALIZED only when every piece has it; the other bits when any piece has them.
      let facts = CELL_NORMALIZED;
      let length = 0;
      const texts: string[] = [];
      for (const piece of items) {
        facts = (facts & piece.facts & CELL_NORMALIZED) | ((facts | piece.facts) & ~CELL_NORMALIZED);
        const text = this.textOf(piece);
        length += text.length;
        texts.push(text);
      }
      const text = joinBrokenLines(texts);
      // A space where pieces were joined by one.
      grid = { text, facts: text.length > length ? facts | CELL_MAY_HAVE_SPACE : facts, colspan: 1, rowspan: 1 };
    }
    if (cell.attrs !== '' && SPAN_HINT.test(cell.attrs)) readSpans(grid, cell.attrs);
    return grid;
  }

  // The title and publication time are read as their whole text: <br> a space, hidden elements
  // inside them left out.
  private openInCaptures(tag: string, skip: boolean): void {
    const level = this.kinds.length;
    const title = this.titles[this.titles.length - 1];
    if (title !== undefined) title.opened(tag, skip, level);
    this.publishTime?.opened(tag, skip, level);
  }

  private closeInCaptures(level: number): void {
    const title = this.titles[this.titles.length - 1];
    if (title?.level === level) {
      this.titles.pop();
      const text = normalizeText(title.text);
      if (text !== '' && (this.title === undefined || title.order < this.title.order)) this.title = { text, order: title.order };
    }
    // The title around a title that ended: the inner one was hidden from it.
    this.titles[this.titles.length - 1]?.closed(level);
    if (this.publishTime?.level === level) {
      this.publishText = this.publishTime.text;
      this.publishTime = undefined;
    } else {
      this.publishTime?.closed(level);
    }
  }

  private captureText(text: string): void {
    const title = this.titles[this.titles.length - 1];
    if (title !== undefined && title.hiddenLevel < 0) title.text += text;
    if (this.publishTime !== undefined && this.publishTime.hiddenLevel < 0) this.publishTime.text += text;
  }

  /** <title>, publication-date and publisher <meta>s, and a CMS <publishtime> element (after finish()). */
  meta(): SourceMeta {
    const meta: SourceMeta = {};
    if (this.title !== undefined) meta.title = this.title.text;
    for (const attrs of this.metaAttributes) {
      const name = (attribute(attrs, 'name') ?? attribute(attrs, 'property') ?? '').toLowerCase();
      if (!DATE_META.has(name) && !PUBLISHER_META.has(name)) continue;
      const content = normalizeText(attribute(attrs, 'content') ?? '');
      if (content === '') continue;
      if (meta.publishedOn === undefined && DATE_META.has(name)) meta.publishedOn = toIsoDate(content);
      if (meta.publisher === undefined && PUBLISHER_META.has(name)) meta.publisher = content;
    }
    if (meta.publishedOn === undefined && this.publishText !== undefined) meta.publishedOn = toIsoDate(this.publishText);
    if (meta.publishedOn === undefined) delete meta.publishedOn;
    return meta;
  }
}

/** The text of an element being read whole (a title, a publication time). */
class TextCapture {
  text = '';
  /** The level of a hidden element inside it, whose text is not its own; -1 when none is open. */
  hiddenLevel = -1;

  constructor(readonly level: number, readonly order: number) {}

  opened(tag: string, skip: boolean, level: number): void {
    if (this.hiddenLevel >= 0) return;
    if (skip) this.hiddenLevel = level;
    else if (tag === 'br') this.text += ' ';
  }

  closed(level: number): void {
    if (level === this.hiddenLevel) this.hiddenLevel = -1;
  }
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
 * The text buffer of the readers (one page is read at a time): reused up to this many units, so
 * that reading a page allocates none; a larger page gets its own, dropped with it.
 */
const KEPT_UNITS = 1 << 20;
let keptBuffer = new Uint16Array(1 << 16);
/** The buffer of a piece's text before it is normalised (grown per reader when a piece is longer). */
const rawBuffer = new Uint16Array(1 << 16);

function textBuffer(hint: number): Uint16Array {
  if (hint > KEPT_UNITS) return new Uint16Array(hint);
  if (keptBuffer.length < hint) keptBuffer = new Uint16Array(Math.min(KEPT_UNITS, Math.max(hint, keptBuffer.length * 2)));
  return keptBuffer;
}

/** A larger copy of buffer[0, used), with room for at least `needed` units. */
function grown(buffer: Uint16Array, used: number, needed: number): Uint16Array {
  const larger = new Uint16Array(Math.max(buffer.length * 2, needed));
  larger.set(buffer.subarray(0, used));
  return larger;
}
