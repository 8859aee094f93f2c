/**
 * 政府信息公开年报: the years of an agency's stored annual reports, and one year's report as a page
 * (the report room's article: sections, tables 二/三/四 scrolling in their own focusable regions on
 * phones) with its Word download.
 */
import type { AgencyReportYear, AnnualReport } from '../../report/index.ts';
import { ReportArticle } from '../../report/index.ts';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath } from '../urls.ts';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** The address of a year's report page. */
export const reportPath = (agencyId: number, year: number) => `${agencyPath(agencyId, 'reports')}/${year}`;
/** The address of a year's report as Word. */
export const reportDocxPath = (agencyId: number, year: number) => `${reportPath(agencyId, year)}/download.docx`;

/** /open/{id}/reports. */
export function ReportListPage(props: { directory: Directory; agency: PortalAgency; years: readonly AgencyReportYear[] }) {
  const { agency } = props;
  return (
    <PortalFrame directory={props.directory} agency={agency} section="reports" heading={`${agency.name}${SECTION_LABELS.reports}`} current={SECTION_LABELS.reports}
      lead="本机关每年1月31日前公布上一年度政府信息公开工作年度报告（条例第四十九条）。">
      {props.years.length === 0 ? <p>本机关尚未在本网站发布年度报告。</p> : (
        <ul class="report-years">
          {props.years.map((y) => (
            <li>
              <a href={reportPath(agency.id, y.year)}>{`${agency.name}${y.year}年政府信息公开工作年度报告`}</a>
              {' '}<a href={reportDocxPath(agency.id, y.year)} class="download">下载 Word 版<span class="visually-hidden">（{y.year}年）</span></a>
            </li>
          ))}
        </ul>
      )}
    </PortalFrame>
  );
}

/** /open/{id}/reports/{year}. The article's own heading is the page's h1. */
export function ReportYearPage(props: { directory: Directory; agency: PortalAgency; year: number; report: AnnualReport }) {
  const { agency, year } = props;
  return (
    <PortalFrame directory={props.directory} agency={agency} section="reports" current={`${year}年度报告`}
      crumbs={[{ href: agencyPath(agency.id, 'reports'), label: SECTION_LABELS.reports }]}>
      <p class="no-print"><a href={reportDocxPath(agency.id, year)} class="download">下载 Word 版</a></p>
      <div class="report-tables portal-report">
        <ReportArticle report={props.report} scrollRegions={true} />
      </div>
    </PortalFrame>
  );
}
