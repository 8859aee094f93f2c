/**
 * Builds report PDFs the way an office prints them, for the PDF reader's tests: pdfkit (a
 * maintained PDF writer) with the CJK font embedded, table 三 drawn as a grid with merged label
 * cells, and the layout choices that real reports make — the table breaking across pages at a
 * chosen row, the column header repeated on the new page, running headers and footers (page
 * numbers, the report's title), a row label wrapped over two lines and cut by the page break,
 * numbers left-, right- or centre-aligned in narrow columns. For tests only.
 */
import PDFDocument from 'pdfkit';
import { TABLE3_ROW_LABELS, TABLE3_ROWS_2021, type Cell, type Table3RowKey } from '../../../model.ts';

import { CJK_FONT, CJK_FONT_NAME, hasCjkFont } from '../../../../../test/support/cjk-font.ts';

/** The CJK font the tests embed (installed with fonts-noto-cjk; tests skip without it). */
export { CJK_FONT, CJK_FONT_NAME, hasCjkFont };

export interface Table3PdfOptions {
  /** Table 三's cells, by row (2021 template); a row left out is printed blank. */
  rows: Partial<Record<Table3RowKey, Cell[]>>;
  /** Rows that start a new page (the table breaks before each). */
  breakBefore?: readonly Table3RowKey[];
  /** The header rows printed again at the top of each new page. */
  repeatHeader?: boolean;
  /** Running header at the top of each page (e.g. the issuing office). */
  runningHeader?: string;
  /** Footer of each page: its text (`{n}` the page number, `{m}` the page count). */
  footer?: string;
  /** Distance of header and footer baselines from the page edge, in points (default 40). */
  marginText?: number;
  /** A row whose label is cut by the page break: its first label line (and, with `numbersWith: 'first'`, its numbers) ends a page, the rest starts the next. */
  splitRow?: Table3RowKey;
  /** Where the numbers of the split row are printed: with its first label line (top-aligned cells) or with the rest. */
  numbersWith?: 'first' | 'rest';
  /** Alignment of numbers in their cells. */
  align?: 'left' | 'center' | 'right';
  /** Width of each of the seven value columns (points). */
  valueWidth?: number;
  /** Font size of the table (points). */
  tableFontSize?: number;
}

const PAGE_W = 595;
const PAGE_H = 842;
const LEFT = 50;
const TOP = 70;
const BOTTOM = PAGE_H - 70;
const BODY_FS = 14;
const GROUP_W = 26;
const SUB_W = 54;

interface Label {
  group: string | undefined;
  sub: string | undefined;
  text: string;
}

/** Label cells of each row: the outcome group (merged), the sub-group (merged), the row's own label. */
function labelOf(key: Table3RowKey): Label {
  const text = TABLE3_ROW_LABELS[key];
  const sub = key.startsWith('denied.') ? '（三）不予公开' : key.startsWith('unableToProvide.') ? '（四）无法提供'
    : key.startsWith('notProcessed.') ? '（五）不予处理' : key.startsWith('otherDisposal.') ? '（六）其他处理' : undefined;
  const outcome = !['newReceived', 'carriedOver', 'carriedForward'].includes(key);
  return { group: outcome ? '三、本年度办理结果' : undefined, sub, text };
}

/** Lines of `text` that fit `width` at the document's current font size. */
function wrap(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && doc.widthOfString(line + ch) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A report of a city (title, 一、 text, table 三 under 三、, a short table 四 under 四、) as PDF bytes. */
export async function table3Pdf(options: Table3PdfOptions): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [PAGE_W, PAGE_H], margin: 0, autoFirstPage: false, bufferPages: true, info: { Title: '某市人民政府2024年政府信息公开工作年度报告' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', CJK_FONT, CJK_FONT_NAME);
  doc.font('cjk');

  const fs = options.tableFontSize ?? 9;
  const vw = options.valueWidth ?? 40;
  const labelW = PAGE_W - 2 * LEFT - 7 * vw - GROUP_W - SUB_W;
  const xGroup = LEFT;
  const xSub = xGroup + GROUP_W;
  const xLabel = xSub + SUB_W;
  const xValues = xLabel + labelW;
  const right = xValues + 7 * vw;
  const lineH = fs * 1.35;
  const pad = 3;
  let y = TOP;

  const text = (s: string, x: number, top: number, size: number, width?: number, align: 'left' | 'center' | 'right' = 'left'): void => {
    doc.fontSize(size).text(s, x, top, { lineBreak: false, width, align });
  };
  const newPage = (): void => {
    doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 });
    y = TOP;
    if (options.runningHeader) text(options.runningHeader, LEFT, (options.marginText ?? 40) - 10, 9, PAGE_W - 2 * LEFT, 'center');
  };
  const paragraph = (s: string, size = BODY_FS, indent = 2): void => {
    const lines = wrap(doc.fontSize(size), '　'.repeat(indent) + s, PAGE_W - 2 * LEFT);
    for (const l of lines) {
      if (y + size * 1.6 > BOTTOM) newPage();
      text(l, LEFT, y, size);
      y += size * 1.6;
    }
  };

  newPage();
  doc.fontSize(18);
  text('某市人民政府2024年政府信息公开工作年度报告', LEFT, y, 18, PAGE_W - 2 * LEFT, 'center');
  y += 40;
  paragraph('一、总体情况', BODY_FS, 0);
  paragraph('2024年，市政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》，全年共受理政府信息公开申请4749件，按时办结率100%。');
  paragraph('三、收到和处理政府信息公开申请情况', BODY_FS, 0);

  // Header: three rows. Label block (rowspan 3) | 申请人情况 (colspan 7) / 自然人 | 法人或其他组织 (5) | 总计 / 商业企业 … 其他.
  const header = (): void => {
    const h1 = lineH + 2 * pad;
    const h2 = lineH + 2 * pad;
    const h3 = 3 * lineH + 2 * pad;
    const top = y;
    doc.lineWidth(0.5);
    doc.rect(xGroup, top, right - xGroup, h1 + h2 + h3).stroke();
    doc.moveTo(xValues, top).lineTo(xValues, top + h1 + h2 + h3).stroke();
    doc.moveTo(xValues, top + h1).lineTo(right, top + h1).stroke();
    doc.moveTo(xValues + vw, top + h1 + h2).lineTo(xValues + 6 * vw, top + h1 + h2).stroke();
    for (const k of [1, 6]) doc.moveTo(xValues + k * vw, top + h1).lineTo(xValues + k * vw, top + h1 + h2 + h3).stroke();
    for (const k of [2, 3, 4, 5]) doc.moveTo(xValues + k * vw, top + h1 + h2).lineTo(xValues + k * vw, top + h1 + h2 + h3).stroke();
    const note = wrap(doc.fontSize(fs), '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', xValues - xGroup - 2 * pad);
    note.forEach((l, i) => text(l, xGroup + pad, top + (h1 + h2 + h3 - note.length * lineH) / 2 + i * lineH, fs));
    text('申请人情况', xValues, top + pad, fs, 7 * vw, 'center');
    text('法人或其他组织', xValues + vw, top + h1 + pad, fs, 5 * vw, 'center');
    const tall = (s: string, col: number): void => {
      const ls = wrap(doc.fontSize(fs), s, vw - 2 * pad);
      ls.forEach((l, i) => text(l, xValues + col * vw, top + h1 + (h2 + h3 - ls.length * lineH) / 2 + i * lineH, fs, vw, 'center'));
    };
    tall('自然人', 0);
    tall('总计', 6);
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].forEach((s, i) => {
      const ls = wrap(doc.fontSize(fs), s, vw - 2 * pad);
      ls.forEach((l, j) => text(l, xValues + (i + 1) * vw, top + h1 + h2 + (h3 - ls.length * lineH) / 2 + j * lineH, fs, vw, 'center'));
    });
    y = top + h1 + h2 + h3;
  };

  const footerAll = (): void => {
    if (!options.footer) return;
    const range = doc.bufferedPageRange();
    for (let p = range.start; p < range.start + range.count; p++) {
      doc.switchToPage(p);
      const s = options.footer.replace('{n}', String(p + 1)).replace('{m}', String(range.count));
      text(s, LEFT, PAGE_H - (options.marginText ?? 40), 9, PAGE_W - 2 * LEFT, 'center');
    }
  };

  header();
  const order = TABLE3_ROWS_2021;
  // Merged label cells: drawn once their span on the page is known.
  let groupSpan: { label: string; top: number } | undefined;
  let subSpan: { label: string; top: number } | undefined;
  const closeSpan = (span: { label: string; top: number } | undefined, x: number, w: number, bottom: number): void => {
    if (!span) return;
    doc.rect(x, span.top, w, bottom - span.top).stroke();
    const ls = wrap(doc.fontSize(fs), span.label, w - 2 * pad);
    const shown = ls.slice(0, Math.max(1, Math.floor((bottom - span.top - 2 * pad) / lineH)));
    shown.forEach((l, i) => text(l, x + pad, span.top + (bottom - span.top - shown.length * lineH) / 2 + i * lineH, fs));
  };
  const closeSpans = (bottom: number): void => {
    closeSpan(groupSpan, xGroup, GROUP_W, bottom);
    closeSpan(subSpan, xSub, SUB_W, bottom);
    groupSpan = undefined;
    subSpan = undefined;
  };
  const values = (cells: readonly Cell[] | undefined, top: number, height: number): void => {
    for (let c = 0; c < 7; c++) {
      const x = xValues + c * vw;
      doc.rect(x, top, vw, height).stroke();
      const v = cells?.[c];
      if (v === null || v === undefined) continue;
      const align = options.align ?? 'center';
      text(String(v), x + pad, top + (height - lineH) / 2 + 1, fs, vw - 2 * pad, align);
    }
  };
  const pageBreak = (): void => {
    closeSpans(y);
    newPage();
    if (options.repeatHeader) header();
  };

  for (const key of order) {
    const label = labelOf(key);
    const x = label.sub ? xLabel : label.group ? xSub : xGroup;
    const w = xValues - x;
    const lines = wrap(doc.fontSize(fs), label.text, w - 2 * pad);
    const height = lines.length * lineH + 2 * pad;
    if (options.breakBefore?.includes(key) || y + height > BOTTOM) pageBreak();
    if (label.group && groupSpan?.label !== label.group) {
      closeSpan(groupSpan, xGroup, GROUP_W, y);
      groupSpan = { label: label.group, top: y };
    } else if (!label.group && groupSpan) {
      closeSpans(y);
    }
    if (label.sub !== subSpan?.label) {
      closeSpan(subSpan, xSub, SUB_W, y);
      subSpan = label.sub ? { label: label.sub, top: y } : undefined;
    }
    const cells = options.rows[key];
    if (key === options.splitRow && lines.length >= 2) {
      // The row breaks across the page: first label line here, the rest on the next page.
      const firstH = lineH + 2 * pad;
      doc.rect(x, y, w, firstH).stroke();
      text(lines[0]!, x + pad, y + pad, fs);
      if (options.numbersWith !== 'rest') values(cells, y, firstH);
      else values(undefined, y, firstH);
      y += firstH;
      pageBreak();
      if (label.group) groupSpan = { label: label.group, top: y };
      if (label.sub) subSpan = { label: label.sub, top: y };
      const rest = lines.slice(1);
      const restH = rest.length * lineH + 2 * pad;
      doc.rect(x, y, w, restH).stroke();
      rest.forEach((l, i) => text(l, x + pad, y + pad + i * lineH, fs));
      values(options.numbersWith === 'rest' ? cells : undefined, y, restH);
      y += restH;
      continue;
    }
    doc.rect(x, y, w, height).stroke();
    lines.forEach((l, i) => text(l, x + pad, y + pad + i * lineH, fs));
    values(cells, y, height);
    y += height;
  }
  closeSpans(y);
  y += 20;
  paragraph('四、政府信息公开行政复议、行政诉讼情况', BODY_FS, 0);
  paragraph('本年度行政复议维持12件，纠正3件，其他结果0件，尚未审结1件，总计16件。');
  paragraph('五、存在的主要问题及改进情况', BODY_FS, 0);
  paragraph('公开内容仍需进一步细化。');
  footerAll();
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
