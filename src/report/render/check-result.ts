/**
 * The 检查意见 (check result) on an annual report, as a supervisor (政务公开办) sends it back to the
 * agency: title, addressee, what was checked, the counts, then every finding in words — its
 * message and the cells it concerns, named as an official reads them (表三「（七）总计」行「总计」列 = 9)
 * with the values the report prints — errors before warnings, and the date of the check.
 *
 * Pure: the report, its findings, what is known of the previous year and the date of the check
 * are parameters. Rule ids and cell paths stay in the JSON (the findings' `rule` and `cells`);
 * this document is for people and names neither. The DOCX (check-result-docx.ts) and the
 * printable page (check-result-html.tsx) print this content as it is.
 */
import { SECTION_TITLES, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE4_GROUP_LABELS } from '../model.ts';
import type { AnnualReport, CellPath, SectionKey, Table3Column, Table3RowKey, Table4Column, Table4Group } from '../model.ts';
import type { Finding, Severity } from '../findings.ts';
import { table2CellLabel, table2RowLabel, table3CellLabel, table3RowLabel, table4CellLabel } from '../rules/common.ts';
import { chineseDate } from './document.ts';

/** What is known of the report the cross-year rules compared with (the same agency's previous year). */
export interface PreviousYearFacts {
  year: number | null;
}

/** Input of `buildCheckResult`. */
export interface CheckResultInput {
  report: AnnualReport;
  findings: readonly Finding[];
  /** The previous year's report it was checked against; absent when there was none (no cross-year check). */
  previous?: PreviousYearFacts | undefined;
  /** The date of the check, 'YYYY-MM-DD' (a parameter: pure code reads no clock). */
  checkedOn: string;
}

/** One finding in words. */
export interface CheckResultItem {
  /** 1, 2, … within its group. */
  number: number;
  severity: Severity;
  /** The finding's message as the rules wrote it. */
  message: string;
  /** The cells concerned with their values (“表三「（七）总计」行「总计」列 = 9”), or one line summing up many blank cells. */
  cells: string[];
  /** The line above `cells`: 「涉及单元格：」 when a table cell is among them, else 「涉及：」 (a section, the date). */
  cellsHeading: string;
}

/** The errors or the warnings, under a heading numbered as in a Chinese document (一、二、). */
export interface CheckResultGroup {
  severity: Severity;
  heading: string;
  /** What the agency is asked to do with this group. */
  ask: string;
  items: CheckResultItem[];
}

/** The content of a 检查意见. */
export interface CheckResult {
  /** 「关于<机关><年度>年政府信息公开工作年度报告的检查意见」. */
  title: string;
  agency: string | null;
  year: number | null;
  /** 'YYYY-MM-DD'. */
  checkedOn: string;
  /** '2025年3月1日'. */
  checkedOnText: string;
  /** 「<机关>：」, or undefined when the report names no agency. */
  addressee: string | undefined;
  /** What was checked, the counts, and whether last year was compared. */
  opening: string[];
  errorCount: number;
  warningCount: number;
  /** Errors first, then warnings; a group with no finding is left out. */
  groups: CheckResultGroup[];
  /** The last paragraph before the date. */
  closing: string;
}

/** More blank cells than this in one finding are summed up in one line: its message names them already. */
const BLANK_CELLS_LISTED = 3;
/**
 * A finding with more cells than this (a sum down the 19–21 outcome rows of 表三) lists its first
 * cell, the one found wrong, and every cell that is not 0, then counts the zeros in one line: the
 * sum can still be checked, and the few cells that carry it are not lost among twenty lines of 0.
 * Seven keeps a whole row of 表三 (six applicant columns and 总计) listed cell by cell.
 */
const CELLS_LISTED = 7;
const BLANK = '空白';
const NUMERALS = ['一', '二'] as const;
const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '提醒' };
const ASKS: Record<Severity, string> = {
  error: '以下错误违反年度报告格式的填报要求或表内勾稽关系，请逐项更正。',
  warning: '以下事项请逐项核实，确有问题的一并更正。',
};

/** 「关于<机关><年度>年政府信息公开工作年度报告的检查意见」; the agency or year left out when the report does not show it. */
export function checkResultTitle(report: Pick<AnnualReport, 'agency' | 'year'>): string {
  return `关于${report.agency ?? ''}${report.year === null ? '' : `${report.year}年`}政府信息公开工作年度报告的检查意见`;
}

/**
 * Builds the 检查意见 of a checked report.
 * Example: the seed report with 表三「（七）总计」「总计」 changed to 9 → a group 「一、错误（1 项）」 whose item
 * says “表三「（七）总计」行「总计」列应为 10 …，报告填写为 9。” with the line “表三「（七）总计」行「总计」列 = 9”.
 */
export function buildCheckResult(input: CheckResultInput): CheckResult {
  const { report, findings } = input;
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const groups: CheckResultGroup[] = [];
  for (const [severity, list] of [['error', errors], ['warning', warnings]] as const) {
    if (list.length === 0) continue;
    groups.push({
      severity,
      heading: `${NUMERALS[groups.length]}、${SEVERITY_NAMES[severity]}（${list.length} 项）`,
      ask: ASKS[severity],
      items: list.map((f, i) => ({
        number: i + 1, severity, message: f.message, cells: cellLines(report, f),
        cellsHeading: f.cells.some((c) => /^t[234]\./.test(c)) ? '涉及单元格：' : '涉及：',
      })),
    });
  }
  const yearText = report.year === null ? '' : `${report.year}年`;
  const counts = findings.length === 0
    ? '未发现错误或需要核实的事项。'
    : `发现错误 ${errors.length} 项、提醒 ${warnings.length} 项。`;
  return {
    title: checkResultTitle(report),
    agency: report.agency,
    year: report.year,
    checkedOn: input.checkedOn,
    checkedOnText: chineseDate(input.checkedOn),
    addressee: report.agency === null ? undefined : `${report.agency}：`,
    opening: [
      `对照政府信息公开工作年度报告格式（${report.format} 年版），对${report.agency === null ? '' : '你单位'}${yearText}政府信息公开工作年度报告进行了检查，${counts}`,
      crossYearText(report, input.previous),
    ],
    errorCount: errors.length,
    warningCount: warnings.length,
    groups,
    closing: findings.length === 0
      ? '特此告知。'
      : errors.length > 0
        ? '请按以上意见核实更正年度报告，更正后重新公布。'
        : '请按以上意见核实，确有问题的更正后重新公布。',
  };
}

function crossYearText(report: AnnualReport, previous: PreviousYearFacts | undefined): string {
  if (previous === undefined) {
    return '本次检查未取得同一机关上一年度的年度报告，未核对「二、上年结转政府信息公开申请数量」等跨年度数据。';
  }
  const year = previous.year ?? (report.year === null ? null : report.year - 1);
  return `已与同一机关${year === null ? '上一年度' : `${year}年度`}报告核对「二、上年结转政府信息公开申请数量」等跨年度数据。`;
}

/** The lines naming a finding's cells and their values; many blank cells in one line. */
function cellLines(report: AnnualReport, f: Finding): string[] {
  const cells = f.cells.map((path) => describeCell(report, path)).filter((c): c is DescribedCell => c !== undefined);
  if (cells.length > BLANK_CELLS_LISTED && cells.every((c) => c.value === BLANK)) {
    return [`以上 ${cells.length} 格均为空白。`];
  }
  const line = (c: DescribedCell) => (c.value === undefined ? c.label : `${c.label} = ${c.value}`);
  if (cells.length <= CELLS_LISTED) return cells.map(line);
  const listed = cells.filter((c, i) => i === 0 || c.value !== '0');
  const zeros = cells.length - listed.length;
  return zeros === 0 ? listed.map(line) : [...listed.map(line), `其余 ${zeros} 格均为 0。`];
}

interface DescribedCell {
  label: string;
  /** The value as the report prints it; undefined for a part of the text (a section). */
  value: string | undefined;
}

/** A value as printed: numbers as they are, text as it is, a blank cell 空白, an absent one 缺失. */
function printed(value: unknown): string {
  if (value === null) return BLANK;
  if (value === undefined) return '缺失';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return '无法识别的内容';
}

/**
 * A cell path (src/report/findings.ts) named for a person, with its value in the report; undefined
 * for a path of a kind no rule writes (never printed: paths are not for officials).
 */
function describeCell(report: AnnualReport, path: CellPath): DescribedCell | undefined {
  const t3Cell = /^t3\.([A-Za-z.]+)\[(\d+)\]$/.exec(path);
  if (t3Cell) {
    const row = t3Cell[1] as Table3RowKey;
    const column = Number(t3Cell[2]);
    return { label: table3CellLabel(row, column), value: printed(report.table3.rows[row]?.[column]) };
  }
  if (path === 't3.columns') {
    const columns = report.table3.columns as readonly string[];
    const names = columns.map((c) => (TABLE3_COLUMNS as readonly string[]).includes(c) ? TABLE3_COLUMN_LABELS[c as Table3Column] : c);
    return { label: '表三的列', value: names.length === 0 ? '缺失' : names.join('、') };
  }
  const t3Row = /^t3\.([A-Za-z.]+)$/.exec(path);
  if (t3Row) {
    const row = t3Row[1] as Table3RowKey;
    const cells = report.table3.rows[row] as unknown;
    const value = Array.isArray(cells) ? `${cells.map(printed).join('、')}（${cells.length} 个数值）` : '报告中没有此行';
    return { label: `表三「${table3RowLabel(row)}」行`, value };
  }
  if (path === 'publishedOn') return { label: '发布日期', value: report.publishedOn === undefined ? '缺失' : chineseDate(report.publishedOn) };
  const [table, a, b, ...rest] = path.split('.');
  if (a === undefined || rest.length > 0) return undefined;
  if (table === 't4') {
    const group = report.table4[a as Table4Group];
    if (b === undefined) return { label: `表四「${TABLE4_GROUP_LABELS[a as Table4Group] ?? a}」一组`, value: group === undefined ? '报告中没有此组' : undefined };
    return { label: table4CellLabel(a as Table4Group, b as Table4Column), value: group === undefined ? '缺失' : printed(group[b as Table4Column]) };
  }
  if (table === 't2') {
    const row = (report.table2 as Record<string, Record<string, unknown> | undefined>)[a];
    if (b === undefined) return { label: `表二「${table2RowLabel(a)}」行`, value: row === undefined ? '报告中没有此行' : undefined };
    return { label: table2CellLabel(a, b), value: row === undefined || !(b in row) ? '缺失' : printed(row[b]) };
  }
  if (table === 'sections' && b === undefined && a in SECTION_TITLES) {
    return { label: `「${SECTION_TITLES[a as SectionKey]}」部分`, value: undefined };
  }
  return undefined;
}

/**
 * The date of a check as a day in China ('YYYY-MM-DD', Asia/Shanghai), from the instant it was
 * made: a stored report's check time, or now for the command line. Converts; reads no clock.
 */
export function checkDateOf(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The 检查意见 as plain lines, in the order the DOCX and the page print it (for text output and tests). */
export function checkResultLines(result: CheckResult): string[] {
  const lines = [result.title];
  if (result.addressee !== undefined) lines.push(result.addressee);
  lines.push(...result.opening);
  for (const group of result.groups) {
    lines.push(group.heading, group.ask);
    for (const item of group.items) {
      lines.push(`${item.number}. ${item.message}`);
      if (item.cells.length > 0) lines.push(item.cellsHeading, ...item.cells);
    }
  }
  lines.push(result.closing, `检查日期：${result.checkedOnText}`);
  return lines;
}
