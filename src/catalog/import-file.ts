/**
 * Reading a file of items for `gongkai catalog import` (an agency moving off its old site): JSON lines
 * (one item per line, docs/examples/catalog.jsonl) or an XLSX workbook (its first visible sheet, row 1
 * naming the columns by the keys below or their Chinese headings, one item per later row; opened with
 * the report readers' package checks before exceljs inflates anything). Each row becomes its object
 * with its line (or sheet row) number, or the reason it cannot be read, so every problem is reported at once.
 */
import type ExcelJS from 'exceljs';
import { readImportBytes, readJsonLines, type ImportFileKind, type ImportLine } from '../platform/files/import-files.ts';
import { ValidationError } from '../platform/errors.ts';
import { openCheckedWorkbook } from '../report/index.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';

export { IMPORT_COLUMNS };

/** One row: its object, or why it could not be read. */
export type { ImportLine };

/** Largest file read (bodies make items large: a few thousand items with their HTML). */
export const MAX_IMPORT_BYTES = 64 * 2 ** 20;
/** Items in one file. */
export const MAX_IMPORT_ROWS = 20_000;

const refuse = (message: string) => new ValidationError('catalog.import_unreadable', message, { fields: [{ field: 'FILE', message }] });

/** The catalog's import file (platform/files/import-files.ts: extension, size and JSON lines). */
const ITEMS_FILE: ImportFileKind = {
  file: '文件', row: '一条信息', extensions: ['.jsonl', '.ndjson', '.xlsx'],
  formats: '.jsonl（每行一条信息的 JSON）或 .xlsx（第一行为列名）', maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS, refuse: (m) => refuse(m),
};

/** Reads the file by its extension (.jsonl, .ndjson or .xlsx). */
export async function readImportFile(path: string): Promise<ImportLine[]> {
  const { ext, bytes } = await readImportBytes(path, ITEMS_FILE);
  return ext === '.xlsx' ? readImportXlsx(bytes) : readImportJsonLines(bytes.toString('utf8'));
}

/** JSON lines: one object per non-blank line; the line number counts every line. */
export const readImportJsonLines = (text: string): ImportLine[] => readJsonLines(text, ITEMS_FILE);

/** A cell as text (dates as YYYY-MM-DD, numbers as written), or undefined when empty. */
function cellText(value: ExcelJS.CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if ('richText' in value) return value.richText.map((p) => p.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return undefined;
}

/** The key of a heading: the key, its Chinese heading, or “中文（key）”. */
function keyOf(heading: string): string | undefined {
  const text = heading.trim();
  const bracketed = /[（(]([A-Za-z]+)[）)]\s*$/.exec(text)?.[1];
  return IMPORT_COLUMNS.find(([key, chinese]) => text === key || text === chinese || bracketed === key)?.[0];
}

/** An XLSX file: the first visible sheet, row 1 the headings. */
export async function readImportXlsx(bytes: Uint8Array): Promise<ImportLine[]> {
  let workbook: ExcelJS.Workbook;
  try {
    workbook = await openCheckedWorkbook(bytes);
  } catch (error) {
    throw refuse(`${error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '不是 XLSX 文件，或文件已损坏'}：请在 Excel 或 WPS 中另存为 .xlsx 后再导入`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible');
  if (!sheet) throw refuse('XLSX 文件中没有可见的工作表');
  const columns = new Map<number, string>();
  const unknown: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const heading = cellText(cell.value);
    if (heading === undefined) return;
    const key = keyOf(heading);
    if (key === undefined) unknown.push(`“${heading.slice(0, 30)}”`);
    else columns.set(col, key);
  });
  if (unknown.length > 0) throw refuse(`第 1 行（列名）：不认识的列 ${unknown.join('、')}；列名应为 ${IMPORT_COLUMNS.map(([k, h]) => `${h}（${k}）`).join('、')}`);
  if (![...columns.values()].includes('title')) throw refuse('第 1 行应为列名，至少有“标题”和“成文日期”两列');
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw refuse(`文件超过 ${MAX_IMPORT_ROWS} 条：请分成几个文件导入`);
  const rows: ImportLine[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const value: Record<string, unknown> = {};
    for (const [col, key] of columns) {
      const text = cellText(row.getCell(col).value);
      if (text !== undefined) value[key] = text;
    }
    if (Object.keys(value).length > 0) rows.push({ line: r, value });
  }
  if (rows.length === 0) throw refuse('XLSX 文件中没有信息（第 1 行为列名，从第 2 行起每行一条信息）');
  return rows;
}
