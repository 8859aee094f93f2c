import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDir } from '../../../test/support/temp-dir.ts';
import { readImportBytes, readJsonLines, type ImportFileKind } from './import-files.ts';

const KIND: ImportFileKind = {
  file: '台账文件', row: '一件申请', extensions: ['.jsonl', '.xlsx'], formats: '.jsonl 或 .xlsx', maxBytes: 16, maxRows: 2,
  refuse: (message) => new Error(message),
};

describe('an imported file', () => {
  it('is refused by its extension, when missing, and over its size, before it is read', async () => {
    const dir = await testDir('import-files');
    await expect(readImportBytes(join(dir, 'a.csv'), KIND)).rejects.toThrow('台账文件应为 .jsonl 或 .xlsx，实际为“.csv”');
    await expect(readImportBytes(join(dir, 'missing.jsonl'), KIND)).rejects.toThrow('找不到台账文件');
    await writeFile(join(dir, 'big.jsonl'), 'x'.repeat(17));
    await expect(readImportBytes(join(dir, 'big.jsonl'), KIND)).rejects.toThrow('台账文件太大');
    await writeFile(join(dir, 'ok.jsonl'), '{}');
    await expect(readImportBytes(join(dir, 'ok.jsonl'), KIND)).resolves.toMatchObject({ ext: '.jsonl' });
  });

  it('reads JSON lines row by row, every problem with its line, blank lines counted but skipped', () => {
    expect(readJsonLines('\uFEFF{"a": 1}\n\n[1]\n', KIND)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, error: '这一行应为一个 JSON 对象（一件申请）' },
    ]);
    expect(readJsonLines('{oops}', KIND)[0]).toMatchObject({ line: 1, error: expect.stringContaining('这一行不是合法的 JSON') });
    expect(() => readJsonLines('{}\n{}\n{}', KIND)).toThrow('台账文件超过 2 行');
    expect(() => readJsonLines('\n \n', KIND)).toThrow('台账文件中没有内容');
  });
});
