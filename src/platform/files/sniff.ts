/**
 * What kind of file an upload is, decided by its first bytes (its magic number), never by its name
 * alone, so an .exe renamed .pdf is refused; and the name it is kept under. Shared by the rooms that
 * take uploads (an application's attachments, a catalog item's). Pure: bytes in, a kind out.
 */

/** The kinds of file the rooms accept (each room takes a subset). */
export const FILE_KINDS = ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'text'] as const;
/** A kind of file. */
export type FileKind = (typeof FILE_KINDS)[number];

/** The media type a kind is stored and served with. */
export const FILE_MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  text: 'text/plain; charset=utf-8',
};

/** A kind in words, as pages say it. */
export const FILE_KIND_LABELS: Record<FileKind, string> = {
  pdf: 'PDF', jpeg: 'JPEG 图片', png: 'PNG 图片', docx: 'Word 文档', xlsx: 'Excel 表格', text: '纯文本',
};

/** The extensions of a kind; the first is added to a stored name that has none of them. */
const EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ['.pdf'], jpeg: ['.jpg', '.jpeg'], png: ['.png'], docx: ['.docx'], xlsx: ['.xlsx'], text: ['.txt'],
};

const MAGIC: readonly { kind: 'pdf' | 'jpeg' | 'png' | 'zip'; bytes: readonly number[] }[] = [
  { kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // PK\3\4: DOCX and XLSX are ZIP packages
];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** A name's extension, lower-cased with its dot ('.pdf'), or ''. */
export const extensionOf = (name: string) => /\.[^.]*$/.exec(name.toLowerCase())?.[0] ?? '';

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
 * none of FILE_KINDS. E.g. `sniffKind('scan.png', <%PDF-…>)` is 'pdf'; `sniffKind('setup.pdf', <MZ…>)` is undefined.
 */
export function sniffKind(name: string, bytes: Uint8Array): FileKind | undefined {
  const ext = extensionOf(name);
  const magic = MAGIC.find((m) => startsWith(bytes, m.bytes))?.kind;
  if (magic === 'zip') return ext === '.docx' ? 'docx' : ext === '.xlsx' ? 'xlsx' : undefined;
  if (magic !== undefined) return magic;
  if (ext === '.txt' && isPlainText(bytes)) return 'text';
  return undefined;
}

/** The stored name's length in characters. */
export const MAX_FILE_NAME_LENGTH = 100;

/**
 * The name kept for a file: its last path segment, without control or format characters (a
 * right-to-left override could disguise “exe.pdf”) and characters Windows refuses, at most 100
 * characters with its extension kept, ending in an extension of its kind. E.g.
 * `cleanFileName('C:\\扫描\\身份证.JPG', 'jpeg')` is '身份证.JPG'; `cleanFileName('scan', 'pdf')` is 'scan.pdf'.
 */
export function cleanFileName(raw: string, kind: FileKind): string {
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

/** How a refusal names a file (its cleaned last segment, as the person sees it in their folder). */
export const shownFileName = (name: string) => `“${[...(name.split(/[/\\]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '')].slice(0, 60).join('') || '未命名文件'}”`;
