/**
 * Attachments to an application (issue 17 §1): how many, how large, and of which type — decided by
 * the file's first bytes (its magic number), never by its name alone, so an .exe renamed .pdf is
 * refused. Pure: the files come in as bytes, problems go out as values naming each file. The bytes are
 * not parsed further (a DOCX is not inflated): the staff open the file in their own office software.
 */
import type { FieldProblem } from './input.ts';

/** At most this many files with one application. */
export const MAX_ATTACHMENTS = 5;
/** At most this many bytes a file (10 MB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** At most this many bytes a plain-text file (1 MB): a longer text is a document, sent as PDF or Word. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** The stored name's length in characters. */
export const MAX_FILE_NAME_LENGTH = 100;

/** The kinds of file accepted. */
export const ATTACHMENT_KINDS = ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'text'] as const;
/** A kind of file accepted. */
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The media type a kind is stored and served with. */
export const ATTACHMENT_MEDIA_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain; charset=utf-8',
};

/** A kind in words, as pages say it. */
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  pdf: 'PDF', jpeg: 'JPEG 图片', png: 'PNG 图片', docx: 'Word 文档', xlsx: 'Excel 表格', text: '纯文本',
};

/** The extensions of a kind; the first is added to a stored name that has none of them. */
const EXTENSIONS: Record<AttachmentKind, readonly string[]> = {
  pdf: ['.pdf'], jpeg: ['.jpg', '.jpeg'], png: ['.png'], docx: ['.docx'], xlsx: ['.xlsx'], text: ['.txt'],
};

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

const MAGIC: readonly { kind: 'pdf' | 'jpeg' | 'png' | 'zip'; bytes: readonly number[] }[] = [
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4: DOCX and XLSX are ZIP packages
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
const extensionOf = (name: string) => /\.[^.]*$/.exec(name.toLowerCase())?.[0] ?? '';

/** Valid UTF-8 without NUL (a UTF-16 file has NULs; a binary file rarely decodes). */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The kind of a file from its bytes (and, for a ZIP or text, its extension), or undefined when it is
 * none we take. E.g. `sniffKind('scan.png', <%PDF-…>)` is 'pdf'; `sniffKind('setup.pdf', <MZ…>)` is undefined.
 */
export function sniffKind(name: string, bytes: Uint8Array): AttachmentKind | undefined {
  const ext = extensionOf(name);
  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes))?.kind;
  if (magic === 'zip') return ext === '.docx' ? 'docx' : ext === '.xlsx' ? 'xlsx' : undefined;
  if (magic !== undefined) return magic;
  if (ext === '.txt' && isPlainText(bytes)) return 'text';
  return undefined;
}

/**
 * The name kept for a file: its last path segment, without control or format characters (a
 * right-to-left override could disguise “exe.pdf”) and characters Windows refuses, at most 100
 * characters with its extension kept, ending in an extension of its kind. E.g.
 * `cleanFileName('C:\\扫描\\身份证.JPG', 'jpeg')` is '身份证.JPG'; `cleanFileName('scan', 'pdf')` is 'scan.pdf'.
 */
export function cleanFileName(raw: string, kind: AttachmentKind): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').replace(/[<>:"|?*]/g, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  if (!EXTENSIONS[kind].includes(extensionOf(name))) name = `${name || '附件'}${EXTENSIONS[kind][0]!}`;
  const chars = [...name];
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const ext = [...extensionOf(name)];
  return chars.slice(0, MAX_FILE_NAME_LENGTH - ext.length).join('').trimEnd() + ext.join('');
}

/** A size in words: 10 MB, 1.5 MB, 320 KB; `up` rounds up (a file one byte over 10 MB reads 10.1 MB, not 10 MB). */
export function sizeText(bytes: number, round: 'nearest' | 'up' = 'nearest'): string {
  const by = round === 'up' ? Math.ceil : Math.round;
  if (bytes >= 1024 * 1024) return `${by((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.max(1, by(bytes / 1024))} KB`;
}

/** How a refusal names a file (its cleaned last segment, as the applicant sees it in their folder). */
const shown = (name: string) => `“${[...(name.split(/[/\\]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '')].slice(0, 60).join('') || '未命名文件'}”`;

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
