/**
 * Chinese words for PostgreSQL full-text search: @node-rs/jieba segments, PostgreSQL's 'simple'
 * configuration stores the words as they are. Items are indexed with `cutForSearch` (a word and its
 * parts: 行政许可 → 行政, 许可, 行政许可) and queries cut with `cut` in HMM mode, so that a two-character
 * word such as 非遗 stays whole (performance-notes.md: plain `cut` splits it into 非/遗 and misses).
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

/** The words of a text for the index, separated by spaces (the input of `to_tsvector('simple', …)`). */
export function indexWords(text: string): string {
  if (text.trim() === '') return '';
  return segmenter().cutForSearch(text, true).filter((t) => WORDLIKE.test(t)).map((t) => t.toLowerCase()).join(' ');
}

/** The words of a query, separated by spaces (the input of `plainto_tsquery('simple', …)`: all must match). */
export function queryWords(query: string): string {
  if (query.trim() === '') return '';
  return segmenter().cut(query, true).filter((t) => WORDLIKE.test(t)).map((t) => t.toLowerCase()).join(' ');
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
