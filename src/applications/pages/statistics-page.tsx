/**
 * Tables 三 and 四 of an agency's year, counted from its cases (service.ts statistics): each number
 * that is not 0 links to the list of the cases behind it; the XLSX download has the template's layout.
 */
import { APPEAL_KINDS, TABLE3_COLUMN_KEYS, type AppealKind, type Table3Row, type Table4Column } from '../statistics.ts';
import type { StatisticsReport } from '../stats-report.ts';
import { TABLE3_COLUMN_LABELS, TABLE3_LINES, TABLE4_COLUMN_LABELS, TABLE4_COLUMNS, TABLE4_KIND_LABELS } from './statistics-labels.ts';

/** The address of the cases behind a number of table 三. */
export const table3CellHref = (agencyId: number, year: number, row: Table3Row, column: (typeof TABLE3_COLUMN_KEYS)[number]) =>
  `/applications?cell=${encodeURIComponent(`t3:${row}:${column}`)}&year=${year}&agency=${agencyId}`;

/** The address of the cases behind a number of table 四. */
export const table4CellHref = (agencyId: number, year: number, kind: AppealKind, column: Table4Column) =>
  `/applications?cell=${encodeURIComponent(`t4:${kind}:${column}`)}&year=${year}&agency=${agencyId}`;

/** A number, linked to its cases when it is not 0. */
function Count(props: { n: number; href: string; label: string }) {
  return <td class="num">{props.n === 0 ? '0' : <a href={props.href} aria-label={`${props.label}：${props.n} 件，查看这些申请`}>{props.n}</a>}</td>;
}

/** Props of the page. */
export interface StatisticsPageProps {
  agencyId: number;
  year: number;
  report: StatisticsReport;
  /** Years to offer in the select. */
  years: readonly number[];
}

/** The statistics page. */
export function StatisticsPage(props: StatisticsPageProps) {
  const { agencyId, year, report } = props;
  const rows = report.table3.rows;
  return (
    <>
      <h1>{report.agency} {year} 年依申请公开情况</h1>
      <p class="lead">年度报告表三、表四，由本系统登记的申请和复议诉讼统计。点击数字查看对应的申请。</p>
      <form method="get" action={`/agencies/${agencyId}/statistics`} class="filters" aria-label="选择年度">
        <div class="form-group">
          <label for="year">年度</label>
          <select id="year" name="year">{props.years.map((y) => <option value={String(y)} selected={y === year}>{y} 年</option>)}</select>
        </div>
        <div class="form-group"><button type="submit" class="button">查看</button></div>
      </form>
      <p class="button-row"><a class="button button-secondary" href={`/agencies/${agencyId}/statistics.xlsx?year=${year}`} download>下载 Excel 文件（表三、表四）</a></p>

      <h2 id="table3-title">三、收到和处理政府信息公开申请情况</h2>
      <p class="scroll-hint">表格较宽，可左右滑动查看。</p>
      <div class="table-wrap" role="region" aria-labelledby="table3-title" tabindex={0}>
        <table class="statistics-table" id="statistics-table3">
          <thead>
            <tr><th scope="col" rowspan={3}>项目</th><th scope="colgroup" colspan={7}>申请人情况</th></tr>
            <tr><th scope="col" rowspan={2}>自然人</th><th scope="colgroup" colspan={5}>法人或其他组织</th><th scope="col" rowspan={2}>总计</th></tr>
            <tr>{TABLE3_COLUMN_LABELS.slice(1, 6).map((l) => <th scope="col">{l}</th>)}</tr>
          </thead>
          <tbody>
            {TABLE3_LINES.map((line) => 'heading' in line ? (
              <tr class={`heading depth-${line.depth}`}><th scope="rowgroup" colspan={8}>{line.heading}</th></tr>
            ) : (
              <tr class={`depth-${line.depth}`}>
                <th scope="row">{line.label}</th>
                {TABLE3_COLUMN_KEYS.map((column, i) => (
                  <Count n={rows[line.row][i] ?? 0} href={table3CellHref(agencyId, year, line.row, column)} label={`${line.label}·${TABLE3_COLUMN_LABELS[i]}`} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="table4-title">四、政府信息公开行政复议、行政诉讼情况</h2>
      <div class="table-wrap" role="region" aria-labelledby="table4-title" tabindex={0}>
        <table class="statistics-table" id="statistics-table4">
          <thead><tr><th scope="col">类别</th>{TABLE4_COLUMNS.map((c) => <th scope="col">{TABLE4_COLUMN_LABELS[c]}</th>)}</tr></thead>
          <tbody>
            {APPEAL_KINDS.map((kind) => (
              <tr>
                <th scope="row">{TABLE4_KIND_LABELS[kind]}</th>
                {TABLE4_COLUMNS.map((c) => <Count n={report.table4[kind][c]} href={table4CellHref(agencyId, year, kind, c)} label={`${TABLE4_KIND_LABELS[kind]}·${TABLE4_COLUMN_LABELS[c]}`} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">表四按复议、诉讼计数；点击数字列出它们所针对的申请。</p>
    </>
  );
}
