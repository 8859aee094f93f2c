/**
 * `gongkai report validate FILE` of a text file starts fast: it loads the readers it needs and the
 * rules, not zod and the canonical schema (a quarter of a second), nor the DOCX/XLSX writers
 * (the 检查意见's either, which only `--format docx` needs).
 * A canonical JSON file does load the schema (the control: the flags would see a load).
 */
import { describe, expect, it, vi } from 'vitest';
import { corpusPath } from './support/corpus.ts';
import { runCli } from './support/cli.ts';

const loaded = vi.hoisted(() => ({ canonical: false, docx: false, xlsx: false, checkResultDocx: false }));
vi.mock('../src/report/canonical.ts', async (importOriginal) => {
  loaded.canonical = true;
  return importOriginal();
});
vi.mock('../src/report/render/docx.ts', async (importOriginal) => {
  loaded.docx = true;
  return importOriginal();
});
vi.mock('../src/report/render/check-result-docx.ts', async (importOriginal) => {
  loaded.checkResultDocx = true;
  return importOriginal();
});
vi.mock('../src/report/render/xlsx.ts', async (importOriginal) => {
  loaded.xlsx = true;
  return importOriginal();
});

describe('report validate of one text file', () => {
  it('loads neither the canonical schema nor the DOCX/XLSX writers; a JSON file loads the schema', async () => {
    const run = await runCli(['report', 'validate', corpusPath('seed-taiping-wenlv-2023.txt'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(loaded).toEqual({ canonical: false, docx: false, xlsx: false, checkResultDocx: false });
    const json = await runCli(['report', 'validate', corpusPath('seed-taiping-wenlv-2023.truth.json'), '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(loaded.canonical).toBe(true);
  });
});
