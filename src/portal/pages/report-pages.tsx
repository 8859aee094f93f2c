/**
 * 政府信息公开年报: the years of an agency's annual reports, and one year's report as a page (the report
 * room's article: sections, tables 二/三/四 scrolling in their own focusable regions on phones) with its
 * Word download. A report published from the annual report workspace may have been corrected (更正):
 * its page lists every version with its date and 更正说明, each earlier version at its own address.
 */
import type { AnnualReport } from '../../report/index.ts';
import { ReportArticle } from '../../report/index.ts';
import type { PublishedVersionSummary } from '../../supervision/index.ts';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath } from '../urls.ts';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** The address of a year's report page (an earlier published version: `?version=N`). */
export const reportPath = (agencyId: number, year: number, versionNo?: number) =>
  `${agencyPath(agencyId, 'reports')}/${year}${versionNo === undefined ? '' : `?version=${versionNo}`}`;
/** The address of a year's report as Word. */
export const reportDocxPath = (agencyId: number, year: number, versionNo?: number) =>
  `${agencyPath(agencyId, 'reports')}/${year}/download.docx${versionNo === undefined ? '' : `?version=${versionNo}`}`;

/** One year in the list: its 发布日期 and whether it was corrected. */
export interface ReportListYear {
  year: number;
  publishedOn: string | null;
  /** Corrected (更正) after its first publication. */
  corrected?: boolean;
}

/** /open/{id}/reports. */
export function ReportListPage(props: { directory: Directory; agency: PortalAgency; years: readonly ReportListYear[] }) {
  const { agency } = props;
  return (
    <PortalFrame directory={props.directory} agency={agency} section="reports" heading={`${agency.name}${SECTION_LABELS.reports}`} current={SECTION_LABELS.reports}
      lead="本机关每年1月31日前公布上一年度政府信息公开工作年度报告（条例第四十九条）。">
      {props.years.length === 0 ? <p>本机关尚未在本网站发布年度报告。</p> : (
        <ul class="report-years">
          {props.years.map((y) => (
            <li>
              <a href={reportPath(agency.id, y.year)}>{`${agency.name}${y.year}年政府信息公开工作年度报告`}</a>
              {y.corrected ? <span>（已更正{y.publishedOn ? `，${y.publishedOn}` : ''}）</span> : null}
              {' '}<a href={reportDocxPath(agency.id, y.year)} class="download">下载 Word 版<span class="visually-hidden">（{y.year}年）</span></a>
            </li>
          ))}
        </ul>
      )}
    </PortalFrame>
  );
}

/** The versions of a corrected report: the shown one and the newest marked, every one linked with its date and 更正说明. */
function VersionList(props: { agencyId: number; year: number; shown: number; versions: readonly PublishedVersionSummary[] }) {
  const newest = props.versions.at(-1)!.versionNo;
  return (
    <section class="report-versions" aria-labelledby="report-versions-heading">
      <h2 id="report-versions-heading">更正记录</h2>
      <ol>
        {props.versions.map((v) => {
          const label = v.versionNo === 1 ? `首次发布（${v.publishedOn}）` : `第 ${v.versionNo - 1} 次更正（${v.publishedOn}）`;
          const href = reportPath(props.agencyId, props.year, v.versionNo === newest ? undefined : v.versionNo);
          return (
            <li>
              {v.versionNo === props.shown ? <strong aria-current="page">{label}（本页）</strong> : <a href={href}>{label}</a>}
              {v.versionNo === newest ? '：现行版本' : ''}
              {v.correction ? <p class="correction">更正说明：{v.correction}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** A published version of the workspace, as the year page shows it. */
export interface ShownVersion {
  versionNo: number;
  publishedOn: string;
  correction: string | null;
  versions: readonly PublishedVersionSummary[];
}

/** /open/{id}/reports/{year}. The article's own heading is the page's h1. */
export function ReportYearPage(props: { directory: Directory; agency: PortalAgency; year: number; report: AnnualReport; version?: ShownVersion }) {
  const { agency, year, version } = props;
  const newest = version?.versions.at(-1)?.versionNo;
  const earlier = version !== undefined && version.versionNo !== newest;
  return (
    <PortalFrame directory={props.directory} agency={agency} section="reports" current={`${year}年度报告`}
      crumbs={[{ href: agencyPath(agency.id, 'reports'), label: SECTION_LABELS.reports }]}>
      {earlier ? (
        <p class="notice" role="note">
          这是本报告{version.versionNo === 1 ? '首次发布' : `第 ${version.versionNo - 1} 次更正后`}的版本（{version.publishedOn}），已被更正。
          <a href={reportPath(agency.id, year)}>查看现行版本</a>
        </p>
      ) : null}
      {version?.correction && !earlier ? <p class="notice" role="note">本报告已于 {version.publishedOn} 更正。更正说明：{version.correction}</p> : null}
      <p class="no-print"><a href={reportDocxPath(agency.id, year, earlier ? version.versionNo : undefined)} class="download">下载 Word 版</a></p>
      <div class="report-tables portal-report">
        <ReportArticle report={props.report} scrollRegions={true} />
      </div>
      {version && version.versions.length > 1 ? <VersionList agencyId={agency.id} year={year} shown={version.versionNo} versions={version.versions} /> : null}
    </PortalFrame>
  );
}
