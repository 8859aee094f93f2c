/**
 * DOCX reader: word/document.xml is read directly (docx-zip.ts unzips with node:zlib,
 * docx-xml.ts turns the body into the HTML reader's tree), then the HTML reader's line and grid
 * logic (html-lines.ts through html-dom.ts, html-grid.ts) reads it, so a DOCX table comes out exactly as the same
 * table in HTML would. Title and publication date come from docProps/core.xml (dc:title) and
 * docProps/custom.xml (the `PubDate` property our renderer writes).
 *
 * mammoth (which renders the document as HTML) is the fallback for markup the direct pass does
 * not copy (tracked changes, text boxes, notes …; see docx-xml.ts) and for archives the small
 * ZIP reader does not handle. Merged cells follow mammoth's rules either way: w:gridSpan →
 * colspan, w:vMerge restart/continue → rowspan (checked by docx.test.ts with a table built by
 * the `docx` package). Not handled: rows shifted by w:gridBefore (mammoth ignores it too).
 */
import mammoth from 'mammoth';
import type { SourceDocument, SourceMeta } from '../../source.ts';
import { documentXmlToTree, decodeXml } from './docx-xml.ts';
import { ZipParts } from '../zip-parts.ts';
import { readHtmlString, readHtmlTree } from '../html/html-dom.ts';
import { normalizeText, toIsoDate } from '../lines/normalize.ts';
import { SourceReadError } from '../read-error.ts';

/**
 * Reads a .docx file. Throws SourceReadError when the bytes are not a readable DOCX.
 *
 * @example (await readDocx(bytes)).lines.filter((l) => l.isTableRow)
 */
export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  const direct = readDirect(bytes);
  if (direct) return direct;
  return readWithMammoth(bytes);
}

/** The direct pass; undefined when mammoth must read the file (see the module comment). */
function readDirect(bytes: Uint8Array): SourceDocument | undefined {
  try {
    const zip = new ZipParts(bytes);
    const xml = zip.text('word/document.xml');
    if (xml === undefined) return undefined;
    const tree = documentXmlToTree(xml);
    if (!tree) {
      // A body cut short (a partial download) is not XML: mammoth would only fail, after ~10 µs a byte.
      if (!/<\/w:document>\s*$/u.test(xml.slice(-64))) throw new SourceReadError('无法读取 DOCX 文件：正文（word/document.xml）在结尾前中断，文件不完整或已损坏。', 'docx.unreadable');
      return undefined;
    }
    const { lines, warnings } = readHtmlTree(tree);
    return { kind: 'docx', lines, meta: readProperties(zip), warnings };
  } catch (error) {
    if (error instanceof SourceReadError) throw error;
    // A damaged or unusual archive: mammoth decides whether it can be read at all.
    return undefined;
  }
}

const TITLE = /<dc:title>([^<]*)<\/dc:title>/u;
const PUB_DATE = /<property\b[^>]*\bname="PubDate"[^>]*>\s*<vt:\w+>([^<]*)</iu;

/** dc:title of docProps/core.xml and the PubDate custom property. */
function readProperties(zip: ZipParts): SourceMeta {
  const meta: SourceMeta = {};
  const title = TITLE.exec(zip.text('docProps/core.xml') ?? '')?.[1];
  if (title !== undefined) {
    const text = normalizeText(decodeXml(title));
    if (text !== '') meta.title = text;
  }
  const date = PUB_DATE.exec(zip.text('docProps/custom.xml') ?? '')?.[1];
  const publishedOn = date === undefined ? undefined : toIsoDate(decodeXml(date));
  if (publishedOn !== undefined) meta.publishedOn = publishedOn;
  return meta;
}

async function readWithMammoth(bytes: Uint8Array): Promise<SourceDocument> {
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
