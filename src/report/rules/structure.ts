/** Structure rules: STRUCT-SECTIONS and STRUCT-TABLES. Pure. */
import {
  SECTION_KEYS, SECTION_TITLES, TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, TABLE4_GROUP_LABELS,
  TABLE4_COLUMN_LABELS, table2Layout, table2CellPath, table3Rows, table4CellPath,
} from '../model.ts';
import type { AnnualReport, SectionKey, Table3RowKey } from '../model.ts';
import type { Finding } from '../findings.ts';
import { OTHER_DISPOSAL_SUB_ROWS, finding, table2CellLabel, table2RowLabel, table3RowLabel } from './common.ts';

const FORMAT_NAME = { '2019': '2019 年版', '2021': '2021 年版' } as const;

/**
 * STRUCT-SECTIONS: all six sections present, in order, each once.
 *
 * Fires only when the report has `sections`: canonical JSON without `sections` is a tables-only
 * document (a hand-written case, or a report stored as its tables), and says nothing about the
 * narrative either way.
 */
export function checkSections(report: AnnualReport): Finding[] {
  if (report.sections === undefined) return [];
  const findings: Finding[] = [];
  const keys = report.sections.map((s) => s.key);
  for (const key of SECTION_KEYS) {
    const count = keys.filter((k) => k === key).length;
    if (count === 0) {
      findings.push(finding('STRUCT-SECTIONS', 'error', [`sections.${key}`],
        `报告缺少第${SECTION_TITLES[key].slice(0, 1)}部分「${SECTION_TITLES[key]}」；年度报告应依次包括六个部分。`));
    } else if (count > 1) {
      findings.push(finding('STRUCT-SECTIONS', 'error', [`sections.${key}`],
        `「${SECTION_TITLES[key]}」在报告中出现 ${count} 次；每个部分应只出现一次。`));
    }
  }
  const present = SECTION_KEYS.filter((k) => keys.includes(k));
  const firstOccurrence = [...new Set(keys)].filter((k): k is SectionKey => (SECTION_KEYS as readonly string[]).includes(k));
  if (firstOccurrence.join() !== present.join()) {
    const misplaced = firstOccurrence.filter((k, i) => present[i] !== k);
    findings.push(finding('STRUCT-SECTIONS', 'error', misplaced.map((k) => `sections.${k}`),
      `各部分顺序应为一至六，报告的顺序为：${firstOccurrence.map((k) => SECTION_TITLES[k].slice(0, 1)).join('、')}。`));
  }
  return findings;
}

/** Missing template rows of table 三, accepting a single （六）其他处理 row for the three (and the three for the one). */
function missingTable3Rows(report: AnnualReport): Table3RowKey[] {
  const rows = report.table3.rows;
  const template = table3Rows(report.format);
  const missing: Table3RowKey[] = [];
  const hasSingle = rows.otherDisposal !== undefined;
  const subPresent = OTHER_DISPOSAL_SUB_ROWS.filter((r) => rows[r] !== undefined);
  for (const row of template) {
    if (row === 'otherDisposal' || (OTHER_DISPOSAL_SUB_ROWS as readonly string[]).includes(row)) continue;
    if (rows[row] === undefined) missing.push(row);
  }
  // The （六） group is complete with either the single row or all three rows.
  if (subPresent.length > 0) {
    missing.push(...OTHER_DISPOSAL_SUB_ROWS.filter((r) => rows[r] === undefined));
  } else if (!hasSingle) {
    missing.push(...(report.format === '2019' ? (['otherDisposal'] as const) : OTHER_DISPOSAL_SUB_ROWS));
  }
  return missing;
}

/**
 * STRUCT-TABLES: tables 二, 三, 四 carry every row and column of the template of the report's
 * format; each table 三 row has 7 cells. A single （六）其他处理 row counts as the whole （六） group in
 * both formats (the spec: the rules treat it as the sum of the three).
 */
export function checkTables(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  const formatName = FORMAT_NAME[report.format];
  for (const [row, columns] of Object.entries(table2Layout(report.format))) {
    const cells = (report.table2 as Record<string, Record<string, unknown> | undefined>)[row];
    if (!cells) {
      findings.push(finding('STRUCT-TABLES', 'error', [`t2.${row}`],
        `表二缺少「${table2RowLabel(row)}」行（${formatName}模板要求此行；没有的填 0）。`));
      continue;
    }
    for (const column of columns) {
      if (!(column in cells)) {
        findings.push(finding('STRUCT-TABLES', 'error', [table2CellPath(row, column)],
          `${table2CellLabel(row, column)}缺失（${formatName}模板要求此列）。`));
      }
    }
  }
  const columns = report.table3.columns as readonly string[];
  if (columns.length !== TABLE3_COLUMNS.length || columns.some((c, i) => c !== TABLE3_COLUMNS[i])) {
    findings.push(finding('STRUCT-TABLES', 'error', ['t3.columns'],
      `表三的列应依次为 ${TABLE3_COLUMNS.join('、')}（自然人、法人或其他组织五类、总计），报告为 ${columns.join('、') || '（无）'}。`));
  }
  for (const row of missingTable3Rows(report)) {
    findings.push(finding('STRUCT-TABLES', 'error', [`t3.${row}`],
      `表三缺少「${table3RowLabel(row)}」行（${formatName}模板要求此行；没有的填 0）。`));
  }
  for (const [row, cells] of Object.entries(report.table3.rows) as [Table3RowKey, unknown][]) {
    if (Array.isArray(cells) && cells.length !== TABLE3_COLUMNS.length) {
      findings.push(finding('STRUCT-TABLES', 'error', [`t3.${row}`],
        `表三「${table3RowLabel(row)}」行应有 7 个数值（自然人、法人或其他组织五类、总计），报告为 ${cells.length} 个。`));
    }
  }
  for (const group of TABLE4_GROUPS) {
    const cells = report.table4[group];
    if (!cells) {
      findings.push(finding('STRUCT-TABLES', 'error', [`t4.${group}`],
        `表四缺少「${TABLE4_GROUP_LABELS[group]}」一组（应有结果维持、结果纠正、其他结果、尚未审结、总计 5 个数值）。`));
      continue;
    }
    for (const column of TABLE4_COLUMNS) {
      if (!(column in cells)) {
        findings.push(finding('STRUCT-TABLES', 'error', [table4CellPath(group, column)],
          `表四「${TABLE4_GROUP_LABELS[group]}」缺少「${TABLE4_COLUMN_LABELS[column]}」列。`));
      }
    }
  }
  return findings;
}
