/**
 * Sensitive words (issue 18 §2): a list kept by the deployment and by each agency; an item that
 * contains one is not stopped, but its reviewer is warned (the words are stored on the submitted
 * event). Matching ignores letter case and full-width/half-width forms (NFKC). Pure.
 */

/** A word of the list: 1–30 characters. */
export const MAX_WORD_LENGTH = 30;
/** At most this many words in one list. */
export const MAX_WORDS = 2000;

/** One word found: how often, and a little text around its first occurrence. */
export interface SensitiveWordHit {
  word: string;
  count: number;
  context: string;
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * The listed words a text contains, in the order of their first occurrence.
 *
 * @example findSensitiveWords('本单位内部资料，严禁外传', ['内部资料']) // [{ word: '内部资料', count: 1, context: '本单位内部资料，严禁外传' }]
 */
export function findSensitiveWords(text: string, words: readonly string[]): SensitiveWordHit[] {
  const haystack = fold(text);
  const hits: (SensitiveWordHit & { first: number })[] = [];
  for (const word of new Set(words.map((w) => w.trim()).filter((w) => w !== ''))) {
    const needle = fold(word);
    let first = -1;
    let count = 0;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      if (first < 0) first = at;
      count++;
    }
    if (count === 0) continue;
    // The folded text keeps the original's length for CJK text; the context is cut from the folded one.
    const context = haystack.slice(Math.max(0, first - 10), first + needle.length + 10).replace(/\s+/g, ' ').trim();
    hits.push({ word, count, context, first });
  }
  return hits.sort((a, b) => a.first - b.first).map(({ first: _first, ...hit }) => hit);
}

/** A list as typed (one word a line, or separated by 、，,;；): the words, and what is wrong with it. */
export function parseWordList(typed: string): { words: string[]; problems: string[] } {
  const words: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const raw of typed.split(/[\r\n、，,;；]+/)) {
    const word = raw.trim();
    if (word === '' || seen.has(fold(word))) continue;
    seen.add(fold(word));
    if ([...word].length > MAX_WORD_LENGTH) problems.push(`“${[...word].slice(0, 20).join('')}…”超过 ${MAX_WORD_LENGTH} 个字`);
    else if (/[\p{Cc}]/u.test(word)) problems.push(`“${word}”含有控制字符`);
    else words.push(word);
  }
  if (words.length > MAX_WORDS) problems.push(`最多 ${MAX_WORDS} 个词，实际为 ${words.length} 个`);
  return { words, problems };
}
