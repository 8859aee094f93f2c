/**
 * 年度报告监督 (/supervision/:id): for a people's government and a year, every agency under it — its
 * report's state and dates, whether it is late, what the rules found (by rule, in words), cross-year
 * breaks, 第二十条 coverage gaps and overdue applications — with counts at the top that filter the
 * list, then four charts drawn on the server, each with its numbers as a table beside it. The list
 * is paged (100 a page) and stacks into one block per agency on a phone.
 */
import { raw } from 'hono/html';
import { type FormState, SelectField } from '../../platform/http/form.tsx';
import type { DashboardChart } from '../dashboard-charts.ts';
import { ROW_FILTERS, type Dashboard, type DashboardRow, type RowFilter } from '../dashboard-service.ts';
import { dashboardHref, dateText, FILTER_LABELS, reportHref, STATUS_LABELS } from './dashboard-format.ts';

/** Props of the page. */
export interface DashboardPageProps {
  government: string;
  dashboard: Dashboard;
  filter: RowFilter;
  /** The rows of this page (already filtered), and where they are in the filtered list. */
  rows: readonly DashboardRow[];
  matching: number;
  page: number;
  pages: number;
  pageSize: number;
  years: readonly number[];
  charts: readonly DashboardChart[];
}

const TAG: Record<DashboardRow['state'], string> = {
  missing: 'tag tag-error', draft: 'tag tag-warning', submitted: 'tag tag-doubt', returned: 'tag tag-warning', accepted: 'tag tag-doubt', published: 'tag tag-ok',
};

function StateCell(props: { row: DashboardRow }) {
  const { row } = props;
  return (
    <td data-label="状态">
      <strong class={TAG[row.state]}>{STATUS_LABELS[row.state]}</strong>
      {row.late ? <> <strong class="tag tag-error">逾期</strong></> : null}
    </td>
  );
}

function RulesCell(props: { row: DashboardRow }) {
  const { row } = props;
  if (row.state === 'missing') return <td data-label="发现的问题">—</td>;
  if (row.rules.length === 0) return <td data-label="发现的问题">未发现问题</td>;
  return (
    <td data-label="发现的问题">
      <ul class="rule-list">
        {row.rules.map((r) => <li>{r.name}：{r.error > 0 ? `错误 ${r.error} 处` : ''}{r.error > 0 && r.warning > 0 ? '，' : ''}{r.warning > 0 ? `提醒 ${r.warning} 处` : ''}</li>)}
      </ul>
    </td>
  );
}

function AgencyRow(props: { row: DashboardRow; year: number }) {
  const { row, year } = props;
  return (
    <tr>
      <td class="agency"><a href={reportHref(row.agencyId, year)}>{row.agency}</a></td>
      <StateCell row={row} />
      <td data-label="报送日期">{dateText(row.submittedOn)}</td>
      <td data-label="审查通过">{dateText(row.acceptedOn)}</td>
      <td data-label="发布日期">{dateText(row.publishedOn)}</td>
      <td data-label="法定发布期限">{dateText(row.dueOn)}</td>
      <td data-label="错误" class="num">{row.state === 'missing' ? '—' : row.findings.error}</td>
      <td data-label="提醒" class="num">{row.state === 'missing' ? '—' : row.findings.warning}</td>
      <RulesCell row={row} />
      <td data-label="跨年度衔接问题" class="num">{row.state === 'missing' ? '—' : row.crossYear}</td>
      <td data-label="法定主动公开缺项" class="num">{row.coverage.missing}</td>
      <td data-label="法定主动公开过期项" class="num">{row.coverage.stale}</td>
      <td data-label="逾期未办结的申请" class="num">{row.overdue}</td>
    </tr>
  );
}

function Summary(props: { dashboard: Dashboard; government: string }) {
  const { summary, governmentId, year } = props.dashboard;
  const link = (filter: RowFilter, n: number, label: string, note?: string) => (
    <li><a href={dashboardHref(governmentId, { year, state: filter })}><span class="count">{n}</span>{label}</a>{note ? <span class="hint">{note}</span> : null}</li>
  );
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">总体情况</h2>
      <ul class="summary-counts">
        {link('all', summary.agencies, '个机关', `${props.government}及其所属机关`)}
        {link('filed', summary.filed, '个已报送')}
        {link('published', summary.published, '个已发布')}
        {link('late', summary.late, '个逾期', '已过法定发布期限仍未发布，或发布晚于期限')}
        {link('errors', summary.withErrors, '个报告有错误')}
        {link('missing', summary.byState.missing, '个尚未起草')}
      </ul>
      <ul>
        <li>跨年度衔接有问题的报告：{summary.crossYear} 个</li>
        <li>法定主动公开内容有缺项的机关：{summary.coverageGaps} 个</li>
        <li>逾期未办结的政府信息公开申请：{summary.overdue} 件（截至 {dateText(props.dashboard.today)}）</li>
      </ul>
    </section>
  );
}

function Pager(props: DashboardPageProps) {
  if (props.pages <= 1) return null;
  const { governmentId, year } = props.dashboard;
  const href = (page: number) => dashboardHref(governmentId, { year, state: props.filter, page });
  return (
    <nav aria-label="分页" class="button-row">
      {props.page > 1 ? <a href={href(props.page - 1)}>上一页</a> : null}
      <span>第 {props.page} 页，共 {props.pages} 页</span>
      {props.page < props.pages ? <a href={href(props.page + 1)}>下一页</a> : null}
    </nav>
  );
}

function ChartFigure(props: { chart: DashboardChart }) {
  const { chart } = props;
  return (
    <figure class="chart">
      <figcaption id={`${chart.id}-title`}>{chart.title}</figcaption>
      {raw(chart.svg)}
      {chart.definition ? <p class="rate-definition"><strong>口径：</strong>{chart.definition}</p> : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{chart.title}的数字</caption>
          <thead><tr>{chart.table.head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {chart.table.rows.map((cells) => <tr><th scope="row">{cells[0]}</th>{cells.slice(1).map((c) => <td class="num">{c}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
      {chart.note ? <p class="hint">{chart.note}</p> : null}
    </figure>
  );
}

/** The page. */
export function DashboardPage(props: DashboardPageProps) {
  const { dashboard } = props;
  const { governmentId, year } = dashboard;
  const filters: FormState = { values: { year: String(year), state: props.filter }, errors: [] };
  const first = (props.page - 1) * props.pageSize + 1;
  return (
    <>
      <h1>{props.government}{year} 年度报告监督</h1>
      <p class="lead">
        所属各机关 {year} 年政府信息公开工作年度报告的编制、报送、审查和发布情况，报告中发现的问题，以及法定主动公开内容和依申请公开的办理情况。今天是 {dateText(dashboard.today)}。
      </p>
      <form method="get" action={`/supervision/${governmentId}`} class="filters" role="search" aria-label="选择年度和机关范围">
        <SelectField name="year" label="报告年度" form={filters} choices={props.years.map((y) => ({ value: String(y), label: `${y} 年` }))} />
        <SelectField name="state" label="显示哪些机关" form={filters} choices={ROW_FILTERS.map((f) => ({ value: f, label: FILTER_LABELS[f] }))} />
        <div class="form-group"><button type="submit" class="button">查看</button></div>
      </form>
      <Summary dashboard={dashboard} government={props.government} />

      <section aria-labelledby="agencies-title">
        <h2 id="agencies-title">各机关情况</h2>
        <p>
          {FILTER_LABELS[props.filter]}：{props.matching} 个机关{props.matching > 0 ? `，本页显示第 ${first}–${first + props.rows.length - 1} 个` : ''}。
          点击机关名称查看其年度报告。
        </p>
        <p>
          下载本表：<a href={dashboardHref(governmentId, { year, state: props.filter }, '/status.csv')}>CSV</a>　<a href={dashboardHref(governmentId, { year, state: props.filter }, '/status.xlsx')}>Excel</a>
          ；各机关报告的表二、表三、表四（每个机关一行）：<a href={dashboardHref(governmentId, { year }, '/tables.csv')}>CSV</a>　<a href={dashboardHref(governmentId, { year }, '/tables.xlsx')}>Excel</a>
        </p>
        {props.rows.length === 0 ? <p>没有符合条件的机关。</p> : (
          <div class="table-wrap">
            <table class="stack-on-phone" id="agency-table">
              <caption class="visually-hidden">各机关 {year} 年度报告情况</caption>
              <thead>
                <tr>
                  <th scope="col">机关</th><th scope="col">状态</th><th scope="col">报送日期</th><th scope="col">审查通过</th><th scope="col">发布日期</th>
                  <th scope="col">法定发布期限</th><th scope="col" class="num">错误</th><th scope="col" class="num">提醒</th><th scope="col">发现的问题</th>
                  <th scope="col" class="num">跨年度衔接问题</th><th scope="col" class="num">法定主动公开缺项</th><th scope="col" class="num">法定主动公开过期项</th>
                  <th scope="col" class="num">逾期未办结的申请</th>
                </tr>
              </thead>
              <tbody>{props.rows.map((row) => <AgencyRow row={row} year={year} />)}</tbody>
            </table>
          </div>
        )}
        <Pager {...props} />
      </section>

      {dashboard.ruleTotals.length > 0 ? (
        <section aria-labelledby="rules-title">
          <h2 id="rules-title">报告中发现的问题（按规则）</h2>
          <div class="table-wrap">
            <table id="rule-table">
              <caption class="visually-hidden">按规则统计的问题</caption>
              <thead><tr><th scope="col">问题</th><th scope="col" class="num">涉及报告</th><th scope="col" class="num">错误</th><th scope="col" class="num">提醒</th></tr></thead>
              <tbody>
                {dashboard.ruleTotals.map((r) => <tr><th scope="row">{r.name}</th><td class="num">{r.reports}</td><td class="num">{r.error}</td><td class="num">{r.warning}</td></tr>)}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="charts-title">
        <h2 id="charts-title">统计图</h2>
        <p>按{props.government}及所属机关的年度报告（含尚未发布的草稿）汇总，最近 {dashboard.trend.length} 个年度。每张图下的表格列出图中的全部数字。</p>
        <div class="chart-grid">{props.charts.map((chart) => <ChartFigure chart={chart} />)}</div>
      </section>
      <p class="hint">法定主动公开内容：《政府信息公开条例》第二十条所列事项，“缺项”指没有任何已发布的信息，“过期项”指最近一条信息超过本机关设定的期限；按今天的情况统计。逾期未办结的申请：尚未答复且已过答复期限（含延期）的申请，按今天的情况统计。</p>
    </>
  );
}
