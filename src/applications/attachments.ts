/**
 * Attachments to an application (issue 17 §1): how many, how large, and of which type — decided by
 * the file's first bytes (its magic number), never by its name alone, so an .exe renamed .pdf is
 * refused. Pure: the files come in as bytes, problems go out as values naming each file. The bytes are
 * not parsed further (a DOCX is not inflated): the staff open the file in their own office software.
 */
import { cleanFileName, extensionOf, FILE_KIND_LABELS, FILE_KINDS, FILE_MEDIA_TYPES, MAX_FILE_NAME_LENGTH, shownFileName, sizeText, sniffKind, type FileKind } from '../platform/files/sniff.ts';
import type { FieldProblem } from './input.ts';

/** At most this many files with one application. */
export const MAX_ATTACHMENTS = 5;
/** At most this many bytes a file (10 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** At most this many bytes a plain-text file (1 MB): a longer text is a document, sent as PDF or Word. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** The kinds of file accepted (src/platform/files/sniff.ts decides a file's kind by its bytes). */
export const ATTACHMENT_KINDS = FILE_KINDS;
/** A kind of file accepted. */
export type AttachmentKind = FileKind;
/** The media type a kind is stored and served with. */
export const ATTACHMENT_MEDIA_TYPES = FILE_MEDIA_TYPES;
/** A kind in words, as pages say it. */
export const ATTACHMENT_KIND_LABELS = FILE_KIND_LABELS;
export { cleanFileName, MAX_FILE_NAME_LENGTH, sizeText, sniffKind };

/** What may be uploaded, in words (the form's hint and every refusal). */
export const ACCEPTED_TEXT = 'PDF、JPEG 或 PNG 图片、Word 文档（.docx）、Excel 表格（.xlsx）、纯文本（.txt）';

/** The form's `accept` attribute (a hint to the browser's file picker only: the bytes decide). */
export const ACCEPT_ATTRIBUTE = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.txt,application/pdf,image/jpeg,image/png';

/** A file as the form sent it. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** A file accepted: its cleaned name, sniffed media type and bytes. */
export interface CheckedAttachment {
  fileName: string;
  kind: AttachmentKind;
  mediaType: string;
  size: number;
  bytes: Uint8Array;
}

const shown = shownFileName;

/**
 * Checks the files sent with an application: at most 5, each at most 10 MB (a text at most 1 MB) and
 * not empty, all together at most `maxTotalBytes` (the server's upload limit), each of a type we take
 * by its bytes. Every problem is named at once, on the field `attachments`.
 */
export function checkAttachments(files: readonly UploadedFile[], maxTotalBytes: number): { ok: true; attachments: CheckedAttachment[] } | { ok: false; problems: FieldProblem[] } {
  const problem = (message: string): FieldProblem => ({ field: 'attachments', message: `附件：${message}` });
  if (files.length > MAX_ATTACHMENTS) {
    return { ok: false, problems: [problem(`最多上传 ${MAX_ATTACHMENTS} 个文件，您选择了 ${files.length} 个。请把多页材料合成一个 PDF，或只上传必要的文件`)] };
  }
  const problems: FieldProblem[] = [];
  const attachments: CheckedAttachment[] = [];
  const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > maxTotalBytes) problems.push(problem(`文件合计 ${sizeText(total, 'up')}，合计不能超过 ${sizeText(maxTotalBytes)}`));
  for (const file of files) {
    const size = file.bytes.length;
    if (size === 0) {
      problems.push(problem(`文件${shown(file.name)}是空的（0 字节），请重新选择`));
      continue;
    }
    if (size > MAX_ATTACHMENT_BYTES) {
      problems.push(problem(`文件${shown(file.name)}有 ${sizeText(size, 'up')}，每个文件不能超过 ${sizeText(MAX_ATTACHMENT_BYTES)}。扫描件可以降低分辨率或分成几个文件`));
      continue;
    }
    const kind = sniffKind(file.name, file.bytes);
    if (kind === undefined) {
      const message = extensionOf(file.name) === '.txt'
        ? `文件${shown(file.name)}不是 UTF-8 编码的纯文本，请另存为 UTF-8 编码，或转成 PDF`
        : `文件${shown(file.name)}的内容不是可以接受的类型，不能上传。可以上传：${ACCEPTED_TEXT}`;
      problems.push(problem(message));
      continue;
    }
    if (kind === 'text' && size > MAX_TEXT_BYTES) {
      problems.push(problem(`文本文件${shown(file.name)}有 ${sizeText(size, 'up')}，纯文本不能超过 ${sizeText(MAX_TEXT_BYTES)}，请转成 PDF 或 Word 文档`));
      continue;
    }
    attachments.push({ fileName: cleanFileName(file.name, kind), kind, mediaType: ATTACHMENT_MEDIA_TYPES[kind], size, bytes: file.bytes });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, attachments };
}
