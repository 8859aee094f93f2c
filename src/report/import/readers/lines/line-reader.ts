/**
 * HTML → SourceDocument lines, element by element as html-dom.ts tells of them: a page as
 * htmlparser2 parses it (readHtmlString), or a tree (readHtmlTree, the DOCX body) walked
 * element by element. No tree is kept for web pages.
 *
 * Running text → one line per block element (p, div, h1–h6, li, br …); each table → its rows
 * through the grid logic of grid.ts. Skipped elements (script-like, hidden) are dropped with
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
import { joinBrokenLines, normalizedFacts, normalizeText, normalizeUnits, slowWebText, toIsoDate } from './normalize.ts';
import { unitsToString } from './utf16-scratch.ts';

type Warning = SourceDocument['warnings'][number];

/** An element's attributes, names in lower case, values decoded (htmlparser2's `attribs`). */
export type Attributes = Readonly<Record<string, string>>;

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
  attrs: Attributes | undefined;
  items: Item[];
}

class TableState {
  /** A table was opened inside it (anywhere, hidden ones too): a layout frame. */
  hasTable = false;
  cellCount = 0;
  /** Its cells open (more than one when a cell was opened inside another's content). */
  openCells = 0;
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
/**
 * Table parts that end the cell in whose content they are opened, as browsers end it (the "in
 * cell" insertion mode): htmlparser2 ends a cell at an opening td, th or tr only when the cell is
 * the innermost element (and never at th), so `<td><span>a<td>b` would nest b's cell in a's.
 */
const CELL_ENDERS: ReadonlySet<string> = new Set(['td', 'th', 'tr', 'thead', 'tbody', 'tfoot', 'caption', 'col', 'colgroup']);

/** Elements that end a line of running text (and a piece of a cell's text) before and after them. */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article',
  'header', 'footer', 'main', 'nav', 'aside', 'blockquote', 'pre', 'address', 'center', 'figure', 'figcaption',
  'form', 'fieldset', 'hr', 'caption', 'body', 'html', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);

const DATE_META = new Set(['pubdate', 'publishdate', 'firstpublishedtime', 'publishtime', 'published_time', 'article:published_time', 'dc.date', 'dc.date.issued', 'dcterms.issued', 'dcterms.date', 'releasedate']);
const PUBLISHER_META = new Set(['contentsource', 'publisher', 'dc.publisher', 'dcterms.publisher']);

/**
 * Builds the lines of what it is told, in document order: open() and close() of each element
 * (every one opened is closed; finish() closes those still open) and text() of each text.
 */
export class LineReader {
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
  private readonly metaAttributes: Attributes[] = [];

  /** `size`: about how many characters of text the page may have (its length), to size the text buffer. */
  constructor(size = 0) {
    this.normalized = textBuffer(size);
  }

  /**
   * An element opens: `tag` in lower case, `skip` when it is dropped with its content (script-like,
   * hidden); `attrs` are read of td/th (colspan, rowspan) and <meta> (name or property, content).
   */
  open(tag: string, skip: boolean, attrs?: Attributes): void {
    const parent = this.kind;
    if (this.titles.length > 0 || this.publishTime !== undefined) this.openInCaptures(tag, skip);
    if (tag === 'meta' && attrs !== undefined) this.metaAttributes.push(attrs);
    else if (tag === 'title') this.titles.push(new TextCapture(this.kinds.length, this.titleCount++));
    else if (tag === 'publishtime' && this.publishText === undefined && this.publishTime === undefined) this.publishTime = new TextCapture(this.kinds.length, 0);
    let kind: number;
    if (parent <= BLOCK || parent === CELL || parent === CAPTION) {
      kind = CELL_ENDERS.has(tag) && this.inCell() ? this.openPastCell(tag, skip, attrs) : this.openInText(tag, skip);
    } else if (parent === ROW) {
      kind = this.openInRow(tag, skip, attrs);
    } else if (parent === TABLE || parent >= WRAPPER) {
      kind = this.openInTable(tag, skip, parent === TABLE ? 0 : parent - WRAPPER);
    } else {
      kind = tag === 'table' ? this.openDeadTable() : DEAD;
    }
    this.kinds.push(kind);
    this.kind = kind;
  }

  private openInRow(tag: string, skip: boolean, attrs: Attributes | undefined): number {
    if ((tag === 'td' || tag === 'th') && !skip) return this.openCell(attrs);
    return tag === 'table' ? this.openDeadTable() : DEAD;
  }

  /** An element opened `depth` wrappers below a table whose rows are read. */
  private openInTable(tag: string, skip: boolean, depth: number): number {
    if (tag === 'table') return this.openDeadTable();
    if (skip) return DEAD;
    if (tag === 'tr') return this.openRow();
    if (tag === 'caption') return depth === 0 ? this.openTarget(CAPTION, this.innermostTable().captions) : DEAD;
    return depth < MAX_WRAPPER_DEPTH ? WRAPPER + depth + 1 : DEAD;
  }

  /** Text is read into a cell of the innermost table (no table opened inside the cell is open). */
  private inCell(): boolean {
    const table = this.tables[this.tables.length - 1];
    return table !== undefined && table.openCells > 0;
  }

  /**
   * A table part (CELL_ENDERS) opened in a cell's content: the cell's content ends (what follows
   * in it is not read, as browsers move it out of the table), and the part is read as opened in
   * the cell's row (a cell) or table (the others).
   */
  private openPastCell(tag: string, skip: boolean, attrs: Attributes | undefined): number {
    this.cut();
    this.target = [];
    return tag === 'td' || tag === 'th' ? this.openInRow(tag, skip, attrs) : this.openInTable(tag, skip, 0);
  }

  private openInText(tag: string, skip: boolean): number {
    if (skip) return tag === 'table' ? this.openDeadTable() : DEAD;
    if (tag === 'table') {
      this.cut();
      this.markFrame();
      this.tables.push(new TableState());
      return TABLE;
    }
    if (tag === 'br') {
      this.cut();
      return FLOW;
    }
    if (BLOCK_TAGS.has(tag)) {
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

  private openCell(attrs: Attributes | undefined): number {
    const table = this.innermostTable();
    const cell: CellState = { attrs, items: [] };
    (table.rows[table.rows.length - 1] as CellState[]).push(cell);
    table.cellCount += 1;
    table.openCells += 1;
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
        this.innermostTable().openCells -= 1;
        this.cut();
        this.target = this.targets.pop();
        return;
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

  /** Text (character references decoded). */
  text(s: string): void {
    if (this.titles.length > 0 || this.publishTime !== undefined) this.captureText(s);
    if (!this.keeps(s)) return;
    const raw = this.raw;
    let o = this.rawLength;
    for (let i = 0; i < s.length; i += 1) raw[o++] = s.charCodeAt(i);
    this.rawLength = o;
  }

  /**
   * Text given as its UTF-8 bytes, one character per byte (a page read undecoded, charset.ts's
   * HtmlSource), decoded here into the piece's buffer: a string made per text cost more.
   */
  utf8Text(s: string): void {
    if (this.titles.length > 0 || this.publishTime !== undefined) this.captureText(Buffer.from(s, 'latin1').toString('utf8'));
    if (!this.keeps(s)) return;
    const raw = this.raw;
    let o = this.rawLength;
    for (let i = 0; i < s.length; i += 1) {
      const b = s.charCodeAt(i);
      if (b < 0x80) {
        raw[o++] = b;
      } else if (b < 0xe0) {
        raw[o++] = ((b & 0x1f) << 6) | (s.charCodeAt(++i) & 0x3f);
      } else if (b < 0xf0) {
        raw[o++] = ((b & 0x0f) << 12) | ((s.charCodeAt(++i) & 0x3f) << 6) | (s.charCodeAt(++i) & 0x3f);
      } else {
        const cp = ((b & 0x07) << 18) | ((s.charCodeAt(++i) & 0x3f) << 12) | ((s.charCodeAt(++i) & 0x3f) << 6) | (s.charCodeAt(++i) & 0x3f);
        raw[o++] = 0xd7c0 + (cp >> 10);
        raw[o++] = 0xdc00 | (cp & 0x3ff);
      }
    }
    this.rawLength = o;
  }

  /** The text is read here (not spaces at a line's start), and the piece's buffer has room for it (never more units than characters). */
  private keeps(s: string): boolean {
    const kind = this.kind;
    if (!(kind <= BLOCK || kind === CELL || kind === CAPTION)) return false;
    if (s === '' || (this.rawLength === 0 && isSpaceRun(s))) return false;
    if (this.rawLength + s.length > this.raw.length) this.raw = grown(this.raw, this.rawLength, this.rawLength + s.length);
    return true;
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
    if (cell.attrs !== undefined) readSpans(grid, cell.attrs);
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
      const name = (attrs.name ?? attrs.property ?? '').toLowerCase();
      if (!DATE_META.has(name) && !PUBLISHER_META.has(name)) continue;
      const content = normalizeText(attrs.content ?? '');
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

/** Sets a grid cell's colspan and rowspan from its attributes (1 when absent or not a number). */
function readSpans(grid: GridCell, attrs: Attributes): void {
  grid.colspan = span(attrs.colspan);
  grid.rowspan = span(attrs.rowspan);
}

function span(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? 1 : n;
}

/** s is only spaces, tabs and line breaks. */
function isSpaceRun(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
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
