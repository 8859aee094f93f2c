/**
 * Two reports side by side (two agencies, or one agency's two years): every cell of 表二, 表三 and
 * 表四 either holds, with whether they differ. Pure.
 */
import type { AnnualReport } from '../model.ts';
import { columnsOf } from './cell-columns.ts';

/** One cell of the comparison. */
export interface ComparedCell {
  path: string;
  label: string;
  a: number | string | null | undefined;
  b: number | string | null | undefined;
  /** The two differ (a blank and an absent cell do not; a blank and 0 do). */
  changed: boolean;
  /** b − a when both are numbers. */
  delta: number | undefined;
}

/** One table of the comparison. */
export interface ComparedTable {
  table: 't2' | 't3' | 't4';
  title: string;
  cells: ComparedCell[];
  changed: number;
}

const TITLES = { t2: '表二 主动公开政府信息情况', t3: '表三 收到和处理政府信息公开申请情况', t4: '表四 政府信息公开行政复议、行政诉讼情况' } as const;

const blank = (v: unknown) => v === null || v === undefined;

/** The cells of both reports' tables, table by table in template order. */
export function compareReports(a: AnnualReport, b: AnnualReport): ComparedTable[] {
  const columns = columnsOf([a, b]);
  return (['t2', 't3', 't4'] as const).map((table) => {
    const cells = columns.filter((c) => c.table === table).map((c): ComparedCell => {
      const va = c.read(a);
      const vb = c.read(b);
      const changed = !(va === vb || (blank(va) && blank(vb)));
      const delta = typeof va === 'number' && typeof vb === 'number' ? Math.round((vb - va) * 1e6) / 1e6 : undefined;
      return { path: c.path, label: c.label, a: va, b: vb, changed, delta };
    });
    return { table, title: TITLES[table], cells, changed: cells.filter((c) => c.changed).length };
  });
}
