/**
 * A fast, forgiving HTML tree builder for the HTML reader: one indexOf/sticky-regex pass over
 * the decoded page, building only what html-dom.ts reads (tag, raw attributes, children, text).
 * It replaces node-html-parser in the hot path: that parser took 6–16 ms on a 36–100 KB page
 * (mostly page chrome); this takes a small fraction of that.
 *
 * Tree rules (those of node-html-parser, which the reader was written against, plus browser
 * scoping for stray end tags):
 * - comments, <!doctype>, Word's <![if …]>/<![endif]> markers and <?xml …?> are dropped;
 * - script/style/noscript content is raw text and is dropped unread;
 * - an opening tag closes an open p (by p/div), li, dt/dd, td/th/tr/tbody/thead, h1–h6 (the
 *   implied end tags of node-html-parser);
 * - an end tag closes the nearest open element of its name and everything opened inside it,
 *   but never reaches through a table or cell for a non-table tag (a stray </div> inside a
 *   cell is ignored, as browsers do); an end tag with nothing to close is ignored;
 * - elements still open at the end are closed there;
 * - void elements (br, img, meta …) and self-closed tags (<x/>) have no children.
 */
import { TextNode } from 'node-html-parser';

/** An element: lower-case tag, its raw attribute source, children in order. */
export interface HtmlElement {
  tag: string;
  attrs: string;
  children: HtmlNode[];
  /** Dropped with its content: script-like tags, VML/Word XML, display:none, mso-hide:all, hidden. */
  skip: boolean;
  /** For tables: some descendant element is a table (a layout frame). */
  hasTable: boolean;
}

/** A child: an element, or decoded text. */
export type HtmlNode = HtmlElement | string;

/** The tree and the elements the metadata is read from, first in document order. */
export interface HtmlTree {
  root: HtmlElement;
  titles: HtmlElement[];
  publishTime?: HtmlElement;
  metas: HtmlElement[];
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'xml']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Inline wrappers with no meaning of their own to the reader (see openElement). */
const INLINE = new Set(['span', 'font', 'a', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sup', 'sub', 'small', 'big', 'o:p', 'label', 'abbr', 'cite', 'ins', 'mark', 'nobr', 'tt']);
const CELL_OPENERS = new Set(['td', 'th', 'tr', 'tbody', 'tfoot']);
/** Open element → opening tags that imply its end tag (node-html-parser's kElementsClosedByOpening). */
const CLOSED_BY_OPENING = new Map<string, Set<string>>([
  ['li', new Set(['li'])],
  ['p', new Set(['p', 'div'])],
  ['b', new Set(['div'])],
  ['td', CELL_OPENERS],
  ['th', CELL_OPENERS],
  ['tr', new Set(['tr', 'tbody', 'tfoot'])],
  ['thead', new Set(['tbody', 'tfoot'])],
  ['tbody', new Set(['tbody', 'tfoot'])],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h): [string, Set<string>] => [h, new Set([h])]),
  ['dt', new Set(['dt', 'dd'])],
  ['dd', new Set(['dt', 'dd'])],
]);
const TABLE_CONTAINERS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption']);
/** A stray end tag of another name does not close elements past these (browser scope boundaries). */
const SCOPE_BOUNDARY = new Set(['table', 'td', 'th', 'caption', 'template', 'object']);
/** How far down the open elements an end tag looks for its element (hostile nesting stays linear). */
const MAX_CLOSE_SEARCH = 128;

/** A byte of a multi-byte UTF-8 sequence, seen through latin1. */
const HIGH_BYTE = /[\x80-\xff]/u;
const HIDDEN_HINT = /hidden|none|mso-hide/iu;
const HIDDEN_STYLE = /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden/iu;
/** node-html-parser's attribute syntax, so attributes read as they did. */
const ATTRIBUTE = /([_a-zA-Z()[\]#@$.?:][a-zA-Z0-9\-._:()[\]#]*)(?:\s*=\s*('[^']*'|"[^"]*"|\S+))?/gu;
/** Elements whose content is raw text up to their end tag (never markup), with that end tag. */
const RAW_END = new Map([['script', /<\/script[\s/>]/giu], ['style', /<\/style[\s/>]/giu], ['noscript', /<\/noscript[\s/>]/giu]]);

/**
 * Parses a page into the reader's tree. Linear in the input, never throws. With `utf8`, `html`
 * is those bytes as latin1 (html-charset.ts's HtmlSource): text and kept attributes are
 * decoded from the bytes as they are met, the rest of the page never is.
 */
export function buildHtmlTree(html: string, utf8?: Buffer): HtmlTree {
  return new TreeBuilder(html, utf8).build();
}

// A class, not closures: tsx (esbuild keepNames) wraps every inner function in a __name() call per use.
class TreeBuilder {
  private readonly root = element('#root', '');
  private readonly tree: HtmlTree = { root: this.root, titles: [], metas: [] };
  private readonly stack: HtmlElement[] = [this.root];
  /** nearestTable[i]: the innermost table among stack[0..i], so a nested table marks its frame in O(1). */
  private readonly nearestTable: (HtmlElement | undefined)[] = [undefined];
  /** inCell[i]: stack[i] is a td/th or inside one (below any nested table): structure there only matters as text. */
  private readonly inCell: boolean[] = [false];
  private current = this.root;

  constructor(private readonly html: string, private readonly utf8?: Buffer) {}

  /** html[start, end) as text: from the UTF-8 bytes when the builder reads latin1 (only non-ASCII needs it). */
  private segment(start: number, end: number): string {
    const raw = this.html.slice(start, end);
    return this.utf8 && HIGH_BYTE.test(raw) ? this.utf8.toString('utf8', start, end) : raw;
  }

  private appendText(start: number, end: number): void {
    // Text directly inside table/tbody/tr (the whitespace between cells) is never read.
    if (end <= start || TABLE_CONTAINERS.has(this.current.tag)) return;
    const raw = this.segment(start, end);
    this.current.children.push(raw.includes('&') ? decodeEntities(raw) : raw);
  }

  build(): HtmlTree {
    const html = this.html;
    const n = html.length;
    let pos = 0;
    let textStart = 0;
    while (pos < n) {
      const lt = html.indexOf('<', pos);
      if (lt < 0) break;
      const next = html.charCodeAt(lt + 1);
      if (isLetter(next)) {
        const nameEnd = tagNameEnd(html, lt + 2);
        const end = this.tagEnd(nameEnd);
        if (end < 0) {
          pos = lt + 1;
          continue;
        }
        this.appendText(textStart, lt);
        pos = textStart = this.openElement(tagName(html, lt + 1, nameEnd), nameEnd, end);
        continue;
      }
      if (next === 0x2f && isLetter(html.charCodeAt(lt + 2))) {
        const gt = html.indexOf('>', lt + 2);
        if (gt < 0) {
          pos = lt + 1;
          continue;
        }
        this.appendText(textStart, lt);
        this.closeElement(tagName(html, lt + 2, tagNameEnd(html, lt + 3)));
        pos = textStart = gt + 1;
        continue;
      }
      if (next === 0x21 || next === 0x3f) {
        // <!-- comment -->, <!doctype …>, <![if …]>, <?xml …?>: dropped.
        const isComment = html.startsWith('<!--', lt);
        const close = isComment ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2);
        if (close < 0) {
          pos = lt + 1;
          continue;
        }
        this.appendText(textStart, lt);
        pos = textStart = close + (isComment ? 3 : 1);
        continue;
      }
      pos = lt + 1;
    }
    this.appendText(textStart, n);
    return this.tree;
  }

  /**
   * The '>' ending a start tag whose attributes begin at `from`; a quoted value may hold '>'
   * (any quote opens a value, as in node-html-parser). An unclosed quote does not swallow the
   * page: the tag then ends at the next '>'. A charCode scan: a regex call per tag cost more
   * than the scan itself; linear (each quote jumps to its closing quote).
   */
  private tagEnd(from: number): number {
    const html = this.html;
    const n = html.length;
    for (let i = from; i < n; i += 1) {
      const c = html.charCodeAt(i);
      if (c === 0x3e) return i;
      if (c === 0x22 || c === 0x27) {
        const close = html.indexOf(c === 0x22 ? '"' : "'", i + 1);
        if (close < 0) break;
        i = close;
      }
    }
    return html.indexOf('>', from);
  }

  /** Opens the element whose tag ends at `end` ('>'); returns where the text after it starts. */
  private openElement(tag: string, nameEnd: number, end: number): number {
    const html = this.html;
    const selfClosed = html.charCodeAt(end - 1) === 0x2f && end - 1 >= nameEnd;
    for (let closes = CLOSED_BY_OPENING.get(this.current.tag); closes?.has(tag) && this.stack.length > 1; closes = CLOSED_BY_OPENING.get(this.current.tag)) this.pop();
    // Attribute values are only ever read as text for <meta> (name/content); the rest are ASCII tests.
    const attrEnd = selfClosed ? end - 1 : end;
    const el = element(tag, tag === 'meta' ? this.segment(nameEnd, attrEnd) : html.slice(nameEnd, attrEnd));
    const tables = this.nearestTable;
    // An inline wrapper (span, font, o:p …) is read exactly as its content would be read in its
    // place, so it shares its parent's children instead of getting its own: no tree level, no
    // walk of it. It stays on the stack, so end tags close what they closed before. Not between
    // a table and its cells, where rowsOf/cellsOf read the tree's shape.
    if (!el.skip && INLINE.has(tag) && (tables[tables.length - 1] === undefined || this.inCell[this.inCell.length - 1] === true)) el.children = this.current.children;
    else this.current.children.push(el);
    if (tag === 'table') {
      const outer = this.nearestTable[this.nearestTable.length - 1];
      if (outer) outer.hasTable = true;
    } else if (tag === 'meta') {
      this.tree.metas.push(el);
    } else if (tag === 'title') {
      this.tree.titles.push(el);
    } else if (tag === 'publishtime') {
      this.tree.publishTime ??= el;
    }
    const rawEnd = RAW_END.get(tag);
    if (rawEnd && !selfClosed) {
      rawEnd.lastIndex = end + 1;
      const m = rawEnd.exec(html);
      const after = m ? html.indexOf('>', m.index) : -1;
      return after < 0 ? html.length : after + 1;
    }
    if (!selfClosed && !VOID.has(tag)) {
      this.stack.push(el);
      this.nearestTable.push(tag === 'table' ? el : this.nearestTable[this.nearestTable.length - 1]);
      this.inCell.push(tag === 'td' || tag === 'th' || (tag !== 'table' && this.inCell[this.inCell.length - 1] === true));
      this.current = el;
    }
    return end + 1;
  }

  private pop(): void {
    this.stack.pop();
    this.nearestTable.pop();
    this.inCell.pop();
    this.current = this.stack[this.stack.length - 1] ?? this.root;
  }

  private closeElement(tag: string): void {
    const stack = this.stack;
    const limit = Math.max(1, stack.length - MAX_CLOSE_SEARCH);
    const tablePart = TABLE_PARTS.has(tag);
    for (let i = stack.length - 1; i >= limit; i -= 1) {
      const open = stack[i] as HtmlElement;
      if (open.tag === tag) {
        while (stack.length > i) this.pop();
        return;
      }
      if (tablePart ? open.tag === 'table' : SCOPE_BOUNDARY.has(open.tag)) return;
    }
  }
}

function element(tag: string, attrs: string): HtmlElement {
  const skip = SKIPPED.has(tag) || tag.startsWith('v:') || tag.startsWith('w:') || (attrs.length > 6 && HIDDEN_HINT.test(attrs) && isHidden(attrs));
  return { tag, attrs, children: [], skip, hasTable: false };
}

function isHidden(attrs: string): boolean {
  const style = attribute(attrs, 'style');
  return (style !== undefined && HIDDEN_STYLE.test(style)) || attribute(attrs, 'hidden') !== undefined;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** The end of a tag name whose first letter is at `from - 1` ([A-Za-z0-9:._-]). */
function tagNameEnd(html: string, from: number): number {
  let i = from;
  for (;;) {
    const c = html.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e || c === 0x5f) i += 1;
    else return i;
  }
}

/** The lower-case tag name (lower-cased only when needed: most pages write lower case). */
function tagName(html: string, start: number, end: number): string {
  const name = html.slice(start, end);
  for (let i = start; i < end; i += 1) {
    const c = html.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return name.toLowerCase();
  }
  return name;
}

/** The references pages use all the time, decoded here; anything else goes to the full decoder. */
const COMMON_ENTITY = /&(?:#(\d{1,5})|#[xX]([0-9a-fA-F]{1,4})|(nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|emsp|ensp));/gu;
const NAMED_ENTITY: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '\u201c', rdquo: '\u201d', lsquo: '\u2018',
  rsquo: '\u2019', mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', middot: '\u00b7', emsp: '\u2003', ensp: '\u2002',
};
/** Sentinel for a reference the fast path does not decode exactly as HTML5 does (C1 controls, NUL, surrogates). */
const UNHANDLED = '\u0000';

function decodeCommon(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string {
  if (name !== undefined) return NAMED_ENTITY[name] ?? UNHANDLED;
  const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
  const plain = (code >= 0x20 && code < 0x7f) || code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0xa0 && code < 0xd800) || (code >= 0xe000 && code <= 0xfffd);
  return plain ? String.fromCharCode(code) : UNHANDLED;
}

/**
 * HTML5 character references. The common ones are replaced directly; a string with any other
 * (legacy ones without ';', rare names, C1 or out-of-range numbers) goes whole through the
 * `entities` decoder that node-html-parser bundles (no DOM is built).
 */
export function decodeEntities(raw: string): string {
  if (!raw.includes(UNHANDLED)) {
    // Nearly every reference in a report page is &nbsp;: a plain replaceAll, not a callback per match.
    const spaces = raw.replaceAll('&nbsp;', '\u00a0');
    if (!spaces.includes('&')) return spaces;
    const fast = raw.replace(COMMON_ENTITY, decodeCommon);
    if (!fast.includes('&') && !fast.includes(UNHANDLED)) return fast;
  }
  return new TextNode(raw, null).text;
}

/** An attribute's decoded value ('' when it has no value), undefined when absent. Names are case-insensitive. */
export function attribute(attrs: string, name: string): string | undefined {
  if (attrs === '') return undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attrs); m !== null; m = ATTRIBUTE.exec(attrs)) {
    if ((m[1] ?? '').toLowerCase() !== name) continue;
    const value = m[2] ?? '';
    const unquoted = value[0] === '"' || value[0] === "'" ? value.slice(1, -1) : value;
    return unquoted.includes('&') ? decodeEntities(unquoted) : unquoted;
  }
  return undefined;
}
