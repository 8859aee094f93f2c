import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../../test/support/corpus.ts';
import { testDir } from '../../../test/support/temp-dir.ts';
import { expandInputs, importMany, type FileOutcome } from './batch.ts';
import { importReport } from './index.ts';

const CORPUS = ['seed-taiping-wenlv-2023.txt', 'shuyang-fgj-2023.html', 'shanghai-kewei-2024.md', 'pingtan-2023.txt', 'hongze-2024.pdf'];

async function collect(files: readonly string[], parallelism?: number): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for await (const outcome of importMany(files, parallelism === undefined ? {} : { parallelism })) outcomes.push(outcome);
  return outcomes;
}

describe('expandInputs', () => {
  it('reads a folder for report files (recursively, sorted), matches a quoted glob, and keeps a plain path as given', async () => {
    const dir = await testDir('batch');
    await mkdir(path.join(dir, 'a', 'b'), { recursive: true });
    for (const name of ['z.txt', 'a/x.pdf', 'a/b/y.HTML', 'notes.doc', 'a/image.png']) await writeFile(path.join(dir, name), '');
    const { files, problems } = await expandInputs([dir, path.join(dir, '*.txt'), path.join(dir, 'missing.txt')]);
    expect(files).toEqual([
      path.join(dir, 'a/b/y.HTML'), path.join(dir, 'a/x.pdf'), path.join(dir, 'z.txt'),
      path.join(dir, 'z.txt'),
      path.join(dir, 'missing.txt'),
    ]);
    expect(problems).toEqual([]);
  });

  it('says which argument named nothing: an empty folder, a glob that matches no file', async () => {
    const dir = await testDir('batch-empty');
    await writeFile(path.join(dir, 'readme.doc'), '');
    const { files, problems } = await expandInputs([dir, path.join(dir, '*.pdf')]);
    expect(files).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('目录中没有可读取的报告文件'),
      expect.stringContaining('没有与之匹配的文件'),
    ]);
  });
});

describe('importMany', () => {
  it('reads several files on several workers, in the files\' order, exactly as importReport does; a bad file fails alone', async () => {
    const dir = await testDir('batch-read');
    const files: string[] = [];
    for (const name of CORPUS) {
      const to = path.join(dir, name);
      await copyFile(corpusPath(name), to);
      files.push(to);
    }
    await writeFile(path.join(dir, 'not-a-report.txt'), '这不是年度报告。');
    const all = [files[0]!, path.join(dir, 'not-a-report.txt'), ...files.slice(1), path.join(dir, 'missing.pdf')];
    const outcomes = await collect(all, 2);
    expect(outcomes.map((o) => o.file)).toEqual(all);
    for (const outcome of outcomes) {
      if (!outcome.ok) continue;
      const bytes = new Uint8Array(await readFile(outcome.file));
      expect(outcome.result, outcome.file).toEqual(await importReport({ name: path.basename(outcome.file), bytes }));
    }
    expect(outcomes.filter((o) => o.ok)).toHaveLength(CORPUS.length);
    expect(outcomes[1]).toMatchObject({ ok: false, message: expect.stringContaining('没有找到政府信息公开工作年度报告的内容') });
    expect(outcomes.at(-1)).toMatchObject({ ok: false, message: expect.stringContaining('文件不存在') });
  });

  it('reads a single file in this thread, with the same result', async () => {
    const [outcome] = await collect([corpusPath('seed-taiping-wenlv-2023.txt')]);
    expect(outcome?.ok).toBe(true);
    expect(outcome?.ok && outcome.result.report.agency).toBe('阜新市太平区文化旅游和广播电视局');
  });
});
