/**
 * The list of the reports stored by the agencies the reader may see (their own, or every agency under
 * a supervisor's government), by agency and year, with error/warning counts and filters.
 */
import type { StorableAgency } from '../report-access.ts';
import type { CheckedReportSummary } from '../store.ts';
import { CountTags } from './tags.tsx';
import { beijingTime } from './time.ts';

/** Props of ReportListPage. */
export interface ReportListPageProps {
  items: CheckedReportSummary[];
  total: number;
  /** The agencies the reader may see, as the filter's choices; undefined when there are too many to list (a name field instead). */
  agencies: readonly StorableAgency[] | undefined;
  agencyId: number | undefined;
  /** Part of an agency's name typed in the filter. */
  agencyName?: string | undefined;
  year: number | undefined;
  page: number;
  pageSize: number;
  /** Cursors of the next and previous pages (store.ts ReportListPage). */
  nextAfter?: number | undefined;
  previousBefore?: number | undefined;
}

function pageHref(props: ReportListPageProps, page: number, cursor?: { after?: number | undefined; before?: number | undefined }): string {
  const q = new URLSearchParams();
  if (props.agencyId !== undefined) q.set('agencyId', String(props.agencyId));
  if (props.agencyName !== undefined) q.set('agency', props.agencyName);
  if (props.year !== undefined) q.set('year', String(props.year));
  if (page > 1) q.set('page', String(page));
  if (page > 1 && cursor?.after !== undefined) q.set('after', String(cursor.after));
  if (page > 1 && cursor?.before !== undefined) q.set('before', String(cursor.before));
  const s = q.toString();
  return s ? `/reports?${s}` : '/reports';
}

const time = beijingTime;

/** The list page. */
export function ReportListPage(props: ReportListPageProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const filtered = props.agencyId !== undefined || props.agencyName !== undefined || props.year !== undefined;
  const many = props.agencies === undefined || props.agencies.length > 1;
  return (
    <>
      <h1>已检查的报告</h1>
      <p class="lead">{many ? '您可以查看的各机关保存的年度报告。' : '本机关保存的年度报告。'}</p>
      <form class="filters" method="get" action="/reports" role="search" aria-label="筛选报告">
        {props.agencies === undefined ? (
          <div class="form-group">
            <label for="agency">机关名称</label>
            <span class="hint" id="agency-hint">填名称中的几个字，如“文化”</span>
            <input type="text" id="agency" name="agency" value={props.agencyName ?? ''} maxlength={100} aria-describedby="agency-hint" />
          </div>
        ) : props.agencies.length > 1 ? (
          <div class="form-group">
            <label for="agencyId">机关</label>
            <select id="agencyId" name="agencyId">
              <option value="">全部机关</option>
              {props.agencies.map((a) => <option value={String(a.id)} selected={props.agencyId === a.id}>{a.name}</option>)}
            </select>
          </div>
        ) : null}
        <div class="form-group">
          <label for="year">报告年度</label>
          <input type="number" id="year" name="year" value={props.year === undefined ? '' : String(props.year)} min={2008} max={2100} inputmode="numeric" />
        </div>
        <button type="submit" class="button">筛选</button>
        {filtered ? <a href="/reports">清除筛选</a> : null}
      </form>
      <p>共 {props.total} 份{filtered ? '符合条件的' : ''}报告。</p>
      {props.items.length === 0 ? (
        <p>{filtered ? '没有符合条件的报告，请放宽筛选条件。' : '还没有保存过报告。'}<a href="/">上传一份报告</a></p>
      ) : (
        <div class="table-wrap" role="region" tabindex={0} aria-label="已检查的报告列表">
          <table class="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">机关</th><th scope="col">年度</th><th scope="col">检查结果</th>
                <th scope="col">文件</th><th scope="col">检查时间</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((r) => (
                <tr>
                  <td class="agency"><a href={`/reports/${r.id}`}>{r.agencyName}</a></td>
                  <td class="num" data-label="年度">{r.year ?? '—'}</td>
                  <td data-label="检查结果"><CountTags errors={r.errorCount} warnings={r.warningCount} doubts={r.parseWarningCount} /></td>
                  <td class="file-name" data-label="文件">{r.sourceFileName}</td>
                  <td data-label="检查时间">{time(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="分页" class="button-row">
          {props.page > 1 ? <a href={pageHref(props, props.page - 1, { before: props.previousBefore })}>上一页</a> : null}
          <span>第 {props.page} / {pages} 页</span>
          {props.page < pages && props.nextAfter !== undefined ? <a href={pageHref(props, props.page + 1, { after: props.nextAfter })}>下一页</a> : null}
        </nav>
      ) : null}
    </>
  );
}
