/**
 * Garbage in: every reader returns a document or throws SourceReadError, never anything else,
 * and never hangs on one input. 200 inputs mutated from the corpus with a fixed seed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusDir as corpus } from '../../../../test/support/corpus.ts';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../render/docx.ts';
import { renderXlsx } from '../../render/xlsx.ts';
import { loadTruth } from '../../../../test/support/truth.ts';
import { readZipEntries, writeZip } from '../../../../test/support/zip-writer.ts';
import type { SourceDocument } from '../source.ts';
import { readDocx } from './docx/docx.ts';
import { readHtml } from './html/html.ts';
import { readPdf } from './pdf/pdf.ts';
import { SourceReadError } from './read-error.ts';
import { readXlsx } from './xlsx/xlsx.ts';
import { createRng } from '../../../../test/support/report/generate.ts';
import { mutateBytes } from '../../../../test/support/mutate.ts';

const load = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(corpus, name)));


const MARKUP = new TextEncoder().encode('<>/"\'=&;: <w:t> </w:tc> <c r="A1" t="s"> <v>1</v> </row>');

/**
 * A package (DOCX, XLSX) whose one XML part (of `parts`) is mutated: the zip stays readable, so
 * the reader's XML and sheet handling gets the garbage, not the unzipper.
 */
async function mutatePart(zipBytes: Uint8Array, parts: readonly string[], random: () => number): Promise<Uint8Array> {
  const entries = await readZipEntries(zipBytes);
  const name = parts[Math.floor(random() * parts.length)] as string;
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no part ${name}`);
  const xml = new Uint8Array(entry.data);
  let mutated = mutateBytes(xml, random);
  if (random() < 0.5) {
    mutated = new Uint8Array(xml);
    for (let i = 0; i < 1 + random() * 30; i += 1) mutated[Math.floor(random() * mutated.length)] = MARKUP[Math.floor(random() * MARKUP.length)] as number;
  }
  return writeZip(entries.map((e) => (e === entry ? { name, data: mutated } : e)));
}

async function outcome(read: () => SourceDocument | Promise<SourceDocument>): Promise<'doc' | 'error'> {
  const started = performance.now();
  let result: 'doc' | 'error';
  try {
    const doc = await read();
    expect(Array.isArray(doc.lines)).toBe(true);
    result = 'doc';
  } catch (error) {
    if (!(error instanceof SourceReadError)) throw error;
    result = 'error';
  }
  // A hang, not a slow machine: generous (the server's worker stops a file at 60 s).
  expect(performance.now() - started).toBeLessThan(20_000);
  return result;
}

/** A DOCX/XLSX read whose refusal, if any, says in Chinese what is wrong and nothing in a library's words. */
function inOwnWords(read: () => Promise<SourceDocument>): () => Promise<SourceDocument> {
  return () =>
    read().catch((error: unknown) => {
      if (error instanceof SourceReadError) {
        const message = error.message.replace(/“[^”]*”/gu, '');
        expect(message).toMatch(/^(无法读取 (DOCX|XLSX) 文件：|XLSX 文件的)/u);
        expect(message).not.toMatch(/[A-Za-z]{3,}\s+[A-Za-z]{3,}|Bug|Corrupt|zlib|yauzl|https?:/u);
      }
      throw error;
    });
}

describe('readers on mutated input', () => {
  const random = createRng(20240120);

  it('readHtml: 80 mutated pages, hostile markup', async () => {
    const html = load('shanghai-office-2019.html');
    for (let i = 0; i < 80; i += 1) expect(await outcome(() => readHtml(mutateBytes(html, random)))).toBe('doc');
    const hostile = ['<div>'.repeat(20000), '<table><tr><td colspan=999999 rowspan=999999>x', '<table>'.repeat(3000), '<p>&#xFFFFFF;&bogus;&#0;</p>'];
    for (const page of hostile) expect(await outcome(() => readHtml(new TextEncoder().encode(page)))).toBe('doc');
  });

  it('readPdf: 80 mutated or truncated PDFs', async () => {
    const pdf = load('hongze-2024.pdf');
    // A document or a SourceReadError with a Chinese message. No bound per input (pdf.js takes
    // 0.1–0.5 s on a busy machine); the test's own time limit is the very generous bound on a hang.
    for (let i = 0; i < 80; i += 1) {
      const input = mutateBytes(pdf, random);
      await readPdf(input).then((doc) => expect(Array.isArray(doc.lines)).toBe(true), (error: unknown) => {
        if (!(error instanceof SourceReadError)) throw error;
        expect(error.message).toMatch(/\p{Script=Han}/u);
      });
    }
  }, 120_000);

  it('readDocx: 40 mutated DOCX files', async () => {
    const table = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('自然人')] }), new TableCell({ children: [new Paragraph('3')] })] })] });
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('报告'), table] }] })));
    for (let i = 0; i < 40; i += 1) await outcome(inOwnWords(() => readDocx(mutateBytes(docx, random))));
  }, 60_000);

  it('readDocx: 40 DOCX files with one XML part mutated', async () => {
    const docx = await renderDocx(loadTruth('shanghai-office-2019'));
    for (let i = 0; i < 40; i += 1) {
      const input = await mutatePart(docx, ['word/document.xml', 'word/styles.xml'], random);
      await outcome(inOwnWords(() => readDocx(input)));
    }
  }, 60_000);

  it('readXlsx: 40 mutated XLSX files and 40 with one XML part mutated', async () => {
    const xlsx = await renderXlsx(loadTruth('shanghai-office-2019'));
    const parts = (await readZipEntries(xlsx)).map((e) => e.name).filter((name) => /^xl\/(worksheets\/sheet\d+|sharedStrings|workbook)\.xml$/.test(name));
    expect(parts.length).toBeGreaterThan(2);
    for (let i = 0; i < 40; i += 1) await outcome(inOwnWords(() => readXlsx(mutateBytes(xlsx, random))));
    for (let i = 0; i < 40; i += 1) {
      const input = await mutatePart(xlsx, parts, random);
      await outcome(inOwnWords(() => readXlsx(input)));
    }
  }, 120_000);
});
