import { readFileSync } from 'node:fs';
import { corpusPath } from '../../../../../test/support/corpus.ts';
import { getResolvedPDFJS } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { readPdf } from './pdf.ts';
import { bytesForTextExtraction } from './pdf-fonts.ts';
import { readTextLayer, readTextLayerStrict } from './pdf-text-layer.ts';
import { writePdf, type TestObject } from '../../../../../test/support/pdf-writer.ts';

const hongze = (): Uint8Array => new Uint8Array(readFileSync(corpusPath('hongze-2024.pdf')));

/** CIDs 1.. of the test CID font, in this order. */
const CHARS = '一二三四五六七八九十、本年新收政府信息公开申请数量总计自然人商业企。';
const cid = (text: string): string => `<${[...text].map((ch) => (CHARS.indexOf(ch) + 1).toString(16).padStart(4, '0')).join('')}>`;
const utf16 = (ch: string): string => (ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0');

function cmap(entries: string): { dict: string; data: string; flate: boolean } {
  return { dict: '', flate: true, data: `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n${entries}\nendcmap CMapName currentdict /CMap defineresource pop end end` };
}

const DESCRIPTOR = '<</Type/FontDescriptor/FontName/Test/Flags 32/FontBBox[0 -140 1000 860]/ItalicAngle 0/Ascent 860/Descent -140/CapHeight 700/StemV 80>>';

/** A one-page report page: title, paragraph, a table with values, a form XObject, a watermark. */
function samplePdf(content: string, options: { compact?: boolean; latinFont?: string } = {}): Uint8Array {
  const widths = Array.from({ length: 95 }, (_, i) => (i === 0 ? 250 : 500 + (i % 7) * 20)).join(' ');
  const objects: TestObject[] = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 595 842]>>',
    '<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 5 0 R/F2 7 0 R>>/XObject<</X1 10 0 R>>/ExtGState<</G1<</CA 1>>>>>>/Contents 4 0 R>>',
    { dict: '', data: content, flate: true },
    '<</Type/Font/Subtype/Type0/BaseFont/SimSun/Encoding/Identity-H/DescendantFonts[6 0 R]/ToUnicode 8 0 R>>',
    '<</Type/Font/Subtype/CIDFontType2/BaseFont/SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor 11 0 R/DW 1000/W[1[1000 1000]3 5 980]>>',
    options.latinFont ?? `<</Type/Font/Subtype/TrueType/BaseFont/Arial/FirstChar 32/LastChar 126/Widths[${widths}]/FontDescriptor 12 0 R/ToUnicode 9 0 R>>`,
    cmap(`${CHARS.length - 4} beginbfchar\n${[...CHARS].slice(0, -4).map((ch, i) => `<${(i + 1).toString(16).padStart(4, '0')}> <${utf16(ch)}>`).join('\n')}\nendbfchar\n1 beginbfrange\n<${(CHARS.length - 3).toString(16).padStart(4, '0')}> <${CHARS.length.toString(16).padStart(4, '0')}> [<5546> <4E1A> <4F01> <3002>]\nendbfrange`),
    cmap('1 beginbfrange\n<20> <7E> <0020>\nendbfrange'),
    { dict: '/Type/XObject/Subtype/Form/BBox[0 0 595 842]/Matrix[1 0 0 1 0 -40]/Resources<</Font<</F1 5 0 R/F2 7 0 R>>>>', data: `BT /F1 10 Tf 72 120 Td ${cid('总计')} Tj ET BT /F2 10 Tf 322 120 Td (12) Tj ET` },
    DESCRIPTOR,
    DESCRIPTOR,
  ];
  return writePdf(objects, { compact: options.compact, info: '<</Title(Test report)>>' });
}

const CONTENT = [
  `q 1 0 0 1 0 0 cm BT /F1 16 Tf 1 0 0 1 200 780 Tm ${cid('政府信息公开')} Tj ET Q`,
  `BT /F1 12 Tf 14 TL 72 740 Td ${cid('一、本年新收政府信息公开申请数量')} Tj T* [${cid('总计')} -500 ${cid('自然人')}] TJ ET`,
  `/G1 gs BT /F1 9 Tf 0.5 Tc 72 600 Td ${cid('自然人')} Tj 160 0 Td ${cid('商业企业')} Tj 0 Tc ET`,
  'BT /F2 9 Tf 3 Tw 110 Tz 300 600 Td (12 3) Tj 40 0 Td [(4) 120 (5)] TJ 100 Tz 0 Tw ET',
  `BT /F1 9 Tf 72 580 Td ${cid('一、本年新收')} Tj 2 Ts ${cid('十')} Tj 0 Ts ET`,
  'BT /F2 9 Tf 12 TL 300 580 Td (95) Tj (7) \' 1 0 (8) " ET',
  `/P <</MCID 1>> BDC BT /F1 9 Tf 2 0 0 2 72 520 Tm ${cid('二、')} Tj ET EMC`,
  '/X1 Do',
  `q 0.7 0.7 -0.7 0.7 300 300 cm BT /F1 40 Tf 0 0 Td ${cid('公开')} Tj ET Q`,
  `BT /F1 9 Tf 72 10 Td ${cid('九')} Tj ET`,
].join('\n');

interface Item {
  str: string;
  transform: number[];
  width: number;
}

/** pdf.js's text items of every page (whitespace-only ones dropped, as the reader drops them), rounded. */
async function pdfjsItems(bytes: Uint8Array): Promise<Item[][]> {
  const pdfjs = await getResolvedPDFJS();
  const doc = await pdfjs.getDocument({ data: bytesForTextExtraction(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const pages: Item[][] = [];
  for (let p = 1; p <= doc.numPages; p += 1) {
    const content = await (await doc.getPage(p)).getTextContent({ includeMarkedContent: false, disableNormalization: true });
    pages.push(rounded(content.items as Item[]));
  }
  await doc.destroy();
  return pages;
}

function rounded(items: readonly Item[]): Item[] {
  const r = (n: number): number => Math.round(n * 1000) / 1000;
  return items.filter((i) => i.str.trim() !== '').map((i) => ({ str: i.str, transform: i.transform.map(r), width: r(i.width) }));
}

describe('readTextLayer (fast text layer)', () => {
  it('takes the fast path on hongze-2024.pdf and gives the same document as pdf.js', async () => {
    const bytes = hongze();
    expect(readTextLayerStrict(bytesForTextExtraction(bytes), 300).pages.map((p) => rounded(p.items))).toEqual(await pdfjsItems(bytes));
    const fast = await readPdf(bytes);
    const slow = await readPdf(bytes, { textLayer: 'pdfjs' });
    expect(fast.lines.length).toBeGreaterThan(40);
    expect(fast).toEqual(slow);
  });

  it.each([false, true])('gives the same document as pdf.js on a generated PDF (object stream and xref stream: %s)', async (compact) => {
    const bytes = samplePdf(CONTENT, { compact });
    const layer = readTextLayerStrict(bytesForTextExtraction(bytes), 300);
    expect(layer.title).toBe('Test report');
    expect(layer.pages.map((p) => rounded(p.items))).toEqual(await pdfjsItems(bytes));
    expect(layer.pages[0]?.items.length).toBeGreaterThan(8);
    const fast = await readPdf(bytes);
    const slow = await readPdf(bytes, { textLayer: 'pdfjs' });
    expect(fast).toEqual(slow);
    expect(fast.lines.flatMap((l) => l.cells).join('|')).toContain('总计');
  });

  it('falls back to pdf.js for what it does not handle, with the same document', async () => {
    const cases: [string, Uint8Array][] = [
      ['font without ToUnicode', samplePdf(CONTENT, { latinFont: '<</Type/Font/Subtype/TrueType/BaseFont/Arial/FirstChar 32/LastChar 32/Widths[250]>>' })],
      ['Type3 font', samplePdf(CONTENT, { latinFont: '<</Type/Font/Subtype/Type3/FontBBox[0 0 1 1]/FontMatrix[0.001 0 0 0.001 0 0]/CharProcs<<>>/Encoding<</Differences[]>>/FirstChar 32/LastChar 32/Widths[1]>>' })],
      ['inline image', samplePdf(`${CONTENT}\nq 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q`)],
      ['unknown operator', samplePdf(`${CONTENT}\n1 2 Xq`)],
      ['truncated', hongze().subarray(0, 200_000)],
    ];
    for (const [, bytes] of cases) {
      expect(readTextLayer(bytesForTextExtraction(bytes), 300)).toBeUndefined();
    }
    const bytes = cases[0]?.[1] ?? new Uint8Array();
    expect((await readPdf(bytes)).lines.length).toBeGreaterThan(3);
  });

  it('never throws or hangs on damaged bytes', () => {
    const bytes = hongze();
    let state = 7;
    const random = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 40; i += 1) {
      const copy = Uint8Array.from(bytes);
      for (let k = 0; k < 20; k += 1) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      const started = performance.now();
      expect(() => readTextLayer(copy, 300)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
