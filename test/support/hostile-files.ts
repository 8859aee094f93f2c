/**
 * Hostile report files, for the fuzz suite (`test/fuzz/hostile.test.ts`, small) and the benchmark
 * (`npm run bench -- hostile`, full size): zip bombs (honest and with a lying header), deep nesting,
 * huge pages, NUL and lone surrogates in canonical JSON, a PDF of thousands of pages, tens of
 * thousands of nested tables. `scale` 1 is the full size the hardening issue names; tests use a
 * small fraction. Every file is made here from nothing (no download), deterministically.
 */
import { readFileSync } from 'node:fs';
import { constants, createDeflateRaw, crc32 } from 'node:zlib';
import { writePdf, type TestObject } from './pdf-writer.ts';
import { writeZip } from './zip-writer.ts';

/** One hostile file: its name (the extension decides the reader) and bytes, and what it tries. */
export interface HostileFile {
  name: string;
  bytes: Uint8Array;
  /** What the file does to a reader, for a failing test's message. */
  attack: string;
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/** Raw deflate of `bytes` zero bytes, streamed (a GiB of zeros is never held in memory), and their CRC-32. */
async function deflatedZeros(bytes: number): Promise<{ packed: Buffer; crc: number }> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(Math.min(bytes, 16 * 2 ** 20));
  let crc = 0;
  for (let left = bytes; left > 0; left -= chunk.length) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { packed: Buffer.concat(out), crc };
}

/**
 * An Office package whose main part inflates to `inflatedBytes`: honest (the central directory
 * says so) or lying (it declares a few KB). The deflated data is the real thing either way.
 */
async function officeBomb(form: 'docx' | 'xlsx', inflatedBytes: number, lying: boolean): Promise<Uint8Array> {
  const part = (form === 'docx' ? ['word', 'document.xml'] : ['xl', 'worksheets', 'sheet1.xml']).join('/');
  const { packed, crc } = await deflatedZeros(inflatedBytes);
  return writeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: part, data: new Uint8Array(0), packed, size: inflatedBytes, crc, ...(lying ? { declaredSize: 4096 } : {}) },
  ]);
}

/** A PDF of `pages` pages, each with a line of text. */
function manyPagePdf(pages: number): Uint8Array {
  const objects: TestObject[] = ['<</Type/Catalog/Pages 2 0 R>>', ''];
  const kids: string[] = [];
  objects.push('<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>'); // 3
  for (let i = 0; i < pages; i++) {
    const content = objects.length + 1;
    objects.push({ dict: '', data: `BT /F1 12 Tf 72 720 Td (page ${i + 1}: 1 2 3 4 5 6 7) Tj ET` });
    const page = objects.length + 1;
    objects.push(`<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 3 0 R>>>>/Contents ${content} 0 R>>`);
    kids.push(`${page} 0 R`);
  }
  objects[1] = `<</Type/Pages/Kids[${kids.join(' ')}]/Count ${pages}>>`;
  return writePdf(objects);
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/**
 * Every hostile file at `scale` (1 = full: 1.5 GiB bombs, 10,000 pages, 50,000 nested tables, a
 * 20 MB page; tests use ~0.01). Sizes never go below what still exercises the limit concerned.
 */
export async function hostileFiles(scale: number): Promise<HostileFile[]> {
  const n = (full: number, least: number) => Math.max(least, Math.round(full * scale));
  const bomb = n(1.5 * 2 ** 30, 80 * 2 ** 20); // over the 64 MB part cap even when small
  // The demo report (valid canonical JSON) with its agency's name changed.
  const demo = readFileSync(new URL('../../src/report/demo/taiping-wenlv-2023.json', import.meta.url), 'utf8');
  const json = (value: string) => demo.replace('"阜新市太平区文化旅游和广播电视局"', JSON.stringify(value));
  return [
    { name: 'bomb.docx', bytes: await officeBomb('docx', bomb, false), attack: `DOCX whose body inflates to ${bomb} bytes` },
    { name: 'bomb.xlsx', bytes: await officeBomb('xlsx', bomb, false), attack: `XLSX whose sheet inflates to ${bomb} bytes` },
    { name: 'lying.docx', bytes: await officeBomb('docx', bomb, true), attack: 'DOCX whose header declares 4 KB for a body of a bomb' },
    { name: 'lying.xlsx', bytes: await officeBomb('xlsx', bomb, true), attack: 'XLSX whose header declares 4 KB for a sheet of a bomb' },
    { name: 'nested-tables.html', bytes: utf8(`<p>一、总体情况</p>${'<table><tr><td>'.repeat(n(50_000, 2_000))}本年新收 1`), attack: 'tens of thousands of nested tables' },
    { name: 'deep-divs.html', bytes: utf8(`${'<div>'.repeat(n(200_000, 5_000))}二、主动公开政府信息情况`), attack: 'deep nesting of divs' },
    { name: 'huge-page.html', bytes: utf8(`<p>${'政府信息公开 1 2 3 '.repeat(n(800_000, 20_000))}</p>`), attack: 'a huge page of text' },
    { name: 'nul.json', bytes: utf8(json('某局\u0000')), attack: 'canonical JSON with a NUL in a string' },
    { name: 'surrogate.json', bytes: utf8(json('某局').replace('某局', '\\ud800某局')), attack: 'canonical JSON with a lone surrogate' },
    { name: 'nul.txt', bytes: utf8(`一、总体情况\u0000\n二、主动公开政府信息情况\n${'\u0000'.repeat(100)}`), attack: 'text with NUL bytes' },
    { name: 'many-pages.pdf', bytes: manyPagePdf(n(10_000, 200)), attack: 'a PDF of thousands of pages' },
  ];
}
