/**
 * PDF reader. pdf.js (through unpdf) is the one thing that reads the file: its objects, streams,
 * fonts and text. What it gives, each page's text items with their positions, is where our code
 * starts: toFragment keeps horizontal text, pdf-layout.ts rebuilds lines and cells, pdf-document.ts
 * handles what spans pages, pdf-columns.ts restores blank cells from column positions.
 *
 * pdf.js gets the bytes as uploaded: nothing of ours reads or rewrites them first. (Hiding the
 * embedded font programs from it would halve its time on a CJK report, but then the text of a
 * font whose codes need its program, such as LibreOffice's Type1 subsets, came out wrong.)
 */
import { getResolvedPDFJS } from 'unpdf';
import type { SourceDocument, SourceMeta } from '../../source.ts';
import { layOutDocument, type PdfPage } from './pdf-document.ts';
import type { PdfFragment } from './pdf-layout.ts';
import { normalizeText } from '../lines/normalize.ts';
import { SourceReadError } from '../read-error.ts';

/** A pdf.js text item (TextContent items also include marked-content markers, which have no `str`). */
interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
}

/** One page's text items (as pdf.js gives them) and its view box. */
interface ItemPage {
  view: readonly number[];
  items: readonly unknown[];
}

/** Pages beyond this are not read: an annual report has a dozen pages, not thousands. */
const MAX_PAGES = 300;

/**
 * Reads a PDF. Throws SourceReadError, with a Chinese message, when the bytes are not a readable
 * PDF (not a PDF, corrupt, encrypted); a PDF without a text layer (a scan) gives no lines and a
 * `pdf.no-text` warning. The pdf.js document is destroyed whatever happens.
 *
 * @example (await readPdf(bytes)).lines.filter((l) => l.isTableRow && l.page === 3)
 */
export async function readPdf(bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.length === 0) throw new SourceReadError('PDF 文件是空的。', 'pdf.empty');
  pdfjs ??= getResolvedPDFJS();
  // A copy: pdf.js takes over (and may detach) the buffer it is given.
  const task = (await pdfjs).getDocument({ data: new Uint8Array(bytes), ...LOAD_OPTIONS });
  try {
    const pdf = await open(task.promise);
    const meta = await readMeta(pdf);
    const pages: ItemPage[] = [];
    const count = Math.min(pdf.numPages, MAX_PAGES);
    for (let p = 1; p <= count; p += 1) pages.push(await readPage(pdf, p));
    return toDocument(pages, pdf.numPages, meta);
  } finally {
    // Destroys the document too (its worker-side objects, fonts, caches), also when opening failed.
    await task.destroy().catch(() => undefined);
  }
}

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>;
type LoadingTask = ReturnType<PdfJs['getDocument']>;
type PdfProxy = Awaited<LoadingTask['promise']>;

/** pdf.js, loaded once per process (its fake worker is set up on first use and then reused). */
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js loading options for text extraction only. unpdf's getDocumentProxy is not used: it
 * resolves `pdfjs-dist` through the module loader on every call (a round trip to tsx's loader
 * thread) and turns system fonts on. No font faces, no eval, no range/stream fetching (the
 * bytes are all here), no standard-font or CMap fetching, errors skipped rather than fatal.
 */
const LOAD_OPTIONS = {
  verbosity: 0,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  stopAtErrors: false,
  disableAutoFetch: true,
  disableStream: true,
  disableRange: true,
  useWorkerFetch: false,
  isOffscreenCanvasSupported: false,
  isImageDecoderSupported: false,
} as const;

/** The opened document, or a SourceReadError saying why the file cannot be opened. */
async function open(loading: Promise<PdfProxy>): Promise<PdfProxy> {
  try {
    return await loading;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new SourceReadError('PDF 文件已加密，需要密码才能读取。', 'pdf.encrypted', { cause: error });
    if (name === 'InvalidPDFException') {
      throw new SourceReadError('不是有效的 PDF 文件，或文件已损坏、不完整：找不到 PDF 的文档结构。', 'pdf.invalid', { cause: error });
    }
    throw new SourceReadError('PDF 文件已损坏，无法打开。', 'pdf.invalid', { cause: error });
  }
}

/** One page's text items; a page pdf.js cannot read makes the file unreadable (no half document). */
async function readPage(pdf: PdfProxy, number: number): Promise<ItemPage> {
  try {
    const page = await pdf.getPage(number);
    // Marked-content markers are not text; pdf.js's own NFKC pass is redundant with ours (normalize.ts).
    const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: true });
    page.cleanup();
    return { view: page.view, items: content.items };
  } catch (error) {
    throw new SourceReadError(`PDF 文件已损坏：第${number}页（共${pdf.numPages}页）的内容无法读取。`, 'pdf.unreadable', { cause: error });
  }
}

/**
 * Title from the document information dictionary. Its dates (CreationDate, ModDate) say when the
 * file was made, not when the report was published: not used as `publishedOn`.
 */
async function readMeta(pdf: PdfProxy): Promise<SourceMeta> {
  try {
    const { info } = await pdf.getMetadata();
    const title = info !== null && typeof info === 'object' && 'Title' in info && typeof info.Title === 'string' ? normalizeText(info.Title) : '';
    return title === '' ? {} : { title };
  } catch {
    return {};
  }
}

/** Text items → fragments (horizontal text only) → laid-out document. */
function toDocument(itemPages: readonly ItemPage[], numPages: number, meta: SourceMeta): SourceDocument {
  const warnings: SourceDocument['warnings'] = [];
  if (numPages > MAX_PAGES) warnings.push({ code: 'pdf.too-many-pages', message: `PDF 共${numPages}页，只读取了前${MAX_PAGES}页。` });
  let rotated = 0;
  const pages: PdfPage[] = itemPages.map(({ view, items }) => {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
    const fragments: PdfFragment[] = [];
    for (const item of items) {
      if (!isTextItem(item) || item.str.trim() === '') continue;
      const fragment = toFragment(item, x0, y0);
      if (fragment) fragments.push(fragment);
      else rotated += 1;
    }
    return { fragments, width: x1 - x0, height: y1 - y0 };
  });
  if (rotated > 0) warnings.push({ code: 'pdf.rotated-text-skipped', message: `PDF 中有${rotated}段倾斜或竖排的文字（水印等）未读取。` });
  if (pages.every((p) => p.fragments.length === 0)) {
    warnings.push({ code: 'pdf.no-text', message: 'PDF 没有文字层（可能是扫描件），未读出任何文字；需要先做文字识别（OCR）。' });
  }
  const laid = layOutDocument(pages);
  return { kind: 'pdf', lines: laid.lines, meta, warnings: [...warnings, ...laid.warnings] };
}

function isTextItem(item: unknown): item is PdfTextItem {
  if (item === null || typeof item !== 'object') return false;
  const o = item as Record<string, unknown>;
  return typeof o.str === 'string' && Array.isArray(o.transform) && o.transform.length >= 6
    && o.transform.every((n) => typeof n === 'number' && Number.isFinite(n)) && typeof o.width === 'number';
}

/** Horizontal text only (a rotated item, e.g. a watermark, gives undefined). */
function toFragment(item: PdfTextItem, originX: number, originY: number): PdfFragment | undefined {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
  if (Math.abs(b) > 0.05 * Math.abs(a) || Math.abs(c) > 0.05 * Math.abs(d) || a <= 0 || d <= 0) return undefined;
  const fontSize = Math.hypot(c, d);
  if (fontSize < 1 || !Number.isFinite(item.width)) return undefined;
  return { text: item.str, x: e - originX, y: f - originY, width: Math.max(0, item.width), fontSize };
}
