/**
 * A fast, forgiving HTML tokenizer for the HTML reader: one pass over the page's UTF-8 bytes,
 * telling a MarkupSink (html-lines.ts) of each element opened and closed and of each text,
 * nested as a tree builder would nest them; no tree is built. The pass itself is WebAssembly
 * (html-markup.as.ts, built into html-markup.wasm.ts; why: docs/DECISIONS.md): it scans 16 bytes
 * at a time, about three times as fast as the same rules in TypeScript. This module gives it the
 * page and the tag names and passes its events on.
 *
 * Nesting rules (those of node-html-parser, which the reader was written against, plus browser
 * scoping for stray end tags):
 * - comments, <!doctype>, Word's <![if …]>/<![endif]> markers and <?xml …?> are dropped;
 * - script/style/noscript content is raw text and is dropped unread;
 * - an opening tag closes an open p (by p/div), li, dt/dd, td/th/tr/tbody/thead, h1–h6 (the
 *   implied end tags of node-html-parser);
 * - an end tag closes the nearest open element of its name and everything opened inside it,
 *   but never reaches through a table or cell for a non-table tag (a stray </div> inside a
 *   cell is ignored, as browsers do); an end tag with nothing to close is ignored;
 * - elements still open at the end are closed there;
 * - void elements (br, img, meta …) and self-closed tags (<x/>) have no content;
 * - inline wrappers (span, font, o:p, b …) are transparent: their content is read in their
 *   place, and neither their start nor their end tag opens or ends anything (as in browsers,
 *   where a stray </span> is ignored and a <td> ends the cell an unclosed <span> is in). They
 *   are elements only when hidden, inside hidden content, or between a table and its cells;
 * - text directly inside table/tbody/tr (the whitespace between cells) is never told.
 */
import { MARKUP_WASM } from './html-markup.wasm.ts';
import { factsOf, KNOWN_TAG_FACTS, tagName, type TagFacts } from '../lines/tags.ts';
import { hiddenBy } from './html-text.ts';

/** What the markup reader tells (html-lines.ts's LineReader), in document order; every opened element is closed (a `leaf` at once). */
export interface MarkupSink {
  /** `attrs`: the raw attributes of td/th and the (decoded) attributes of <meta>; '' for the others. */
  open(facts: TagFacts, skip: boolean, attrs: string, leaf: boolean): void;
  /** The innermost open element ends. */
  close(): void;
  /** Text at html[start, end) of the page; `amp`: it holds '&' (character references to decode). */
  text(start: number, end: number, amp: boolean): void;
}

/**
 * Reads a page's markup into `sink`. `utf8` is the page's bytes and `html` the same bytes as
 * latin1 (html-charset.ts's HtmlSource; offsets in both are byte offsets): the sink decodes
 * text from the bytes, the markup around it never is; the attributes of <meta> are decoded
 * here. Linear in the input, never throws on any markup.
 */
export function readMarkup(html: string, utf8: Buffer, sink: MarkupSink): void {
  if (page !== undefined) throw new Error('readMarkup: already reading a page'); // a sink never reads another page
  page = { html, utf8, sink };
  try {
    const length = utf8.length;
    // The bytes, a zero after them, and room for the open elements (the scanner grows it when deeper).
    const needed = INPUT + length + 64 + 64 * 1024;
    const have = scanner.memory.buffer.byteLength;
    if (needed > have) scanner.memory.grow(Math.ceil((needed - have) / 65536));
    new Uint8Array(scanner.memory.buffer, INPUT, length).set(utf8);
    dispatch(scanner.read(length));
  } finally {
    page = undefined;
  }
}

/** The WebAssembly API (Node's; the project's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
interface WasmGlobal {
  value: number;
}

/** The scanner's exports (html-markup.as.ts). */
interface Scanner {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  read(length: number): number;
  defineTag(id: number, flags: number, closedBy: number, openerBit: number, nameAt: number, nameLength: number): void;
  INPUT: WasmGlobal;
  NAMES_AT: WasmGlobal;
  EVENTS: WasmGlobal;
  MAX_TAGS: WasmGlobal;
  NAMES_SIZE: WasmGlobal;
  F_SKIPPED: WasmGlobal;
  F_VOID: WasmGlobal;
  F_INLINE: WasmGlobal;
  F_TABLE_CONTAINER: WasmGlobal;
  F_TABLE_PART: WasmGlobal;
  F_SCOPE_BOUNDARY: WasmGlobal;
  F_CELL: WasmGlobal;
  F_TABLE: WasmGlobal;
  F_RAW: WasmGlobal;
  OPEN: WasmGlobal;
  CLOSE: WasmGlobal;
}

/** The page being read (the scanner's imports need it). */
let page: { html: string; utf8: Buffer; sink: MarkupSink } | undefined;

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const scanner = new wasm.Instance(new wasm.Module(Buffer.from(MARKUP_WASM, 'base64')), {
  markup: {
    hidden: (nameEnd: number, attrEnd: number): number => (hiddenBy((page as NonNullable<typeof page>).html.slice(nameEnd, attrEnd)) ? 1 : 0),
    flush: (count: number): void => dispatch(count),
  },
}).exports as unknown as Scanner;
const INPUT = scanner.INPUT.value;
const EVENTS = scanner.EVENTS.value;
// Event kinds (the third, TEXT, is what is neither).
const OPEN = scanner.OPEN.value;
const CLOSE = scanner.CLOSE.value;
defineTags();

/** Gives the scanner the known tags' facts (as its F_… bits); an event names a tag by its index here. */
function defineTags(): void {
  const bit = (fact: boolean, flag: WasmGlobal): number => (fact ? flag.value : 0);
  const s = scanner;
  const namesAt = s.NAMES_AT.value;
  let nameAt = 0;
  KNOWN_TAG_FACTS.forEach((facts, id) => {
    if (id >= s.MAX_TAGS.value || nameAt + facts.tag.length > s.NAMES_SIZE.value) throw new Error('html-markup: more known tags than the scanner holds');
    const flags =
      bit(facts.skipped, s.F_SKIPPED) | bit(facts.isVoid, s.F_VOID) | bit(facts.inline, s.F_INLINE) |
      bit(facts.tableContainer, s.F_TABLE_CONTAINER) | bit(facts.tablePart, s.F_TABLE_PART) |
      bit(facts.scopeBoundary, s.F_SCOPE_BOUNDARY) | bit(facts.isCell, s.F_CELL) | bit(facts.tag === 'table', s.F_TABLE) |
      bit(facts.rawText, s.F_RAW);
    new Uint8Array(s.memory.buffer).set(Buffer.from(facts.tag, 'latin1'), namesAt + nameAt);
    s.defineTag(id, flags, facts.closedBy, facts.openerBit, nameAt, facts.tag.length);
    nameAt += facts.tag.length;
  });
}

/** Passes the scanner's `count` events on to the page's sink. */
function dispatch(count: number): void {
  const { html, utf8, sink } = page as NonNullable<typeof page>;
  // A view per call: the scanner's memory may have grown (a new buffer) since the last.
  const events = new Int32Array(scanner.memory.buffer, EVENTS, count * 4);
  for (let at = 0; at < count * 4; at += 4) {
    const word = events[at] as number;
    const kind = word & 3;
    if (kind === CLOSE) {
      sink.close();
      continue;
    }
    const a = events[at + 1] as number;
    const b = events[at + 2] as number;
    if (kind !== OPEN) {
      sink.text(a, b, (word & 4) !== 0);
      continue;
    }
    const id = (word >>> 8) - 1;
    const facts = id >= 0 ? (KNOWN_TAG_FACTS[id] as TagFacts) : factsOf(tagName(html, a, b));
    const attrEnd = events[at + 3] as number;
    // Attributes are read only of cells (colspan/rowspan, ASCII) and <meta> (name/content, as text).
    const attrs = facts.isCell ? html.slice(b, attrEnd) : facts.tag === 'meta' ? segment(html, utf8, b, attrEnd) : '';
    sink.open(facts, (word & 4) !== 0, attrs, (word & 8) !== 0);
  }
}

/** html[start, end) as text, decoded from the UTF-8 bytes. */
function segment(html: string, utf8: Buffer, start: number, end: number): string {
  const raw = html.slice(start, end);
  return /[\x80-\xff]/u.test(raw) ? utf8.toString('utf8', start, end) : raw;
}
