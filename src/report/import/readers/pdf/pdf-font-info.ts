/**
 * Font dictionaries for the fast text layer: only what text extraction needs — the code length,
 * the ToUnicode map (§9.10.3), the advance widths (§9.6.2.1 /Widths for simple TrueType fonts,
 * §9.7.4.3 /W and /DW for CID fonts) and vertical metrics for Identity-V (§9.7.4.3 /W2, /DW2).
 * Values follow pdf.js's extractWidths so that the positions agree. Fonts that need their
 * program or a predefined CMap (Type1/CFF font matrices, Type3, non-Identity encodings) throw
 * Unsupported.
 */
import { parseToUnicode } from './pdf-cmap.ts';
import { Unsupported, isDict, isStream, nameOf, type PdfDict, type PdfValue } from './pdf-objects.ts';
import type { PdfFile } from './pdf-xref.ts';

export interface FontInfo {
  /** pdf.js's font.name equivalent: fonts of one name and direction continue one text item. */
  name: string;
  twoByte: boolean;
  vertical: boolean;
  widths: Map<number, number>;
  defaultWidth: number;
  /** Vertical metrics [w1y, vx, vy] per CID, and the default. */
  vmetrics: Map<number, number[]>;
  defaultVMetrics: number[];
  toUnicode: Map<number, string>;
}

/**
 * pdf.js, for a vertical font whose program it does not have (the reader hides programs, see
 * pdf-fonts.ts), shows punctuation in its vertical presentation form (U+FE10–U+FE4F):
 * 「、」 becomes 「︑」. The same table, so that the text agrees.
 */
const VERTICAL_FORMS = new Map<number, number>([[8211, 65074], [8212, 65073], [8229, 65072], [8230, 65049], [12289, 65041], [12290, 65042], [12296, 65087], [12297, 65088], [12298, 65085], [12299, 65086], [12300, 65089], [12301, 65090], [12302, 65091], [12303, 65092], [12304, 65083], [12305, 65084], [12308, 65081], [12309, 65082], [12310, 65047], [12311, 65048], [65103, 65076], [65281, 65045], [65288, 65077], [65289, 65078], [65292, 65040], [65306, 65043], [65307, 65044], [65311, 65046], [65339, 65095], [65341, 65096], [65343, 65075], [65371, 65079], [65373, 65080]]);

export function loadFont(file: PdfFile, dict: PdfDict): FontInfo {
  const subtype = nameOf(file.get(dict, 'Subtype'));
  const toUnicodeStream = file.get(dict, 'ToUnicode');
  if (!isStream(toUnicodeStream)) throw new Unsupported('font without a ToUnicode stream');
  const toUnicode = parseToUnicode(file.streamBytes(toUnicodeStream));
  const baseFont = nameOf(file.get(dict, 'BaseFont')) ?? '';
  if (subtype === 'Type0') return loadType0(file, dict, toUnicode, baseFont);
  if (subtype !== 'TrueType') throw new Unsupported(`font subtype ${subtype ?? '?'}`);
  // pdf.js rewrites the text mapping of symbol fonts it substitutes: not reproduced.
  if (/Symbol|Dingbats|Wingdings/iu.test(baseFont)) throw new Unsupported('symbol font');
  // Simple TrueType fonts: one-byte codes, /Widths from /FirstChar, /MissingWidth otherwise.
  const widthsArr = file.get(dict, 'Widths');
  const first = file.get(dict, 'FirstChar');
  if (!Array.isArray(widthsArr) || typeof first !== 'number') throw new Unsupported('simple font without /Widths');
  const widths = new Map<number, number>();
  widthsArr.forEach((w, i) => {
    const v = file.resolve(w);
    if (typeof v === 'number') widths.set(first + i, v);
  });
  const descriptor = file.get(dict, 'FontDescriptor');
  const missing = isDict(descriptor) ? file.get(descriptor, 'MissingWidth') : undefined;
  return { name: baseFont, twoByte: false, vertical: false, widths, defaultWidth: typeof missing === 'number' ? missing : 0, vmetrics: new Map(), defaultVMetrics: [], toUnicode };
}

function loadType0(file: PdfFile, dict: PdfDict, toUnicode: Map<number, string>, baseFont: string): FontInfo {
  const encoding = nameOf(file.get(dict, 'Encoding'));
  // Identity-H/V: two-byte codes equal to CIDs (§9.7.5.2 Table 118).
  if (encoding !== 'Identity-H' && encoding !== 'Identity-V') throw new Unsupported(`CMap ${encoding ?? 'stream'}`);
  const descendants = file.get(dict, 'DescendantFonts');
  const cidFont = Array.isArray(descendants) ? file.resolve(descendants[0]) : undefined;
  if (!isDict(cidFont) || nameOf(file.get(cidFont, 'Subtype')) !== 'CIDFontType2') throw new Unsupported('CID font other than CIDFontType2');
  const dw = file.get(cidFont, 'DW');
  const defaultWidth = typeof dw === 'number' ? Math.ceil(dw) : 1000;
  const widths = new Map<number, number>();
  readW(file, file.get(cidFont, 'W'), 1, (cid, v) => {
    if (typeof v[0] === 'number') widths.set(cid, v[0]);
  });
  const vertical = encoding === 'Identity-V';
  if (vertical) {
    const descriptor = file.get(cidFont, 'FontDescriptor');
    // With the program present pdf.js maps codes through it: not reproduced here.
    if (!isDict(descriptor) || ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(k))) throw new Unsupported('vertical font with its program');
    for (const [code, text] of toUnicode) {
      const form = text.length === 1 ? VERTICAL_FORMS.get(text.charCodeAt(0)) : undefined;
      if (form !== undefined) toUnicode.set(code, String.fromCharCode(form));
    }
  }
  const vmetrics = new Map<number, number[]>();
  let defaultVMetrics: number[] = [];
  if (vertical) {
    const dw2 = file.get(cidFont, 'DW2');
    const d = Array.isArray(dw2) && dw2.length === 2 && dw2.every((x) => typeof x === 'number') ? (dw2 as number[]) : [880, -1000];
    defaultVMetrics = [d[1] ?? -1000, defaultWidth * 0.5, d[0] ?? 880];
    readW(file, file.get(cidFont, 'W2'), 3, (cid, v) => {
      if (v.every((x) => typeof x === 'number')) vmetrics.set(cid, v as number[]);
    });
  }
  return { name: baseFont, twoByte: true, vertical, widths, defaultWidth, vmetrics, defaultVMetrics, toUnicode };
}

/** /W or /W2 arrays: `c [w...]` or `cfirst clast w...`, `size` numbers per entry (§9.7.4.3). */
function readW(file: PdfFile, w: PdfValue | undefined, size: number, set: (cid: number, v: PdfValue[]) => void): void {
  if (!Array.isArray(w)) return;
  let count = 0;
  for (let i = 0; i < w.length; i += 1) {
    const start = file.resolve(w[i++]);
    if (typeof start !== 'number' || !Number.isInteger(start)) break;
    const next = file.resolve(w[i]);
    if (Array.isArray(next)) {
      for (let k = 0, cid = start; k + size - 1 < next.length; k += size, cid += 1) set(cid, next.slice(k, k + size).map((x) => file.resolve(x) ?? null));
    } else if (typeof next === 'number' && Number.isInteger(next)) {
      const v = w.slice(i + 1, i + 1 + size).map((x) => file.resolve(x) ?? null);
      i += size;
      if (next - start > 65536) throw new Unsupported('W range too large');
      for (let cid = start; cid <= next; cid += 1) set(cid, v);
    } else break;
    if ((count += 1) > 65536) throw new Unsupported('W too long');
  }
}
