/**
 * HTML markup or a DOCX body tree → SourceDocument lines, both through lines/line-reader.ts's
 * LineReader: a page as htmlparser2 parses it (its open, close and text events, as they come;
 * no tree is built), a tree (docx-xml.ts builds one from word/document.xml) walked element by
 * element.
 *
 * htmlparser2 decides the nesting (implied end tags, void elements, raw text of script/style,
 * comments, character references); this module adds what the reader drops and two rules of
 * browsers that htmlparser2 does not follow:
 * - skipped with their content: script-like and form elements, <title> (read as the page's
 *   title, not as a line), Word's data islands (<xml>, v:…, w:…), and any element hidden by its
 *   attributes (style display:none, mso-hide:all or visibility:hidden; a `hidden` attribute);
 * - an end tag does not reach past a table, cell or caption for an element opened outside it
 *   (browsers' element scope): a stray </font> or </div> in a cell is ignored, where
 *   htmlparser2 would close the table to reach the <font> or <div> around it; a table part's
 *   end tag (</td>, </tr> …) does not reach past a table, an inline element's (</span>,
 *   </font> …) not past a block; nor does any reach more than MAX_REACH elements down, so that
 *   a stray end tag costs at most that many steps (the former scanner's bound);
 * - past MAX_DEPTH open elements an element opened is empty, and what would be inside it goes to
 *   its parent (browsers bound nesting so: Blink and WebKit at 512). htmlparser2's open-element
 *   stack costs O(depth) per tag, so unbounded nesting would make a page quadratic.
 * Cells opened inside a cell's content are the line reader's business (its CELL_ENDERS).
 */
import { Parser, type Handler, type ParserOptions } from 'htmlparser2';
import type { SourceDocument } from '../../source.ts';
import { LineReader, type Attributes } from '../lines/line-reader.ts';

/** An element: lower-case tag, its raw attribute source (read of td/th only), children in order. */
export interface HtmlElement {
  tag: string;
  attrs: string;
  children: HtmlNode[];
  /** Dropped with its content. */
  skip: boolean;
}

/** A child: an element, or text. */
export type HtmlNode = HtmlElement | string;

type Lines = Pick<SourceDocument, 'lines' | 'meta' | 'warnings'>;

/** Open elements past which an element opened is empty (as in Blink and WebKit). */
const MAX_DEPTH = 512;
/** How many open elements down an end tag looks for its element. */
const MAX_REACH = 128;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'iframe', 'object', 'embed', 'svg', 'select', 'textarea', 'xml']);
const HIDDEN_STYLE = /display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden/iu;
/** End tags that look for their element up to the nearest open table (browsers' table scope). */
const TABLE_SCOPED = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'caption', 'table']);
/** Open elements past which any other end tag does not look for its element (browsers' default scope). */
const SCOPE_BOUNDARIES = new Set(['td', 'th', 'caption', 'table', 'template', 'object', 'applet', 'marquee', 'html']);
/**
 * Browsers' "special" elements (blocks, lists, table parts … of the HTML standard's parsing
 * rules; the void ones are never open): the end tag of an element that is not one of them
 * (span, font, o:p, an unknown name) does not look for its element past one of them.
 */
const SPECIAL = new Set([
  'address', 'applet', 'article', 'aside', 'blockquote', 'body', 'button', 'caption', 'center', 'colgroup', 'dd', 'details', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head',
  'header', 'hgroup', 'html', 'iframe', 'li', 'listing', 'main', 'marquee', 'menu', 'nav', 'noembed', 'noframes', 'noscript',
  'object', 'ol', 'p', 'plaintext', 'pre', 'script', 'search', 'section', 'select', 'style', 'summary', 'table', 'tbody', 'td',
  'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul', 'xmp',
]);
const OPTIONS: ParserOptions = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

/** Lines, metadata and warnings of a page's decoded markup (a test's page, a decoded GBK page). Linear in the page, never throws on any markup. */
export function readHtmlString(html: string): Lines {
  return readHtmlSource(html, false);
}

/**
 * Lines, metadata and warnings of a page as charset.ts's HtmlSource gives it: decoded, or with
 * `utf8` its UTF-8 bytes as latin1, read so (the markup is ASCII) and decoded only where text is
 * kept: text by the line reader, <meta> tags here.
 */
export function readHtmlSource(html: string, utf8: boolean): Lines {
  const reader = new LineReader(html.length);
  const events = new PageEvents(reader, html, utf8);
  new PageParser(html, events, utf8).end(html);
  reader.finish();
  return { lines: reader.lines, meta: reader.meta(), warnings: reader.warnings };
}

/** htmlparser2's events → the line reader. */
class PageEvents implements Partial<Handler> {
  /** The names of the elements open in the parser, innermost last (each from its opening until its close). */
  readonly open: string[] = [];
  /** A tag's name was read but not yet its end: a close now is of that tag, never told open (the page ended inside it). */
  private pending = false;
  private parser: Parser | undefined;

  constructor(private readonly reader: LineReader, private readonly html: string, private readonly utf8: boolean) {}

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  onopentagname(name: string): void {
    this.open.push(name);
    this.pending = true;
  }

  onopentag(name: string, attribs: Attributes): void {
    this.pending = false;
    // A <meta>'s content is read as text: from the tag's decoded source when the page is read undecoded.
    const parser = this.parser;
    const attrs = name === 'meta' && this.utf8 && parser !== undefined ? attributesOf(Buffer.from(this.html.slice(parser.startIndex, parser.endIndex + 1), 'latin1').toString('utf8')) : attribs;
    this.reader.open(name, isSkipped(name, attribs), attrs);
  }

  onclosetag(): void {
    this.open.pop();
    if (this.pending) this.pending = false;
    else this.reader.close();
  }

  ontext(text: string): void {
    if (this.utf8) this.reader.utf8Text(text);
    else this.reader.text(text);
  }

  /**
   * The parser is to see end tag `name`: its element is open within reach and scope, or (</p>,
   * </br>) none is, and htmlparser2 reads it as an empty element (a </p> whose <p> is out of
   * reach closes it: a <p> is closed once).
   */
  mayClose(name: string): boolean {
    const open = this.open;
    const boundaries = TABLE_SCOPED.has(name) ? undefined : SPECIAL.has(name) ? SCOPE_BOUNDARIES : SPECIAL;
    const last = Math.max(0, open.length - MAX_REACH);
    for (let i = open.length - 1; i >= last; i -= 1) {
      const element = open[i] as string;
      if (element === name) return true;
      if (element === 'table' || boundaries?.has(element) === true) return false;
    }
    return name === 'p' || name === 'br';
  }
}

/**
 * htmlparser2's Parser with end tags scoped and nesting bounded (see the module comment): an
 * element opened at MAX_DEPTH is made void for its opening tag, so that it is told opened and
 * closed at once and never stacked.
 */
class PageParser extends Parser {
  /** Between the reading of an opening tag's name and the parser's decision to stack it. */
  private opening = false;
  /** The opening tag being read is made void. */
  private flat = false;

  constructor(private readonly html: string, private readonly events: PageEvents, private readonly utf8: boolean) {
    super(events, OPTIONS);
  }

  /** A character reference in text: told as its UTF-8 bytes when the page is read undecoded (as its other text is). */
  override ontextentity(cp: number, endIndex: number): void {
    if (this.utf8) this.events.ontext(Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1'));
    else super.ontextentity(cp, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    if (this.events.mayClose(this.html.slice(start, endIndex).toLowerCase())) super.onclosetag(start, endIndex);
  }

  override onopentagname(start: number, endIndex: number): void {
    this.opening = true;
    super.onopentagname(start, endIndex);
    this.opening = false;
  }

  override onopentagend(endIndex: number): void {
    super.onopentagend(endIndex);
    this.flat = false;
  }

  override onselfclosingtag(endIndex: number): void {
    super.onselfclosingtag(endIndex);
    this.flat = false;
  }

  protected override isVoidElement(name: string): boolean {
    if (super.isVoidElement(name)) return true;
    // The first ask of an opening tag comes after the end tags it implies were closed.
    if (this.opening) {
      this.opening = false;
      this.flat = this.events.open.length >= MAX_DEPTH;
    }
    return this.flat;
  }
}

function isSkipped(tag: string, attribs: Attributes): boolean {
  if (SKIPPED.has(tag) || tag.startsWith('v:') || tag.startsWith('w:')) return true;
  if (attribs.hidden !== undefined) return true;
  const style = attribs.style;
  return style !== undefined && HIDDEN_STYLE.test(style);
}

/** Lines and warnings of a tree whose root's children are the body (the root itself is not an element of it). */
export function readHtmlTree(root: HtmlElement): Pick<SourceDocument, 'lines' | 'warnings'> {
  const reader = new LineReader();
  // Iteratively: a tree may be deeper than the call stack.
  const stack: { element: HtmlElement; next: number }[] = [{ element: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { element: HtmlElement; next: number };
    if (top.next === top.element.children.length) {
      stack.pop();
      if (stack.length > 0) reader.close();
      continue;
    }
    const child = top.element.children[top.next++] as HtmlNode;
    if (typeof child === 'string') {
      reader.text(child);
      continue;
    }
    reader.open(child.tag, child.skip, child.attrs === '' ? undefined : attributesOf(`<a ${child.attrs}>`));
    stack.push({ element: child, next: 0 });
  }
  reader.finish();
  return { lines: reader.lines, warnings: reader.warnings };
}

/** The attributes of a tag's source (`<meta name="x" content="y">`), as htmlparser2 reads them. */
function attributesOf(tag: string): Attributes {
  let attrs: Attributes = {};
  new Parser({ onopentag: (_name, attribs) => (attrs = attribs) }, OPTIONS).end(tag);
  return attrs;
}
