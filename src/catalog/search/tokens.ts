/**
 * Chinese words for PostgreSQL full-text search: @node-rs/jieba segments, PostgreSQL's 'simple'
 * configuration stores the words as they are. Items are indexed with `cutForSearch` (a word and its
 * parts: 行政许可 → 行政, 许可, 行政许可) and queries cut with `cut` in HMM mode, so that a two-character
 * word such as 非遗 stays whole (performance-notes.md: plain `cut` splits it into 非/遗 and misses).
 *
 * jieba alone still misses words it does not know: 非遗 is no dictionary word, and in
 * "2023年非遗认定结果公示" jieba cuts 年/非/遗, so a search for 非遗 would not find the seed's own title.
 * So the index also holds every pair of adjacent Han characters (bigrams, each once, after the words so
 * that the words' positions stay adjacent for phrase queries), and a query asks for the bigrams of its
 * words (`queryTerms`): a word of the query is found wherever its characters stand together, however
 * jieba cut the text around it.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;
/** The segmenter, with its dictionary loaded once per process (~0.3 s). */
function segmenter(): Jieba {
  return (jieba ??= Jieba.withDict(dict));
}

/** A token worth storing: letters, digits or CJK (not spaces and punctuation). */
const WORDLIKE = /[\p{L}\p{N}]/u;

/** Runs of Han characters. */
const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /^\p{Script=Han}$/u;

/**
 * How much of a text is indexed. A tsvector holds at most 1 MB: the first 100,000 characters (a long
 * attachment's first ~60 pages), at most 40,000 words and 20,000 distinct bigrams of them stay far
 * below it even for text with no repeated pair (measured: 60,000 random Han characters made 1.05 MB).
 */
export const INDEXED_CHARACTERS = 100_000;
const MAX_WORDS = 40_000;
const MAX_BIGRAMS = 20_000;

/** Every pair of adjacent Han characters of a text, each once, in order of first appearance (at most `limit`). */
export function hanBigrams(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const pairs = new Set<string>();
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length && pairs.size < limit; i++) pairs.add(chars[i]! + chars[i + 1]!);
  }
  return [...pairs];
}

/**
 * The words of a text for the index, separated by spaces (the input of `to_tsvector('simple', …)`):
 * jieba's words, then the Han bigrams — of the text's first INDEXED_CHARACTERS characters.
 */
export function indexWords(text: string): string {
  if (text.trim() === '') return '';
  const head = text.length > INDEXED_CHARACTERS ? text.slice(0, INDEXED_CHARACTERS) : text;
  const words = segmenter().cutForSearch(head, true).filter((t) => WORDLIKE.test(t)).slice(0, MAX_WORDS).map((t) => t.toLowerCase());
  return [...words, ...hanBigrams(head, MAX_BIGRAMS)].join(' ');
}

/** jieba's words of a text (no bigrams), separated by spaces: a 文号's words as a phrase. */
export function segmentWords(text: string): string {
  if (text.trim() === '') return '';
  return segmenter().cutForSearch(text, true).filter((t) => WORDLIKE.test(t)).map((t) => t.toLowerCase()).join(' ');
}

/** The words of a query, separated by spaces (what to highlight; `queryTerms` is what to match). */
export function queryWords(query: string): string {
  if (query.trim() === '') return '';
  return segmenter().cut(query, true).filter((t) => WORDLIKE.test(t)).map((t) => t.toLowerCase()).join(' ');
}

/**
 * What a query matches, by run of Han characters (each inner list: one run's terms, or one word in
 * another script; all of them must occur): each word of two Han characters or more as its bigrams
 * (行政许可 → 行政 政许 许可), words in other scripts and numbers as they are, and a lone Han character
 * joined to the Han character next to it in the query (双随机一公开 → 双随 随机 一公 公开), or dropped when
 * it stands alone among other words (2023年 非遗 → 2023 非遗); a query of lone characters only asks for
 * them. The terms of one run are grouped because they occur together (a phrase): search's statistics
 * take the rarest of them for the run.
 */
export function queryTermGroups(query: string): string[][] {
  if (query.trim() === '') return [];
  const groups: string[][] = [];
  const lone: string[][] = [];
  let offset = 0;
  let run: string[] | undefined;
  for (const piece of segmenter().cut(query, true)) {
    const start = offset;
    offset += piece.length;
    for (const m of piece.matchAll(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) {
      const part = m[0];
      if (!HAN.test([...part][0]!)) {
        run = undefined;
        if (WORDLIKE.test(part)) groups.push([part.toLowerCase()]);
        continue;
      }
      if (!run) groups.push((run = []));
      if ([...part].length >= 2) {
        run.push(...hanBigrams(part));
        continue;
      }
      // A lone character: with the next character of the query, or the one before, when Han.
      const at = start + m.index;
      const next = [...query.slice(at + part.length)][0];
      const before = [...query.slice(0, at)].at(-1);
      if (next !== undefined && HAN.test(next)) run.push(part + next);
      else if (before !== undefined && HAN.test(before)) run.push(before + part);
      else lone.push([part]);
    }
  }
  const found = groups.filter((g) => g.length > 0).map((g) => [...new Set(g)]);
  return found.length > 0 ? found : lone;
}

/** What a query matches, separated by spaces (the input of `plainto_tsquery('simple', …)`: all must occur). */
export function queryTerms(query: string): string {
  return [...new Set(queryTermGroups(query).flat())].join(' ');
}

const OPENING = /[[(（【〔［﹝｛{〖]/gu;
const CLOSING = /[\])）】〕］﹞｝}〗]/gu;

/**
 * A 文号's normal form, for exact look-up: full-width letters and digits as ASCII, every kind of
 * bracket as the official 〔〕, no spaces. 太文旅发[2023]5号, 太文旅发（2023）5号 and 太文旅发〔2023〕5 号 are one 文号.
 */
export function docNoKey(docNo: string): string {
  return docNo.normalize('NFKC').replace(/\s+/gu, '').replace(OPENING, '〔').replace(CLOSING, '〕');
}

/** Does a query look like a 文号 (an issuing prefix, a bracketed year and a serial 号)? */
export function looksLikeDocNo(query: string): boolean {
  return /^\S{1,20}〔(?:19|20)\d{2}〕第?\d{1,5}号$/u.test(docNoKey(query));
}
