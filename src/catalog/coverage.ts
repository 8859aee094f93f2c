/**
 * Coverage of 第二十条's fifteen items (法定主动公开内容): per agency and item, whether anything is
 * published (有), only items older than the agency's limit (过期), or nothing (缺) — the statutory gaps an
 * evaluator finds first. Pure: the latest 发布日期 per item, today and the limit are parameters.
 */
import { dayOf, type IsoDate } from '../law/dates.ts';
import { ARTICLE20_ITEMS, type Article20Item } from '../law/taxonomy.ts';

/** After how many days without a new item an item counts as 过期, unless the agency set its own. */
export const DEFAULT_COVERAGE_MAX_AGE_DAYS = 365;
/** The range an agency may set (the catalog_settings check). */
export const COVERAGE_MAX_AGE_MIN = 1;
export const COVERAGE_MAX_AGE_MAX = 3660;

export const COVERAGE_STATES = ['current', 'stale', 'missing'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];
/** The cell's word (colour is never the only sign). */
export const COVERAGE_LABELS: Record<CoverageState, string> = { current: '有', stale: '过期', missing: '缺' };
/** What the word means, for the legend and for screen readers. */
export const COVERAGE_MEANINGS: Record<CoverageState, string> = {
  current: '有已发布的信息，且最近一条未超过期限',
  stale: '有已发布的信息，但最近一条已超过期限',
  missing: '没有已发布的信息',
};

/** One item of one agency. */
export interface CoverageCell {
  item: Article20Item;
  state: CoverageState;
  /** The latest 发布日期 of the item's published items, if any. */
  latest: IsoDate | null;
  /** Days since then (null when none). */
  ageDays: number | null;
}

/** The fifteen cells of an agency, in 第二十条's order. */
export function coverageCells(latest: ReadonlyMap<string, IsoDate>, today: IsoDate, maxAgeDays: number): CoverageCell[] {
  return ARTICLE20_ITEMS.map((item) => {
    const last = latest.get(item) ?? null;
    if (last === null) return { item, state: 'missing', latest: null, ageDays: null };
    const ageDays = dayOf(today) - dayOf(last);
    return { item, state: ageDays > maxAgeDays ? 'stale' : 'current', latest: last, ageDays };
  });
}

/** How many cells of each state. */
export function coverageSummary(cells: readonly CoverageCell[]): Record<CoverageState, number> {
  const summary: Record<CoverageState, number> = { current: 0, stale: 0, missing: 0 };
  for (const c of cells) summary[c.state]++;
  return summary;
}
