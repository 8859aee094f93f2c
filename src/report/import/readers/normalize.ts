/**
 * Text normalisation shared by the HTML, DOCX and PDF readers: every cell text of a
 * SourceDocument is NFKC-normalised (full-width digits → ASCII, Kangxi radicals ⾩ → 阜,
 * U+00A0 → space), whitespace-collapsed and trimmed.
 */

/** Han ideographs and CJK punctuation / full-width forms (after NFKC most full-width forms are ASCII). */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;

/** True when the character is a CJK ideograph or CJK punctuation. */
export function isCjkChar(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** NFKC, whitespace collapsed to one space, trimmed. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u200b\ufeff]+/gu, ' ').trim();
}

/**
 * Like normalizeText, and also drops a space between two CJK characters: Chinese prints no
 * spaces between ideographs, so in a PDF they are justification artefacts (「只计这一情 形」).
 */
export function normalizeCjkText(s: string): string {
  // Before NFKC, while full-width punctuation (「，」) still counts as CJK.
  const joined = s.replace(/(?<=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])[ \t\u00a0\u3000]+(?=[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])/gu, '');
  return normalizeText(joined);
}

/**
 * Joins two pieces of one cell that the source broke onto two lines (a <br>, a second <p> in a
 * cell, a wrapped PDF label): nothing between CJK characters, one space otherwise.
 */
export function joinBrokenLine(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return isCjkChar(a.at(-1)) || isCjkChar(b[0]) ? a + b : `${a} ${b}`;
}

/**
 * A cell that holds a value rather than a label: a number (with optional sign, separators,
 * decimals, %, a currency unit) or a printed blank mark ('-', '/', '—', '－', '无').
 */
export function isValueText(s: string): boolean {
  const t = s.normalize('NFKC').trim();
  return /^[-+−]?\d[\d,，]*(?:\.\d+)?\s*(?:%|万元|元)?$/u.test(t) || /^[-/—–－─]+$/u.test(t);
}

/** A date written 2024-01-20, 2024/1/20, 2024.1.20 or 2024年1月20日, as YYYY-MM-DD; undefined if invalid. */
export function toIsoDate(s: string): string | undefined {
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u.exec(s.normalize('NFKC'));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2200) return undefined;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
