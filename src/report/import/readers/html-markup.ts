/**
 * A fast, forgiving HTML tokenizer for the HTML reader: one indexOf/sticky-regex pass over the
 * decoded page, telling a MarkupSink (html-lines.ts) of each element opened and closed and of
 * each text, nested as a tree builder would nest them; no tree is built.
 * It replaced node-html-parser in the hot path: that parser took 6–16 ms on a 36–100 KB page
 * (mostly page chrome); this takes a small fraction of that.
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
import { factsOf, INLINE_TAGS, knownShortTag, knownTag, nameHash, ROOT_FACTS, SHORT_NAME, tagName, toLower, type TagFacts } from './html-tags.ts';
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

/** The rest of a start tag up to its '>', quoted values whole (no backtracking: the runs exclude the quotes and '>'). */
const START_TAG_REST = /[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/y;
/**
 * START_TAG_REST for attributes that cannot hide their element, so that most tags are ended and
 * cleared of hiding in one scan: it fails at any "disp" or "hid" (any case) or '&', one of which
 * every hiding declaration (HIDING_CANDIDATE: display…none, mso-hide…all, hidden) or encoded one
 * contains; then tagEnd and looksHidden look again the long way. Written as unrolled loops
 * (`normal*(?:special normal*)*`, where no special begins with a normal character): a run can
 * be split only one way, so a failing match stays linear; `(?:[…]+|…)*` backtracks
 * exponentially when the match fails.
 */
const NOT_HINT = '[dD](?![iI][sS][pP])|[hH](?![iI][dD])';
/** A quoted value with no hint: runs of plain characters between single d/h characters that start no hint ("unrolled loop"). */
const plainQuoted = (q: string): string => `${q}[^${q}&dDhH]*(?:(?:${NOT_HINT})[^${q}&dDhH]*)*${q}`;
const PLAIN_START_TAG_REST = new RegExp(`[^>"'&dDhH]*(?:(?:${NOT_HINT}|${plainQuoted('"')}|${plainQuoted("'")})[^>"'&dDhH]*)*>`, 'y');
/**
 * A run of transparent inline tags (see openElement): start tags with plain attributes
 * (PLAIN_START_TAG_REST) and end tags, skipped in one scan while no inline wrapper is tracked,
 * so that an inline end tag has nothing to close. Names: html-tags.ts's INLINE_TAGS; each
 * ends where scanName's would.
 */
const INLINE_NAME = `(?:${INLINE_TAGS.map((t) => t.replace('.', '\\.')).join('|')})(?![A-Za-z0-9:._-])`;
const INLINE_RUN = new RegExp(`(?:<${INLINE_NAME}${PLAIN_START_TAG_REST.source}|<\\/${INLINE_NAME}[^>]*>)+`, 'iy');
/** How far down the open elements an end tag looks for its element (hostile nesting stays linear). */
const MAX_CLOSE_SEARCH = 128;

/**
 * Reads a page's markup into `sink`. Linear in the input, never throws. With `utf8`, `html`
 * is those bytes as latin1 (html-charset.ts's HtmlSource): the sink decodes text from the
 * bytes, the markup around it never is; the attributes of <meta> are decoded here.
 */
export function readMarkup(html: string, utf8: Buffer | undefined, sink: MarkupSink): void {
  new MarkupReader(html, utf8, sink).read();
}

// A class, not closures: tsx (esbuild keepNames) wraps every inner function in a __name() call per use.
class MarkupReader {
  /**
   * The open elements, innermost last, as parallel stacks (no object per element opened); the
   * innermost one's entries are also kept in the `top…` fields, read for every tag and text.
   */
  private readonly openFacts: TagFacts[] = [ROOT_FACTS];
  /** At each level, IN_CELL, IN_TABLE and IN_SKIP. */
  private readonly openScopes: number[] = [0];
  private topFacts = ROOT_FACTS;
  private topScope = 0;
  /** The last start tag's attributes cannot hide it (tagEnd found no hint of hiding in them). */
  private plainAttributes = false;
  /** The first SHORT_NAME characters of the name scanName last read, lower-cased, packed as knownShortTag takes them. */
  private scannedKey = 0;
  /**
   * The first '&' at or after the text last looked at (hasAmpersand; -1 before the first
   * look, Infinity when there is none): one forward search over the markup instead of a search
   * of every text.
   */
  private nextAmpersand = -1;
  /** No '>' at or after this offset. */
  private noGreaterThanFrom = Number.POSITIVE_INFINITY;
  /** Open frames of inline wrappers (those kept as elements: hidden, inside hidden content, between a table and its cells). */
  private trackedInline = 0;

  constructor(private readonly html: string, private readonly utf8: Buffer | undefined, private readonly sink: MarkupSink) {}

  /** html[start, end) as text, decoded from the UTF-8 bytes when the reader reads latin1. */
  private segment(start: number, end: number): string {
    const raw = this.html.slice(start, end);
    return this.utf8 && /[\x80-\xff]/u.test(raw) ? this.utf8.toString('utf8', start, end) : raw;
  }

  private appendText(start: number, end: number): void {
    // Text directly inside table/tbody/tr (the whitespace between cells) is never read.
    if (end <= start || this.topFacts.tableContainer) return;
    this.sink.text(start, end, this.hasAmpersand(start, end));
  }

  /** html[start, end) holds an '&' (texts are looked at in document order). */
  private hasAmpersand(start: number, end: number): boolean {
    if (this.nextAmpersand < start) {
      const at = this.html.indexOf('&', start);
      this.nextAmpersand = at < 0 ? Number.POSITIVE_INFINITY : at;
    }
    return this.nextAmpersand < end;
  }

  read(): void {
    const html = this.html;
    const n = html.length;
    let pos = 0;
    let textStart = 0;
    while (pos < n) {
      // Tags often follow one another directly (`</td><td>`): no search then.
      const lt = html.charCodeAt(pos) === 0x3c ? pos : html.indexOf('<', pos);
      if (lt < 0) break;
      const next = html.charCodeAt(lt + 1);
      if (isLetter(next)) {
        const nameEnd = this.scanName(lt + 1);
        const facts = this.facts(lt + 1, nameEnd);
        const runEnd = facts.inline ? this.inlineRunEnd(lt) : -1;
        if (runEnd >= 0) {
          this.appendText(textStart, lt);
          pos = textStart = runEnd;
          continue;
        }
        const end = this.tagEnd(nameEnd);
        if (end < 0) {
          pos = lt + 1;
          continue;
        }
        this.appendText(textStart, lt);
        pos = textStart = this.openElement(facts, nameEnd, end);
        continue;
      }
      // `</p>` ending the innermost open element (nearly every end tag of a page): taken as the
      // branch below would take it (closeElement finds it first), without looking its name up.
      if (next === 0x2f && this.openFacts.length > 1 && this.isEndTagOf(lt, this.topFacts.tag)) {
        const tagLength = this.topFacts.tag.length;
        this.appendText(textStart, lt);
        this.pop();
        pos = textStart = lt + tagLength + 3;
        continue;
      }
      if (next === 0x2f && isLetter(html.charCodeAt(lt + 2))) {
        const facts = this.facts(lt + 2, this.scanName(lt + 2));
        const runEnd = facts.inline ? this.inlineRunEnd(lt) : -1;
        if (runEnd >= 0) {
          this.appendText(textStart, lt);
          pos = textStart = runEnd;
          continue;
        }
        const gt = this.greaterThan(lt + 2);
        if (gt < 0) {
          pos = lt + 1;
          continue;
        }
        this.appendText(textStart, lt);
        this.closeElement(facts);
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
    while (this.openFacts.length > 1) this.pop();
  }

  /**
   * Where the run of transparent inline tags starting at `lt` ends (INLINE_RUN), -1 when inline
   * tags are not transparent here or the tag at `lt` cannot start a run (it may hide its element).
   */
  private inlineRunEnd(lt: number): number {
    if (this.trackedInline !== 0 || lt >= this.noGreaterThanFrom || !this.inlineIsTransparent()) return -1;
    INLINE_RUN.lastIndex = lt;
    return INLINE_RUN.test(this.html) ? INLINE_RUN.lastIndex : -1;
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
    // <p>, <tr>, <td>: no attributes, no scan.
    if (this.html.charCodeAt(from) === 0x3e) {
      this.plainAttributes = true;
      return from;
    }
    PLAIN_START_TAG_REST.lastIndex = from;
    this.plainAttributes = PLAIN_START_TAG_REST.test(this.html);
    if (this.plainAttributes) return PLAIN_START_TAG_REST.lastIndex - 1;
    START_TAG_REST.lastIndex = from;
    return START_TAG_REST.test(this.html) ? START_TAG_REST.lastIndex - 1 : this.greaterThan(from);
  }

  /** html[at…] is `</tag>` exactly (any case; `tag` is lower case). */
  private isEndTagOf(at: number, tag: string): boolean {
    const html = this.html;
    if (html.charCodeAt(at + 1) !== 0x2f || html.charCodeAt(at + 2 + tag.length) !== 0x3e) return false;
    for (let i = 0; i < tag.length; i += 1) if (toLower(html.charCodeAt(at + 2 + i)) !== tag.charCodeAt(i)) return false;
    return true;
  }

  /**
   * The end of the tag name whose first letter is at `start` ([A-Za-z0-9:._-]); its first
   * characters are left in scannedKey for facts(), so a short name is read once.
   */
  private scanName(start: number): number {
    const html = this.html;
    let key = 0;
    let i = start;
    for (;;) {
      const c = html.charCodeAt(i);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e || c === 0x5f)) break;
      if (i - start < SHORT_NAME) key |= toLower(c) << (7 * (i - start));
      i += 1;
    }
    this.scannedKey = key;
    return i;
  }

  /** The facts of the tag named html[start, end), just scanned by scanName. */
  private facts(start: number, end: number): TagFacts {
    const known = end - start <= SHORT_NAME ? knownShortTag(this.scannedKey) : knownTag(this.html, start, end, nameHash(this.html, start, end));
    return known ?? factsOf(tagName(this.html, start, end));
  }

  /** Opens the element whose tag ends at `end` ('>'); returns where the text after it starts. */
  private openElement(facts: TagFacts, nameEnd: number, end: number): number {
    const html = this.html;
    const tag = facts.tag;
    const selfClosed = html.charCodeAt(end - 1) === 0x2f && end - 1 >= nameEnd;
    while ((this.topFacts.closedBy & facts.openerBit) !== 0 && this.openFacts.length > 1) this.pop();
    const attrEnd = selfClosed ? end - 1 : end;
    const skip = facts.skipped || (!this.plainAttributes && hiddenBy(html.slice(nameEnd, attrEnd)));
    // An inline wrapper (span, font, o:p …) is read exactly as its content would be read in its
    // place: transparent, no element, no open frame (see the module comment).
    if (facts.inline && !skip && this.inlineIsTransparent()) return end + 1;
    // Attributes are read only of cells (colspan/rowspan, ASCII) and <meta> (name/content, as text).
    const attrs = facts.isCell ? html.slice(nameEnd, attrEnd) : tag === 'meta' ? this.segment(nameEnd, attrEnd) : '';
    const parentScope = this.topScope;
    const leaf = selfClosed || facts.isVoid || facts.rawEnd !== undefined;
    this.sink.open(facts, skip, attrs, leaf);
    if (facts.rawEnd && !selfClosed) {
      facts.rawEnd.lastIndex = end + 1;
      const m = facts.rawEnd.exec(html);
      const after = m ? html.indexOf('>', m.index) : -1;
      return after < 0 ? html.length : after + 1;
    }
    if (!leaf) {
      const isTable = tag === 'table';
      const inCell = facts.isCell || (!isTable && (parentScope & IN_CELL) !== 0);
      const inTable = isTable || (parentScope & IN_TABLE) !== 0;
      const inSkip = skip || (parentScope & IN_SKIP) !== 0;
      this.push(facts, (inCell ? IN_CELL : 0) | (inTable ? IN_TABLE : 0) | (inSkip ? IN_SKIP : 0));
    }
    return end + 1;
  }

  /**
   * Whether an inline wrapper opened in the innermost open element is transparent: not between
   * a table and its cells (where html-lines.ts reads the nesting), not inside hidden content
   * (where its end tag must not end the hidden element).
   */
  private inlineIsTransparent(): boolean {
    const scope = this.topScope;
    return ((scope & IN_TABLE) === 0 || (scope & IN_CELL) !== 0) && (scope & IN_SKIP) === 0;
  }

  private push(facts: TagFacts, scope: number): void {
    this.openFacts.push(facts);
    this.openScopes.push(scope);
    this.topFacts = facts;
    this.topScope = scope;
    if (facts.inline) this.trackedInline += 1;
  }

  private pop(): void {
    if ((this.openFacts.pop() as TagFacts).inline) this.trackedInline -= 1;
    this.openScopes.pop();
    const top = this.openFacts.length - 1;
    this.topFacts = this.openFacts[top] as TagFacts;
    this.topScope = this.openScopes[top] as number;
    this.sink.close();
  }

  private closeElement(facts: TagFacts): void {
    const open = this.openFacts;
    const limit = Math.max(1, open.length - MAX_CLOSE_SEARCH);
    const tag = facts.tag;
    const tablePart = facts.tablePart;
    for (let i = open.length - 1; i >= limit; i -= 1) {
      const candidate = open[i] as TagFacts;
      if (candidate.tag === tag) {
        while (open.length > i) this.pop();
        return;
      }
      if (tablePart ? candidate.tag === 'table' : candidate.scopeBoundary) return;
    }
  }
}

/** An open element's scope: it is a td/th or inside one (below any nested table), where structure only matters as text. */
const IN_CELL = 1;
/** An open element's scope: it is skipped (hidden, script-like) or inside a skipped element. */
const IN_SKIP = 2;
/** An open element's scope: it is a table or inside one. */
const IN_TABLE = 4;

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
