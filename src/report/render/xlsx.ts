/**
 * The annual report as an XLSX workbook (exceljs): sheets 报告信息 (agency, year, format,
 * publication date), 正文 (title, introduction, the six sections), then one sheet per table
 * (表二, 表三, 表四) with the template's merged header cells. Numbers are numbers; a blank
 * cell is left empty (never 0).
 */
import ExcelJS from 'exceljs';
import type { AnnualReport } from '../model.ts';
import { chineseDate, introText, printedSections, reportTitle } from './document.ts';
import type { TableLayout } from './layout.ts';
import { layoutRows, placeCells, reportTableLayouts } from './layout.ts';

/** Sheet names, in workbook order. */
export const XLSX_SHEETS = ['报告信息', '正文', '表二', '表三', '表四'] as const;

/** Labels of the 报告信息 sheet (the XLSX reader takes 标题 / 机关名称 / 发布日期 as document facts). */
export const XLSX_INFO_LABELS = {
  title: '标题',
  agency: '机关名称',
  year: '报告年度',
  format: '年报格式',
  agencyKind: '机关类型',
  publishedOn: '发布日期',
} as const;

const FONT = { name: '宋体', size: 10.5, charset: 134 } as const;
const THIN = { style: 'thin', color: { argb: 'FF000000' } } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;

function addInfoSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const ws = wb.addWorksheet('报告信息');
  ws.columns = [{ width: 14 }, { width: 70 }];
  const rows: [string, string | number][] = [
    ['项目', '内容'],
    [XLSX_INFO_LABELS.title, reportTitle(report)],
    [XLSX_INFO_LABELS.agency, report.agency ?? ''],
    [XLSX_INFO_LABELS.year, report.year ?? ''],
    [XLSX_INFO_LABELS.format, report.format === '2021' ? '2021年格式（国办公开办函〔2021〕30号）' : '2019年格式（国办公开办函〔2019〕60号）'],
  ];
  if (report.agencyKind !== undefined) rows.push([XLSX_INFO_LABELS.agencyKind, report.agencyKind === 'government' ? '人民政府' : '部门']);
  if (report.publishedOn !== undefined) rows.push([XLSX_INFO_LABELS.publishedOn, report.publishedOn]);
  for (const [label, value] of rows) {
    const row = ws.addRow([label, value === '' ? null : value]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = FONT;
      cell.border = BORDER;
    });
  }
  ws.getRow(1).font = { ...FONT, bold: true };
}

function addTextSheet(wb: ExcelJS.Workbook, report: AnnualReport): void {
  const ws = wb.addWorksheet('正文');
  ws.columns = [{ width: 100 }];
  const add = (text: string, style: 'title' | 'heading' | 'body'): void => {
    const row = ws.addRow([text]);
    const cell = row.getCell(1);
    cell.font = { ...FONT, size: style === 'title' ? 16 : 12, bold: style !== 'body' };
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: style === 'title' ? 'center' : 'left' };
  };
  add(reportTitle(report), 'title');
  add(introText(report), 'body');
  for (const section of printedSections(report)) {
    add(section.title, 'heading');
    for (const paragraph of section.paragraphs) add(paragraph, 'body');
  }
  if (report.publishedOn !== undefined) {
    for (const line of [report.agency ?? '', chineseDate(report.publishedOn)]) {
      ws.addRow([line]).getCell(1).alignment = { horizontal: 'right' };
    }
  }
}

function addTableSheet(wb: ExcelJS.Workbook, layout: TableLayout): void {
  const ws = wb.addWorksheet(layout.name);
  const total = layout.columnWidths.reduce((a, b) => a + b, 0);
  const width = layout.id === 'table4' ? 120 : 110;
  ws.columns = layout.columnWidths.map((w) => ({ width: Math.max(8, Math.round((w / total) * width)) }));
  const rowCount = layoutRows(layout).length;
  for (let r = 1; r <= rowCount; r += 1) {
    for (let c = 1; c <= layout.columnWidths.length; c += 1) {
      const cell = ws.getCell(r, c);
      cell.font = FONT;
      cell.border = BORDER;
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    }
  }
  for (const { row, col, cell } of placeCells(layout)) {
    const target = ws.getCell(row + 1, col + 1);
    if (cell.role === 'value') {
      if (cell.value !== null && cell.value !== undefined) target.value = cell.value;
    } else {
      target.value = cell.text;
      if (cell.role === 'note' || cell.scope === 'row' || cell.scope === 'rowgroup') {
        target.alignment = { wrapText: true, vertical: 'middle', horizontal: 'left' };
      }
    }
    if (cell.rowSpan > 1 || cell.colSpan > 1) ws.mergeCells(row + 1, col + 1, row + cell.rowSpan, col + cell.colSpan);
  }
  const headRows = layout.id === 'table2' ? 0 : (layout.groups[0]?.length ?? 0);
  if (headRows > 0) ws.views = [{ state: 'frozen', ySplit: headRows, xSplit: layout.id === 'table3' ? 3 : 0 }];
  ws.pageSetup = { paperSize: 9, orientation: layout.id === 'table2' ? 'portrait' : 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** Builds the workbook of a report. */
export function buildReportWorkbook(report: AnnualReport): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.title = reportTitle(report);
  addInfoSheet(wb, report);
  addTextSheet(wb, report);
  const layouts = reportTableLayouts(report);
  addTableSheet(wb, layouts.table2);
  addTableSheet(wb, layouts.table3);
  addTableSheet(wb, layouts.table4);
  return wb;
}

/** Renders the report as XLSX bytes. */
export async function renderXlsx(report: AnnualReport): Promise<Uint8Array> {
  const buffer = await buildReportWorkbook(report).xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
