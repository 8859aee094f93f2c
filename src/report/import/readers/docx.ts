/**
 * DOCX reader: mammoth renders the document as HTML, then the HTML reader's line and grid
 * logic (html-dom.ts, html-grid.ts) reads it, so a DOCX table comes out exactly as the same
 * table in HTML would.
 *
 * Merged cells: mammoth 1.13 turns w:gridSpan into colspan and w:vMerge (restart/continue)
 * into rowspan (checked by docx.test.ts with a table built by the `docx` package). Where it
 * cannot (a table with content other than rows and cells, e.g. content controls), mammoth
 * drops the merges and says so: its messages are passed on as warnings. Not handled: rows
 * shifted by w:gridBefore (mammoth ignores it).
 */
import mammoth from 'mammoth';
import type { SourceDocument } from '../source.ts';
import { readHtmlString } from './html-dom.ts';
import { SourceReadError } from './read-error.ts';

/**
 * Reads a .docx file. Throws SourceReadError when the bytes are not a readable DOCX.
 *
 * @example (await readDocx(bytes)).lines.filter((l) => l.isTableRow)
 */
export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  } catch (error) {
    throw new SourceReadError(`无法读取 DOCX 文件（不是有效的 Word 文档或文件已损坏）：${describe(error)}`, 'docx.unreadable', { cause: error });
  }
  const { lines, meta, warnings } = readHtmlString(result.value);
  const mammothWarnings = result.messages
    .filter((m) => m.type === 'warning' && /merg|table/iu.test(m.message))
    .map((m) => ({ code: 'docx.mammoth', message: `DOCX 转换提示：${m.message}` }));
  return { kind: 'docx', lines, meta, warnings: [...mammothWarnings, ...warnings] };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
