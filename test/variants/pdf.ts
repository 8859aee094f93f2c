/**
 * Class 1: an official PDF whose table 三 continues on the next page, made with pdfkit (a maintained
 * PDF writer) and the embedded Noto Sans CJK font: cells drawn as text at positions with ruling
 * lines, so pdf.js extracts them as a real report's. The page break falls after a chosen row of
 * table 三; between the parts a page footer (page number) and a running header, the column header
 * repeated on the new page, sometimes the row label at the break wrapped onto both pages. Counts are
 * the truth's times one factor (4–6 digits; all sums still hold), or a generated consistent table
 * when the truth's table 三 has no count to scale.
 */
import PDFDocument from 'pdfkit';
import { SECTION_KEYS, TABLE3_OUTCOME_ROWS_2019, TABLE3_OUTCOME_ROWS_2021, TABLE4_COLUMNS, TABLE4_GROUPS } from '../../src/report/model.ts';
import type { AnnualReport, Cell, Table3RowKey } from '../../src/report/model.ts';
import {
  chance, cloneReport, intBetween, pick, printCell, reportTitle, sectionText, sectionTitle, table2Blocks, table2ColumnLabel,
  table2RowLabel, table3GroupBefore, table3Label, table3RowKeys, table4Cells, TABLE3_APPLICANT_HEADER, TABLE4_COLUMN_NAMES,
  unscoredCells, type Rng, type Variant,
} from './common.ts';
import { CJK_FONT, CJK_FONT_NAME } from '../support/cjk-font.ts';

export { hasCjkFont as cjkFontAvailable } from '../support/cjk-font.ts';

/** Scales table 三 and 四 counts by one factor so the largest becomes 4–6 digits; a blank stays blank. */
function scaleCounts(report: AnnualReport, rng: Rng): number {
  const counts = [...Object.values(report.table3.rows).flat(), ...table4Cells(report.table4)].filter((v): v is number => typeof v === 'number');
  const max = Math.max(0, ...counts);
  if (max === 0) return 0;
  const factor = intBetween(rng, Math.max(1, Math.ceil(1000 / max)), Math.max(1, Math.floor(999_999 / max)));
  for (const row of Object.values(report.table3.rows)) if (row) row.forEach((v, i) => { if (v !== null) row[i] = v * factor; });
  for (const g of TABLE4_GROUPS) {
    const group = report.table4[g];
    if (group) for (const c of TABLE4_COLUMNS) if (group[c] !== null && group[c] !== undefined) group[c] = (group[c] as number) * factor;
  }
  return factor;
}

/** A consistent table 三 with 4–6 digit counts in place of one with nothing to scale (all rules hold). */
function generateTable3(report: AnnualReport, rng: Rng): void {
  const rows = report.table3.rows;
  const outcomeRows: readonly string[] = rows['otherDisposal'] ? TABLE3_OUTCOME_ROWS_2019 : TABLE3_OUTCOME_ROWS_2021;
  const big = (): number => (chance(rng, 0.4) ? 0 : intBetween(rng, 1000, 99_999));
  const withTotal = (cells: number[]): Cell[] => [...cells, cells.reduce((a, b) => a + b, 0)];
  const processed = [0, 0, 0, 0, 0, 0];
  for (const row of outcomeRows) {
    if (!rows[row as Table3RowKey]) continue;
    const cells = [big(), big(), big(), big(), big(), big()];
    cells.forEach((v, i) => { processed[i]! += v; });
    rows[row as Table3RowKey] = withTotal(cells);
  }
  const forward = processed.map(() => big());
  const over = processed.map((p, i) => Math.min(p + forward[i]!, chance(rng, 0.5) ? 0 : intBetween(rng, 1000, 9999)));
  rows.totalProcessed = withTotal(processed);
  rows.carriedForward = withTotal(forward);
  rows.carriedOver = withTotal(over);
  rows.newReceived = withTotal(processed.map((p, i) => p + forward[i]! - over[i]!));
}

const PAGE = { width: 595.28, height: 841.89, left: 40, top: 50, bottom: 790 };
const FONT_SIZE = 8;
const LINE = 11;
const LABEL_WIDTH = 240;
const NUM_WIDTH = 38;
const LABEL_CHARS = 28;

/** A label's lines of at most LABEL_CHARS characters (a CJK character is one em). */
function wrap(text: string, chars = LABEL_CHARS): string[] {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += chars) lines.push(text.slice(i, i + chars));
  return lines.length > 0 ? lines : [''];
}

export interface PdfPlan {
  /** Table 三 rows on the first page: the break falls after this many rows. */
  breakAfter: number;
  /** The label of the first row after the break starts on the page before the break. */
  wrapAcross: boolean;
  /** With wrapAcross: the numbers stay with the label's first part (else they go with its rest). */
  numbersBefore: boolean;
  /** Group headings as their own rows (else as a prefix of the group's first label). */
  groupRows: boolean;
  footer: 'dash' | 'of';
}

export async function pdfVariant(name: string, truth: AnnualReport, rng: Rng, index: number, breakAfter: number): Promise<Variant> {
  const report = cloneReport(truth);
  const rowsPresent = table3RowKeys(report.table3);
  const nothingToScale = Object.values(report.table3.rows).flat().every((v) => v === null || v === 0);
  let factor = 0;
  if (nothingToScale) generateTable3(report, rng);
  else factor = scaleCounts(report, rng);
  const plan: PdfPlan = {
    breakAfter, wrapAcross: chance(rng, 0.35), numbersBefore: chance(rng, 0.5), groupRows: chance(rng, 0.4), footer: pick(rng, ['dash', 'of'] as const),
  };
  const bytes = await drawPdf(report, plan, rowsPresent);
  return {
    id: `pdf/${name}/${index}`,
    layout: 'pdf',
    truth: name,
    description: `PDF, table 三 broken after row ${breakAfter} (${rowsPresent[breakAfter - 1] ?? ''}), ${nothingToScale ? 'generated counts' : `counts ×${factor}`}`
      + `${plan.wrapAcross ? `, label wrapped across the break (numbers ${plan.numbersBefore ? 'before' : 'after'})` : ''}${plan.groupRows ? ', group rows' : ''}`,
    file: { name: `${name}-${index}.pdf`, bytes },
    expected: { format: report.format, table2: report.table2, table3: report.table3, table4: report.table4, ambiguous: [], unscored: unscoredCells(name) },
  };
}

function drawPdf(report: AnnualReport, plan: PdfPlan, rows: readonly Table3RowKey[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: reportTitle(report) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', CJK_FONT, CJK_FONT_NAME);
  let page = 0;
  let y = PAGE.top;
  const newPage = (): void => {
    if (page > 0) footer();
    doc.addPage({ size: 'A4', margin: 0 });
    page++;
    doc.font('cjk').fontSize(FONT_SIZE);
    y = PAGE.top;
    if (page > 1) {
      doc.fontSize(7).text(reportTitle(report), PAGE.left, 24, { lineBreak: false });
      doc.moveTo(PAGE.left, 34).lineTo(PAGE.width - PAGE.left, 34).lineWidth(0.3).stroke();
      doc.fontSize(FONT_SIZE);
    }
  };
  const footer = (): void => {
    const text = plan.footer === 'dash' ? `— ${page} —` : `第 ${page} 页`;
    doc.fontSize(8).text(text, PAGE.width / 2 - 15, 810, { lineBreak: false });
    doc.fontSize(FONT_SIZE);
  };
  const text = (s: string, x: number, at: number): void => {
    if (s !== '') doc.text(s, x, at, { lineBreak: false });
  };
  const paragraph = (s: string, size = FONT_SIZE + 1): void => {
    doc.fontSize(size);
    for (const line of wrap(s, 46)) {
      text(line, PAGE.left, y);
      y += size + 5;
    }
    doc.fontSize(FONT_SIZE);
    y += 4;
  };
  /** One table row: label lines in the first column, values right-aligned in the others; ruled. */
  const gridRow = (labelLines: readonly string[], values: readonly string[], widths: { label: number; num: number }): void => {
    const height = Math.max(1, labelLines.length) * LINE + 6;
    labelLines.forEach((l, i) => text(l, PAGE.left + 3, y + 3 + i * LINE));
    values.forEach((v, i) => {
      const x = PAGE.left + widths.label + i * widths.num;
      if (v !== '') doc.text(v, x, y + 3, { width: widths.num - 3, align: 'right', lineBreak: false });
    });
    const right = PAGE.left + widths.label + values.length * widths.num;
    doc.lineWidth(0.5).moveTo(PAGE.left, y + height).lineTo(right, y + height).stroke();
    for (const x of [PAGE.left, PAGE.left + widths.label, ...values.map((_, i) => PAGE.left + widths.label + (i + 1) * widths.num)]) {
      doc.moveTo(x, y).lineTo(x, y + height).stroke();
    }
    y += height;
  };
  const t3Widths = { label: LABEL_WIDTH, num: NUM_WIDTH };
  const t3Header = (): void => {
    doc.lineWidth(0.5).moveTo(PAGE.left, y).lineTo(PAGE.left + LABEL_WIDTH + 7 * NUM_WIDTH, y).stroke();
    gridRow(['（本列数据的勾稽关系为：第一项加第二项之和，', '等于第三项加第四项之和）'], ['申请人', '情况', '', '', '', '', ''], t3Widths);
    gridRow([''], TABLE3_APPLICANT_HEADER.map((h) => h.slice(0, 4)), t3Widths);
  };

  newPage();
  doc.fontSize(14);
  text(reportTitle(report), PAGE.left + 40, y);
  y += 30;
  for (const key of SECTION_KEYS.slice(0, 2)) {
    paragraph(sectionTitle(key), 11);
    paragraph(sectionText(key, report.agency ?? '本机关'));
  }
  // Table 二
  const t2Widths = { label: 150, num: 100 };
  for (const block of table2Blocks(report.format)) {
    const present = block.rows.filter((r) => report.table2[r as keyof typeof report.table2] !== undefined);
    if (present.length === 0) continue;
    doc.lineWidth(0.5).moveTo(PAGE.left, y).lineTo(PAGE.left + 150 + block.columns.length * 100, y).stroke();
    gridRow([block.heading], block.columns.map(() => ''), t2Widths);
    gridRow(['信息内容'], block.columns.map((c) => table2ColumnLabel(c).slice(0, 12)), t2Widths);
    for (const row of present) {
      gridRow([table2RowLabel(row)], block.columns.map((c) => printCell(report.table2[row as keyof typeof report.table2]?.[c], '')), t2Widths);
    }
    y += 6;
  }
  // Table 三 from the top of a new page, broken after plan.breakAfter rows.
  newPage();
  paragraph(sectionTitle('applications'), 11);
  t3Header();
  rows.forEach((row, i) => {
    const group = table3GroupBefore(row);
    let label = table3Label(row);
    if (group !== undefined) {
      if (plan.groupRows) gridRow([group], ['', '', '', '', '', '', ''], t3Widths);
      else label = `${group}${label}`;
    }
    const values = (report.table3.rows[row] ?? []).map((v) => printCell(v, ''));
    const lines = wrap(label);
    if (i === plan.breakAfter) {
      if (plan.wrapAcross && lines.length >= 1) {
        const cut = Math.max(1, Math.ceil(lines.length / 2));
        const first = lines.length > 1 ? lines.slice(0, cut) : [label.slice(0, Math.ceil(label.length / 2))];
        const rest = lines.length > 1 ? lines.slice(cut) : [label.slice(Math.ceil(label.length / 2))];
        gridRow(first, plan.numbersBefore ? values : values.map(() => ''), t3Widths);
        newPage();
        t3Header();
        gridRow(rest, plan.numbersBefore ? values.map(() => '') : values, t3Widths);
        return;
      }
      newPage();
      t3Header();
    }
    gridRow(lines, values, t3Widths);
  });
  y += 12;
  paragraph(sectionTitle('appeals'), 11);
  const t4Widths = { label: 0, num: 34 };
  doc.fontSize(7);
  doc.lineWidth(0.5).moveTo(PAGE.left, y).lineTo(PAGE.left + 15 * 34, y).stroke();
  gridRow([''], ['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', ''], t4Widths);
  gridRow([''], ['', '', '', '', '', '未经复议', '直接起诉', '', '', '', '复议后', '起诉', '', '', ''], t4Widths);
  gridRow([''], [...TABLE4_COLUMN_NAMES, ...TABLE4_COLUMN_NAMES, ...TABLE4_COLUMN_NAMES], t4Widths);
  gridRow([''], table4Cells(report.table4).map((v) => printCell(v, '')), t4Widths);
  doc.fontSize(FONT_SIZE);
  y += 10;
  for (const key of SECTION_KEYS.slice(4)) {
    paragraph(sectionTitle(key), 11);
    paragraph(sectionText(key, report.agency ?? '本机关'));
  }
  footer();
  doc.end();
  return done;
}
