/**
 * What the HTML markup reader knows of tag names: which are skipped, void, inline wrappers, table
 * parts, scope boundaries, raw text, which end which by being opened; each name's facts worked
 * out once, and the names pages use found by a hash taken while the name is scanned.
 */

const SKIPPED = ['script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'xml'];
const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'];
/** Inline wrappers with no meaning of their own to the reader (see openElement); the most frequent first (html-markup.ts's INLINE_RUN tries them in this order). */
export const INLINE_TAGS = ['span', 'o:p', 'font', 'b', 'a', 'strong', 'i', 'em', 'u', 's', 'strike', 'sup', 'sub', 'small', 'big', 'label', 'abbr', 'cite', 'ins', 'mark', 'nobr', 'tt'];
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
/** Elements that end a line of running text (and a piece of a cell's text) before and after them. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article',
  'header', 'footer', 'main', 'nav', 'aside', 'blockquote', 'pre', 'address', 'center', 'figure', 'figcaption',
  'form', 'fieldset', 'hr', 'caption', 'body', 'html', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);
const TABLE_CONTAINERS = ['table', 'tbody', 'thead', 'tfoot', 'tr'];
const TABLE_PARTS = ['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption'];
/** A stray end tag of another name does not close elements past these (browser scope boundaries). */
const SCOPE_BOUNDARY = ['table', 'td', 'th', 'caption', 'template', 'object'];
/** Elements whose content is raw text up to their end tag (never markup), with that end tag. */
const RAW_END = new Map([['script', /<\/script[\s/>]/giu], ['style', /<\/style[\s/>]/giu], ['noscript', /<\/noscript[\s/>]/giu]]);

/** What the builder needs to know of a tag name, worked out once per name instead of per element. */
export interface TagFacts {
  /** The lower-case name. */
  tag: string;
  skipped: boolean;
  isVoid: boolean;
  inline: boolean;
  /** Opening tags that end this element while it is the current one, as a mask of their openerBits. */
  closedBy: number;
  /** This tag's bit in closedBy masks (0 when opening it ends no element). */
  openerBit: number;
  /** Text directly inside it (between rows and cells) is never read. */
  tableContainer: boolean;
  tablePart: boolean;
  scopeBoundary: boolean;
  rawEnd: RegExp | undefined;
  isCell: boolean;
  /** In BLOCK_TAGS. */
  block: boolean;
}

/** A bit for each tag that, by being opened, ends an element (a Set lookup per element cost more than the rest of opening it). */
const OPENER_BITS = new Map<string, number>([...new Set([...CLOSED_BY_OPENING.values()].flatMap((openers) => [...openers]))].map((tag, i) => [tag, 1 << i]));

if (OPENER_BITS.size > 30) throw new Error('html-tags: more tags end elements by opening than a closedBy mask holds');

function maskOf(openers: Set<string> | undefined): number {
  let mask = 0;
  for (const tag of openers ?? []) mask |= OPENER_BITS.get(tag) ?? 0;
  return mask;
}

export function factsOf(tag: string): TagFacts {
  return {
    tag,
    skipped: SKIPPED.includes(tag) || tag.startsWith('v:') || tag.startsWith('w:'),
    isVoid: VOID.includes(tag),
    inline: INLINE_TAGS.includes(tag),
    closedBy: maskOf(CLOSED_BY_OPENING.get(tag)),
    openerBit: OPENER_BITS.get(tag) ?? 0,
    tableContainer: TABLE_CONTAINERS.includes(tag),
    tablePart: TABLE_PARTS.includes(tag),
    scopeBoundary: SCOPE_BOUNDARY.includes(tag),
    rawEnd: RAW_END.get(tag),
    isCell: tag === 'td' || tag === 'th',
    block: BLOCK_TAGS.has(tag),
  };
}

/** Facts of the tags pages use, shared by every page; any other name gets its facts per element (no unbounded cache). */
const KNOWN_TAGS = new Map<string, TagFacts>(
  [
    ...SKIPPED, ...VOID, ...INLINE_TAGS, ...CLOSED_BY_OPENING.keys(), ...TABLE_PARTS, ...SCOPE_BOUNDARY,
    'html', 'head', 'body', 'div', 'ul', 'ol', 'dl', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside',
    'blockquote', 'pre', 'address', 'center', 'figure', 'figcaption', 'form', 'fieldset', 'button', 'publishtime',
  ].map((tag) => [tag, factsOf(tag)]),
);
export const ROOT_FACTS = factsOf('#root');

/** The facts of a lower-case tag name. */
export function tagFacts(tag: string): TagFacts {
  return KNOWN_TAGS.get(tag) ?? factsOf(tag);
}

/**
 * KNOWN_TAGS by a hash of the name's lower-cased characters (names longer than SHORT_NAME;
 * shorter ones: knownShortTag): a known tag is found without slicing, lower-casing or hashing a
 * new string. Open addressing, linear probing; the table is a quarter full at most.
 */
const TAG_SLOTS = 512;
const tagSlots: (TagFacts | undefined)[] = new Array<TagFacts | undefined>(TAG_SLOTS).fill(undefined);
for (const facts of KNOWN_TAGS.values()) {
  let slot = nameHash(facts.tag, 0, facts.tag.length) & (TAG_SLOTS - 1);
  while (tagSlots[slot] !== undefined) slot = (slot + 1) & (TAG_SLOTS - 1);
  tagSlots[slot] = facts;
}

/**
 * Names of at most this many characters (p, td, tr, span, font, o:p: nearly every tag of a
 * page) are known by their characters packed into one integer, 7 bits each (name characters
 * are ASCII, never NUL), taken while the name is scanned: one integer compare finds them.
 */
export const SHORT_NAME = 4;
const SHORT_SLOTS = 256;
const shortKeys = new Int32Array(SHORT_SLOTS);
const shortFacts: (TagFacts | undefined)[] = new Array<TagFacts | undefined>(SHORT_SLOTS).fill(undefined);
for (const facts of KNOWN_TAGS.values()) {
  const tag = facts.tag;
  if (tag.length > SHORT_NAME) continue;
  let key = 0;
  for (let i = 0; i < tag.length; i += 1) key |= tag.charCodeAt(i) << (7 * i);
  let slot = shortSlot(key);
  while (shortKeys[slot] !== 0) slot = (slot + 1) & (SHORT_SLOTS - 1);
  shortKeys[slot] = key;
  shortFacts[slot] = facts;
}

function shortSlot(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 24;
}

/** The facts of a known tag of at most SHORT_NAME characters by its packed lower-case characters, or undefined. */
export function knownShortTag(key: number): TagFacts | undefined {
  for (let slot = shortSlot(key); ; slot = (slot + 1) & (SHORT_SLOTS - 1)) {
    const k = shortKeys[slot] as number;
    if (k === key) return shortFacts[slot];
    if (k === 0) return undefined;
  }
}

/** The facts of the tag named html[start, end) (any case) with hash `hash`, or undefined for a name not in KNOWN_TAGS. */
export function knownTag(html: string, start: number, end: number, hash: number): TagFacts | undefined {
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

export function toLower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/** The hash knownTag looks names up by: of s[start, end), lower-cased. */
export function nameHash(s: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i += 1) hash = (Math.imul(hash, 31) + toLower(s.charCodeAt(i))) | 0;
  return hash >>> 0;
}

/** The lower-case tag name (lower-cased only when needed: most pages write lower case). */
export function tagName(html: string, start: number, end: number): string {
  const name = html.slice(start, end);
  for (let i = start; i < end; i += 1) {
    const c = html.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return name.toLowerCase();
  }
  return name;
}
