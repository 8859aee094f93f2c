/**
 * The supervision room's public surface (issue 19): what another room (the portal) may use. Anything
 * not exported here is the room's own; lint refuses another room importing it.
 */
export { supervisionRoom } from './room.ts';
/** The published annual reports of an agency, for the portal's 年报 pages (every version kept visible). */
export { publishedReportOf, publishedReportYears } from './published-reports.ts';
export type { PublishedReport, PublishedReportYear, PublishedVersionSummary } from './published-reports.ts';
