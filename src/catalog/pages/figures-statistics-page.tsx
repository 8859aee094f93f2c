/**
 * 主动公开统计 (/catalog/statistics): an agency's year's table 二 (2021 template) — 规章 and 行政规范性文件
 * counted from the catalog, the entered decision counts and fee amount (未填报 where none: never shown
 * as 0) — and the year's published items by 第二十条 item and month, with the XLSX download.
 */
import type { Choice } from '../../platform/http/form.tsx';
import { ARTICLE20_LABELS } from '../../law/taxonomy.ts';
import { type DocumentRow, DOCUMENT_ROWS, wanText } from '../table2.ts';
import type { CatalogStatistics } from '../table2-service.ts';
import { monthlyRowLabel } from '../table2-xlsx.ts';
import { dateText, pageHref } from './due-format.ts';
import { AgencyYearChooser } from './figures-chooser.tsx';

/** Props of the page. */
export interface StatisticsPageProps {
  agencyName: string;
  stats: CatalogStatistics;
  agencyChoices: readonly Choice[];
  years: readonly number[];
  /** May the viewer enter the figures (经办人、负责人 of the agency)? */
  mayWrite: boolean;
  /** Who entered the figures last (a name), if known. */
  enteredBy: string | null;
}

const DOCUMENT_LABELS: Record<DocumentRow, string> = { regulations: '规章', normativeDocuments: '行政规范性文件' };

function Figure(props: { value: number | null }) {
  return props.value === null ? <td class="num"><span class="tag tag-doubt">未填报</span></td> : <td class="num">{props.value}</td>;
}

/** The page. */
export function StatisticsPage(props: StatisticsPageProps) {
  const { stats } = props;
  const t = stats.table2;
  const query = { agency: stats.agencyId, year: stats.year };
  const fees = stats.figures?.feesFen ?? null;
  return (
    <>
      <h1>{props.agencyName} {stats.year} 年主动公开统计</h1>
      <p class="lead">年度报告表二（主动公开政府信息情况）和全年按月发布的信息条数。规章、行政规范性文件由本系统已发布的信息统计，其余数字由本机关填报。</p>
      <p><a href="/catalog/due">主动公开期限</a>　<a href="/catalog/coverage">法定主动公开内容覆盖情况</a></p>
      <AgencyYearChooser action="/catalog/statistics" agencyId={stats.agencyId} agencyChoices={props.agencyChoices} year={stats.year} years={props.years} button="查看" />
      <p class="button-row">
        <a class="button button-secondary" href={pageHref('/catalog/statistics.xlsx', query)} download>下载 Excel 文件（表二、按月统计）</a>
        {props.mayWrite ? <a class="button" href={pageHref('/catalog/figures', query)}>填报表二数字</a> : null}
      </p>

      <h2 id="table2-title">二、主动公开政府信息情况</h2>
      <div class="table-wrap" role="region" aria-labelledby="table2-title" tabindex={0}>
        <table class="statistics-table" id="catalog-table2">
          <thead><tr><th scope="col">信息内容</th><th scope="col">本年制发件数</th><th scope="col">本年废止件数</th><th scope="col">现行有效件数</th></tr></thead>
          <tbody>
            <tr class="heading"><th scope="rowgroup" colspan={4}>第二十条{ARTICLE20_LABELS.regulations}</th></tr>
            {DOCUMENT_ROWS.map((row) => (
              <tr>
                <th scope="row">{DOCUMENT_LABELS[row]}</th>
                <td class="num">{t[row].issued}</td><td class="num">{t[row].repealed}</td><td class="num">{t[row].inForce}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap" role="region" aria-label="行政许可、行政处罚、行政强制和行政事业性收费" tabindex={0}>
        <table class="statistics-table" id="catalog-table2-figures">
          <thead><tr><th scope="col">信息内容</th><th scope="col">本年处理决定数量</th></tr></thead>
          <tbody>
            <tr class="heading"><th scope="rowgroup" colspan={2}>第二十条{ARTICLE20_LABELS.licensing}</th></tr>
            <tr><th scope="row">行政许可</th><Figure value={t.licensing.decisions} /></tr>
            <tr class="heading"><th scope="rowgroup" colspan={2}>第二十条{ARTICLE20_LABELS.punishment}</th></tr>
            <tr><th scope="row">行政处罚</th><Figure value={t.punishment.decisions} /></tr>
            <tr><th scope="row">行政强制</th><Figure value={t.enforcement.decisions} /></tr>
          </tbody>
        </table>
        <table class="statistics-table" id="catalog-table2-fees">
          <thead><tr><th scope="col">信息内容</th><th scope="col">本年收费金额（单位：万元）</th></tr></thead>
          <tbody>
            <tr class="heading"><th scope="rowgroup" colspan={2}>第二十条{ARTICLE20_LABELS.fees}</th></tr>
            <tr><th scope="row">行政事业性收费</th>{fees === null ? <Figure value={null} /> : <td class="num">{wanText(fees)}</td>}</tr>
          </tbody>
        </table>
      </div>
      <ul class="hint">
        <li>本年制发：成文日期在本年、已发布的规章和行政规范性文件；本年废止：有效性为“废止”、废止日期在本年；现行有效：本年年底仍有效。已撤回的信息不计。</li>
        {stats.expired.regulations + stats.expired.normativeDocuments > 0 ? (
          <li>本年另有 {stats.expired.regulations} 件规章、{stats.expired.normativeDocuments} 件行政规范性文件失效：不计入废止件数，也不再计入现行有效件数。</li>
        ) : null}
        <li>{stats.figures
          ? `填报数字最近由${props.enteredBy ?? '命令行导入'}于 ${dateText(new Date(stats.figures.updatedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10))} 保存。`
          : '本年尚未填报行政许可、行政处罚、行政强制和行政事业性收费的数字：未填报的不会当作 0。'}</li>
      </ul>

      <h2 id="monthly-title">{stats.year} 年按月发布的信息（共 {stats.monthly.totals.total} 条）</h2>
      <p class="hint">按发布日期统计已发布（未撤回）的信息，按第二十条所列事项分行。</p>
      <p class="scroll-hint">表格较宽，可左右滑动查看。</p>
      <div class="table-wrap" role="region" aria-labelledby="monthly-title" tabindex={0}>
        <table class="statistics-table" id="catalog-monthly">
          <thead>
            <tr><th scope="col">第二十条事项</th>{Array.from({ length: 12 }, (_, i) => <th scope="col">{i + 1}月</th>)}<th scope="col">全年</th></tr>
          </thead>
          <tbody>
            {stats.monthly.rows.map((row) => (
              <tr><th scope="row">{monthlyRowLabel(row)}</th>{row.months.map((n) => <td class="num">{n}</td>)}<td class="num"><strong>{row.total}</strong></td></tr>
            ))}
            <tr><th scope="row"><strong>合计</strong></th>{stats.monthly.totals.months.map((n) => <td class="num"><strong>{n}</strong></td>)}<td class="num"><strong>{stats.monthly.totals.total}</strong></td></tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
