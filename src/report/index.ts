/**
 * The report room's public surface: what another room (supervision, portal) may use. Anything not
 * exported here is the room's own; lint (eslint.config.js) refuses another room importing it.
 */
export type { AnnualReport, ParseWarning, ReportFormat, ReportSection, SectionKey, Table3RowKey } from './model.ts';
export { SECTION_KEYS, SECTION_TITLES, TABLE3_ROWS_2021, TABLE3_COLUMNS, TABLE4_GROUPS, TABLE4_COLUMNS, TABLE2_2021, TABLE3_ROW_LABELS, TABLE4_GROUP_LABELS, TABLE4_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE2_COLUMN_LABELS, TABLE3_COLUMN_LABELS } from './model.ts';
export type { Finding, RuleId, Severity } from './findings.ts';
export { parseCanonicalReport, type CanonicalParseResult } from './canonical.ts';
export { validateReport, type ValidationOptions } from './rules.ts';
export { importReport, ReportReadError, type ImportResult, type ReportFile } from './import/index.ts';
/** The text of a PDF, DOCX, XLSX, HTML or text file (the catalog's attachments, for search and the personal-data scan). */
export { readDocumentText } from './import/index.ts';
export { renderReport, RENDER_FORMATS, type RenderFormat } from './render/index.ts';
/** An XLSX workbook opened with the report readers' package checks (caps on entries, sizes, cells), for other rooms' table imports. */
export { openCheckedWorkbook } from './import/readers/xlsx/xlsx.ts';
export { agencyReportYears, agencyReportOfYear, type AgencyReportYear } from './agency-reports.ts';
export { ReportArticle } from './render/html.tsx';
export { REPORT_TABLES_CSS } from './render/report-tables.tsx';
/** The rules' names for people and the cross-year rules (the supervisor's dashboard counts findings by rule). */
export { RULE_IDS } from './findings.ts';
export { CROSS_YEAR_RULES, RULE_NAMES } from './rule-names.ts';
