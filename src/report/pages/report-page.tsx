/**
 * One checked report: metadata, findings (in words, linked to their cells or sections), parse
 * warnings, downloads, the report's sections, and the tables as imported with the cells concerned
 * marked — cells the importer declined to read show 未能读出 with their possible values. Rule ids
 * and paths stay in the JSON and API; the page names every place in words.
 */
import type { Child } from 'hono/jsx';
import { AGENCY_KIND_LABELS } from '../../law/agency-kinds.ts';
import { SECTION_TITLES } from '../model.ts';
import type { CellPath, ReportFormat } from '../model.ts';
import { printedSections } from '../render/document.ts';
import { ReportTables } from '../render/report-tables.tsx';
import type { CheckedReport } from '../store.ts';
import { cellMarksFor, describePath, hrefOfPath, pathsInWords } from './cell-marks.ts';
import { CountTags, SeverityTag } from './tags.tsx';
import { MAX_CELL_CANDIDATES, unreadCells } from './unread-cells.ts';
import { beijingTime } from './time.ts';

/** Props of ReportPage. */
export interface ReportPageProps {
  report: CheckedReport;
  /** The page's full address (an anonymous check is reached by nothing else). */
  address: string;
  /** Give the heading focus (the page right after an upload), so that a screen reader starts at the result. */
  focusHeading?: boolean;
}

const FORMAT_LABELS: Record<ReportFormat, string> = {
  '2021': '2021 年版格式（国办公开办函〔2021〕30号）',
  '2019': '2019 年版格式',
};

/** The form a report was read from, in words (SourceDocument kinds). */
export const SOURCE_KIND_LABELS: Record<string, string> = {
  text: '文本文件',
  'crawler-text': '网页抓取文本',
  markdown: 'Markdown 文本',
  html: '网页',
  pdf: 'PDF',
  docx: 'Word 文档',
  xlsx: 'Excel 表格',
  json: '规范数据文件',
};
const time = beijingTime;

/** Most places a finding lists by name (a whole blank column has 20 or more; all are marked in the tables). */
const MAX_LISTED_PLACES = 6;

function CellLinks(props: { paths: string[]; format: CheckedReport['format'] }) {
  if (props.paths.length === 0) return null;
  const more = props.paths.length - MAX_LISTED_PLACES;
  return (
    <span class="cells">
      涉及：
      {props.paths.slice(0, more > 1 ? MAX_LISTED_PLACES : undefined).map((p, i) => {
        const href = hrefOfPath(p, props.format);
        return (
          <>
            {i > 0 ? '；' : ''}
            {href === undefined ? describePath(p) : <a href={href}>{describePath(p)}</a>}
          </>
        );
      })}
      {more > 1 ? `；等共 ${props.paths.length} 格（表格中均已标出）` : ''}
    </span>
  );
}

function TablesWithAnchors(props: { report: CheckedReport }) {
  const r = props.report;
  const marks = cellMarksFor(r.format, r.findings, r.warnings);
  const notes: Partial<Record<CellPath, Child>> = {};
  for (const [path, cell] of unreadCells(r.canonical, r.warnings)) {
    const shown = cell.candidates.slice(0, MAX_CELL_CANDIDATES);
    notes[path] = (
      <span class="unread">
        <a href={`#doubt-${cell.warning + 1}`}>未能读出</a>
        {shown.length > 0 ? <span class="unread-readings">可能为 {shown.join('、')}{cell.more ? ' 等' : ''}</span> : ''}
      </span>
    );
  }
  return <ReportTables report={r.canonical} cellMarks={marks} cellNotes={notes} cellIds scrollRegions />;
}

/** What a report can be downloaded as: the report in four forms and its 检查意见. */
function downloadsOf(ref: string): { href: string; label: string }[] {
  return [
    { href: `/reports/${ref}/download.docx`, label: '下载 DOCX' },
    { href: `/reports/${ref}/download.xlsx`, label: '下载 XLSX' },
    { href: `/reports/${ref}/download.json`, label: '下载 JSON' },
    { href: `/reports/${ref}/download.html`, label: '下载 HTML' },
    { href: `/reports/${ref}/check-result.docx`, label: '下载检查意见（Word）' },
    { href: `/reports/${ref}/check-result`, label: '打印检查意见' },
  ];
}

/**
 * An anonymous check says plainly that it is kept 24 hours at this address only, and what to
 * download before then; an agency's report offers the downloads as buttons.
 */
function Downloads(props: { report: CheckedReport; address: string }) {
  const r = props.report;
  const downloads = downloadsOf(r.ref);
  if (r.expiresAt === null) {
    return <div class="button-row" aria-label="下载">{downloads.map((d) => <a class="button button-secondary" href={d.href}>{d.label}</a>)}</div>;
  }
  return (
    <section class="notice-warning" id="kept" aria-labelledby="kept-title">
      <h2 id="kept-title">检查结果保留 24 小时</h2>
      <p>
        这次检查的结果只保留到 <strong>{time(r.expiresAt)}</strong>，之后自动删除。它不出现在任何列表中，只能通过本页地址打开：
        <span class="file-name">{props.address}</span>
      </p>
      <p>请记下本页地址，或在此之前下载需要的文件：</p>
      <ul>{downloads.map((d) => <li><a href={d.href}>{d.label}</a></li>)}</ul>
    </section>
  );
}

/** The report's six sections as read, each a target for the findings about it; the text folded. */
function Sections(props: { report: CheckedReport }) {
  const sections = props.report.canonical.sections;
  if (sections === undefined) return <p>这份文件只有表格，没有报告正文。</p>;
  return (
    <ul class="report-sections">
      {printedSections(props.report.canonical).map((section) => {
        const present = sections.some((s) => s.key === section.key);
        return (
          <li id={`section-${section.key}`}>
            {present && section.paragraphs.length === 0 ? <><strong>{section.title}</strong>：只有表格，没有文字。</> : null}
            {present && section.paragraphs.length > 0 ? (
              <details>
                <summary>{section.title}<span class="muted">（{section.paragraphs.join('').length} 字）</span></summary>
                <div class="section-text">{section.paragraphs.map((text) => <p>{text}</p>)}</div>
              </details>
            ) : null}
            {present ? null : <><strong>{SECTION_TITLES[section.key]}</strong>：报告中没有找到这一部分。</>}
          </li>
        );
      })}
    </ul>
  );
}

/** The report page. */
export function ReportPage(props: ReportPageProps) {
  const r = props.report;
  const errors = r.findings.filter((f) => f.severity === 'error');
  const warnings = r.findings.filter((f) => f.severity === 'warning');
  const ordered = [...errors, ...warnings];
  const unread = unreadCells(r.canonical, r.warnings);
  const declined = new Set([...unread.values()].map((u) => u.warning));
  return (
    <>
      <h1 id="result-heading" tabindex={props.focusHeading ? -1 : undefined} autofocus={props.focusHeading === true}>
        {r.agency ?? '（未识别出机关名称）'} {r.year ?? ''} 年度报告检查结果
      </h1>
      <p class="lead"><CountTags errors={errors.length} warnings={warnings.length} doubts={r.warnings.length} /></p>
      {/* An anonymous check: how long it is kept, and where, before anything else. */}
      {r.expiresAt !== null ? <Downloads report={r} address={props.address} /> : null}
      <dl class="meta">
        <dt>机关</dt><dd id="meta-agency">{r.agency ?? '未识别'}</dd>
        <dt>报告年度</dt><dd id="meta-year">{r.year ?? '未识别'}</dd>
        <dt>格式</dt><dd id="meta-format">{FORMAT_LABELS[r.format]}</dd>
        <dt>机关类型</dt><dd id="meta-agency-kind">{r.agencyKind ? AGENCY_KIND_LABELS[r.agencyKind] : '未说明'}</dd>
        <dt>发布日期</dt><dd id="meta-published">{r.publishedOn ?? '文件中未见'}</dd>
        <dt>源文件</dt>
        <dd>
          <span class="file-name">{r.sourceFileName}</span>（{SOURCE_KIND_LABELS[r.sourceKind] ?? '其他格式'}，{Math.ceil(r.sourceSize / 1024)} KB）{' '}
          <a href={`/reports/${r.ref}/source`}>下载原文件</a>
        </dd>
        <dt>跨年度核对</dt>
        <dd>
          {r.previousRef !== null
            ? <>已与<a href={`/reports/${r.previousRef}`}>上一年度报告</a>核对上年结转和现行有效件数。</>
            : r.agencyId !== null
              ? '本机关没有已保存的上一年度报告，未做跨年度核对。可在上传时一并提供上一年度报告。'
              : '未做跨年度核对：没有一并上传同一机关上一年度的报告。'}
        </dd>
        {r.agencyName !== null ? <><dt>保存于</dt><dd id="meta-kept">{r.agencyName}的年度报告记录</dd></> : null}
        <dt>检查时间</dt><dd>{time(r.createdAt)}</dd>
      </dl>
      {r.expiresAt === null ? <Downloads report={r} address={props.address} /> : null}

      <h2 id="findings">发现的问题（{ordered.length}）</h2>
      {ordered.length === 0 ? <p>未发现问题。{unread.size > 0 ? <>但有 {unread.size} 格程序未能读出（表格中标为“未能读出”，见<a href="#doubts">读取时的疑点</a>），请对照原文核实。</> : ''}</p> : (
        <ol class="findings">
          {ordered.map((f) => (
            <li class={f.severity} data-rule={f.rule}>
              <SeverityTag severity={f.severity} /> {pathsInWords(f.message)}
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
            {r.warnings.map((w, i) => (
              <li id={`doubt-${i + 1}`}>
                <span class="tag tag-doubt">存疑</span> {pathsInWords(w.message)}
                {declined.has(i) ? <><br />这些格在表格中显示为“未能读出”：它们空着是因为程序读不准，不是机关留空，请对照原文填写。</> : null}
                {w.path ? <><br /><CellLinks paths={[w.path]} format={r.format} /></> : null}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 id="tables">报告表格（按文件读出的数字）</h2>
      <p class="muted">红框：错误涉及的单元格；黄框：提醒；蓝色虚线框：读取存疑；“未能读出”：程序读不准而留空的格。</p>
      <TablesWithAnchors report={r} />

      <h2 id="sections">报告正文</h2>
      <Sections report={r} />
    </>
  );
}
