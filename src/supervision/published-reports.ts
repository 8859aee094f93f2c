/**
 * What the public portal reads of the annual report workspace (issue 19 §1): the years an agency
 * published a report in the platform, and a year's published versions — the newest shown at the
 * year's address, every earlier one kept visible with its date, and each correction's 更正说明.
 * Published versions only: a draft, a submission or a correction in progress is nobody's public page.
 * SQL only.
 */
import type { IsoDate } from '../law/dates.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import type { AnnualReport } from '../report/index.ts';

/** A year an agency published its report in the platform. */
export interface PublishedReportYear {
  year: number;
  /** The newest version's 发布日期. */
  publishedOn: IsoDate;
  /** The first publication's date. */
  firstPublishedOn: IsoDate;
  /** How many versions (1: never corrected). */
  versions: number;
}

/** One published version, as the list of versions shows it. */
export interface PublishedVersionSummary {
  versionNo: number;
  publishedOn: IsoDate;
  /** The 更正说明 (null for the first publication). */
  correction: string | null;
}

/** A year's report as published: the version asked for (the newest by default) and every version. */
export interface PublishedReport {
  report: AnnualReport;
  versionNo: number;
  publishedOn: IsoDate;
  correction: string | null;
  /** Every version, oldest first. */
  versions: PublishedVersionSummary[];
}

/** The years the agency published a report in the platform, newest year first. */
export async function publishedReportYears(db: Queryable, agencyId: number): Promise<PublishedReportYear[]> {
  const { rows } = await db.query<{ year: number; published_on: IsoDate; first_published_on: IsoDate; versions: number }>(
    `SELECT r.year, to_char(max(v.published_on), 'YYYY-MM-DD') AS published_on, to_char(min(v.published_on), 'YYYY-MM-DD') AS first_published_on,
            count(*)::int AS versions
       FROM annual_reports r JOIN annual_report_versions v ON v.report_id = r.id
      WHERE r.agency_id = $1
      GROUP BY r.year ORDER BY r.year DESC`, [agencyId]);
  return rows.map((r) => ({ year: r.year, publishedOn: r.published_on, firstPublishedOn: r.first_published_on, versions: r.versions }));
}

/** The agency's published report of a year: version `versionNo`, or the newest; undefined when there is none. */
export async function publishedReportOf(db: Queryable, agencyId: number, year: number, versionNo?: number): Promise<PublishedReport | undefined> {
  const { rows } = await db.query<{ version_no: number; canonical: AnnualReport | null; published_on: IsoDate; correction: string | null }>(
    `SELECT v.version_no, CASE WHEN v.version_no = $3 OR ($3 IS NULL AND v.version_no = max(v.version_no) OVER ()) THEN v.canonical END AS canonical,
            to_char(v.published_on, 'YYYY-MM-DD') AS published_on, v.correction
       FROM annual_reports r JOIN annual_report_versions v ON v.report_id = r.id
      WHERE r.agency_id = $1 AND r.year = $2
      ORDER BY v.version_no`, [agencyId, year, versionNo ?? null]);
  const shown = rows.find((r) => r.canonical !== null);
  if (!shown) return undefined;
  return {
    report: shown.canonical!, versionNo: shown.version_no, publishedOn: shown.published_on, correction: shown.correction,
    versions: rows.map((r) => ({ versionNo: r.version_no, publishedOn: r.published_on, correction: r.correction })),
  };
}
