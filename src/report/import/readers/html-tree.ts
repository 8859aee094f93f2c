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

const SKIPPED = ['script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'xml'];
const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'];
/** Inline wrappers with no meaning of their own to the reader (see openElement). */
const INLINE = ['span', 'font', 'a', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'sup', 'sub', 'small', 'big', 'o:p', 'label', 'abbr', 'cite', 'ins', 'mark', 'nobr', 'tt'];
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
const TABLE_CONTAINERS = ['table', 'tbody', 'thead', 'tfoot', 'tr'];
const TABLE_PARTS = ['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption'];
/** A stray end tag of another name does not close elements past these (browser scope boundaries). */
const SCOPE_BOUNDARY = ['table', 'td', 'th', 'caption', 'template', 'object'];
/** Elements whose content is raw text up to their end tag (never markup), with that end tag. */
const RAW_END = new Map([['script', /<\/script[\s/>]/giu], ['style', /<\/style[\s/>]/giu], ['noscript', /<\/noscript[\s/>]/giu]]);

/** What the builder needs to know of a tag name, worked out once per name instead of per element. */
interface TagFacts {
  /** The lower-case name. */
  tag: string;
  skipped: boolean;
  isVoid: boolean;
  inline: boolean;
  /** Opening tags that end this element while it is the current one. */
  closedBy: Set<string> | undefined;
  /** Text directly inside it (between rows and cells) is never read. */
  tableContainer: boolean;
  tablePart: boolean;
  scopeBoundary: boolean;
  rawEnd: RegExp | undefined;
  isCell: boolean;
}

function factsOf(tag: string): TagFacts {
  return {
    tag,
    skipped: SKIPPED.includes(tag) || tag.startsWith('v:') || tag.startsWith('w:'),
    isVoid: VOID.includes(tag),
    inline: INLINE.includes(tag),
    closedBy: CLOSED_BY_OPENING.get(tag),
    tableContainer: TABLE_CONTAINERS.includes(tag),
    tablePart: TABLE_PARTS.includes(tag),
    scopeBoundary: SCOPE_BOUNDARY.includes(tag),
    rawEnd: RAW_END.get(tag),
    isCell: tag === 'td' || tag === 'th',
  };
}

/** Facts of the tags pages use, shared by every page; any other name gets its facts per element (no unbounded cache). */
const KNOWN_TAGS = new Map<string, TagFacts>(
  [
    ...SKIPPED, ...VOID, ...INLINE, ...CLOSED_BY_OPENING.keys(), ...TABLE_PARTS, ...SCOPE_BOUNDARY,
    'html', 'head', 'body', 'div', 'ul', 'ol', 'dl', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside',
    'blockquote', 'pre', 'address', 'center', 'figure', 'figcaption', 'form', 'fieldset', 'button', 'publishtime',
  ].map((tag) => [tag, factsOf(tag)]),
);
const ROOT_FACTS = factsOf('#root');

/**
 * KNOWN_TAGS by a hash of the name's lower-cased characters, taken while the name is scanned
 * (scanName): a known tag is found without slicing, lower-casing or hashing a new string.
 * Open addressing, linear probing; the table is a quarter full at most.
 */
const TAG_SLOTS = 512;
const tagSlots: (TagFacts | undefined)[] = new Array<TagFacts | undefined>(TAG_SLOTS).fill(undefined);
for (const facts of KNOWN_TAGS.values()) {
  let slot = nameHash(facts.tag, 0, facts.tag.length) & (TAG_SLOTS - 1);
  while (tagSlots[slot] !== undefined) slot = (slot + 1) & (TAG_SLOTS - 1);
  tagSlots[slot] = facts;
}

/** The facts of the tag named html[start, end) (any case) with hash `hash`, or undefined for a name not in KNOWN_TAGS. */
function knownTag(html: string, start: number, end: number, hash: number): TagFacts | undefined {
  for (let slot = hash & (TAG_SLOTS - 1); ; slot = (slot + 1) & (TAG_SLOTS - 1)) {
    const facts = tagSlots[slot];
    if (facts === undefined) return undefined;
    if (facts.tag.length === end - start && sameLowerCase(html, start, facts.tag)) return facts;
  }
}

function sameLowerCase(html: string, start: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i += 1) if (toLower(html.charCodeAt(start + i)) !== lower.charCodeAt(i)) return false;
  return true;
}

function toLower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/** The hash knownTag looks names up by: of s[start, end), lower-cased. */
function nameHash(s: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i += 1) hash = (Math.imul(hash, 31) + toLower(s.charCodeAt(i))) | 0;
  return hash >>> 0;
}

/** The rest of a start tag up to its '>', quoted values whole (no backtracking: the runs exclude the quotes and '>'). */
const START_TAG_REST = /[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/y;
/**
 * START_TAG_REST for attributes that cannot hide their element, so that most tags are ended and
 * cleared of hiding in one scan: it fails at any "disp" or "hid" (any case) or '&', one of which
 * every hiding declaration (HIDING_CANDIDATE: display…none, mso-hide…all, hidden) or encoded one
 * contains; then tagEnd and looksHidden look again the long way. One character per iteration,
 * never `[…]+` inside the `(…)*`: nested quantifiers backtrack exponentially when the match fails.
 */
const NOT_HINT = '[dD](?![iI][sS][pP])|[hH](?![iI][dD])';
const PLAIN_START_TAG_REST = new RegExp(`(?:[^>"'&dDhH]|${NOT_HINT}|"(?:[^"&dDhH]|${NOT_HINT})*"|'(?:[^'&dDhH]|${NOT_HINT})*')*>`, 'y');
/** How far down the open elements an end tag looks for its element (hostile nesting stays linear). */
const MAX_CLOSE_SEARCH = 128;

/**
 * A first, cheap look for hiding in a tag's raw attributes: only a tag that passes it has its
 * attributes parsed (isHidden). Word pages write `border:none` on nearly every cell, so the
 * look is for the hiding declarations themselves; with a character reference in the attributes
 * the decoded value may differ from the raw one, so then any hint sends it on.
 */
const HIDING_CANDIDATE = /display\s*:\s*none|mso-hide\s*:\s*all|hidden/iu;
const HIDDEN_HINT = /hidden|none|mso-hide/iu;
const HIDDEN_STYLE = /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden/iu;
/** node-html-parser's attribute syntax, so attributes read as they did. */
const ATTRIBUTE = /([_a-zA-Z()[\]#@$.?:][a-zA-Z0-9\-._:()[\]#]*)(?:\s*=\s*('[^']*'|"[^"]*"|\S+))?/gu;

/**
 * Parses a page into the reader's tree. Linear in the input, never throws. With `utf8`, `html`
 * is those bytes as latin1 (html-charset.ts's HtmlSource): text and kept attributes are
 * decoded from the bytes, the markup around them never is.
 */
export function buildHtmlTree(html: string, utf8?: Buffer): HtmlTree {
  return new TreeBuilder(html, utf8).build();
}

// A class, not closures: tsx (esbuild keepNames) wraps every inner function in a __name() call per use.
class TreeBuilder {
  private readonly root = element('#root', '', ROOT_FACTS);
  private readonly tree: HtmlTree = { root: this.root, titles: [], metas: [] };
  /** The open elements, innermost last; `top` is the last. */
  private readonly open: OpenElement[] = [{ tag: '#root', facts: ROOT_FACTS, children: this.root.children, table: undefined, inCell: false }];
  private top = this.open[0] as OpenElement;
  /** UTF-8 text waiting to be decoded in one batch (see decodePendingText): where it goes, where it is. */
  private readonly pendingIn: HtmlNode[][] = [];
  private readonly pendingAt: number[] = [];
  private readonly pendingRange: number[] = [];
  /** The last start tag's attributes cannot hide it (tagEnd found no hint of hiding in them). */
  private plainAttributes = false;
  /** nameHash of the name scanName last read. */
  private scannedHash = 0;
  /** No '>' at or after this offset. */
  private noGreaterThanFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly html: string, private readonly utf8?: Buffer) {}

  /** html[start, end) as text, decoded from the UTF-8 bytes when the builder reads latin1. */
  private segment(start: number, end: number): string {
    const raw = this.html.slice(start, end);
    return this.utf8 && /[\x80-\xff]/u.test(raw) ? this.utf8.toString('utf8', start, end) : raw;
  }

  private appendText(start: number, end: number): void {
    // Text directly inside table/tbody/tr (the whitespace between cells) is never read.
    if (end <= start || this.top.facts.tableContainer) return;
    const children = this.top.children;
    // Most text nodes of a Word page are the line breaks between tags: ASCII, nothing to decode.
    if (this.utf8 && !isSpaceRun(this.html, start, end)) {
      this.pendingIn.push(children);
      this.pendingAt.push(children.length);
      this.pendingRange.push(start, end);
      children.push('');
      return;
    }
    const raw = this.html.slice(start, end);
    children.push(raw.includes('&') ? decodeEntities(raw) : raw);
  }

  /**
   * Decodes every text node of a UTF-8 page at once: one JavaScript pass over their bytes into
   * UTF-16 and one string, sliced per node. Per node, Buffer#toString cost several times more
   * (a native call each), and decoding the whole page means decoding all its markup too.
   * The page is valid UTF-8 (html-charset.ts checked) and a text node begins and ends at ASCII
   * markup, so no sequence is cut.
   */
  private decodePendingText(): void {
    const bytes = this.utf8;
    const ranges = this.pendingRange;
    if (!bytes || ranges.length === 0) return;
    let total = 0;
    for (let i = 0; i < ranges.length; i += 2) total += (ranges[i + 1] as number) - (ranges[i] as number);
    const units = total <= SCRATCH_UNITS ? scratchUnits : new Uint16Array(total);
    const offsets: number[] = [0];
    let out = 0;
    for (let i = 0; i < ranges.length; i += 2) {
      out = decodeUtf8Into(bytes, ranges[i] as number, ranges[i + 1] as number, units, out);
      offsets.push(out);
    }
    const all = Buffer.from(units.buffer, units.byteOffset, out * 2).toString('utf16le');
    for (let k = 0; k < this.pendingAt.length; k += 1) {
      const text = all.slice(offsets[k], offsets[k + 1]);
      (this.pendingIn[k] as HtmlNode[])[this.pendingAt[k] as number] = text.includes('&') ? decodeEntities(text) : text;
    }
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
        const nameEnd = this.scanName(lt + 1);
        const facts = this.facts(lt + 1, nameEnd);
        const end = this.tagEnd(nameEnd);
        if (end < 0) {
          pos = lt + 1;
          continue;
        }
        this.appendText(textStart, lt);
        pos = textStart = this.openElement(facts, nameEnd, end);
        continue;
      }
      if (next === 0x2f && isLetter(html.charCodeAt(lt + 2))) {
        const gt = this.greaterThan(lt + 2);
        if (gt < 0) {
          pos = lt + 1;
          continue;
        }
        this.appendText(textStart, lt);
        this.closeElement(this.facts(lt + 2, this.scanName(lt + 2)));
        pos = textStart = gt + 1;
        continue;
      }
      if (next === 0x21 || next === 0x3f) {
        // <!-- comment -->, <!doctype …>, <![if …]>, <?xml …?>: dropped.
        const isComment = html.startsWith('<!--', lt);
        const close = isComment ? html.indexOf('-->', lt + 4) : this.greaterThan(lt + 2);
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
    this.decodePendingText();
    return this.tree;
  }

  /** The next '>' at or after `from`, -1 when none (remembered, so a page of unclosed '<'s stays linear). */
  private greaterThan(from: number): number {
    if (from >= this.noGreaterThanFrom) return -1;
    const gt = this.html.indexOf('>', from);
    if (gt < 0) this.noGreaterThanFrom = from;
    return gt;
  }

  /**
   * The '>' ending a start tag whose attributes begin at `from`; a quoted value may hold '>'
   * (any quote opens a value, as in node-html-parser). An unclosed quote does not swallow the
   * page: the tag then ends at its first '>'. One sticky regex: on Word pages, with kilobytes
   * of style attributes, it beats a character loop and per-quote indexOf calls.
   */
  private tagEnd(from: number): number {
    if (from >= this.noGreaterThanFrom) return -1;
    PLAIN_START_TAG_REST.lastIndex = from;
    this.plainAttributes = PLAIN_START_TAG_REST.test(this.html);
    if (this.plainAttributes) return PLAIN_START_TAG_REST.lastIndex - 1;
    START_TAG_REST.lastIndex = from;
    return START_TAG_REST.test(this.html) ? START_TAG_REST.lastIndex - 1 : this.greaterThan(from);
  }

  /**
   * The end of the tag name whose first letter is at `start` ([A-Za-z0-9:._-]); its nameHash
   * is left in scannedHash for facts(), so the name is read once.
   */
  private scanName(start: number): number {
    const html = this.html;
    let hash = toLower(html.charCodeAt(start));
    let i = start + 1;
    for (;;) {
      const c = html.charCodeAt(i);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e || c === 0x5f)) break;
      hash = (Math.imul(hash, 31) + toLower(c)) | 0;
      i += 1;
    }
    this.scannedHash = hash >>> 0;
    return i;
  }

  /** The facts of the tag named html[start, end), just scanned by scanName. */
  private facts(start: number, end: number): TagFacts {
    return knownTag(this.html, start, end, this.scannedHash) ?? factsOf(tagName(this.html, start, end));
  }

  /** Opens the element whose tag ends at `end` ('>'); returns where the text after it starts. */
  private openElement(facts: TagFacts, nameEnd: number, end: number): number {
    const html = this.html;
    const tag = facts.tag;
    const selfClosed = html.charCodeAt(end - 1) === 0x2f && end - 1 >= nameEnd;
    while (this.top.facts.closedBy?.has(tag) === true && this.open.length > 1) this.pop();
    const attrEnd = selfClosed ? end - 1 : end;
    const parent = this.top;
    // An inline wrapper (span, font, o:p …) is read exactly as its content would be read in its
    // place, so it shares its parent's children and is no element of the tree: no tree level, no
    // walk of it. It stays open, so end tags close what they closed before. Not between a table
    // and its cells, where rowsOf/cellsOf read the tree's shape; not when hidden.
    if (facts.inline && (parent.table === undefined || parent.inCell) && (this.plainAttributes || !hiddenBy(html.slice(nameEnd, attrEnd)))) {
      if (!selfClosed) this.push({ tag, facts, children: parent.children, table: parent.table, inCell: parent.inCell });
      return end + 1;
    }
    // Attribute values are only ever read as text for <meta> (name/content); the rest are ASCII tests.
    const el = element(tag, tag === 'meta' ? this.segment(nameEnd, attrEnd) : html.slice(nameEnd, attrEnd), facts, this.plainAttributes);
    parent.children.push(el);
    if (tag === 'table') {
      if (parent.table) parent.table.hasTable = true;
    } else if (tag === 'meta') {
      this.tree.metas.push(el);
    } else if (tag === 'title') {
      this.tree.titles.push(el);
    } else if (tag === 'publishtime') {
      this.tree.publishTime ??= el;
    }
    if (facts.rawEnd && !selfClosed) {
      facts.rawEnd.lastIndex = end + 1;
      const m = facts.rawEnd.exec(html);
      const after = m ? html.indexOf('>', m.index) : -1;
      return after < 0 ? html.length : after + 1;
    }
    if (!selfClosed && !facts.isVoid) {
      const isTable = tag === 'table';
      this.push({ tag, facts, children: el.children, table: isTable ? el : parent.table, inCell: facts.isCell || (!isTable && parent.inCell) });
    }
    return end + 1;
  }

  private push(open: OpenElement): void {
    this.open.push(open);
    this.top = open;
  }

  private pop(): void {
    this.open.pop();
    this.top = this.open[this.open.length - 1] as OpenElement;
  }

  private closeElement(facts: TagFacts): void {
    const open = this.open;
    const limit = Math.max(1, open.length - MAX_CLOSE_SEARCH);
    const tag = facts.tag;
    const tablePart = facts.tablePart;
    for (let i = open.length - 1; i >= limit; i -= 1) {
      const candidate = open[i] as OpenElement;
      if (candidate.tag === tag) {
        while (open.length > i) this.pop();
        return;
      }
      if (tablePart ? candidate.tag === 'table' : candidate.facts.scopeBoundary) return;
    }
  }
}

/** An open element as the builder tracks it. */
interface OpenElement {
  tag: string;
  facts: TagFacts;
  /** Where its content goes: its element's children, or its parent's for an inline wrapper. */
  children: HtmlNode[];
  /** The innermost open table, itself included, so a nested table marks its frame in O(1). */
  table: HtmlElement | undefined;
  /** It is a td/th or inside one (below any nested table): structure there only matters as text. */
  inCell: boolean;
}

/** Scratch space for decodePendingText (a page's text rarely needs more; larger pages get their own). */
const SCRATCH_UNITS = 1 << 19;
const scratchUnits = new Uint16Array(SCRATCH_UNITS);

/** Decodes valid UTF-8 bytes[start, end) into units from `out`; returns the new end of units. */
function decodeUtf8Into(bytes: Uint8Array, start: number, end: number, units: Uint16Array, out: number): number {
  let o = out;
  for (let i = start; i < end; i += 1) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      units[o++] = b;
    } else if (b < 0xe0) {
      units[o++] = ((b & 0x1f) << 6) | ((bytes[++i] as number) & 0x3f);
    } else if (b < 0xf0) {
      units[o++] = ((b & 0x0f) << 12) | (((bytes[++i] as number) & 0x3f) << 6) | ((bytes[++i] as number) & 0x3f);
    } else {
      const cp = ((b & 0x07) << 18) | (((bytes[++i] as number) & 0x3f) << 12) | (((bytes[++i] as number) & 0x3f) << 6) | ((bytes[++i] as number) & 0x3f);
      units[o++] = 0xd7c0 + (cp >> 10);
      units[o++] = 0xdc00 | (cp & 0x3ff);
    }
  }
  return o;
}

/** html[start, end) is only spaces, tabs and line breaks. */
function isSpaceRun(html: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const c = html.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

function element(tag: string, attrs: string, facts: TagFacts, plainAttributes = false): HtmlElement {
  const skip = facts.skipped || (!plainAttributes && hiddenBy(attrs));
  return { tag, attrs, children: [], skip, hasTable: false };
}

/** The attributes hide their element (display:none, mso-hide:all, visibility:hidden, hidden). */
function hiddenBy(attrs: string): boolean {
  return attrs.length > 6 && looksHidden(attrs) && isHidden(attrs);
}

/** Whether the raw attributes may hide the element (isHidden decides). */
function looksHidden(attrs: string): boolean {
  return HIDING_CANDIDATE.test(attrs) || (attrs.includes('&') && HIDDEN_HINT.test(attrs));
}

function isHidden(attrs: string): boolean {
  const style = attribute(attrs, 'style');
  return (style !== undefined && HIDDEN_STYLE.test(style)) || attribute(attrs, 'hidden') !== undefined;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
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
