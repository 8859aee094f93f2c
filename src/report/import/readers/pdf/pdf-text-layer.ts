/**
 * The fast text layer of a PDF: the text items pdf.js's getTextContent would give, read
 * directly from the file (pdf-xref.ts, pdf-content.ts, pdf-text-state.ts) without pdf.js's
 * font parsing, worker messaging and state cloning. It handles the common case of Chinese
 * government reports: unencrypted files with an intact cross-reference (table or stream),
 * FlateDecode streams, TrueType or Identity-H/V CIDFontType2 fonts that all have ToUnicode maps.
 *
 * Anything else gives undefined and the caller reads the file with pdf.js: the fast path never
 * guesses. Any Unsupported (or other) error anywhere in the document falls back for the whole
 * document, so a file is never read half one way and half the other.
 */
import { runContent, type PageContext } from './pdf-content.ts';
import type { FontInfo } from './pdf-font-info.ts';
import { Unsupported, isDict, isStream, nameOf, type PdfDict, type PdfValue } from './pdf-objects.ts';
import { newState } from './pdf-text-matrix.ts';
import type { TextItem } from './pdf-text-state.ts';
import { PdfFile } from './pdf-xref.ts';

export interface TextLayerPage {
  /** pdf.js's page.view: the crop box within the media box (§14.11.2), normalised. */
  view: number[];
  items: TextItem[];
}

export interface TextLayer {
  numPages: number;
  pages: TextLayerPage[];
  /** The document information dictionary's /Title (§14.3.3), decoded as a PDF text string. */
  title: string | undefined;
}

const MAX_PAGE_NODES = 10_000;

/** The text layer of the first `maxPages` pages, or undefined when the fast path does not apply. */
export function readTextLayer(bytes: Uint8Array, maxPages: number): TextLayer | undefined {
  try {
    return readTextLayerStrict(bytes, maxPages);
  } catch {
    // Unsupported, or anything a damaged file provokes: pdf.js reads (or repairs) it instead.
    return undefined;
  }
}

/** As readTextLayer, but throws why the fast path does not apply (for tests and diagnosis). */
export function readTextLayerStrict(bytes: Uint8Array, maxPages: number): TextLayer {
  const file = new PdfFile(bytes);
  const root = file.get(file.trailer, 'Root');
  if (!isDict(root)) throw new Unsupported('no catalog');
  const pageNodes = collectPages(file, file.get(root, 'Pages'));
  const fonts = new Map<PdfDict, FontInfo>();
  const pages: TextLayerPage[] = [];
  let operations = 0;
  for (const node of pageNodes.slice(0, maxPages)) {
    const view = pageView(file, node);
    const ctx: PageContext = { file, fonts, viewBox: view, items: [], operations };
    const resources = inherited(file, node, 'Resources');
    runContent(ctx, contentBytes(file, file.get(node.dict, 'Contents')), isDict(resources) ? resources : undefined, newState(), new Set());
    operations = ctx.operations;
    pages.push({ view, items: ctx.items });
  }
  return { numPages: pageNodes.length, pages, title: readTitle(file) };
}

interface PageNode {
  dict: PdfDict;
  parents: PdfDict[];
}

/** The page tree's leaves in order (§7.7.3.2); /Count must agree, as pdf.js trusts it. */
function collectPages(file: PdfFile, top: PdfValue | undefined): PageNode[] {
  if (!isDict(top)) throw new Unsupported('no page tree');
  const out: PageNode[] = [];
  const seen = new Set<PdfDict>();
  const walk = (node: PdfDict, parents: PdfDict[]): void => {
    if (seen.has(node) || seen.size > MAX_PAGE_NODES || parents.length > 32) throw new Unsupported('page tree loop');
    seen.add(node);
    const kids = file.get(node, 'Kids');
    const type = nameOf(file.get(node, 'Type'));
    if (type === 'Page' || (type !== 'Pages' && !Array.isArray(kids))) {
      out.push({ dict: node, parents });
      return;
    }
    if (!Array.isArray(kids)) throw new Unsupported('page tree node without kids');
    for (const kid of kids) {
      const k = file.resolve(kid);
      if (!isDict(k)) throw new Unsupported('bad page tree kid');
      walk(k, [node, ...parents]);
    }
  };
  walk(top, []);
  if (file.get(top, 'Count') !== out.length) throw new Unsupported('page count mismatch');
  return out;
}

function inherited(file: PdfFile, node: PageNode, key: string): PdfValue | undefined {
  for (const d of [node.dict, ...node.parents]) {
    const v = file.get(d, key);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/** pdf.js's page.view: the media box, intersected with the crop box when that is valid. */
function pageView(file: PdfFile, node: PageNode): number[] {
  const box = (key: string): number[] | undefined => {
    const v = inherited(file, node, key);
    if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number')) return undefined;
    const [a, b, c, d] = v as [number, number, number, number];
    const r = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
    return (r[2] ?? 0) - (r[0] ?? 0) > 0 && (r[3] ?? 0) - (r[1] ?? 0) > 0 ? r : undefined;
  };
  const media = box('MediaBox');
  if (!media) throw new Unsupported('no valid MediaBox');
  const crop = box('CropBox');
  if (!crop) return media;
  const r = [Math.max(media[0] ?? 0, crop[0] ?? 0), Math.max(media[1] ?? 0, crop[1] ?? 0), Math.min(media[2] ?? 0, crop[2] ?? 0), Math.min(media[3] ?? 0, crop[3] ?? 0)];
  return (r[2] ?? 0) - (r[0] ?? 0) > 0 && (r[3] ?? 0) - (r[1] ?? 0) > 0 ? r : media;
}

/** /Contents: one stream or an array of streams, concatenated (§7.8.2). */
function contentBytes(file: PdfFile, contents: PdfValue | undefined): Uint8Array {
  if (contents === undefined || contents === null) return new Uint8Array();
  if (isStream(contents)) return file.streamBytes(contents);
  if (!Array.isArray(contents)) throw new Unsupported('bad /Contents');
  const parts: Uint8Array[] = [];
  for (const c of contents) {
    const s = file.resolve(c);
    if (!isStream(s)) throw new Unsupported('bad /Contents part');
    parts.push(file.streamBytes(s), Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

/** A text string (§7.9.2.2): UTF-16 with a byte order mark, UTF-8 with one, or ASCII PDFDocEncoding. */
function readTitle(file: PdfFile): string | undefined {
  const info = file.get(file.trailer, 'Info');
  const title = isDict(info) ? file.get(info, 'Title') : undefined;
  if (!(title instanceof Uint8Array)) return undefined;
  const b = Buffer.from(title);
  if (b.includes(0x1b)) throw new Unsupported('language escape in a text string');
  if (b[0] === 0xfe && b[1] === 0xff) return b.subarray(2, b.length - (b.length % 2)).swap16().toString('utf16le');
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2, b.length - (b.length % 2)).toString('utf16le');
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  if (b.some((c) => c >= 0x80 || (c >= 0x18 && c <= 0x1f))) throw new Unsupported('PDFDocEncoding beyond ASCII');
  return b.toString('latin1');
}
