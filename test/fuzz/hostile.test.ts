/**
 * The hostile-file suite at a small size (the benchmark `npm run bench -- hostile` runs it at full
 * size with memory recorded): every file ends in a report or a Chinese message that names the
 * problem — never a crash, never a library's words — zip bombs are refused without being inflated,
 * and on the command line a bomb beside a good file is that file's failure alone.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importReport, ReportReadError } from '../../src/report/import/index.ts';
import { validateReport } from '../../src/report/rules.ts';
import { runCli } from '../support/cli.ts';
import { corpusPath } from '../support/corpus.ts';
import { hostileFiles, type HostileFile } from '../support/hostile-files.ts';
import { testDir } from '../support/temp-dir.ts';

/** Words of a library or of JavaScript that must never reach a person. */
const INTERNALS = /Bug :|Cannot |Maximum call stack|https?:\/\/|undefined|TypeError|RangeError|0x1fffffe8|stack|\bat [A-Za-z]+ \(/;

let files: HostileFile[];
beforeAll(async () => {
  files = await hostileFiles(0.01);
}, 120_000);

describe('hostile files, read in this thread', () => {
  it('each ends in a report or a Chinese message without internals; no string of a report holds a NUL or a lone surrogate', async () => {
    for (const file of files) {
      try {
        const { report } = await importReport({ name: file.name, bytes: file.bytes });
        expect(() => validateReport(report), file.attack).not.toThrow();
        const json = JSON.stringify(report);
        expect(json.includes('\\u0000'), `${file.attack}: NUL kept`).toBe(false);
        expect(/\\ud[89ab][0-9a-f]{2}(?!\\udc)/i.test(json) || /[\ud800-\udbff](?![\udc00-\udfff])/.test(json), `${file.attack}: lone surrogate kept`).toBe(false);
      } catch (error) {
        if (!(error instanceof ReportReadError)) throw new Error(`${file.attack}: ${String(error)}`);
        expect(error.message, file.attack).toMatch(/[\u4e00-\u9fff]/);
        expect(error.message, file.attack).not.toMatch(INTERNALS);
      }
    }
  });

  it('zip bombs are refused from the central directory or at the declared size, in words a person understands', async () => {
    for (const name of ['bomb.docx', 'bomb.xlsx', 'lying.docx', 'lying.xlsx']) {
      const file = files.find((f) => f.name === name)!;
      const before = process.memoryUsage().rss;
      const error = await importReport({ name, bytes: file.bytes }).then(() => undefined, (e: unknown) => e);
      expect(error, file.attack).toBeInstanceOf(ReportReadError);
      expect((error as Error).message, file.attack).toMatch(/解压后超过/);
      // Nothing near the bomb's size was inflated (80 MB at this scale).
      expect(process.memoryUsage().rss - before, file.attack).toBeLessThan(48 * 2 ** 20);
    }
  });
});

describe('hostile files on the command line', () => {
  it('a bomb beside a good file: the bomb exits 2 with its message, the good file is still checked', async () => {
    const dir = await testDir('hostile-cli');
    const bomb = path.join(dir, 'bomb.xlsx');
    await writeFile(bomb, files.find((f) => f.name === 'bomb.xlsx')!.bytes);
    const run = await runCli(['report', 'validate', bomb, corpusPath('seed-taiping-wenlv-2023.txt'), '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('bomb.xlsx');
    expect(run.stderr).toMatch(/解压后超过/);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string });
    expect(lines.map((l) => path.basename(l.file))).toEqual(['seed-taiping-wenlv-2023.txt']);
  });
});
