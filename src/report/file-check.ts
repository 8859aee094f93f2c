/**
 * The upload's first gate: is this file of a type the checker reads? By extension and by its
 * first bytes (a renamed .exe is not a PDF). Messages are Chinese and say what to do.
 */

/** Extensions the checker accepts, and what they must look like inside. */
export const ACCEPTED_EXTENSIONS = ['txt', 'md', 'html', 'htm', 'pdf', 'docx', 'xlsx', 'json'] as const;
export type AcceptedExtension = (typeof ACCEPTED_EXTENSIONS)[number];

/** For the file input's `accept` attribute. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(',');

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4 (DOCX and XLSX are ZIP packages)
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // old binary .doc / .xls

/** The lower-case extension of a file name ('' if none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  // UTF-16 text carries a BOM; any other text has no NUL bytes.
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  return !head.includes(0);
}

/**
 * Returns why the file cannot be checked, or undefined when its type is acceptable.
 *
 * @example fileTypeProblem('报告.pdf', new TextEncoder().encode('hello')) // '…不是 PDF…'
 */
export function fileTypeProblem(name: string, bytes: Uint8Array): string | undefined {
  const ext = extensionOf(name);
  if (bytes.length === 0) return `文件“${name}”是空的（0 字节）：请选择年度报告文件本身。`;
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) {
    const old = ext === 'doc' || ext === 'xls' || ext === 'wps' ? '旧版 Office 格式请先另存为 .docx 或 .xlsx；' : '';
    return `不支持“${name}”这种文件类型（.${ext || '无扩展名'}）。${old}可以上传 ${ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join('、')} 文件。`;
  }
  switch (ext as AcceptedExtension) {
    case 'pdf':
      return startsWith(bytes, PDF) ? undefined : `文件“${name}”的扩展名是 .pdf，但内容不是 PDF：文件可能已损坏或被改过扩展名。`;
    case 'docx':
    case 'xlsx':
      if (startsWith(bytes, OLE)) return `文件“${name}”是旧版 Office 格式（.doc/.xls）而扩展名写成了 .${ext}：请用 Office 或 WPS 另存为 .${ext} 后再上传。`;
      return startsWith(bytes, ZIP) ? undefined : `文件“${name}”的扩展名是 .${ext}，但内容不是 Office 文档：文件可能已损坏或被改过扩展名。`;
    case 'txt':
    case 'md':
    case 'html':
    case 'htm':
    case 'json':
      return looksLikeText(bytes) && !startsWith(bytes, PDF) && !startsWith(bytes, ZIP)
        ? undefined
        : `文件“${name}”的扩展名是 .${ext}，但内容不是文本：请确认选对了文件。`;
  }
}
