/**
 * The annual report as a standalone HTML page in the layout government websites publish:
 * title, introduction, sections 一…六 with their paragraphs, tables 二/三/四 inside sections
 * 二/三/四, and the agency and date line at the end. Inline CSS, printable, no JavaScript.
 *
 * No canonical JSON is embedded: the page is read back like any published report.
 */
import type { AnnualReport } from '../model.ts';
import { chineseDate, introText, printedSections, reportTitle, SECTION_TABLES } from './document.ts';
import { reportTableLayouts } from './layout.ts';
import type { CellMark } from './report-tables.tsx';
import { LayoutTable, REPORT_TABLES_CSS } from './report-tables.tsx';

const PAGE_CSS = `
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f3f2f1;color:#0b0c0c;font-family:"FangSong","仿宋","FangSong_GB2312","仿宋_GB2312","STFangsong","Songti SC","SimSun","Noto Serif CJK SC","Source Han Serif SC",serif;font-size:18px;line-height:1.8}
.report{max-width:52em;margin:0 auto;padding:1.5em 1.25em 3em;background:#fff}
.report h1{font-family:"FZXiaoBiaoSong-B05S","方正小标宋简体","SimSun","宋体","Songti SC","Noto Serif CJK SC",serif;font-size:1.6em;font-weight:bold;line-height:1.5;text-align:center;margin:0.5em 0 1em}
.report h2{font-family:"SimHei","黑体","Heiti SC","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:1.1em;font-weight:bold;margin:1.4em 0 0.4em}
.report p{margin:0.3em 0;text-indent:2em;text-align:justify}
.report .report-date{margin-top:2.5em}
.report .report-date p{text-indent:0;text-align:right}
.report-table{font-family:"SimSun","宋体","Songti SC","Noto Serif CJK SC",serif}
@media (max-width:40em){body{font-size:16px}.report{padding:1em 0.75em 2em}}
@media print{body{background:#fff;font-size:12pt}.report{max-width:none;padding:0}@page{size:A4;margin:2.5cm 2.4cm}h2{page-break-after:avoid}}
`;

export interface ReportPageProps {
  report: AnnualReport;
  /** Cell marks, as on the checker pages (none on the published page). */
  cellMarks?: Partial<Record<string, CellMark>>;
  /**
   * Each table's scroll box a named region that takes keyboard focus, with the narrow-screen hint
   * (a page of the site, such as the portal's, where a wide table scrolls inside the page).
   */
  scrollRegions?: boolean;
}

/** The report's body (title, introduction, sections with their tables, date line) as an <article>. */
export function ReportArticle(props: ReportPageProps) {
  const { report } = props;
  const layouts = reportTableLayouts(report);
  return (
    <article class="report">
      <h1>{reportTitle(report)}</h1>
      <p class="intro">{introText(report)}</p>
      {printedSections(report).map((section) => {
        const table = SECTION_TABLES[section.key];
        return (
          <section id={`section-${section.key}`} aria-labelledby={`heading-${section.key}`}>
            <h2 id={`heading-${section.key}`}>{section.title}</h2>
            {section.paragraphs.map((text) => <p>{text}</p>)}
            {table === undefined ? '' : <LayoutTable layout={layouts[table]} cellMarks={props.cellMarks} labelledBy={`heading-${section.key}`} scrollRegion={props.scrollRegions} />}
          </section>
        );
      })}
      {report.publishedOn === undefined ? '' : (
        <footer class="report-date">
          <p>{report.agency ?? ''}</p>
          <p><time datetime={report.publishedOn}>{chineseDate(report.publishedOn)}</time></p>
        </footer>
      )}
    </article>
  );
}

/** The whole page (lang zh-CN, utf-8, viewport, title, generator and PubDate metadata). */
export function ReportPage(props: ReportPageProps) {
  const { report } = props;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{reportTitle(report)}</title>
        <meta name="generator" content="Gongkai" />
        {report.publishedOn === undefined ? '' : <meta name="PubDate" content={report.publishedOn} />}
        <style dangerouslySetInnerHTML={{ __html: PAGE_CSS + REPORT_TABLES_CSS }} />
      </head>
      <body>
        <main>
          <ReportArticle report={report} cellMarks={props.cellMarks} />
        </main>
      </body>
    </html>
  );
}

/** Renders the standalone HTML page as a string (with its doctype). */
export function renderHtml(report: AnnualReport): string {
  return `<!DOCTYPE html>\n${String(<ReportPage report={report} />)}`;
}
