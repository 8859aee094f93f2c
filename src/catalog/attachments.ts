/**
 * Attachments of an item (issue 18 §1, §10): PDF, Word (.docx), Excel (.xlsx), PNG and JPEG images —
 * the kind decided by the file's bytes (src/platform/files/sniff.ts), each at most 20 MB, at most 20 on
 * an item — and their text, read by the report room's readers for search and the personal-data scan.
 */
import { createHash } from 'node:crypto';
import { cleanFileName, FILE_KIND_LABELS, shownFileName, sizeText, sniffKind, FILE_MEDIA_TYPES, type FileKind } from '../platform/files/sniff.ts';
import { readDocumentText } from '../report/index.ts';
import type { FieldProblem } from './input.ts';
import type { NewAttachment } from './store.ts';

/** The kinds an item takes. */
export const ITEM_FILE_KINDS: readonly FileKind[] = ['pdf', 'docx', 'xlsx', 'png', 'jpeg'];
/** At most this many bytes a file (20 MB: a scanned document of some length). */
export const MAX_ITEM_FILE_BYTES = 20 * 1024 * 1024;
/** At most this many attachments on one item. */
export const MAX_ITEM_FILES = 20;
/** What may be attached, in words. */
export const ITEM_FILES_TEXT = 'PDF、Word 文档（.docx）、Excel 表格（.xlsx）、PNG 或 JPEG 图片';
/** The form's `accept` attribute (a hint: the bytes decide). */
export const ITEM_FILES_ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';

/** A file as uploaded. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A file accepted, with its kind. */
export interface AcceptedFile {
  fileName: string;
  kind: FileKind;
  bytes: Uint8Array;
}

/**
 * Checks uploaded files against the item's `existing` count: every problem named at once (field
 * `attachments`), nothing accepted when one is refused.
 */
export function checkItemFiles(files: readonly UploadedFile[], existing: number): { ok: true; files: AcceptedFile[] } | { ok: false; problems: FieldProblem[] } {
  const problem = (message: string): FieldProblem => ({ field: 'attachments', message: `附件：${message}` });
  if (existing + files.length > MAX_ITEM_FILES) {
    return { ok: false, problems: [problem(`一条信息最多 ${MAX_ITEM_FILES} 个附件，已有 ${existing} 个，这次选择了 ${files.length} 个`)] };
  }
  const problems: FieldProblem[] = [];
  const accepted: AcceptedFile[] = [];
  for (const file of files) {
    if (file.bytes.length === 0) {
      problems.push(problem(`文件${shownFileName(file.name)}是空的（0 字节）`));
      continue;
    }
    if (file.bytes.length > MAX_ITEM_FILE_BYTES) {
      problems.push(problem(`文件${shownFileName(file.name)}有 ${sizeText(file.bytes.length, 'up')}，每个文件不能超过 ${sizeText(MAX_ITEM_FILE_BYTES)}`));
      continue;
    }
    const kind = sniffKind(file.name, file.bytes);
    if (kind === undefined || !ITEM_FILE_KINDS.includes(kind)) {
      problems.push(problem(`文件${shownFileName(file.name)}的内容${kind ? `是${FILE_KIND_LABELS[kind]}` : '不是可以接受的类型'}，不能作为附件。可以上传：${ITEM_FILES_TEXT}`));
      continue;
    }
    accepted.push({ fileName: cleanFileName(file.name, kind), kind, bytes: file.bytes });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, files: accepted };
}

/**
 * A file as stored: its hash and the text of a document (an image has none; a document the readers
 * cannot read is stored without text, and the reason logged by the caller).
 */
export async function prepareAttachment(file: AcceptedFile): Promise<NewAttachment & { unreadable?: string }> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const base = { fileName: file.fileName, mediaType: FILE_MEDIA_TYPES[file.kind], bytes: file.bytes, sha256 };
  if (file.kind === 'png' || file.kind === 'jpeg') return { ...base, text: '' };
  try {
    return { ...base, text: await readDocumentText({ name: file.fileName, bytes: file.bytes }) };
  } catch (error) {
    return { ...base, text: '', unreadable: error instanceof Error ? error.message : String(error) };
  }
}
