/**
 * The report's tables 二, 三, 四 as the template prints them (merged headers), as hono/jsx.
 * Used by the published HTML page and by the checker pages, which mark cells.
 *
 * Every value cell is `<td data-cell="t3.granted[0]">` (paths of model.ts); a blank stays
 * blank (null is never printed as 0). Plain semantic HTML: works without JavaScript.
 */
import type { Child } from 'hono/jsx';
import type { AnnualReport, CellPath } from '../model.ts';
import type { LayoutCell, TableLayout } from './layout.ts';
import { reportTableLayouts } from './layout.ts';

export type CellMark = 'error' | 'warning' | 'doubt';

export interface ReportTablesProps {
  report: AnnualReport;
  /** Marks to show on cells (each <td> carries data-cell="t3.granted[0]" and a class per mark). */
  cellMarks?: Partial<Record<CellPath, CellMark>>;
  /** Give every value cell an id `cell-<path>`, so findings can link to their cells without JavaScript. */
  cellIds?: boolean;
  /** What to show in a cell after its value (the checker pages: 未能读出 and the possible readings). */
  cellNotes?: Partial<Record<CellPath, Child>>;
  /**
   * For the checker pages: each table's scroll box is a named region that takes keyboard focus,
   * with a hint (shown on narrow screens) that more columns follow.
   */
  scrollRegions?: boolean;
}

/** The words a screen reader hears after a marked cell's value (visually hidden). */
export const CELL_MARK_LABELS: Record<CellMark, string> = {
  error: '（有误）',
  warning: '（需核实）',
  doubt: '（存疑）',
};

/** CSS for the tables and their marks; the published page and the checker pages include it. */
export const REPORT_TABLES_CSS = `
.report-table{border-collapse:collapse;width:100%;margin:0.8em 0 1.2em;font-size:0.875em;line-height:1.4}
.report-table caption{caption-side:top;text-align:left;font-weight:bold;padding:0.3em 0}
.report-table th,.report-table td{border:1px solid #000;padding:0.25em 0.4em;text-align:center;vertical-align:middle}
.report-table th{font-weight:normal}
.report-table th[scope=row],.report-table th[scope=rowgroup]{text-align:left}
.report-table td{min-width:2.5em;font-variant-numeric:tabular-nums}
.report-table .corner-note{font-size:0.9em;text-align:left}
.report-table .cell-error{background:#f9d6d5;outline:2px solid #d4351c;outline-offset:-2px}
.report-table .cell-warning{background:#fff2cc;outline:2px dashed #b58800;outline-offset:-2px}
.report-table .cell-doubt{background:#e8f1fb;outline:2px dotted #1d70b8;outline-offset:-2px}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;white-space:nowrap!important;border:0!important}
.table-scroll{overflow-x:auto}
@media print{.report-table{page-break-inside:auto}.report-table tr{page-break-inside:avoid}.report-table thead{display:table-header-group}.table-scroll{overflow:visible}}
`;

type Marks = Partial<Record<CellPath, CellMark>>;

type Notes = Partial<Record<CellPath, Child>>;

function CellView(props: { cell: LayoutCell; marks: Marks; ids: boolean; notes: Notes }) {
  const { cell, marks, ids } = props;
  const colspan = cell.colSpan > 1 ? cell.colSpan : undefined;
  const rowspan = cell.rowSpan > 1 ? cell.rowSpan : undefined;
  if (cell.role === 'note') {
    return <td class="corner-note" colspan={colspan} rowspan={rowspan}>{cell.text}</td>;
  }
  if (cell.role === 'header') {
    return <th scope={cell.scope} colspan={colspan} rowspan={rowspan}>{cell.text}</th>;
  }
  const mark = cell.path === undefined ? undefined : marks[cell.path];
  return (
    <td id={ids && cell.path !== undefined ? `cell-${cell.path}` : undefined} data-cell={cell.path} class={mark === undefined ? undefined : `cell-${mark}`} colspan={colspan} rowspan={rowspan}>
      {cell.text}
      {mark === undefined ? '' : <span class="visually-hidden">{CELL_MARK_LABELS[mark]}</span>}
      {cell.path === undefined ? '' : (props.notes[cell.path] ?? '')}
    </td>
  );
}

/**
 * One template table: head rows in <thead> (table 三, 四) or per block <tbody> (table 二).
 * Named by its <caption>, or — inside a published report, where the section heading above
 * names it — by `aria-labelledby` that heading, so that the page reads like the published
 * original (a caption would be read back as a line of the section's text).
 */
export function LayoutTable(props: { layout: TableLayout; cellMarks?: Marks; labelledBy?: string; cellIds?: boolean; cellNotes?: Notes; scrollRegion?: boolean }) {
  const { layout } = props;
  const marks = props.cellMarks ?? {};
  const notes = props.cellNotes ?? {};
  const total = layout.columnWidths.reduce((a, b) => a + b, 0);
  const rowsOf = (rows: TableLayout['groups'][number]) =>
    rows.map((row) => <tr>{row.cells.map((cell) => <CellView cell={cell} marks={marks} ids={props.cellIds === true} notes={notes} />)}</tr>);
  const blockTable = layout.groups.every((g) => g[0]?.head === true && g.some((r) => !r.head));
  const region = props.scrollRegion === true;
  const captionId = `${layout.id}-caption`;
  const hintId = `${layout.id}-hint`;
  return (
    <>
      {region ? <p class="scroll-hint" id={hintId}>{layout.name}较宽：左右滑动（或选中表格后按方向键）查看其余各列。</p> : ''}
      <div class="table-scroll" role={region ? 'region' : undefined} tabindex={region ? 0 : undefined}
        aria-labelledby={region && props.labelledBy === undefined ? captionId : undefined}
        aria-label={region && props.labelledBy !== undefined ? layout.caption : undefined} aria-describedby={region ? hintId : undefined}>
        <table class="report-table" id={layout.id} data-table={layout.id} aria-labelledby={props.labelledBy}>
          {props.labelledBy === undefined ? <caption id={region ? captionId : undefined}>{layout.caption}</caption> : ''}
          <colgroup>
            {layout.columnWidths.map((w) => <col width={`${((w / total) * 100).toFixed(2)}%`} />)}
          </colgroup>
          {blockTable
            ? layout.groups.map((g) => <tbody>{rowsOf(g)}</tbody>)
            : layout.groups.map((g) => (g.every((r) => r.head) ? <thead>{rowsOf(g)}</thead> : <tbody>{rowsOf(g)}</tbody>))}
        </table>
      </div>
    </>
  );
}

/** Tables 二, 三 and 四 of a report, in document order. */
export function ReportTables(props: ReportTablesProps) {
  const layouts = reportTableLayouts(props.report);
  return (
    <div class="report-tables" data-agency={props.report.agency ?? ''}>
      {[layouts.table2, layouts.table3, layouts.table4].map((layout) => (
        <LayoutTable layout={layout} cellMarks={props.cellMarks} cellIds={props.cellIds} cellNotes={props.cellNotes} scrollRegion={props.scrollRegions} />
      ))}
    </div>
  );
}
