/**
 * The report's tables 二, 三, 四 as the template prints them (merged headers), as hono/jsx.
 * Used by the published HTML page and by the checker pages, which mark cells.
 * (Stub: being written.)
 */
import type { AnnualReport, CellPath } from '../model.ts';

export type CellMark = 'error' | 'warning' | 'doubt';

export interface ReportTablesProps {
  report: AnnualReport;
  /** Marks to show on cells (each <td> carries data-cell="t3.granted[0]" and a class per mark). */
  cellMarks?: Partial<Record<CellPath, CellMark>>;
}

export function ReportTables(props: ReportTablesProps) {
  return <div class="report-tables" data-agency={props.report.agency ?? ''}></div>;
}
