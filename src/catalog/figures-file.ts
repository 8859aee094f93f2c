/**
 * Reading a file of table 二's figures for `gongkai catalog figures import`: one row per agency and year,
 * with the columns agency, year, licensing, punishment, enforcement, feesWan (or their Chinese headings).
 *
 * - CSV (.csv): parsed by fast-csv through exceljs (`workbook.csv.read`), every cell kept as text; UTF-8
 *   (with or without BOM) or, when the bytes are not UTF-8, GB18030 (what Excel and WPS save as “CSV”
 *   on Chinese Windows), decoded by iconv-lite. The first record names the columns.
 * - XLSX (.xlsx): the first visible sheet, row 1 the headings; opened with the report readers' package
 *   checks (entries, sizes and cells capped before exceljs inflates anything).
 * - JSON lines (.jsonl): one object per line.
 * Every row becomes `{ line, value }` or `{ line, error }`, so that all problems are reported at once.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { readImportBytes, type ImportFileKind } from '../platform/files/import-files.ts';
import { ValidationError } from '../platform/errors.ts';
import { openCheckedWorkbook } from '../report/index.ts';

/** One row of the file: its values by column key, or why it could not be read. */
export type FigureLine = { line: number; value: Record<string, string | number | null> } | { line: number; error: string };

/** Largest file read (a government's agencies over some years are a few hundred rows). */
export const MAX_FIGURES_BYTES = 4 * 2 ** 20;
/** Rows of a file. */
export const MAX_FIGURES_ROWS = 10_000;

/** The columns: key, the Chinese heading, other headings accepted. */
export const FIGURE_COLUMNS: readonly (readonly [key: string, heading: string, ...others: string[]])[] = [
  ['agency', '机关', '机关名称'],
  ['year', '年度'],
  ['licensing', '行政许可', '行政许可决定数'],
  ['punishment', '行政处罚', '行政处罚决定数'],
  ['enforcement', '行政强制', '行政强制决定数'],
  ['feesWan', '行政事业性收费（万元）', '行政事业性收费金额（万元）', '行政事业性收费'],
];
const KEYS = FIGURE_COLUMNS.map(([key]) => key);

const refuse = (message: string) => new ValidationError('catalog.figures_unreadable', message, { fields: [{ field: 'FILE', message }] });

/** The figures file (platform/files/import-files.ts: extension and size). */
const FIGURES_FILE: ImportFileKind = {
  file: '文件', row: '一个机关一个年度', extensions: ['.csv', '.xlsx', '.jsonl', '.ndjson'],
  formats: '.csv、.xlsx 或 .jsonl', maxBytes: MAX_FIGURES_BYTES, maxRows: MAX_FIGURES_ROWS, refuse: (m) => refuse(m),
};

/** Reads the file by its extension. */
export async function readFiguresFile(path: string): Promise<FigureLine[]> {
  const { ext, bytes } = await readImportBytes(path, FIGURES_FILE);
  if (ext === '.csv') return readFiguresCsv(bytes);
  if (ext === '.xlsx') return readFiguresXlsx(bytes);
  return readFiguresJsonLines(bytes.toString('utf8'));
}

/** The text of a CSV file: UTF-8 (BOM dropped), or GB18030 when the bytes are not UTF-8. */
export function csvText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}

/** The column key of a heading: the key, a Chinese heading, or “中文（key）”. */
function columnKey(heading: string): string | undefined {
  const text = heading.trim();
  const inParens = /[（(]([A-Za-z]+)[）)]\s*$/.exec(text)?.[1];
  for (const [key, ...headings] of FIGURE_COLUMNS) if (text === key || headings.includes(text) || inParens === key) return key;
  return undefined;
}

/** A cell's value: text (trimmed), a number, or null for an empty cell. */
function cellValue(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((p) => p.text).join('').trim() || null;
  if ('text' in value && typeof value.text === 'string') return value.text.trim() || null;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  return null;
}

/** The rows of a sheet whose first row names the columns (every column must be there; blank rows are skipped). */
function sheetLines(sheet: ExcelJS.Worksheet): FigureLine[] {
  const keys = new Map<number, string>();
  const unknown: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellValue(cell.value);
    if (text === null) return;
    const key = columnKey(String(text));
    if (key === undefined) unknown.push(`“${String(text).slice(0, 30)}”`);
    else if ([...keys.values()].includes(key)) unknown.push(`“${String(text).slice(0, 30)}”（与前面的列重复）`);
    else keys.set(col, key);
  });
  const expected = FIGURE_COLUMNS.map(([k, h]) => `${h}（${k}）`).join('、');
  if (unknown.length > 0) throw refuse(`第 1 行（列名）：不认识的列 ${unknown.join('、')}；列名应为 ${expected}`);
  const missing = FIGURE_COLUMNS.filter(([k]) => ![...keys.values()].includes(k)).map(([k, h]) => `${h}（${k}）`);
  if (missing.length > 0) throw refuse(`第 1 行（列名）：缺少 ${missing.join('、')} 列（没有的数字留空，但列要有）；列名应为 ${expected}`);
  const lastColumn = Math.max(...keys.keys());
  if (sheet.rowCount > MAX_FIGURES_ROWS + 1) throw refuse(`文件超过 ${MAX_FIGURES_ROWS} 行：请分成几个文件导入`);
  const out: FigureLine[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const value: Record<string, string | number | null> = {};
    for (const [col, key] of keys) value[key] = cellValue(row.getCell(col).value);
    let extra = false;
    row.eachCell((cell, col) => {
      if (col > lastColumn && cellValue(cell.value) !== null) extra = true;
    });
    if (Object.values(value).every((v) => v === null) && !extra) continue;
    out.push(extra ? { line: r, error: '这一行的格子比列名多（多出的内容在最后一列之后）' } : { line: r, value });
  }
  if (out.length === 0) throw refuse('文件中没有数据（第 1 行为列名，从第 2 行起每行一个机关一个年度）');
  return out;
}

/** A CSV file (first record: the headings). */
export async function readFiguresCsv(bytes: Uint8Array): Promise<FigureLine[]> {
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    // Cells stay text (exceljs would turn numbers and dates into values of its own guessing).
    sheet = await workbook.csv.read(Readable.from([csvText(bytes)]), { map: (v: unknown) => v, parserOptions: { trim: true } });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 120) : String(error);
    throw refuse(`CSV 文件的格式有误（如引号未成对）：${reason}`);
  }
  return sheetLines(sheet);
}

/** An XLSX file: its first visible sheet. */
export async function readFiguresXlsx(bytes: Uint8Array): Promise<FigureLine[]> {
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await openCheckedWorkbook(bytes);
  } catch (error) {
    const reason = error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '不是 XLSX 文件，或文件已损坏';
    throw refuse(`${reason}：请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible');
  if (!sheet) throw refuse('XLSX 文件中没有可见的工作表');
  return sheetLines(sheet);
}

/** JSON lines: one object per non-blank line, with the column keys (an absent key is a blank cell). */
export function readFiguresJsonLines(text: string): FigureLine[] {
  const out: FigureLine[] = [];
  for (const [i, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    if (out.length >= MAX_FIGURES_ROWS) throw refuse(`文件超过 ${MAX_FIGURES_ROWS} 行：请分成几个文件导入`);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      out.push({ line: i + 1, error: '这一行不是合法的 JSON' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.push({ line: i + 1, error: '这一行应为一个 JSON 对象（一个机关一个年度）' });
      continue;
    }
    const entries = Object.entries(value);
    const unknown = entries.filter(([k]) => !KEYS.includes(k)).map(([k]) => k);
    const wrong = entries.filter(([, v]) => v !== null && typeof v !== 'string' && typeof v !== 'number').map(([k]) => k);
    if (unknown.length > 0) out.push({ line: i + 1, error: `不认识的字段 ${unknown.slice(0, 5).join('、')}；字段应为 ${KEYS.join('、')}` });
    else if (wrong.length > 0) out.push({ line: i + 1, error: `字段 ${wrong.join('、')} 应为数字、文字或 null` });
    else out.push({ line: i + 1, value: Object.fromEntries(KEYS.map((k) => [k, (value as Record<string, string | number | null>)[k] ?? null])) });
  }
  if (out.length === 0) throw refuse('文件中没有数据（每行一个 JSON 对象：一个机关一个年度）');
  return out;
}
