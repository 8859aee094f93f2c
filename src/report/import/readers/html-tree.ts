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
  title?: HtmlElement;
  publishTime?: HtmlElement;
  metas: HtmlElement[];
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'xml']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is raw text up to their end tag (never markup). */
const RAW_TEXT = new Set(['script', 'style', 'noscript']);
const CELL_OPENERS = new Set(['td', 'th', 'tr', 'tbody', 'tfoot']);
/** Open element → opening tags that imply its end tag (node-html-parser's kElementsClosedByOpening). */
const CLOSED_BY_OPENING: Record<string, Set<string> | undefined> = {
  li: new Set(['li']),
  p: new Set(['p', 'div']),
  b: new Set(['div']),
  td: CELL_OPENERS,
  th: CELL_OPENERS,
  tr: new Set(['tr', 'tbody', 'tfoot']),
  thead: new Set(['tbody', 'tfoot']),
  tbody: new Set(['tbody', 'tfoot']),
  h1: new Set(['h1']), h2: new Set(['h2']), h3: new Set(['h3']), h4: new Set(['h4']), h5: new Set(['h5']), h6: new Set(['h6']),
  dt: new Set(['dt', 'dd']),
  dd: new Set(['dt', 'dd']),
};
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption']);
/** A stray end tag of another name does not close elements past these (browser scope boundaries). */
const SCOPE_BOUNDARY = new Set(['table', 'td', 'th', 'caption', 'template', 'object']);
/** How far down the open elements an end tag looks for its element (hostile nesting stays linear). */
const MAX_CLOSE_SEARCH = 128;

const TAG_NAME = /[a-zA-Z][\w:.\-]*/y;
const HIDDEN_HINT = /hidden|none|mso-hide/iu;
const HIDDEN_STYLE = /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden/iu;
/** node-html-parser's attribute syntax, so attributes read as they did. */
const ATTRIBUTE = /([_a-zA-Z()[\]#@$.?:][a-zA-Z0-9\-._:()[\]#]*)(?:\s*=\s*('[^']*'|"[^"]*"|\S+))?/gu;
const RAW_END: Record<string, RegExp> = { script: /<\/script[\s/>]/giu, style: /<\/style[\s/>]/giu, noscript: /<\/noscript[\s/>]/giu };

/** Parses a page into the reader's tree. Linear in the input, never throws. */
export function buildHtmlTree(html: string): HtmlTree {
  const root = element('#root', '');
  const tree: HtmlTree = { root, metas: [] };
  const stack: HtmlElement[] = [root];
  // nearestTable[i]: the innermost table among stack[0..i], for marking layout frames in O(1).
  const nearestTable: (HtmlElement | undefined)[] = [undefined];
  let current = root;
  let pos = 0;
  let textStart = 0;
  const n = html.length;

  const pop = (): void => {
    stack.pop();
    nearestTable.pop();
    current = stack[stack.length - 1] ?? root;
  };

  while (pos < n) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) break;
    const next = html.charCodeAt(lt + 1);
    if (isLetter(next)) {
      TAG_NAME.lastIndex = lt + 1;
      TAG_NAME.test(html);
      const nameEnd = TAG_NAME.lastIndex;
      const end = findTagEnd(html, nameEnd);
      if (end < 0) {
        pos = lt + 1;
        continue;
      }
      appendText(current, html, textStart, lt);
      const tag = html.slice(lt + 1, nameEnd).toLowerCase();
      const selfClosed = html.charCodeAt(end - 1) === 0x2f && end - 1 >= nameEnd;
      const attrs = html.slice(nameEnd, selfClosed ? end - 1 : end);
      pos = textStart = end + 1;
      for (let closes = CLOSED_BY_OPENING[current.tag]; closes?.has(tag) && stack.length > 1; closes = CLOSED_BY_OPENING[current.tag]) pop();
      const el = element(tag, attrs);
      current.children.push(el);
      if (tag === 'table') {
        const outer = nearestTable[nearestTable.length - 1];
        if (outer) outer.hasTable = true;
      } else if (tag === 'meta') {
        tree.metas.push(el);
      } else if (tag === 'title') {
        tree.title ??= el;
      } else if (tag === 'publishtime') {
        tree.publishTime ??= el;
      }
      if (RAW_TEXT.has(tag) && !selfClosed) {
        const close = RAW_END[tag] as RegExp;
        close.lastIndex = pos;
        const m = close.exec(html);
        const after = m ? html.indexOf('>', m.index) : -1;
        pos = textStart = after < 0 ? n : after + 1;
        continue;
      }
      if (selfClosed || VOID.has(tag)) continue;
      stack.push(el);
      nearestTable.push(tag === 'table' ? el : nearestTable[nearestTable.length - 1]);
      current = el;
      continue;
    }
    if (next === 0x2f && isLetter(html.charCodeAt(lt + 2))) {
      const gt = html.indexOf('>', lt + 2);
      if (gt < 0) {
        pos = lt + 1;
        continue;
      }
      appendText(current, html, textStart, lt);
      TAG_NAME.lastIndex = lt + 2;
      TAG_NAME.test(html);
      closeElement(html.slice(lt + 2, TAG_NAME.lastIndex).toLowerCase());
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
      appendText(current, html, textStart, lt);
      pos = textStart = close + (isComment ? 3 : 1);
      continue;
    }
    pos = lt + 1;
  }
  appendText(current, html, textStart, n);
  return tree;

  function closeElement(tag: string): void {
    const limit = Math.max(1, stack.length - MAX_CLOSE_SEARCH);
    const tablePart = TABLE_PARTS.has(tag);
    for (let i = stack.length - 1; i >= limit; i -= 1) {
      const open = stack[i] as HtmlElement;
      if (open.tag === tag) {
        while (stack.length > i) pop();
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

/** The index of the '>' ending a start tag whose attributes begin at `from` (quoted values may hold '>'); -1 if none. */
function findTagEnd(html: string, from: number): number {
  let i = from;
  for (;;) {
    const gt = html.indexOf('>', i);
    if (gt < 0) return -1;
    const dq = html.indexOf('"', i);
    const sq = html.indexOf("'", i);
    const q = dq >= 0 && (sq < 0 || dq < sq) ? dq : sq;
    if (q < 0 || q > gt) return gt;
    // Only a quote that opens an attribute value (after '=') protects a '>'.
    if (!/=\s*$/u.test(html.slice(Math.max(from, q - 16), q))) {
      i = q + 1;
      continue;
    }
    const closeQuote = html.indexOf(html[q] as string, q + 1);
    if (closeQuote < 0) return gt;
    i = closeQuote + 1;
  }
}

function appendText(parent: HtmlElement, html: string, start: number, end: number): void {
  if (end <= start) return;
  const raw = html.slice(start, end);
  parent.children.push(raw.includes('&') ? decodeEntities(raw) : raw);
}

/** HTML5 character references, through the `entities` decoder node-html-parser bundles (no DOM is built). */
export function decodeEntities(raw: string): string {
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
