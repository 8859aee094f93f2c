/**
 * One checked report: metadata, findings (linked to their cells), parse warnings, downloads,
 * and the tables as imported with the cells concerned marked.
 */
import { AGENCY_KIND_LABELS } from '../../law/agency-kinds.ts';
import type { ReportFormat } from '../model.ts';
import { ReportTables } from '../render/report-tables.tsx';
import type { CheckedReport } from '../store.ts';
import { cellAnchor, cellMarksFor, cellsOfPath, describePath, isTablePath } from './cell-marks.ts';
import { CountTags, SeverityTag } from './tags.tsx';

/** Props of ReportPage. */
export interface ReportPageProps {
  report: CheckedReport;
}

const FORMAT_LABELS: Record<ReportFormat, string> = {
  '2021': '2021 年版格式（国办公开办函〔2021〕30号）',
  '2019': '2019 年版格式',
};
const time = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function CellLinks(props: { paths: string[]; format: CheckedReport['format'] }) {
  if (props.paths.length === 0) return null;
  return (
    <span class="cells">
      涉及：
      {props.paths.map((p, i) => (
        <>
          {i > 0 ? '；' : ''}
          {isTablePath(p) ? <a href={`#${cellAnchor(cellsOfPath(p, props.format)[0] ?? p)}`}>{describePath(p)}</a> : describePath(p)}
        </>
      ))}
    </span>
  );
}

function TablesWithAnchors(props: { report: CheckedReport }) {
  const marks = cellMarksFor(props.report.format, props.report.findings, props.report.warnings);
  return <ReportTables report={props.report.canonical} cellMarks={marks} cellIds />;
}

/** The report page. */
export function ReportPage(props: ReportPageProps) {
  const r = props.report;
  const errors = r.findings.filter((f) => f.severity === 'error');
  const warnings = r.findings.filter((f) => f.severity === 'warning');
  const ordered = [...errors, ...warnings];
  return (
    <>
      <h1>{r.agency ?? '（未识别出机关名称）'} {r.year ?? ''} 年度报告检查结果</h1>
      <p class="lead"><CountTags errors={errors.length} warnings={warnings.length} doubts={r.warnings.length} /></p>
      <dl class="meta">
        <dt>机关</dt><dd>{r.agency ?? '未识别'}</dd>
        <dt>报告年度</dt><dd>{r.year ?? '未识别'}</dd>
        <dt>格式</dt><dd>{FORMAT_LABELS[r.format]}</dd>
        <dt>机关类型</dt><dd>{r.agencyKind ? AGENCY_KIND_LABELS[r.agencyKind] : '未说明'}</dd>
        <dt>发布日期</dt><dd>{r.publishedOn ?? '文件中未见'}</dd>
        <dt>源文件</dt><dd>{r.sourceFileName}（{r.sourceKind}，{Math.ceil(r.sourceSize / 1024)} KB） <a href={`/reports/${r.id}/source`}>下载原文件</a></dd>
        <dt>跨年度核对</dt>
        <dd>
          {r.previousReportId !== null
            ? <>已与 <a href={`/reports/${r.previousReportId}`}>上一年度报告</a> 核对（X-CARRY、X-IN-FORCE）</>
            : '未找到同一机关上一年度的报告，未做跨年度核对。可在上传时一并提供上一年度报告。'}
        </dd>
        <dt>检查时间</dt><dd>{time(r.createdAt)}</dd>
      </dl>
      <div class="button-row" aria-label="下载">
        <a class="button button-secondary" href={`/reports/${r.id}/download.docx`}>下载 DOCX</a>
        <a class="button button-secondary" href={`/reports/${r.id}/download.xlsx`}>下载 XLSX</a>
        <a class="button button-secondary" href={`/reports/${r.id}/download.json`}>下载 JSON</a>
        <a class="button button-secondary" href={`/reports/${r.id}/download.html`}>下载 HTML</a>
        <a class="button button-secondary" href={`/reports/${r.id}/check-result.docx`}>下载检查意见（Word）</a>
        <a class="button button-secondary" href={`/reports/${r.id}/check-result`}>打印检查意见</a>
      </div>

      <h2 id="findings">发现的问题（{ordered.length}）</h2>
      {ordered.length === 0 ? <p>未发现问题。</p> : (
        <ol class="findings">
          {ordered.map((f) => (
            <li class={f.severity}>
              <SeverityTag severity={f.severity} />
              <span class="rule">{f.rule}</span>
              {f.message}
              <br />
              <CellLinks paths={f.cells} format={r.format} />
            </li>
          ))}
        </ol>
      )}

      <h2 id="doubts">读取时的疑点（{r.warnings.length}）</h2>
      {r.warnings.length === 0 ? <p>文件读取顺利，没有存疑之处。</p> : (
        <>
          <p>以下内容由程序从文件中读出时把握不足，表格中以虚线框标出，请对照原文核实。</p>
          <ul class="findings">
            {r.warnings.map((w) => (
              <li>
                <span class="tag tag-doubt">存疑</span> {w.message}
                {w.path ? <><br /><CellLinks paths={[w.path]} format={r.format} /></> : null}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 id="tables">报告表格（按文件读出的数字）</h2>
      <p class="muted">红框：错误涉及的单元格；黄框：提醒；蓝色虚线框：读取存疑。</p>
      <TablesWithAnchors report={r} />
    </>
  );
}
