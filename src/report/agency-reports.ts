/**
 * An agency's annual reports as the public portal publishes them (政府信息公开年报, issue 18 §4): for
 * each year, the newest report the agency stored (an anonymous check is nobody's). SQL only.
 */
import type { Queryable } from '../platform/db/queryable.ts';
import type { AnnualReport } from './model.ts';
import { findLatestReport } from './store.ts';

/** One year's report of an agency, as a list shows it. */
export interface AgencyReportYear {
  year: number;
  /** 发布日期 as the report gives it. */
  publishedOn: string | null;
  /** When the agency stored it. */
  storedAt: Date;
}

/** The years for which an agency stored a report, newest year first, each with its newest report. */
export async function agencyReportYears(db: Queryable, agencyId: number): Promise<AgencyReportYear[]> {
  const { rows } = await db.query<{ year: number; published_on: string | null; created_at: Date }>(
    `SELECT DISTINCT ON (year) year, published_on, created_at FROM checked_reports
     WHERE agency_id = $1 AND year IS NOT NULL ORDER BY year DESC, id DESC`,
    [agencyId],
  );
  return rows.map((r) => ({ year: r.year, publishedOn: r.published_on, storedAt: r.created_at }));
}

/** The newest report an agency stored for a year (its canonical JSON), or undefined. */
export async function agencyReportOfYear(db: Queryable, agencyId: number, year: number): Promise<{ report: AnnualReport; storedAt: Date } | undefined> {
  const stored = await findLatestReport(db, agencyId, year);
  return stored && { report: stored.canonical, storedAt: stored.createdAt };
}
