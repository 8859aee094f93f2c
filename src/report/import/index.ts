/**
 * Import of an annual report from any published form: detects the form (by content first, the
 * file name's extension as a hint), reads it into a SourceDocument with the matching reader,
 * and interprets the report. Canonical JSON is parsed, not interpreted.
 *
 * Choice: a file in which nothing of a report is found (no table 二/三/四 and fewer than two
 * section headings) is an error (ReportReadError), not an empty report: an empty report would
 * pass to the validator as a report full of blanks and hide that the wrong file was given.
 */
import type { AnnualReport } from '../model.ts';
import type { SourceDocument } from './source.ts';
import { interpretReport, looksLikeReport, type InterpretOptions } from './interpret/index.ts';
import { storableText, withStorableText } from '../text-safety.ts';
import { readDecodedText } from './readers/text/text.ts';
import { readDecodedMarkdown } from './readers/text/markdown.ts';
import { decodeText, sniffHead, type DecodedText } from './readers/text/decode.ts';

/** A file as received: its name (for the extension) and its bytes. */
export interface ReportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  report: AnnualReport;
  sourceKind: SourceDocument['kind'];
}

/** Thrown when a file cannot be read at all (not a report, corrupt, unsupported type). Message in Chinese. */
export class ReportReadError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'ReportReadError';
  }
}

/** The forms the importer reads. */
export type SourceForm = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'xlsx' | 'json';

const EXTENSIONS: Record<string, SourceForm> = {
  txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xhtml: 'html',
  pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', json: 'json',
};

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

const LATIN1 = new TextDecoder('latin1');
const JSON_KEYS = /"table3"|"format"/;
const HTML_START = /^<!doctype html|<html[\s>]|<body[\s>]|<table[\s>]/i;
const PIPE_ROW = /^\|.*\|\s*$/m;
const PIPE_SEPARATOR = /^\|?\s*:?-{3,}/m;

/** The first byte after UTF-8 BOMs and ASCII whitespace is '<' (then the decoded text, trimmed, starts with '<'). */
function startsWithMarkup(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf) i += 3;
    else if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c) i += 1;
    else return b === 0x3c;
  }
  return false;
}

/** Whether an OOXML zip holds a Word document or a workbook (part names are stored in clear). */
function zipKind(bytes: Uint8Array): 'docx' | 'xlsx' | undefined {
  const head = LATIN1.decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
  if (head.includes('word/')) return 'docx';
  if (head.includes('xl/')) return 'xlsx';
  return undefined;
}

/**
 * The form of a file: magic bytes (PDF, ZIP) and content (JSON, HTML, markdown tables) decide;
 * the extension decides between forms the content cannot tell apart.
 */
export function detectForm(file: ReportFile): SourceForm | undefined {
  return sniff(file).form;
}

/** What sniffing found: the form, and the text when the whole file was decoded on the way. */
interface Sniffed {
  form: SourceForm | undefined;
  decoded?: DecodedText;
}

/**
 * The whole text is decoded while sniffing (unless an HTML file, which its reader decodes by its
 * own charset rules): a text, markdown or JSON file is then decoded once, not twice.
 */
function sniff(file: ReportFile): Sniffed {
  const ext = EXTENSIONS[file.name.toLowerCase().split('.').pop() ?? ''];
  const { bytes } = file;
  if (startsWith(bytes, '%PDF-')) return { form: 'pdf' };
  if (startsWith(bytes, 'PK\u0003\u0004')) return { form: zipKind(bytes) ?? (ext === 'docx' || ext === 'xlsx' ? ext : undefined) };
  if (ext === 'pdf' || ext === 'docx' || ext === 'xlsx') return { form: ext };
  // An .html file that starts with markup is HTML (only JSON in an .html file is sniffed otherwise):
  // no text is decoded to see it.
  if (ext === 'html' && startsWithMarkup(bytes)) return { form: 'html' };
  const decoded = ext === 'html' ? undefined : decodeText(bytes);
  const form = (s: SourceForm): Sniffed => (decoded ? { form: s, decoded } : { form: s });
  const head = sniffHead(bytes, 4096, decoded).trimStart();
  if (head.startsWith('{') && (ext === 'json' || ext === undefined || JSON_KEYS.test(head))) return form('json');
  if (HTML_START.test(head.slice(0, 2048))) return form('html');
  if (ext === 'json' || ext === 'html') return form(ext);
  if (ext === 'markdown' || PIPE_ROW.test(head) && PIPE_SEPARATOR.test(head)) return form('markdown');
  return form('text');
}

/** Loads a module once: `import()` of a module already loaded still costs a loader round trip per call. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

// The heavy readers (pdf.js, exceljs, the HTML and XML parser) load only when a file needs them.
const htmlReader = once(() => import('./readers/html/html.ts'));
const pdfReader = once(() => import('./readers/pdf/pdf.ts'));
const docxReader = once(() => import('./readers/docx/docx.ts'));
const xlsxReader = once(() => import('./readers/xlsx/xlsx.ts'));

async function readSource(form: Exclude<SourceForm, 'json'>, bytes: Uint8Array, decoded: DecodedText | undefined): Promise<SourceDocument> {
  switch (form) {
    case 'text':
      return readDecodedText(decoded ?? decodeText(bytes));
    case 'markdown':
      return readDecodedMarkdown(decoded ?? decodeText(bytes));
    case 'html':
      return (await htmlReader()).readHtml(bytes);
    case 'pdf':
      return (await pdfReader()).readPdf(bytes);
    case 'docx':
      return (await docxReader()).readDocx(bytes);
    case 'xlsx':
      return (await xlsxReader()).readXlsx(bytes);
  }
}

async function importJson(file: ReportFile, decoded: DecodedText | undefined): Promise<ImportResult> {
  let json: unknown;
  try {
    json = JSON.parse((decoded ?? decodeText(file.bytes)).text);
  } catch (error) {
    throw new ReportReadError(`${file.name}：不是有效的 JSON（${error instanceof Error ? error.message : String(error)}）`, file.name);
  }
  // zod and the canonical schema load only for a JSON file (a quarter of a second of start-up otherwise).
  const parsed = (await import('../canonical.ts')).parseCanonicalReport(json);
  if (!parsed.ok) {
    const list = parsed.errors.slice(0, 10).map((e) => e.message).join('；');
    throw new ReportReadError(`${file.name}：不是规范格式的年度报告 JSON：${list}${parsed.errors.length > 10 ? '……' : ''}`, file.name);
  }
  return { report: parsed.report, sourceKind: 'json' };
}

/**
 * Reads one report file of any supported form (txt, md, html/htm, pdf, docx, xlsx, json).
 * `options.previous`: the same agency's report of the year before, evidence for a table 二 run that splits several ways.
 */
export async function importReport(file: ReportFile, options: InterpretOptions = {}): Promise<ImportResult> {
  if (file.bytes.length === 0) throw new ReportReadError(`${file.name}：文件是空的。`, file.name);
  const { form, decoded } = sniff(file);
  if (form === undefined) throw new ReportReadError(`${file.name}：无法识别文件类型（支持 txt、md、html、pdf、docx、xlsx、json）。`, file.name);
  if (form === 'json') return importJson(file, decoded);
  let doc: SourceDocument;
  try {
    doc = await readSource(form, file.bytes, decoded);
  } catch (error) {
    if (error instanceof ReportReadError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ReportReadError(/[\u4e00-\u9fff]/.test(reason) ? `${file.name}：${reason}` : `${file.name}：无法读取文件（${reason}）`, file.name);
  }
  // The document's own text is cleaned of what cannot be stored (NUL, lone surrogates).
  const report = withStorableText(interpretReport(doc, options));
  if (!looksLikeReport(report)) {
    throw new ReportReadError(`${file.name}：文件中没有找到政府信息公开工作年度报告的内容（没有表二、表三、表四，也没有报告各部分的标题）。`, file.name);
  }
  return { report, sourceKind: doc.kind };
}

/** At most this many characters of a document's text are returned (the text of a 500-page book). */
export const MAX_DOCUMENT_TEXT = 1_000_000;

/**
 * The plain text of any document the readers take (PDF, DOCX, XLSX, HTML, text): a line per paragraph
 * or table row, a row's cells separated by spaces, cleaned of what PostgreSQL cannot store, at most
 * MAX_DOCUMENT_TEXT characters. For other rooms' full-text search (a catalog item's attachments); a
 * file that is not one of these forms, or cannot be read, throws ReportReadError.
 */
export async function readDocumentText(file: ReportFile): Promise<string> {
  if (file.bytes.length === 0) return '';
  const { form, decoded } = sniff(file);
  if (form === undefined) throw new ReportReadError(`${file.name}：无法识别文件类型。`, file.name);
  const doc = form === 'json' ? undefined : await readSource(form, file.bytes, decoded).catch((error: unknown) => {
    throw new ReportReadError(`${file.name}：无法读取文件（${error instanceof Error ? error.message : String(error)}）`, file.name);
  });
  const text = doc ? doc.lines.map((line) => line.cells.filter((c) => c !== '').join(' ')).filter((l) => l !== '').join('\n') : (decoded ?? decodeText(file.bytes)).text;
  return storableText(text).slice(0, MAX_DOCUMENT_TEXT);
}

