/** The list of the viewer's agencies with their annual report of a year (the workspace's entry). */
import { REPORT_STATE_LABELS, type ReportState } from '../core/workflow.ts';

export interface WorkspaceListRow {
  agencyId: number;
  agency: string;
  state: string;
  publishedOn: string | null;
  mayWrite: boolean;
}

export function WorkspaceListPage(p: { year: number; thisYear: number; total: number; rows: WorkspaceListRow[]; reviewer: boolean }) {
  const years = Array.from({ length: 6 }, (_, i) => p.thisYear - i);
  return (
    <>
      <h1>{p.year} 年政府信息公开工作年度报告</h1>
      <form method="get" action="/annual-reports" class="filters">
        <label for="year">年度</label>
        <select id="year" name="year">{years.map((y) => <option value={String(y)} selected={y === p.year}>{y} 年</option>)}</select>
        <button type="submit">查看</button>
      </form>
      <p>年度报告由各机关的办理记录自动生成：打开一个机关，核对生成的文字和数字，修改后报送、发布。{p.reviewer ? <>审查所属机关的报告请到 <a href="/supervision">政务公开监督</a>。</> : null}</p>
      {p.total > p.rows.length ? <p>共 {p.total} 个机关，只列出前 {p.rows.length} 个；请到政务公开监督页面按状态查看。</p> : null}
      <div class="table-wrap" role="region" aria-labelledby="list-title" tabindex={0}>
        <table>
          <caption id="list-title">{p.year} 年度报告</caption>
          <thead><tr><th scope="col">机关</th><th scope="col">状态</th><th scope="col">发布日期</th></tr></thead>
          <tbody>{p.rows.map((r) => (
            <tr>
              <th scope="row"><a href={`/annual-reports/${r.agencyId}/${p.year}`}>{r.agency}</a></th>
              <td>{r.state === 'missing' ? '尚未开始编制' : REPORT_STATE_LABELS[r.state as ReportState]}</td>
              <td>{r.publishedOn ?? '—'}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </>
  );
}
