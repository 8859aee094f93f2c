/**
 * The published items of a year counted by 第二十条 item and month (what an annual report's 总体情况
 * says as “全年主动公开政府信息 55 条”). Pure: the counts per (item, month) are a parameter.
 */
import { ARTICLE20_ITEMS, type Article20Item } from '../law/taxonomy.ts';

/** A row: an item (null: items given no 第二十条 item), its twelve months and its year. */
export interface MonthlyRow {
  item: Article20Item | null;
  months: number[];
  total: number;
}

/** The table: one row per 第二十条 item in order, then the items without one, then the months' totals. */
export interface MonthlyTable {
  rows: MonthlyRow[];
  totals: MonthlyRow;
}

/** Lays the counts out (items outside ARTICLE20_ITEMS, which the database refuses, go with the unassigned). */
export function monthlyTable(counts: readonly { item: string | null; month: number; count: number }[]): MonthlyTable {
  const known = new Set<string>(ARTICLE20_ITEMS);
  const rowOf = (item: Article20Item | null): MonthlyRow => ({ item, months: Array.from({ length: 12 }, () => 0), total: 0 });
  const rows = [...ARTICLE20_ITEMS.map(rowOf), rowOf(null)];
  const byItem = new Map(rows.map((r) => [r.item, r]));
  const totals = rowOf(null);
  for (const { item, month, count } of counts) {
    if (month < 1 || month > 12) continue;
    const row = byItem.get(item !== null && known.has(item) ? (item as Article20Item) : null)!;
    row.months[month - 1]! += count;
    row.total += count;
    totals.months[month - 1]! += count;
    totals.total += count;
  }
  return { rows, totals };
}
