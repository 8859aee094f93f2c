/**
 * Reading a file an operator imports (`gongkai applications import`, `gongkai catalog import`,
 * `gongkai catalog figures import`): its extension checked, its size capped before it is read, and
 * JSON lines read into one row per non-blank line — each row its values or why it could not be read, so
 * that every problem is reported at once. The rooms read the rows' meaning (and XLSX, CSV) themselves.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';

/** One row of a file: its values, or why it could not be read (line numbers count every line). */
export type ImportLine = { line: number; value: Record<string, unknown> } | { line: number; error: string };

/** What a room's file is, for the checks and their messages. */
export interface ImportFileKind {
  /** The file as people call it: '台账文件', '文件'. */
  readonly file: string;
  /** One row as people call it: '一件申请', '一条信息'. */
  readonly row: string;
  /** The extensions accepted (lower case, with the dot) and what each format is, for the refusal. */
  readonly extensions: readonly string[];
  readonly formats: string;
  readonly maxBytes: number;
  readonly maxRows: number;
  /** The room's error for a file it cannot read. */
  readonly refuse: (message: string) => Error;
}

/** The file's extension and bytes, after the extension and size checks. */
export async function readImportBytes(path: string, kind: ImportFileKind): Promise<{ ext: string; bytes: Buffer }> {
  const ext = extname(path).toLowerCase();
  if (!kind.extensions.includes(ext)) throw kind.refuse(`${kind.file}应为 ${kind.formats}，实际为“${ext || '无扩展名'}”`);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw kind.refuse(`找不到${kind.file}“${path}”，或无法读取`);
  }
  if (size > kind.maxBytes) throw kind.refuse(`${kind.file}太大（${Math.ceil(size / 2 ** 20)} MB，上限 ${kind.maxBytes / 2 ** 20} MB）：请分成几个文件导入`);
  return { ext, bytes: await readFile(path) };
}

/** JSON lines: one object per non-blank line (a BOM dropped); at most `maxRows`, at least one. */
export function readJsonLines(text: string, kind: ImportFileKind): ImportLine[] {
  const rows: ImportLine[] = [];
  for (const [i, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    if (rows.length >= kind.maxRows) throw kind.refuse(`${kind.file}超过 ${kind.maxRows} 行：请分成几个文件导入`);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      rows.push({ line: i + 1, error: `这一行不是合法的 JSON（${error instanceof Error ? error.message : String(error)}）` });
      continue;
    }
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    rows.push(isObject ? { line: i + 1, value: value as Record<string, unknown> } : { line: i + 1, error: `这一行应为一个 JSON 对象（${kind.row}）` });
  }
  if (rows.length === 0) throw kind.refuse(`${kind.file}中没有内容（每行${kind.row}的 JSON 对象）`);
  return rows;
}
