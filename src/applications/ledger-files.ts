/**
 * Reading a ledger file (登记台账) for `gongkai applications import`: JSON lines (one application per
 * line) or an XLSX workbook (one per row of its first visible sheet, the first row naming the columns).
 * Each row becomes the object ledger.ts checks, with its line (or sheet row) number; a row that cannot
 * be read is kept as its reason, so every problem of the file is reported at once.
 *
 * An XLSX file is an archive the operator was given by someone else: before exceljs sees it (exceljs
 * inflates every entry without a cap), every entry is inflated through yauzl, which stops an entry
 * inflating to more than the archive's directory declares, and the declared sizes and the sheets' rows
 * are capped (as the report room's xlsx reader does).
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { readImportBytes, readJsonLines as readJsonLinesOf, type ImportFileKind, type ImportLine } from '../platform/files/import-files.ts';
import { ValidationError } from '../platform/errors.ts';

/** One row of a ledger: its object, or why it could not be read. */
export type LedgerLine = ImportLine;

/** Largest ledger file read (a year's register of a busy agency is a few MB). */
export const MAX_LEDGER_BYTES = 64 * 2 ** 20;
/** Rows of a JSON-lines ledger. */
export const MAX_JSONL_ROWS = 200_000;
/** Rows of an XLSX ledger (exceljs holds the workbook in memory: larger ledgers go as JSON lines). */
export const MAX_XLSX_ROWS = 20_000;
/** Inflated size of all the entries of an XLSX ledger together. */
const MAX_XLSX_INFLATED = 96 * 2 ** 20;
const MAX_XLSX_ENTRIES = 500;

/** The column keys of a ledger row, with the Chinese headings an XLSX ledger may use instead. */
export const LEDGER_COLUMNS: readonly (readonly [key: string, heading: string])[] = [
  ['ref', '登记编号'],
  ['applicant.kind', '申请人类型'],
  ['applicant.name', '申请人姓名或名称'],
  ['applicant.idType', '身份证明类型'],
  ['applicant.idNumber', '身份证明号码'],
  ['applicant.phone', '联系电话'],
  ['applicant.address', '通信地址'],
  ['applicant.email', '电子邮箱'],
  ['description', '所需政府信息的描述'],
  ['purpose', '用途'],
  ['provision', '提供形式'],
  ['delivery', '获取方式'],
  ['channel', '提交渠道'],
  ['submitted', '提交日期'],
  ['confirmed', '收到申请之日'],
  ['repliedOn', '答复日期'],
  ['outcome', '办理结果'],
  ['events', '办理过程'],
  ['appeals', '复议诉讼'],
];
const JSON_COLUMNS = new Set(['events', 'appeals']);

const refuse = (message: string) => new ValidationError('application.ledger_unreadable', message, { fields: [{ field: 'FILE', message }] });

/** Reads a ledger file by its extension (.jsonl, .json, .ndjson or .xlsx). */
/** A worksheet part of a workbook (`xl`, `worksheets`, `NAME.xml`: named by its segments). */
function isWorksheet(part: string): boolean {
  const segments = part.split('/');
  return segments.length === 3 && segments[0] === 'xl' && segments[1] === 'worksheets' && segments[2]!.endsWith('.xml');
}

/** The ledger as a file kind (platform/files/import-files.ts: extension, size and JSON lines). */
const LEDGER_FILE: ImportFileKind = {
  file: '台账文件', row: '一件申请', extensions: ['.jsonl', '.ndjson', '.json', '.xlsx'],
  formats: '.jsonl（每行一件申请的 JSON）或 .xlsx（第一行为列名）', maxBytes: MAX_LEDGER_BYTES, maxRows: MAX_JSONL_ROWS, refuse: (m) => refuse(m),
};

export async function readLedgerFile(path: string): Promise<LedgerLine[]> {
  const { ext, bytes } = await readImportBytes(path, LEDGER_FILE);
  return ext === '.xlsx' ? readXlsxLedger(bytes) : readJsonLines(bytes.toString('utf8'));
}

/** JSON lines: one object per non-blank line; the line number counts every line. */
export const readJsonLines = (text: string): LedgerLine[] => readJsonLinesOf(text, LEDGER_FILE);

/** Inflates every entry through yauzl (which refuses one inflating beyond its declared size) and counts the sheets' rows. */
async function checkArchive(bytes: Buffer): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw refuse('不是 XLSX 文件（XLSX 是一个压缩包，这个文件不是完整的压缩包）：请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
  }
  try {
    if (zip.entryCount > MAX_XLSX_ENTRIES) throw refuse(`XLSX 文件中的部件太多（${zip.entryCount} 个），不像一本台账`);
    let total = 0;
    let rows = 0;
    for await (const entry of zip.eachEntry()) {
      total += entry.uncompressedSize;
      if (total > MAX_XLSX_INFLATED) throw refuse(`XLSX 文件解压后超过 ${MAX_XLSX_INFLATED / 2 ** 20} MB：请改用 JSON lines（.jsonl）或分成几个文件导入`);
      const stream = await zip.openReadStreamPromise(entry);
      const sheet = isWorksheet(entry.fileName);
      let tail = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (!sheet) continue;
        const text = tail + chunk.toString('latin1');
        rows += text.split('<row ').length - 1;
        tail = text.slice(-4);
      }
    }
    if (rows > MAX_XLSX_ROWS + 1) throw refuse(`XLSX 台账超过 ${MAX_XLSX_ROWS} 行：请改用 JSON lines（.jsonl）或分成几个文件导入`);
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw refuse('XLSX 文件已损坏（压缩包中的部件无法按声明的大小解压）');
  } finally {
    zip.close();
  }
}

/** A cell's value as the row object takes it: text, numbers as text, dates as YYYY-MM-DD; undefined for empty. */
function cellValue(value: ExcelJS.CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if ('richText' in value) return value.richText.map((p) => p.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  return undefined;
}

/** The column key of a heading: the key itself, its Chinese heading, or “中文（key）”. */
function columnKey(heading: string): string | undefined {
  const text = heading.trim();
  const inParens = /[（(]([A-Za-z.]+)[）)]\s*$/.exec(text)?.[1];
  for (const [key, label] of LEDGER_COLUMNS) if (text === key || text === label || inParens === key) return key;
  return undefined;
}

/** An XLSX ledger: the first visible sheet, row 1 the headings, each later non-empty row one application. */
export async function readXlsxLedger(bytes: Buffer): Promise<LedgerLine[]> {
  await checkArchive(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse('无法读取这个 XLSX 文件：请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入');
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible');
  if (!sheet) throw refuse('XLSX 文件中没有可见的工作表');
  const headings = sheet.getRow(1);
  const keys = new Map<number, string>();
  const unknown: string[] = [];
  headings.eachCell((cell, col) => {
    const text = cellValue(cell.value);
    if (text === undefined) return;
    const key = columnKey(text);
    if (key) keys.set(col, key);
    else unknown.push(`“${text.slice(0, 30)}”`);
  });
  if (unknown.length > 0) {
    throw refuse(`第 1 行（列名）：不认识的列 ${unknown.join('、')}；列名应为 ${LEDGER_COLUMNS.map(([k, l]) => `${l}（${k}）`).join('、')}`);
  }
  if (keys.size === 0) throw refuse('第 1 行应为列名（如 申请人类型、申请人姓名或名称、提交渠道、提交日期）');
  const out: LedgerLine[] = [];
  for (let r = 2; r <= Math.min(sheet.rowCount, MAX_XLSX_ROWS + 1); r++) {
    const row = sheet.getRow(r);
    const value: Record<string, unknown> = {};
    let error: string | undefined;
    for (const [col, key] of keys) {
      const text = cellValue(row.getCell(col).value);
      if (text === undefined) continue;
      let cell: unknown = text;
      if (JSON_COLUMNS.has(key)) {
        try {
          cell = JSON.parse(text);
        } catch {
          error ??= `${key === 'events' ? '办理过程（events）' : '复议诉讼（appeals）'}列应为 JSON 数组，如 [{"type": "replied", "date": "2023-03-20", "outcome": "granted"}]`;
          continue;
        }
      }
      const [head, tail] = key.split('.') as [string, string | undefined];
      if (tail === undefined) value[head] = cell;
      else value[head] = { ...(value[head] as Record<string, unknown> | undefined), [tail]: cell };
    }
    if (Object.keys(value).length === 0 && error === undefined) continue;
    out.push(error === undefined ? { line: r, value } : { line: r, error });
  }
  if (out.length === 0) throw refuse('XLSX 台账中没有申请（第 1 行为列名，从第 2 行起每行一件申请）');
  return out;
}
