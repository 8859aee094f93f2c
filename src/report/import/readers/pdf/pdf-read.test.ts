/**
 * readPdf on whole PDF files: the corpus report, LibreOffice's export of our DOCX, and small PDFs
 * written for the purpose (test/support/pdf-writer.ts) with the structures reports use: CID fonts
 * whose text comes through ToUnicode CMaps, an object stream and an xref stream, form XObjects,
 * a rotated watermark, fonts without ToUnicode, encryption; and damaged files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../../../../test/support/corpus.ts';
import { writePdf, type TestObject } from '../../../../../test/support/pdf-writer.ts';
import { SourceReadError } from '../read-error.ts';
import { readPdf } from './pdf.ts';

const hongze = (): Uint8Array => new Uint8Array(readFileSync(corpusPath('hongze-2024.pdf')));
const libreOffice = (): Uint8Array => new Uint8Array(readFileSync(new URL('../../../../../test/fixtures/seed-docx-libreoffice.pdf', import.meta.url)));

/** CIDs 1.. of the test CID font, in this order. */
const CHARS = '一二三四五六七八九十、本年新收政府信息公开申请数量总计自然人商业企。';
const cid = (text: string): string => `<${[...text].map((ch) => (CHARS.indexOf(ch) + 1).toString(16).padStart(4, '0')).join('')}>`;
const utf16 = (ch: string): string => (ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0');

function cmap(entries: string): { dict: string; data: string; flate: boolean } {
  return { dict: '', flate: true, data: `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n${entries}\nendcmap CMapName currentdict /CMap defineresource pop end end` };
}

const DESCRIPTOR = '<</Type/FontDescriptor/FontName/Test/Flags 32/FontBBox[0 -140 1000 860]/ItalicAngle 0/Ascent 860/Descent -140/CapHeight 700/StemV 80>>';

/**
 * A one-page report page: title, paragraph, a table with values, a form XObject, a watermark.
 * F1 is an Identity-H CID font whose ToUnicode maps codes one by one (bfchar) and, for the last
 * four, through a bfrange with an array; F2 a TrueType font with a ToUnicode range.
 */
function samplePdf(content: string, options: { compact?: boolean; latinFont?: string; trailer?: string } = {}): Uint8Array {
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
  return writePdf(objects, { compact: options.compact, info: '<</Title(Test report)>>', trailer: options.trailer });
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

const cellsOf = (doc: { lines: { cells: string[] }[] }): string[][] => doc.lines.map((l) => l.cells);

/** A message for a person: Chinese, and no words of a library's own (only 「PDF」 and 「OCR」 in Latin letters). */
function expectChineseMessage(message: string): void {
  expect(message).toMatch(/\p{Script=Han}/u);
  expect(message.replace(/PDF|OCR/gu, '')).not.toMatch(/[A-Za-z]{2,}/u);
}

describe('readPdf: files', () => {
  it('reads hongze-2024.pdf: title, running text, and the tables across pages', async () => {
    const doc = await readPdf(hongze());
    expect(doc.meta).toEqual({ title: '政府信息公开工作年度报告' });
    expect(doc.lines.length).toBeGreaterThan(40);
    expect(doc.lines[1]?.cells).toEqual(['2024 年政府信息公开工作年度报告']);
    const rows = doc.lines.filter((l) => l.isTableRow);
    expect(rows.find((l) => l.cells[0] === '一、本年新收政府信息公开申请数量')).toEqual({ cells: ['一、本年新收政府信息公开申请数量', '95', '0', '0', '0', '0', '0', '95'], isTableRow: true, page: 3 });
    expect(rows.find((l) => l.cells[0] === '2.没有现成信息需要另行制作')?.page).toBe(4);
    expect(doc.warnings.map((w) => w.code)).toEqual(['pdf.table-page-break', 'pdf.table-page-break']);
  });

  it('reads the CJK text LibreOffice writes in Type1 subsets without /Encoding', async () => {
    const doc = await readPdf(libreOffice());
    expect(doc.meta.title).toBe('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告');
    expect(cellsOf(doc)).toContainEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    expect(cellsOf(doc)).toContainEqual(['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0']);
  });

  it.each([false, true])('reads CJK text through ToUnicode CMaps, form XObjects, and skips a watermark (object stream and xref stream: %s)', async (compact) => {
    const doc = await readPdf(samplePdf(CONTENT, { compact }));
    expect(doc.meta).toEqual({ title: 'Test report' });
    expect(cellsOf(doc)).toEqual([
      ['政府信息公开'],
      ['一、本年新收政府信息公开申请数量'],
      ['总计自然人'],
      ['自然人', '商业企业', '12', '3', '45'],
      ['一、本年新收十', '95', '', ''],
      ['7'],
      ['8'],
      ['二、'],
      ['总计', '12'],
      ['九'],
    ]);
    expect(doc.warnings).toEqual([{ code: 'pdf.rotated-text-skipped', message: 'PDF 中有1段倾斜或竖排的文字（水印等）未读取。' }]);
  });

  it('reads the text beside what a report seldom has: a font without ToUnicode, a Type3 font, an inline image, an unknown operator', async () => {
    const cases = [
      samplePdf(CONTENT, { latinFont: '<</Type/Font/Subtype/TrueType/BaseFont/Arial/FirstChar 32/LastChar 32/Widths[250]>>' }),
      samplePdf(CONTENT, { latinFont: '<</Type/Font/Subtype/Type3/FontBBox[0 0 1 1]/FontMatrix[0.001 0 0 0.001 0 0]/CharProcs<<>>/Encoding<</Differences[]>>/FirstChar 32/LastChar 32/Widths[1]>>' }),
      samplePdf(`${CONTENT}\nq 10 0 0 10 0 0 cm BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q`),
      samplePdf(`${CONTENT}\n1 2 Xq`),
    ];
    for (const bytes of cases) {
      const cells = cellsOf(await readPdf(bytes));
      expect(cells).toContainEqual(['政府信息公开']);
      expect(cells).toContainEqual(['一、本年新收政府信息公开申请数量']);
    }
  });
});

describe('readPdf: files it cannot read', () => {
  it('says in Chinese that a file is encrypted', async () => {
    const hex = (n: number): string => `<${'ab'.repeat(n)}>`;
    const encrypted = samplePdf(CONTENT, { trailer: `/Encrypt<</Filter/Standard/V 1/R 2/O ${hex(32)}/U ${hex(32)}/P -4>>/ID[${hex(16)} ${hex(16)}]` });
    const error = await readPdf(encrypted).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceReadError);
    expect((error as SourceReadError).code).toBe('pdf.encrypted');
    expectChineseMessage((error as SourceReadError).message);
  });

  it('ends a damaged, truncated or foreign file in a SourceReadError with a Chinese message, never a library error', async () => {
    const bytes = hongze();
    let state = 7;
    const random = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const inputs = [
      new TextEncoder().encode('hello, not a pdf'),
      new TextEncoder().encode('%PDF-1.7\n1 0 obj <<'),
      bytes.subarray(0, 200_000),
      bytes.subarray(0, 2_000),
    ];
    for (let i = 0; i < 12; i += 1) {
      const copy = Uint8Array.from(bytes);
      for (let k = 0; k < 200; k += 1) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      inputs.push(copy);
    }
    let errors = 0;
    for (const input of inputs) {
      try {
        expect(Array.isArray((await readPdf(input)).lines)).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(SourceReadError);
        expectChineseMessage((error as Error).message);
        errors += 1;
      }
    }
    expect(errors).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
