/**
 * The interpreter: reads an annual report (政府信息公开工作年度报告) out of any SourceDocument —
 * text, crawler text, markdown, HTML, PDF, DOCX, XLSX alike. Pure: no I/O, no clock.
 *
 * Label-anchored: the template's row labels are found in order in the document's token stream,
 * and each takes the numbers that belong to it. Damaged rows are repaired only where the table
 * rules leave a single reading; every repair and every doubt becomes a parse warning.
 */
import { TABLE3_COLUMNS, type AnnualReport, type ParseWarning } from '../../model.ts';
import type { SourceDocument } from '../source.ts';
import { normalizeCells, tokenize } from './tokens.ts';
import { findRegions } from './regions.ts';
import { detectFormat, readIdentity } from './meta.ts';
import { readSections } from './sections.ts';
import { hasThreeOtherRows, readTable3 } from './table3.ts';
import { readTable2, readTable4 } from './tables24.ts';
import { warn } from './warnings.ts';

/** What the interpreter may use besides the document. */
export interface InterpretOptions {
  /** The same agency's report of the year before: evidence for a 表二 run that splits several ways. */
  previous?: AnnualReport;
}

/**
 * Reads the report. Never throws on a document that is not a report: tables not found are
 * empty (table 三 keeps its columns, no rows) and each absence is a warning.
 *
 * @example interpretReport(readText(bytes)).table3.rows.newReceived → [80, 1, 0, 0, 0, 0, 81]
 */
export function interpretReport(doc: SourceDocument, options: InterpretOptions = {}): AnnualReport {
  const warnings: ParseWarning[] = doc.warnings.map((w) => warn(w.code, w.path, w.message));
  const normalized = normalizeCells(doc);
  const { cells } = normalized;
  const tokens = tokenize(doc, normalized);
  const regions = findRegions(tokens);
  const crawler = doc.kind === 'crawler-text';
  const traits = { spacesAreArtefacts: crawler, edgeBlanksArePadding: doc.kind === 'text' };
  const identity = readIdentity(doc, warnings, cells);
  const t3Range = regions.t3;
  const threeOther = t3Range ? hasThreeOtherRows(tokens, t3Range[0], t3Range[1], undefined) : undefined;
  const format = detectFormat(tokens, threeOther, identity.year, warnings);

  const report: AnnualReport = {
    agency: identity.agency,
    year: identity.year,
    format,
    table2: {},
    table3: { columns: [...TABLE3_COLUMNS], rows: {} },
    table4: {},
  };
  if (identity.agencyKind) report.agencyKind = identity.agencyKind;
  if (identity.publishedOn) report.publishedOn = identity.publishedOn;
  report.sections = readSections(doc, cells, identity.agency, warnings);

  const narrative = (report.sections ?? []).map((s) => s.text).join('\n');
  const evidence = { narrative, year: identity.year, ...(options.previous ? { previous: options.previous } : {}) };
  if (regions.t2) report.table2 = readTable2(tokens, regions.t2[0], regions.t2[1], format, crawler, warnings, evidence);
  else warnings.push(warn('table2.not-found', 't2', '未找到表二（主动公开政府信息情况）。'));
  if (t3Range) report.table3 = readTable3(tokens, t3Range[0], t3Range[1], threeOther ?? format === '2021', traits, warnings);
  else warnings.push(warn('table3.not-found', 't3', '未找到表三（收到和处理政府信息公开申请情况）。'));
  if (regions.t4) report.table4 = readTable4(tokens, regions.t4[0], regions.t4[1], traits, warnings);
  else warnings.push(warn('table4.not-found', 't4', '未找到表四（政府信息公开行政复议、行政诉讼情况）。'));

  if (warnings.length > 0) report.warnings = warnings;
  return report;
}

/** True when the interpreter found anything of a report: a table or at least two section headings. */
export function looksLikeReport(report: AnnualReport): boolean {
  const tables = Object.keys(report.table2).length + Object.keys(report.table3.rows).length + Object.keys(report.table4).length;
  return tables > 0 || (report.sections?.length ?? 0) >= 2;
}
