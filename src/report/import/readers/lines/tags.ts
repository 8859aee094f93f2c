/**
 * What the HTML markup reader knows of tag names: which are skipped, void, inline wrappers, table
 * parts, scope boundaries, raw text, which end which by being opened; each name's facts worked
 * out once. The markup scanner (html-markup.as.ts) is given the known names' facts as numbers.
 */

const SKIPPED = ['script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'xml'];
const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr'];
/** Inline wrappers with no meaning of their own to the reader (see html-markup.ts). */
const INLINE_TAGS = ['span', 'o:p', 'font', 'b', 'a', 'strong', 'i', 'em', 'u', 's', 'strike', 'sup', 'sub', 'small', 'big', 'label', 'abbr', 'cite', 'ins', 'mark', 'nobr', 'tt'];
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
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article',
  'header', 'footer', 'main', 'nav', 'aside', 'blockquote', 'pre', 'address', 'center', 'figure', 'figcaption',
  'form', 'fieldset', 'hr', 'caption', 'body', 'html', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);
const TABLE_CONTAINERS = ['table', 'tbody', 'thead', 'tfoot', 'tr'];
const TABLE_PARTS = ['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption'];
/** A stray end tag of another name does not close elements past these (browser scope boundaries). */
const SCOPE_BOUNDARY = ['table', 'td', 'th', 'caption', 'template', 'object'];
/** Elements whose content is raw text up to their end tag (never markup). */
const RAW_TEXT = ['script', 'style', 'noscript'];

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
  /** Its content is raw text up to its end tag (`</script` followed by a space, '/' or '>'). */
  rawText: boolean;
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
    rawText: RAW_TEXT.includes(tag),
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
/** The known tags, in the order the markup scanner numbers them (html-markup.ts). */
export const KNOWN_TAG_FACTS: readonly TagFacts[] = [...KNOWN_TAGS.values()];

/** The facts of a lower-case tag name. */
export function tagFacts(tag: string): TagFacts {
  return KNOWN_TAGS.get(tag) ?? factsOf(tag);
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
