/**
 * Table 二 (主动公开情况统计表, 2021 template) of an agency's year from the catalog and the entered
 * figures. Pure: the rows and the figures are parameters.
 *
 * 规章 and 行政规范性文件 (体裁) are counted from the agency's items as they stand when asked, among the
 * items the agency made public (status 已发布; a withdrawn item is no longer public and counts nowhere):
 * - 本年制发 `issued`: 成文日期 in the year;
 * - 本年废止 `repealed`: 有效性 废止, changed in the year (失效 is not 废止: counted apart, `expired`);
 * - 现行有效 `inForce`: at the year's end — formed by 31 December and valid then (有效, or 废止/失效
 *   only after that day).
 * 行政许可、行政处罚、行政强制 decisions and the 行政事业性收费 amount are entered per agency and year
 * (catalog_yearly_figures); a figure not entered is null, never 0. Money is kept in fen (an integer);
 * the report's unit is 万元 = 1,000,000 fen, so 万元 has at most six decimals and converts exactly.
 */
import type { IsoDate } from '../law/dates.ts';
import { TABLE2_GENRES, type Genre, type ItemStatus, type Validity } from './model.ts';

/** What table 二 reads of an item of genre 规章 or 行政规范性文件. */
export interface DocumentFacts {
  readonly genre: Genre;
  readonly status: ItemStatus;
  readonly formedOn: IsoDate;
  readonly validity: Validity;
  readonly validityChangedOn: IsoDate | null;
}

/** The figures entered for an agency's year (null: not entered). */
export interface YearlyFigures {
  readonly licensing: number | null;
  readonly punishment: number | null;
  readonly enforcement: number | null;
  /** 行政事业性收费, in fen. */
  readonly feesFen: number | null;
}

export const NO_FIGURES: YearlyFigures = { licensing: null, punishment: null, enforcement: null, feesFen: null };

/** One row of 规章 / 行政规范性文件. */
export interface DocumentCounts {
  issued: number;
  repealed: number;
  inForce: number;
}

/** Table 二 in the canonical JSON of the 2021 template (shared/spec/annual-report.md). */
export interface CatalogTable2 {
  regulations: DocumentCounts;
  normativeDocuments: DocumentCounts;
  licensing: { decisions: number | null };
  punishment: { decisions: number | null };
  enforcement: { decisions: number | null };
  fees: { amountWan: number | null };
}

/** The document rows' keys, as in the canonical JSON. */
export type DocumentRow = keyof typeof TABLE2_GENRES;
export const DOCUMENT_ROWS = Object.keys(TABLE2_GENRES) as DocumentRow[];

/** A document row's counts, and the items that lapsed (失效) in the year, which 废止 does not count. */
export function documentCounts(items: readonly DocumentFacts[], genre: Genre, year: number): DocumentCounts & { expired: number } {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const inYear = (d: string | null) => d !== null && d >= first && d <= last;
  const counts = { issued: 0, repealed: 0, inForce: 0, expired: 0 };
  for (const item of items) {
    if (item.genre !== genre || item.status !== 'published') continue;
    if (inYear(item.formedOn)) counts.issued++;
    if (item.validity === 'repealed' && inYear(item.validityChangedOn)) counts.repealed++;
    if (item.validity === 'expired' && inYear(item.validityChangedOn)) counts.expired++;
    if (item.formedOn <= last && (item.validity === 'valid' || (item.validityChangedOn !== null && item.validityChangedOn > last))) counts.inForce++;
  }
  return counts;
}

/** Table 二 of a year from the agency's documents and its entered figures. */
export function table2From(items: readonly DocumentFacts[], year: number, figures: YearlyFigures): CatalogTable2 {
  const row = (genre: Genre): DocumentCounts => {
    const { issued, repealed, inForce } = documentCounts(items, genre, year);
    return { issued, repealed, inForce };
  };
  return {
    regulations: row(TABLE2_GENRES.regulations),
    normativeDocuments: row(TABLE2_GENRES.normativeDocuments),
    licensing: { decisions: figures.licensing },
    punishment: { decisions: figures.punishment },
    enforcement: { decisions: figures.enforcement },
    fees: { amountWan: figures.feesFen === null ? null : wanOfFen(figures.feesFen) },
  };
}

// ---------- 万元 and fen ----------

/** Fen in one 万元. */
export const FEN_PER_WAN = 1_000_000;
/** The largest amount accepted: 999,999,999.999999 万元 (fits PostgreSQL's bigint and a double exactly). */
export const MAX_FEES_FEN = 999_999_999_999_999;

/** 万元 as the canonical JSON's number (the nearest double to the exact decimal: prints as it). */
export function wanOfFen(fen: number): number {
  return fen / FEN_PER_WAN;
}

/** 万元 as a decimal text, exact, without trailing zeros: 5949088667 → '5949.088667', 12500000 → '12.5'. */
export function wanText(fen: number): string {
  const whole = Math.floor(fen / FEN_PER_WAN);
  const part = String(fen % FEN_PER_WAN).padStart(6, '0').replace(/0+$/, '');
  return part === '' ? String(whole) : `${whole}.${part}`;
}

/**
 * Fen of an amount in 万元 written as a plain decimal (digits, at most one point, at most six decimals:
 * to the fen), or a reason it is not one. A number (an XLSX cell) is read through its shortest text.
 */
export function fenOfWan(value: string | number): { fen: number } | { problem: string } {
  const text = (typeof value === 'number' ? String(value) : value).trim();
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) {
    if (/^-/.test(text)) return { problem: '金额不能为负数' };
    if (/^\d+\.\d{7,}$/.test(text)) return { problem: '金额以万元为单位，最多保留 6 位小数（精确到分）' };
    if (/^\d{10,}/.test(text)) return { problem: '金额过大（以万元为单位）' };
    return { problem: '应为以万元为单位的数字，如 12.5 或 5949.088667（不带单位、逗号或空格）' };
  }
  return { fen: Number(m[1]) * FEN_PER_WAN + Number((m[2] ?? '').padEnd(6, '0')) };
}
