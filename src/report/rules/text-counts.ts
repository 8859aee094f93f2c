/**
 * Counts stated in the narrative of an annual report: applications received, administrative
 * reconsiderations, lawsuits. Pure and deliberately conservative: a number is taken only from a
 * clause that plainly states it (a “receive” verb and 申请 before the number; 行政复议 / 行政诉讼
 * right before it, or an explicit “未发生…行政复议”), and clauses about other years, changes or
 * sub-counts are skipped. TEXT-TABLE compares what is found here with the tables.
 *
 * Example: “2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件” → applicationsReceived 81;
 * “因政府信息公开引起的行政复议案件2件、行政诉讼案件7件” → reconsiderations 2, lawsuits 7.
 */

/** What a stated count counts. */
export const STATED_QUANTITIES = ['applicationsReceived', 'reconsiderations', 'lawsuits'] as const;
export type StatedQuantity = (typeof STATED_QUANTITIES)[number];

/** One count found in the narrative. */
export interface StatedCount {
  quantity: StatedQuantity;
  value: number;
  /** The clause it was read from (whitespace removed), to quote back to the reader. */
  clause: string;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/**
 * Parses a number written in Arabic digits (thousands separators allowed) or in Chinese
 * numerals (零一二两…十百千万, e.g. 十二 → 12, 一百零五 → 105, 二〇 → 20 digit by digit).
 * Returns undefined for anything else.
 */
export function parseChineseNumber(text: string): number | undefined {
  if (/^\d{1,3}(,\d{3})+$|^\d+$/.test(text)) return Number(text.replace(/,/g, ''));
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(text)) return undefined;
  if (!/[十百千万]/.test(text)) {
    // Digit by digit (二〇二三); a lone 零 is 0.
    return Number([...text].map((ch) => DIGITS[ch]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = UNITS[ch] as number;
    if (unit === 10000) {
      total += (section + (digit ?? 0)) * unit;
      section = 0;
    } else {
      section += (digit ?? 1) * unit;
    }
    digit = undefined;
  }
  return total + section + (digit ?? 0);
}

const NUM = '(\\d{1,3}(?:,\\d{3})+|\\d+|[零〇一二两三四五六七八九十百千万]+)';
/** Measure words used for applications and cases. */
const UNIT = '(?:件|起|宗|个|次)';
/** A clause about another period, a change or a running total says nothing about this year's count. */
const OTHER_PERIOD = /上年|去年|上一年|上年度|同期|历年|以来|结转/;
/** Gap words that turn a number into a change, a share or a sub-count. */
const NOT_A_TOTAL = /较|同比|增|减|比|占|其中|办结|答复|维持|纠正|撤销|败诉|胜诉|审结|结果|直接起诉|复议后|未经/;
const NEGATION = '(?:未发生|未出现|未收到|未有|没有|并无|无(?!法|正当|需|论))';

const RECEIVED = new RegExp(`(?:收到|受理|接收|接到|新收)([^\\d，]{0,30}?申请[^\\d]{0,8}?)${NUM}${UNIT}`);
const caseNumber = (word: string): RegExp => new RegExp(`${word}([^\\d]{0,10}?)${NUM}${UNIT}`);
const caseNumberBefore = (word: string): RegExp => new RegExp(`(?:有|发生|共)${NUM}${UNIT}([^\\d]{0,15}?)${word}`);
const caseNone = (word: string): RegExp => new RegExp(`${NEGATION}([^\\d]{0,25}?)${word}(.{0,8})`);
/** Per quantity: the word, the word of the other quantity (not allowed in the gap), and the compiled patterns. */
const CASE_PATTERNS = {
  reconsiderations: { other: '诉讼', after: caseNumber('行政复议'), before: caseNumberBefore('行政复议'), none: caseNone('行政复议') },
  lawsuits: { other: '复议', after: caseNumber('诉讼'), before: caseNumberBefore('诉讼'), none: caseNone('行政诉讼') },
} as const;
const BOTH_ZERO = /行政复议[、和及与或]行政诉讼[^\d]{0,6}?(?:均|都)(?:为)?(?:0|零)/;
/** After a negation, these mean the cases existed but were not e.g. corrected. */
const NEGATED_OUTCOME = /被纠错|纠错|纠正|败诉|撤销|被确认违法/;

/** Whitespace, which PDF and crawler text scatter inside sentences and words: removed from a clause. */
const SPACES = /[\s\u3000]+/g;

/** Every pattern needs one of these words: other clauses state nothing. */
const COUNT_WORDS = ['申请', '行政复议', '诉讼'] as const;

/**
 * The clauses of `text` that hold one of COUNT_WORDS, in order: the pieces between ，。；;！？!? of
 * the text without whitespace (SPACES).
 * Found from the words, not by splitting the whole text: a section has a hundred clauses and a
 * few of them name applications or cases. The words are looked for in the text as it is, with
 * whitespace allowed between their characters (PDF and crawler text scatter it inside words);
 * only the clauses found are compacted, not the whole section (a regex pass over thousands of
 * characters cost more than everything else here).
 */
export function clausesWithCountWords(text: string, words: readonly string[] = COUNT_WORDS): string[] {
  const clauses: string[] = [];
  // Where each word next occurs at or after `from` (-1: no more), found again only once passed.
  const next = words.map((w) => wordAt(text, w, 0));
  for (let from = 0; ;) {
    let hit = -1;
    for (let k = 0; k < next.length; k++) {
      if (next[k]! >= 0 && next[k]! < from) next[k] = wordAt(text, words[k]!, from);
      if (next[k]! >= 0 && (hit < 0 || next[k]! < hit)) hit = next[k]!;
    }
    if (hit < 0) return clauses;
    // A word holds no clause end, so the clause is bounded by the ends around the hit.
    let start = hit;
    while (start > from && !isClauseEnd(text.charCodeAt(start - 1))) start--;
    let end = hit;
    while (end < text.length && !isClauseEnd(text.charCodeAt(end))) end++;
    clauses.push(text.slice(start, end).replace(SPACES, ''));
    from = end + 1;
  }
}

/** Where `word` first occurs at or after `from`, with any whitespace between its characters; -1 when nowhere. */
function wordAt(text: string, word: string, from: number): number {
  for (let at = text.indexOf(word[0]!, from); at >= 0; at = text.indexOf(word[0]!, at + 1)) {
    let i = at + 1;
    let k = 1;
    for (; k < word.length && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === word.charCodeAt(k)) k++;
      else if (!isWhitespace(c)) break;
    }
    if (k === word.length) return at;
  }
  return -1;
}

/** `[\s\u3000]`: the whitespace SPACES removes. */
function isWhitespace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** ，。；;！？!?: the ends of a clause. */
function isClauseEnd(c: number): boolean {
  return c === 0xff0c || c === 0x3002 || c === 0xff1b || c === 0x3b || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f;
}
const YEAR = /(\d{4})年/g;

function mentionsOtherYear(clause: string, year: number | undefined): boolean {
  if (OTHER_PERIOD.test(clause)) return true;
  // Checked for 年 first: most clauses name no year, and matchAll is the costly part.
  if (year === undefined || !clause.includes('年')) return false;
  return [...clause.matchAll(YEAR)].some((m) => Number(m[1]) !== year);
}

/**
 * A word every pattern of the quantity needs (BOTH_ZERO and the “none” pattern included): a clause
 * without it states nothing, and most clauses are skipped before any regex runs.
 */
const CASE_WORD = { reconsiderations: '行政复议', lawsuits: '诉讼' } as const;

function caseCounts(clause: string, quantity: 'reconsiderations' | 'lawsuits'): number[] {
  if (!clause.includes(CASE_WORD[quantity])) return [];
  const patterns = CASE_PATTERNS[quantity];
  if (BOTH_ZERO.test(clause)) return [0];
  const values: number[] = [];
  const after = patterns.after.exec(clause);
  if (after && !NOT_A_TOTAL.test(after[1] as string) && !(after[1] as string).includes(patterns.other)) {
    const value = parseChineseNumber(after[2] as string);
    if (value !== undefined) values.push(value);
  }
  const before = patterns.before.exec(clause);
  if (before && !NOT_A_TOTAL.test(before[2] as string) && !(before[2] as string).includes(patterns.other)) {
    const value = parseChineseNumber(before[1] as string);
    if (value !== undefined) values.push(value);
  }
  const none = patterns.none.exec(clause);
  if (none && !NEGATED_OUTCOME.test(none[2] as string) && values.length === 0) values.push(0);
  return values;
}

/**
 * Every count the text plainly states. `year` (the report year), when given, makes clauses
 * naming another year be skipped.
 */
export function extractStatedCounts(text: string, year?: number): StatedCount[] {
  const found: StatedCount[] = [];
  for (const clause of clausesWithCountWords(text)) {
    if (mentionsOtherYear(clause, year)) continue;
    // RECEIVED needs 申请 in the clause: test for it before running the regex.
    const received = clause.includes('申请') ? RECEIVED.exec(clause) : null;
    if (received && !NOT_A_TOTAL.test(received[1] as string)) {
      const value = parseChineseNumber(received[2] as string);
      if (value !== undefined) found.push({ quantity: 'applicationsReceived', value, clause });
    }
    for (const quantity of ['reconsiderations', 'lawsuits'] as const) {
      for (const value of caseCounts(clause, quantity)) found.push({ quantity, value, clause });
    }
  }
  return found;
}

/** What a stated document count counts: a table 二 cell of 规章 or 行政规范性文件. */
export interface StatedDocumentCount {
  row: 'regulations' | 'normativeDocuments';
  /** 'issued' (本年制发 / 新制作), 'repealed' (废止), 'inForce' (现行有效). */
  measure: 'issued' | 'repealed' | 'inForce';
  value: number;
  clause: string;
}

/** Verb, then the kind of document, then the count, with nothing else between (“制发行政规范性文件58件”, “本年度制发的规范性文件77件”). */
const DOCUMENT_COUNT = new RegExp(`(制发|制定|出台|印发|新制作|废止|现行有效)(?:了|的)?(行政规范性文件|规范性文件|政府规章|规章)(?:共|共计)?${NUM}(?:件|份|部)`);
/** A running or partial total is not this year's count (现行有效 is a stock: only 累计/历年 are excluded for it). */
const NOT_THIS_YEAR = /累计|历年|以来|总计|其中|截至|较|同比|增|减|占/;

/**
 * Counts of 规章 and 行政规范性文件 the narrative plainly states: a verb (制发, 废止, 现行有效 …)
 * right before the kind of document and its count, in a clause about this year only (no other
 * year, no 累计/较/其中…). “制发行政规范性文件58件” → normativeDocuments issued 58.
 */
export function extractStatedDocumentCounts(text: string, year?: number): StatedDocumentCount[] {
  const found: StatedDocumentCount[] = [];
  for (const clause of clausesWithCountWords(text, ['规范性文件', '规章'])) {
    if (mentionsOtherYear(clause, year)) continue;
    const m = DOCUMENT_COUNT.exec(clause);
    if (!m) continue;
    const verb = m[1]!;
    const measure = verb === '废止' ? 'repealed' : verb === '现行有效' ? 'inForce' : 'issued';
    const rest = clause.replace(m[0], '');
    if (measure !== 'inForce' ? NOT_THIS_YEAR.test(clause) : /累计|历年|以来/.test(clause)) continue;
    // One count per clause: a clause stating two counts of documents is not read.
    if (DOCUMENT_COUNT.test(rest)) continue;
    const value = parseChineseNumber(m[3]!);
    if (value === undefined) continue;
    found.push({ row: m[2]!.endsWith('规章') ? 'regulations' : 'normativeDocuments', measure, value, clause });
  }
  return found;
}
