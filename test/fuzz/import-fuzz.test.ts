/**
 * Bounded fuzz test of the importer: mutated corpus documents never crash it, never hang (20 s),
 * and always end in either a report (checked by the validator without throwing) or a ReportReadError
 * with a Chinese message.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { importReport, ReportReadError } from '../../src/report/import/index.ts';
import { validateReport } from '../../src/report/rules.ts';
import { corpusPath } from '../support/corpus.ts';
import { createRng } from '../support/report/generate.ts';

type Mutation = (bytes: Uint8Array, rand: () => number) => Uint8Array;

const digits = new TextEncoder().encode('0123456789１２３—/\t|　');
const mutations: Record<string, Mutation> = {
  flipBytes: (b, r) => {
    const out = b.slice();
    for (let i = 0; i < 1 + Math.floor(r() * 20); i++) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
    return out;
  },
  truncate: (b, r) => b.slice(0, Math.floor(r() * b.length)),
  duplicateSlice: (b, r) => {
    const start = Math.floor(r() * b.length);
    const end = Math.min(b.length, start + Math.floor(r() * 4000));
    const out = new Uint8Array(b.length + (end - start));
    out.set(b.subarray(0, end));
    out.set(b.subarray(start), end);
    return out;
  },
  deleteSlice: (b, r) => {
    const start = Math.floor(r() * b.length);
    const end = Math.min(b.length, start + Math.floor(r() * 2000));
    const out = new Uint8Array(b.length - (end - start));
    out.set(b.subarray(0, start));
    out.set(b.subarray(end), start);
    return out;
  },
  sprinkleDigits: (b, r) => {
    const out = b.slice();
    for (let i = 0; i < 1 + Math.floor(r() * 40); i++) out[Math.floor(r() * out.length)] = digits[Math.floor(r() * digits.length)] as number;
    return out;
  },
};

const sources = [
  'seed-taiping-wenlv-2023.txt',
  'pingtan-2023.txt',
  'pingtan-zrzy-2019.txt',
  'shanghai-kewei-2024.md',
  'shanghai-office-2019.html',
  'shuyang-fgj-2023.html',
  'hongze-2024.pdf',
  'seed-taiping-wenlv-2023.truth.json',
];

describe('importer under mutated input', () => {
  it('never crashes, never hangs, always gives a report or a ReportReadError', async () => {
    const rand = createRng(20240131);
    const originals = await Promise.all(sources.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(corpusPath(name))) })));
    let reports = 0;
    let readErrors = 0;
    const slow: string[] = [];
    for (let i = 0; i < 240; i++) {
      const original = originals[i % originals.length]!;
      const names = Object.keys(mutations);
      const mutation = names[Math.floor(rand() * names.length)]!;
      const bytes = mutations[mutation]!(original.bytes, rand);
      const label = `${original.name} #${i} ${mutation}`;
      const started = performance.now();
      try {
        const { report } = await importReport({ name: original.name, bytes });
        expect(['2019', '2021'], label).toContain(report.format);
        expect(typeof report.table3.rows, label).toBe('object');
        expect(() => validateReport(report), label).not.toThrow();
        reports++;
      } catch (error) {
        if (!(error instanceof ReportReadError)) throw new Error(`${label}: ${String(error)}`);
        expect(error.message, label).toMatch(/[\u4e00-\u9fff]/);
        readErrors++;
      }
      const ms = performance.now() - started;
      // A hang, not a slow machine: generous (the server's worker stops a file at 60 s).
      if (ms > 20_000) slow.push(`${label}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
    expect(reports + readErrors).toBe(240);
    expect(reports).toBeGreaterThan(0);
  });
});
