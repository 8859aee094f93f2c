/**
 * The annual report as a DOCX (Word, WPS, LibreOffice): A4 with the margins of GB/T 9704, the
 * same structure as the HTML page, and tables 二/三/四 with the template's merged headers
 * (`columnSpan` → w:gridSpan, `verticalMerge` → w:vMerge). Chinese fonts are named explicitly
 * (eastAsia): 仿宋_GB2312 body, 黑体 section headings, 宋体 title and tables.
 */
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Paragraph, Table, TableCell, TableLayoutType,
  TableRow, TextRun, VerticalAlignTable, VerticalMergeType, WidthType,
} from 'docx';
import type { AnnualReport } from '../model.ts';
import { BODY_FONT, font, HEADING_FONT, PAGE, PAGE_PROPERTIES, packDocx, TITLE_FONT } from './docx-style.ts';
import { chineseDate, introText, printedSections, reportTitle, SECTION_TABLES } from './document.ts';
import type { LayoutCell, PlacedCell, TableLayout } from './layout.ts';
import { layoutRows, placeCells, reportTableLayouts } from './layout.ts';

const TABLE_FONT = font('宋体');
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const TABLE_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** Half-points: 三号 16pt body, 二号 22pt title, 五号 10.5pt tables, 小五 9pt for the 15 columns of 表四. */
const SIZE = { body: 32, title: 44, table: 21, narrowTable: 18 };

function columnTwips(layout: TableLayout): number[] {
  const total = layout.columnWidths.reduce((a, b) => a + b, 0);
  const widths = layout.columnWidths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  return widths;
}

function cellParagraph(cell: LayoutCell, size: number): Paragraph {
  const left = cell.role === 'note' || (cell.role === 'header' && (cell.scope === 'row' || cell.scope === 'rowgroup'));
  return new Paragraph({
    alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240, lineRule: 'auto' },
    children: cell.text === '' ? [] : [new TextRun({ text: cell.text, font: TABLE_FONT, size })],
  });
}

function spanWidth(widths: number[], col: number, span: number): number {
  return widths.slice(col, col + span).reduce((a, b) => a + b, 0);
}

/** The Word table of a layout: a cell merged down rows starts a vMerge and each row below carries a continue cell. */
export function layoutToDocxTable(layout: TableLayout): Table {
  const widths = columnTwips(layout);
  const size = widths.length > 10 ? SIZE.narrowTable : SIZE.table;
  const rows = layoutRows(layout);
  const placed = placeCells(layout);
  const covering = new Map<string, PlacedCell>();
  for (const p of placed) {
    for (let dr = 1; dr < p.cell.rowSpan; dr += 1) covering.set(`${p.row + dr}:${p.col}`, p);
  }
  const docxRows = rows.map((row, r) => {
    const starts = placed.filter((p) => p.row === r);
    const cells: TableCell[] = [];
    let col = 0;
    while (col < widths.length) {
      const start = starts.find((p) => p.col === col);
      const above = covering.get(`${r}:${col}`);
      const source = start ?? above;
      if (source === undefined) {
        col += 1;
        continue;
      }
      const span = source.cell.colSpan;
      const common = {
        width: { size: spanWidth(widths, col, span), type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        margins: { left: 57, right: 57, top: 28, bottom: 28 },
        ...(span > 1 ? { columnSpan: span } : {}),
      };
      if (start !== undefined) {
        const merge = start.cell.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {};
        cells.push(new TableCell({ ...common, ...merge, children: [cellParagraph(start.cell, size)] }));
      } else {
        cells.push(new TableCell({ ...common, verticalMerge: VerticalMergeType.CONTINUE, children: [new Paragraph({})] }));
      }
      col += span;
    }
    const header = row.head && layout.id !== 'table2' ? { tableHeader: true } : {};
    return new TableRow({ children: cells, cantSplit: true, ...header });
  });
  return new Table({
    rows: docxRows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    alignment: AlignmentType.CENTER,
  });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 },
    alignment: AlignmentType.JUSTIFIED,
    children: [new TextRun({ text, font: BODY_FONT, size: SIZE.body })],
  });
}

function rightParagraph(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text, font: BODY_FONT, size: SIZE.body })] });
}

function bodyOf(report: AnnualReport): (Paragraph | Table)[] {
  const layouts = reportTableLayouts(report);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: reportTitle(report) })] }),
    bodyParagraph(introText(report)),
  ];
  for (const section of printedSections(report)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: section.title })] }));
    for (const text of section.paragraphs) children.push(bodyParagraph(text));
    const table = SECTION_TABLES[section.key];
    if (table !== undefined) {
      children.push(layoutToDocxTable(layouts[table]));
      // Word needs a paragraph between two tables and after a table that ends a section.
      children.push(new Paragraph({}));
    }
  }
  if (report.publishedOn !== undefined) {
    children.push(new Paragraph({}), rightParagraph(report.agency ?? ''), rightParagraph(chineseDate(report.publishedOn)));
  }
  return children;
}

/** Builds the Word document of a report. */
export function buildReportDocx(report: AnnualReport): Document {
  return new Document({
    title: reportTitle(report),
    creator: 'Gongkai',
    description: '政府信息公开工作年度报告',
    ...(report.publishedOn === undefined ? {} : { customProperties: [{ name: 'PubDate', value: report.publishedOn }] }),
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } }, paragraph: { spacing: { line: 560, lineRule: 'exact' } } },
        heading1: {
          run: { font: TITLE_FONT, size: SIZE.title, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 480, line: 720, lineRule: 'exact' } },
        },
        heading2: {
          run: { font: HEADING_FONT, size: SIZE.body, bold: false, color: '000000' },
          paragraph: { indent: { firstLine: 640 }, spacing: { before: 120, after: 0 }, keepNext: true },
        },
      },
    },
    sections: [{
      properties: PAGE_PROPERTIES,
      children: bodyOf(report),
    }],
  });
}

/** Renders the report as DOCX bytes. */
export async function renderDocx(report: AnnualReport): Promise<Uint8Array> {
  return packDocx(buildReportDocx(report));
}
