/**
 * Tables 二/三/四 of the workspace: read-only, each number linked to the records behind it (cases,
 * the catalog's statistics), a number entered by hand marked with its reason, a reviewer's comment at a
 * cell marked with its number (not by colour alone).
 */
import type { AnnualReport } from '../../report/index.ts';
import {
  TABLE2_2021, TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS, TABLE3_ROWS_2021,
  TABLE4_COLUMN_LABELS, TABLE4_COLUMNS, TABLE4_GROUP_LABELS, TABLE4_GROUPS,
} from '../../report/index.ts';
import type { ManualCell } from '../core/assemble.ts';
import { factLinks } from '../core/sentences.ts';

export interface TablesProps {
  agencyId: number;
  year: number;
  report: AnnualReport;
  /** Cell path → the numbers of the comments made at it. */
  commentMarks: Map<string, number[]>;
  manual: Readonly<Record<string, ManualCell>>;
  /** Link numbers to their records (a year drafted from records). */
  linked: boolean;
}

function Cell(props: { path: string; value: number | string | null; href?: string | undefined; label: string; t: TablesProps }) {
  const { value, t, path } = props;
  const marks = t.commentMarks.get(path);
  const manual = t.manual[path];
  const text = value === null ? '—' : String(value);
  return (
    <td class="num" id={`cell-${path.replace(/[^a-zA-Z0-9]/g, '-')}`}>
      {t.linked && props.href && value !== null && value !== 0 ? <a href={props.href} aria-label={`${props.label}：${text}，查看记录`}>{text}</a> : text}
      {manual ? <span class="mark" title={`手工填写：${manual.reason}`}>（手填）</span> : null}
      {marks ? marks.map((n) => <a class="mark" href={`#comment-${n}`} aria-label={`审查意见 ${n}`}>※{n}</a>) : null}
    </td>
  );
}

/** The three tables. */
export function WorkspaceTables(t: TablesProps) {
  const link = factLinks(t.agencyId, t.year);
  const t2 = t.report.table2 as Record<string, Record<string, number | string | null>>;
  return (
    <>
      <h3 id="table2">表二　主动公开政府信息情况</h3>
      <div class="table-wrap" role="region" aria-labelledby="table2" tabindex={0}>
        <table>
          <thead><tr><th scope="col">项目</th><th scope="col">数量</th></tr></thead>
          <tbody>
            {Object.entries(TABLE2_2021).flatMap(([row, columns]) => columns.map((col) => {
              const label = `${TABLE2_ROW_LABELS[row as keyof typeof TABLE2_ROW_LABELS]} · ${TABLE2_COLUMN_LABELS[col]}`;
              return <tr><th scope="row">{label}</th><Cell path={`t2.${row}.${col}`} value={t2[row]?.[col] ?? null} href={link.catalog} label={label} t={t} /></tr>;
            }))}
          </tbody>
        </table>
      </div>
      <h3 id="table3">表三　收到和处理政府信息公开申请情况</h3>
      <p class="scroll-hint">表格较宽，可左右滑动查看。</p>
      <div class="table-wrap" role="region" aria-labelledby="table3" tabindex={0}>
        <table>
          <thead><tr><th scope="col">项目</th>{TABLE3_COLUMNS.map((c) => <th scope="col">{TABLE3_COLUMN_LABELS[c]}</th>)}</tr></thead>
          <tbody>
            {TABLE3_ROWS_2021.map((row) => (
              <tr>
                <th scope="row">{TABLE3_ROW_LABELS[row]}</th>
                {TABLE3_COLUMNS.map((col, i) => (
                  <Cell path={`t3.${row}[${i}]`} value={t.report.table3.rows[row]?.[i] ?? null} href={link.cell('t3', row, col)}
                    label={`${TABLE3_ROW_LABELS[row]} · ${TABLE3_COLUMN_LABELS[col]}`} t={t} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="table4">表四　政府信息公开行政复议、行政诉讼情况</h3>
      <div class="table-wrap" role="region" aria-labelledby="table4" tabindex={0}>
        <table>
          <thead><tr><th scope="col">项目</th>{TABLE4_COLUMNS.map((c) => <th scope="col">{TABLE4_COLUMN_LABELS[c]}</th>)}</tr></thead>
          <tbody>
            {TABLE4_GROUPS.map((g) => (
              <tr>
                <th scope="row">{TABLE4_GROUP_LABELS[g]}</th>
                {TABLE4_COLUMNS.map((col) => (
                  <Cell path={`t4.${g}.${col}`} value={t.report.table4[g]?.[col] ?? null} href={link.cell('t4', g, col)} label={`${TABLE4_GROUP_LABELS[g]} · ${TABLE4_COLUMN_LABELS[col]}`} t={t} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
