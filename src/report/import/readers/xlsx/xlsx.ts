/**
 * XLSX reader: any workbook (Gongkai's own or an agency's) → SourceDocument.
 *
 * - Each visible sheet is read row by row. Rows between a sheet's first and last row with two or
 *   more cells are table rows (cell boundaries are real); a merged cell is expanded over the slots
 *   it covers, its label repeated (a merged number is kept once, the other slots are ''), so that
 *   every row of a table has the same width. Rows before and after that block (titles, notes) and
 *   every row of a one-column sheet are running text, one line per paragraph of the cell.
 * - Reading order: sheets in workbook order, except that a sheet named 表二 / 表三 / 表四 is read at
 *   the end of section 二 / 三 / 四 of a text sheet named 正文 when the workbook has one — where the
 *   template puts the table (this is how Gongkai's own XLSX is laid out).
 * - Key/value rows 标题 / 名称, 机关名称 / 发布机构, 发布日期 / 公开日期 give `meta`.
 * - Before exceljs sees the bytes, office/zip.ts checks the archive and inflates every entry with
 *   its cap (checkPackage): exceljs inflates every entry itself, with no cap. Its own error
 *   messages (its XML parser's, its unzipper's) are not shown: a workbook it cannot read is refused
 *   with one Chinese message.
 */
import ExcelJS from 'exceljs';
import type { SourceDocument, SourceLine, SourceMeta } from '../../source.ts';
import { OfficeZip } from '../office/zip.ts';
import type { GridCell } from '../lines/grid.ts';
import { gridToLines } from '../lines/grid.ts';
import { joinBrokenLines, normalizeText, toIsoDate } from '../lines/normalize.ts';
import { SourceReadError } from '../read-error.ts';

type Warning = SourceDocument['warnings'][number];

interface SheetLines {
  name: string;
  lines: SourceLine[];
}

/** Text of a cell value as printed; '' for empty. Numbers without float noise, dates as YYYY-MM-DD. */
function valueText(value: ExcelJS.CellValue, warn: (message: string) => void): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : valueText(value.text as ExcelJS.CellValue, warn);
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) {
      warn('公式单元格没有保存计算结果，按空白读取');
      return '';
    }
    return typeof value.result === 'object' && 'error' in value.result ? '' : valueText(value.result, warn);
  }
  if ('error' in value) return '';
  return '';
}

function hasBorder(cell: ExcelJS.Cell): boolean {
  const b = cell.border as Partial<ExcelJS.Borders> | undefined;
  return b !== undefined && [b.top, b.bottom, b.left, b.right].some((side) => side?.style !== undefined);
}

/** A cell that is not covered by another (a merged range's top-left cell, or an unmerged cell), with its spans. */
interface SheetCell {
  col: number;
  /** The text as one table cell. */
  text: string;
  /** The text as running paragraphs (one per line of the cell). */
  paragraphs: string[];
  rowspan: number;
  colspan: number;
  bordered: boolean;
}

/** The lines of a cell's text, normalised, without empty ones. */
function cellParagraphs(value: ExcelJS.CellValue, warn: (message: string) => void): string[] {
  return valueText(value, warn).split(/\r?\n/u).map(normalizeText).filter((line) => line !== '');
}

/** The cells of each row (1-based rows → index r-1) that are not covered by a merged cell, with their spans. */
function readCells(ws: ExcelJS.Worksheet, warn: (message: string) => void): SheetCell[][] {
  const rows: SheetCell[][] = [];
  const byAddress = new Map<string, { cell: SheetCell; row: number }>();
  // Read once: exceljs works columnCount out over every row at each read (a loop bound read per
  // cell made a 4,000-row sheet take 13 s).
  const rowCount = ws.rowCount;
  const columnCount = ws.columnCount;
  for (let r = 1; r <= rowCount; r += 1) {
    const cells: SheetCell[] = [];
    for (let c = 1; c <= columnCount; c += 1) {
      const cell = ws.getCell(r, c);
      if (cell.isMerged && cell.master !== cell) {
        const origin = byAddress.get(cell.master.address);
        if (origin !== undefined) {
          origin.cell.rowspan = Math.max(origin.cell.rowspan, r - origin.row + 1);
          origin.cell.colspan = Math.max(origin.cell.colspan, c - origin.cell.col + 1);
        }
        continue;
      }
      const paragraphs = cellParagraphs(cell.value, (m) => warn(`${ws.name}!${cell.address}：${m}`));
      const sheetCell: SheetCell = {
        col: c,
        // A label broken over lines inside a cell is one label (no space between CJK characters).
        text: joinBrokenLines(paragraphs),
        paragraphs,
        rowspan: 1,
        colspan: 1,
        bordered: hasBorder(cell),
      };
      cells.push(sheetCell);
      byAddress.set(cell.address, { cell: sheetCell, row: r });
    }
    rows.push(cells);
  }
  return rows;
}

/** First and last row of the table block: rows with 2+ cells, and bordered rows next to them. */
function tableBlock(rows: SheetCell[][]): { first: number; last: number } {
  const filled = rows.map((cells) => cells.filter((c) => c.text !== ''));
  const multi = filled.map((cells) => cells.length >= 2);
  const bordered = filled.map((cells) => cells.length > 0 && cells.every((c) => c.bordered));
  let first = multi.indexOf(true);
  let last = multi.lastIndexOf(true);
  // A bordered heading row next to the table (第二十条第（一）项 merged across it) belongs to it.
  while (first > 0 && bordered[first - 1] === true) first -= 1;
  while (last >= 0 && last < rows.length - 1 && bordered[last + 1] === true) last += 1;
  return { first, last };
}

/** Lines of one sheet: the table block as table rows (merged cells as html-grid.ts lays them out), text lines elsewhere. */
function sheetLines(ws: ExcelJS.Worksheet, warn: (message: string) => void, warnings: Warning[]): SourceLine[] {
  const rows = readCells(ws, warn);
  const { first, last } = tableBlock(rows);
  const block = first < 0 ? [] : rows.slice(first, last + 1);
  const used = block.flat().filter((c) => c.text !== '');
  // Loops, not Math.min(...used): V8 caps a call's arguments, and a sheet may hold more cells.
  let minCol = Infinity;
  let maxCol = -Infinity;
  for (const c of used) {
    minCol = Math.min(minCol, c.col);
    maxCol = Math.max(maxCol, c.col + c.colspan - 1);
  }
  const grid: GridCell[][] = block.map((cells) =>
    cells
      .filter((c) => c.col >= minCol && c.col <= maxCol)
      .map((c) => ({ text: c.text, colspan: Math.min(c.colspan, maxCol - c.col + 1), rowspan: c.rowspan })),
  );
  const table = gridToLines(grid, `xlsx.${ws.name}`);
  for (const w of table.warnings) warnings.push(w);
  const textLines = (cells: SheetCell[]): SourceLine[] =>
    cells.flatMap((c) => c.paragraphs).map((text) => ({ cells: [text], isTableRow: false }));
  return [
    ...rows.slice(0, Math.max(first, 0)).flatMap(textLines),
    ...table.lines,
    ...(first < 0 ? rows : rows.slice(last + 1)).flatMap(textLines),
  ];
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六'];

function sectionOf(line: SourceLine): number {
  if (line.isTableRow) return -1;
  const m = /^([一二三四五六])、/u.exec(line.cells[0] ?? '');
  return m === null ? -1 : SECTION_NUMERALS.indexOf(m[1] ?? '');
}

/** Puts the 表二/表三/表四 sheets at the end of sections 二/三/四 of the 正文 sheet; others stay in workbook order. */
function arrange(sheets: SheetLines[]): SourceLine[] {
  const text = sheets.find((s) => s.name.trim() === '正文');
  const placed = new Map<number, SheetLines>();
  if (text !== undefined) {
    for (const sheet of sheets) {
      const m = /^表([二三四])$/u.exec(sheet.name.trim());
      const section = m === null ? -1 : SECTION_NUMERALS.indexOf(m[1] ?? '');
      if (section >= 0 && text.lines.some((l) => sectionOf(l) === section)) placed.set(section, sheet);
    }
  }
  const inText = new Set(placed.values());
  const out: SourceLine[] = [];
  for (const sheet of sheets) {
    if (inText.has(sheet)) continue;
    if (sheet !== text) {
      for (const line of sheet.lines) out.push(line);
      continue;
    }
    let current = -1;
    const flush = (): void => {
      const table = placed.get(current);
      if (table !== undefined) for (const line of table.lines) out.push(line);
      placed.delete(current);
    };
    for (const line of sheet.lines) {
      const section = sectionOf(line);
      if (section > current) {
        flush();
        current = section;
      }
      out.push(line);
    }
    flush();
    for (const rest of placed.values()) for (const line of rest.lines) out.push(line);
  }
  return out;
}

const META_LABELS: { key: keyof SourceMeta; labels: RegExp }[] = [
  { key: 'title', labels: /^(标题|名称|报告名称)$/u },
  { key: 'publisher', labels: /^(机关名称|发布机构|发布单位|发文机关)$/u },
  { key: 'publishedOn', labels: /^(发布日期|公开日期|发布时间|成文日期)$/u },
];

function metaOf(lines: SourceLine[], workbookTitle: string): SourceMeta {
  const meta: SourceMeta = {};
  for (const line of lines) {
    const cells = [...new Set(line.cells.filter((c) => c !== ''))];
    if (!line.isTableRow || cells.length !== 2) continue;
    const label = (cells[0] ?? '').replace(/[:：\s]/gu, '');
    const value = cells[1] ?? '';
    for (const { key, labels } of META_LABELS) {
      if (!labels.test(label) || meta[key] !== undefined) continue;
      if (key === 'publishedOn') {
        const iso = toIsoDate(value);
        if (iso !== undefined) meta.publishedOn = iso;
      } else {
        meta[key] = value;
      }
    }
  }
  if (meta.title === undefined && workbookTitle.trim() !== '') meta.title = normalizeText(workbookTitle);
  return meta;
}

/**
 * Workbooks larger than these are no annual report (one has a few hundred cells and some dozens
 * of merged ranges), and exceljs would take them whole into memory (~1.8 GB for 1.6 M cells) or
 * merge their ranges in quadratic time (60 s for 20,000): they are refused before it reads them.
 */
export const MAX_XLSX_CELLS = 200_000;
export const MAX_XLSX_MERGED_RANGES = 2_000;

/**
 * Throws SourceReadError when the archive is not one exceljs may be given (office/zip.ts: entry
 * count and sizes from the central directory, then every entry inflated with its cap, since
 * exceljs inflates them all without one) or its sheets hold more cells or merged ranges than a
 * report (see MAX_XLSX_CELLS).
 */
async function checkPackage(bytes: Uint8Array): Promise<void> {
  let cells = 0;
  let merged = 0;
  const zip = await OfficeZip.open(bytes, 'XLSX');
  try {
    for (const name of zip.names()) {
      const data = await zip.read(name);
      if (data === undefined || !isWorksheetPart(name)) continue;
      cells += occurrences(data, '<c ') + occurrences(data, '<c>');
      merged += occurrences(data, '<mergeCell ');
    }
  } finally {
    zip.close();
  }
  if (cells > MAX_XLSX_CELLS) {
    throw new SourceReadError(`XLSX 文件的单元格太多（${cells} 个，上限 ${MAX_XLSX_CELLS} 个），不像一份年度报告，未读取。`, 'xlsx.too-large');
  }
  if (merged > MAX_XLSX_MERGED_RANGES) {
    throw new SourceReadError(`XLSX 文件的合并单元格太多（${merged} 处，上限 ${MAX_XLSX_MERGED_RANGES} 处），不像一份年度报告，未读取。`, 'xlsx.too-large');
  }
}

/** A worksheet's part: NAME.xml in the package's worksheets folder under xl (not its relationships beneath it). */
function isWorksheetPart(name: string): boolean {
  const [top, folder, file, ...deeper] = name.split('/');
  return top === 'xl' && folder === 'worksheets' && file !== undefined && file.endsWith('.xml') && deeper.length === 0;
}

function occurrences(data: Buffer, part: string): number {
  let count = 0;
  for (let at = data.indexOf(part); at >= 0; at = data.indexOf(part, at + part.length)) count += 1;
  return count;
}

/**
 * An XLSX workbook as exceljs loads it, after the package checks (checkPackage): for other rooms'
 * table imports too (src/report/index.ts). Throws SourceReadError (message in Chinese).
 */
export async function openCheckedWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  await checkPackage(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    // exceljs's messages name its XML parser's and unzipper's internals: the cause keeps them.
    throw new SourceReadError('无法读取 XLSX 文件：工作簿的内容有误（XML 不完整或缺少必需的部分），文件已损坏或不是 Excel 工作簿。', 'xlsx.unreadable', { cause: error });
  }
  return wb;
}

/** Reads an XLSX workbook into a SourceDocument (kind 'xlsx'). Throws SourceReadError (message in Chinese) if the bytes are not a workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<SourceDocument> {
  const wb = await openCheckedWorkbook(bytes);
  const warnings: Warning[] = [];
  const sheets: SheetLines[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') {
      warnings.push({ code: 'xlsx.hidden-sheet', message: `隐藏的工作表“${ws.name}”未读取` });
      continue;
    }
    const warn = (message: string): void => {
      warnings.push({ code: 'xlsx.formula-no-result', message });
    };
    sheets.push({ name: ws.name, lines: sheetLines(ws, warn, warnings) });
  }
  const lines = arrange(sheets);
  return { kind: 'xlsx', lines, meta: metaOf(lines, wb.title ?? ''), warnings };
}
