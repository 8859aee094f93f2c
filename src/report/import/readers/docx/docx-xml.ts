/**
 * The XML parts of a DOCX, tokenized by htmlparser2 (xmlMode), read for what the report needs.
 *
 * documentXmlToTree: word/document.xml → the tree html-dom.ts's readHtmlTree reads, so a DOCX
 * table reads as the same table in HTML would. w:p → p, w:tbl/w:tr/w:tc → table/tr/td, w:t → text,
 * w:br (text wrapping) and w:cr → br, w:tab → tab. Where WordprocessingML says more, the reading is
 * mammoth's (its convertToHtml was the reference of the old reader):
 * - merged cells: w:gridSpan → colspan; a w:vMerge continue cell is dropped and the cell above it
 *   at the same grid column (counted with gridSpan) gains a row (mammoth's calculateRowSpans);
 *   w:gridBefore/w:gridAfter ignored; a row whose w:trPr holds w:del (a deleted row) is dropped;
 * - tracked changes: w:del and w:moveFrom content dropped, w:ins and w:moveTo kept; a paragraph
 *   whose mark is deleted (w:pPr/w:rPr/w:del) runs on into the next paragraph;
 * - mc:AlternateContent: mc:Fallback read, mc:Choice not; a text box's paragraphs (w:txbxContent)
 *   come after the paragraph that anchors it;
 * - hyperlinks, fields' results, content controls, smart tags, custom XML: their text, in place.
 * Unlike mammoth: a run hidden by w:vanish is not read (Word does not show or print it); note
 * references, symbols (w:sym) and checkboxes give no text (they are not the report's content);
 * element names are read as written, with the prefixes w: and mc: every producer writes (Word, WPS,
 * LibreOffice, the docx package; the strict OOXML namespace too), not resolved by namespace.
 *
 * Damaged XML is refused (SourceReadError) rather than guessed at: an end tag that is not the open
 * element's, or a body that ends before </w:document>.
 */
import { Parser, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { HtmlElement, HtmlNode } from '../html/html-dom.ts';
import { SourceReadError } from '../read-error.ts';

/** What an element is to this reading; elements not in KINDS are read through (their content is). */
const enum Kind {
  Paragraph, Table, Row, Cell, TextBox, Run, Text, Tab, Break, CarriageReturn, NoBreakHyphen, SoftHyphen,
  GridSpan, VMerge, Vanish, Deleted, MovedFrom, Choice,
}
const KINDS = new Map<string, Kind>([
  ['w:p', Kind.Paragraph], ['w:tbl', Kind.Table], ['w:tr', Kind.Row], ['w:tc', Kind.Cell], ['w:txbxContent', Kind.TextBox],
  ['w:r', Kind.Run], ['w:t', Kind.Text], ['w:tab', Kind.Tab], ['w:br', Kind.Break], ['w:cr', Kind.CarriageReturn],
  ['w:noBreakHyphen', Kind.NoBreakHyphen], ['w:softHyphen', Kind.SoftHyphen], ['w:gridSpan', Kind.GridSpan],
  ['w:vMerge', Kind.VMerge], ['w:vanish', Kind.Vanish], ['w:del', Kind.Deleted], ['w:moveFrom', Kind.MovedFrom], ['mc:Choice', Kind.Choice],
]);
/** Output elements, by the kind of element that opens them. */
const FRAME_TAGS = new Map([[Kind.Paragraph, 'p'], [Kind.Table, 'table'], [Kind.Row, 'tr'], [Kind.Cell, 'td'], [Kind.TextBox, '#box']]);
/** The elements whose w:val is read (every other attribute is skipped unread, and w:type of w:br). */
const VAL_READ = new Set(['w:gridSpan', 'w:vMerge', 'w:vanish']);
/** w:val values that switch a toggle property off. */
const OFF = new Set(['false', '0', 'off']);

const PART = '正文（word/document.xml）';

interface CellProps {
  colspan: number;
  /** true: w:vMerge continue (or no value); false: restart or no merge. */
  continues: boolean;
}

/** An output element being filled. */
interface Frame {
  node: HtmlElement;
  /** Text boxes anchored in this paragraph: placed after it. */
  extras: HtmlNode[];
  /** The paragraph mark is deleted: its content runs on into the next paragraph. */
  markDeleted: boolean;
}

/** An open XML element. */
interface Open {
  /** The name as written (as latin1: see documentXmlToTree). */
  name: string;
  frame?: Frame;
  dropped?: boolean;
  run?: { hidden: boolean };
  text?: string[];
}

/**
 * The document body as a tree (its root; the root itself is not an element of the body).
 * Throws SourceReadError when the XML is damaged (see the module comment).
 */
export function documentXmlToTree(bytes: Buffer): HtmlElement {
  const reader = new BodyReader(bytes);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, reader);
  // The tokenizer is given the UTF-8 bytes as latin1 (one character a byte: the markup is ASCII),
  // in pieces of some 16 KB each ending after a '>' (so no piece ends inside a character); the text
  // it finds is decoded as UTF-8 from the bytes at the same offsets. One string of the whole part
  // (some hundred KB) cost more than the tokenizing: V8 makes such a string a large object.
  for (let at = 0; at < bytes.length; ) {
    const gt = bytes.indexOf(0x3e, at + CHUNK);
    const end = gt < 0 ? bytes.length : gt + 1;
    reader.chunk = bytes.toString('latin1', at, end);
    reader.chunkAt = at;
    tokenizer.write(reader.chunk);
    at = end;
  }
  tokenizer.end();
  return reader.tree();
}

const CHUNK = 16 * 1024;

/**
 * The tokenizer's events (offsets into the XML) → the tree. htmlparser2's Tokenizer rather than its
 * Parser: the Parser builds every attribute of every element as strings, and document.xml is
 * mostly attributes no one reads (w:rsidR …); this reads the few it needs by their offsets.
 */
class BodyReader implements TokenizerCallbacks {
  private readonly root = element('#root');
  private readonly frames: Frame[] = [{ node: this.root, extras: [], markDeleted: false }];
  private readonly stack: Open[] = [];
  private readonly runs: { hidden: boolean }[] = [];
  private readonly cells = new Map<HtmlElement, CellProps>();
  private readonly deletedRows = new Set<HtmlElement>();
  private readonly tables: HtmlElement[] = [];
  /** Content of paragraphs whose mark is deleted, for the next paragraph. */
  private carried: HtmlNode[] = [];
  private dropping = 0;
  /** The start tag being read: its name, and the attributes read. */
  private tagName = '';
  private val: string | undefined;
  private type: string | undefined;
  /** The attribute being read, when it is one of those. */
  private attribute: 'val' | 'type' | undefined;
  private value = '';

  /** The piece of the bytes (as latin1) the tokenizer is reading, and its offset in them. */
  chunk = '';
  chunkAt = 0;

  constructor(private readonly bytes: Buffer) {}

  tree(): HtmlElement {
    for (const table of this.tables) mergeCells(table, this.cells, this.deletedRows);
    return this.root;
  }

  onopentagname(start: number, end: number): void {
    this.tagName = this.latin1(start, end);
    this.val = undefined;
    this.type = undefined;
  }

  onattribname(start: number, end: number): void {
    this.value = '';
    this.attribute = undefined;
    if (end - start === 5 && this.startsWith('w:val', start) && VAL_READ.has(this.tagName)) this.attribute = 'val';
    else if (end - start === 6 && this.startsWith('w:type', start) && this.tagName === 'w:br') this.attribute = 'type';
  }

  onattribdata(start: number, end: number): void {
    if (this.attribute !== undefined) this.value += this.bytes.toString('utf8', start, end);
  }

  onattribentity(codepoint: number): void {
    if (this.attribute !== undefined) this.value += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (this.attribute === 'val') this.val ??= this.value;
    else if (this.attribute === 'type') this.type ??= this.value;
    this.attribute = undefined;
  }

  onopentagend(): void {
    this.open();
  }

  onselfclosingtag(): void {
    this.open();
    this.close();
  }

  onclosetag(start: number, end: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top.name.length !== end - start || !this.startsWith(top.name, start)) {
      const what = top === undefined ? `</${this.bytes.toString('utf8', start, end)}> 没有对应的开始标记` : `<${utf8(top.name)}> 没有正确结束`;
      throw new SourceReadError(`无法读取 DOCX 文件：${PART}的 XML 有误（${what}），文件已损坏。`, 'docx.unreadable');
    }
    this.close();
  }

  ontext(start: number, end: number): void {
    this.stack[this.stack.length - 1]?.text?.push(this.bytes.toString('utf8', start, end));
  }

  ontextentity(codepoint: number): void {
    this.stack[this.stack.length - 1]?.text?.push(String.fromCodePoint(codepoint));
  }

  oncdata(start: number, end: number, offset: number): void {
    this.stack[this.stack.length - 1]?.text?.push(this.bytes.toString('utf8', start, end - offset));
  }

  onend(): void {
    if (this.stack.length > 0) throw new SourceReadError(`无法读取 DOCX 文件：${PART}在结尾前中断，文件不完整或已损坏。`, 'docx.unreadable');
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  /** bytes[start, end) as latin1: from the piece being read when it holds them. */
  private latin1(start: number, end: number): string {
    const at = this.chunkAt;
    return start >= at && end <= at + this.chunk.length ? this.chunk.slice(start - at, end - at) : this.bytes.toString('latin1', start, end);
  }

  /** Whether the bytes at `start` are the ASCII `text`. */
  private startsWith(text: string, start: number): boolean {
    const at = this.chunkAt;
    if (start >= at && start + text.length <= at + this.chunk.length) return this.chunk.startsWith(text, start - at);
    return this.latin1(start, start + text.length) === text;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1] as Frame;
  }

  private hidden(): boolean {
    return this.runs.length > 0 && this.runs.some((r) => r.hidden);
  }

  /** Inline content of the paragraph (or cell) being filled, unless in a hidden run. */
  private add(node: HtmlNode): void {
    if (!this.hidden()) this.top().node.children.push(node);
  }

  private open(): void {
    const stack = this.stack;
    const parent = stack[stack.length - 1];
    const name = this.tagName;
    const open: Open = { name };
    stack.push(open);
    if (this.dropping > 0) {
      open.dropped = true;
      this.dropping += 1;
      return;
    }
    const kind = KINDS.get(name);
    if (kind === undefined) return;
    const frameTag = FRAME_TAGS.get(kind);
    if (frameTag !== undefined) {
      const frame: Frame = { node: element(frameTag), extras: [], markDeleted: false };
      if (kind === Kind.Paragraph && this.carried.length > 0) {
        frame.node.children.push(...this.carried);
        this.carried = [];
      }
      if (kind === Kind.Table) this.tables.push(frame.node);
      if (kind === Kind.Cell) this.cells.set(frame.node, { colspan: 1, continues: false });
      open.frame = frame;
      this.frames.push(frame);
      return;
    }
    switch (kind) {
      case Kind.Run:
        open.run = { hidden: false };
        this.runs.push(open.run);
        break;
      case Kind.Text:
        if (!this.hidden()) open.text = [];
        break;
      case Kind.Tab:
        // In w:pPr/w:tabs a w:tab is a tab stop, not a character.
        if (parent?.name !== 'w:tabs') this.add('\t');
        break;
      case Kind.Break:
        if (this.type === undefined || this.type === 'textWrapping') this.add(element('br'));
        break;
      case Kind.CarriageReturn:
        this.add(element('br'));
        break;
      case Kind.NoBreakHyphen:
        this.add('\u2011');
        break;
      case Kind.SoftHyphen:
        this.add('\u00ad');
        break;
      case Kind.GridSpan:
      case Kind.VMerge: {
        const props = parent?.name === 'w:tcPr' ? this.cells.get(this.top().node) : undefined;
        if (props === undefined) break;
        if (kind === Kind.VMerge) props.continues = this.val === undefined || this.val === 'continue';
        else props.colspan = Number.parseInt(this.val ?? '', 10) || 1;
        break;
      }
      case Kind.Vanish: {
        const run = parent?.name === 'w:rPr' && stack[stack.length - 3]?.run;
        if (run) run.hidden = !OFF.has(this.val ?? 'true');
        break;
      }
      case Kind.Deleted: {
        // In paragraph or row properties, w:del marks the paragraph mark or the row as deleted;
        // elsewhere it holds deleted runs.
        const top = this.top();
        if (parent?.name === 'w:rPr' && stack[stack.length - 3]?.name === 'w:pPr') {
          top.markDeleted = top.node.tag === 'p';
        } else if (parent?.name === 'w:trPr') {
          if (top.node.tag === 'tr') this.deletedRows.add(top.node);
        } else {
          open.dropped = true;
          this.dropping += 1;
        }
        break;
      }
      case Kind.MovedFrom:
      case Kind.Choice:
        open.dropped = true;
        this.dropping += 1;
        break;
      default:
        break;
    }
  }

  private close(): void {
    const open = this.stack.pop();
    if (open === undefined) return;
    if (open.dropped) this.dropping -= 1;
    else if (open.run) this.runs.pop();
    else if (open.text) {
      const text = open.text.join('');
      if (text !== '') this.top().node.children.push(text);
    } else if (open.frame) {
      this.frames.pop();
      this.closeFrame(open.frame);
    }
  }

  private closeFrame(frame: Frame): void {
    const { node, extras } = frame;
    const parent = this.top().node;
    if (node.tag === '#box') {
      const paragraph = this.frames.findLast((f) => f.node.tag === 'p');
      if (paragraph) paragraph.extras.push(...node.children);
      else parent.children.push(...node.children);
    } else if (frame.markDeleted) {
      this.carried.push(...node.children);
      parent.children.push(...extras);
    } else {
      parent.children.push(node, ...extras);
    }
  }
}

/** mammoth's calculateRowSpans: continue cells leave their row and lengthen the cell above. */
function mergeCells(table: HtmlElement, cells: Map<HtmlElement, CellProps>, deletedRows: Set<HtmlElement>): void {
  const rows = table.children.filter((r): r is HtmlElement => typeof r !== 'string' && r.tag === 'tr' && !deletedRows.has(r));
  table.children = rows;
  const rowspans = new Map<HtmlElement, number>();
  const columns = new Map<number, HtmlElement>();
  for (const row of rows) {
    let index = 0;
    const kept: HtmlElement[] = [];
    for (const cell of row.children) {
      if (typeof cell === 'string') continue;
      const props = cells.get(cell) ?? { colspan: 1, continues: false };
      const above = columns.get(index);
      if (props.continues && above) {
        rowspans.set(above, (rowspans.get(above) ?? 1) + 1);
      } else {
        columns.set(index, cell);
        kept.push(cell);
      }
      index += props.colspan;
    }
    row.children = kept;
  }
  for (const row of rows) {
    for (const cell of row.children) {
      if (typeof cell === 'string') continue;
      const colspan = cells.get(cell)?.colspan ?? 1;
      const rowspan = rowspans.get(cell) ?? 1;
      if (colspan !== 1 || rowspan !== 1) cell.attrs = ` colspan="${colspan}" rowspan="${rowspan}"`;
    }
  }
}

/** A name read as latin1 (see documentXmlToTree), as the UTF-8 it is. */
function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

function element(tag: string): HtmlElement {
  return { tag, attrs: '', children: [], skip: false };
}

/** An element of a small XML part, as written (no namespace mapping). */
export interface XmlElementInfo {
  name: string;
  attrs: Record<string, string>;
}

/**
 * The first element of a small XML part (docProps, relationships) for which `match` holds (given
 * the element and its parent), with its own text (entities decoded); undefined when there is none.
 */
export function firstElement(
  xml: string,
  match: (element: XmlElementInfo, parent: XmlElementInfo | undefined) => boolean,
): (XmlElementInfo & { text: string }) | undefined {
  const open: XmlElementInfo[] = [];
  let found: (XmlElementInfo & { text: string }) | undefined;
  let text: string[] | undefined;
  let depth = -1;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const info = { name, attrs };
        if (found === undefined && match(info, open[open.length - 1])) {
          found = { ...info, text: '' };
          text = [];
          depth = open.length;
        }
        open.push(info);
      },
      ontext(chunk) {
        if (text !== undefined && open.length === depth + 1) text.push(chunk);
      },
      onclosetag() {
        open.pop();
        if (found !== undefined && text !== undefined && open.length === depth) {
          found.text = text.join('');
          text = undefined;
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return found;
}
