/**
 * Highlighted snippets, computed in Node for the few items of a page (ts_headline re-parses whole
 * bodies in the database: costly at scale, performance-notes.md). Text is split into parts, each a
 * query word or not; pages render the parts (JSX escapes them), the JSON API gets them as escaped HTML
 * with <mark> around the words. Pure.
 */

/** A piece of text: a query word (hit) or the text between. */
export interface TextPart {
  readonly text: string;
  readonly hit: boolean;
}

/** At most this many words are marked (a long query marks its first ones). */
const MAX_TERMS = 16;

/**
 * The words to mark for a query: its words (tokens.ts queryWords, space-separated) of two characters
 * or more — single characters such as 一 or 的 would light up every line — unless the query has only
 * single characters; the whole query too when it is one run of text (太文旅发〔2023〕5号). Longest first.
 */
export function highlightTerms(query: string, words: string): string[] {
  const tokens = words.split(' ').filter((w) => w !== '');
  const long = tokens.filter((w) => [...w].length >= 2);
  const terms = new Set(long.length > 0 ? long : tokens);
  const whole = query.trim();
  if (whole !== '' && !/\s/u.test(whole) && whole.length <= 60) terms.add(whole.toLowerCase());
  return [...terms].sort((a, b) => b.length - a.length).slice(0, MAX_TERMS);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The text split at every occurrence of a term (letters compared without case). */
export function markParts(text: string, terms: readonly string[]): TextPart[] {
  if (text === '') return [];
  if (terms.length === 0) return [{ text, hit: false }];
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0] === '') continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return parts;
}

/** Does a position split a surrogate pair (an astral character)? */
const splits = (text: string, at: number) => at > 0 && at < text.length && /[\uDC00-\uDFFF]/u.test(text[at]!) && /[\uD800-\uDBFF]/u.test(text[at - 1]!);

/**
 * A passage of about `length` characters of the body around its first query word (the body's start
 * when no word occurs in it: the match was in the title or an attachment), with '…' where it was cut,
 * whitespace runs as one space, and the query words marked.
 */
export function snippetParts(body: string, terms: readonly string[], length = 100): TextPart[] {
  const text = body.replace(/\s+/gu, ' ').trim();
  if (text === '') return [];
  let first = -1;
  if (terms.length > 0) {
    const found = new RegExp(terms.map(escapeRegExp).join('|'), 'iu').exec(text);
    first = found ? found.index : -1;
  }
  let start = first <= 0 ? 0 : Math.max(0, first - Math.floor(length / 5));
  if (start > 0 && text.length - start < length) start = Math.max(0, text.length - length);
  if (splits(text, start)) start--;
  let end = Math.min(text.length, start + length);
  if (splits(text, end)) end++;
  const parts = markParts(text.slice(start, end), terms);
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text as HTML text. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);

/** The parts as HTML: escaped text, each query word in <mark>. */
export function partsToHtml(parts: readonly TextPart[]): string {
  return parts.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}
