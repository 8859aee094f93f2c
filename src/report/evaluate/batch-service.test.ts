import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFile } from '../../../test/support/fixtures.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { writeZip } from '../../../test/support/zip-writer.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { BATCH_ZIP_LIMITS } from './batch-files.ts';
import { BATCH_JOB, createBatch, getBatchOrThrow, runBatch } from './batch-service.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => services.close());

const CORPUS = ['pingtan-gaj-2021.txt', 'pingtan-hzs-2023.txt', 'pingtan-scj-2022.txt'];
const truthOf = (name: string) => JSON.parse(new TextDecoder().decode(corpusFile(name.replace(/\.txt$/, '.truth.json')))) as { agency: string; year: number };
const anonymous = { actor: { kind: 'anonymous' as const }, keeping: { kind: 'anonymous' as const } };

/** The refusal of createBatch, or a failed test when there is none. */
async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await createBatch(services.db, { ...anonymous, files: [{ name: '报告.zip', bytes }] });
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('not refused');
}

describe('bulk checks', () => {
  it('files the report entries of a ZIP (in a folder too), lists the others, queues a job; the run stores each report and counts the progress', async () => {
    const zip = writeZip([
      { name: '平潭/', data: '', store: true },
      ...CORPUS.map((name) => ({ name: `平潭/${name}`, data: corpusFile(name) })),
      { name: '说明.doc', data: '旧版文档' },
      { name: '__MACOSX/平潭/._x.txt', data: 'x' },
      { name: '里层.zip', data: 'PK' },
    ]);
    const { batchId, total, skipped } = await createBatch(services.db, { ...anonymous, files: [{ name: '平潭.zip', bytes: zip }, { name: 'seed.txt', bytes: corpusFile('seed-taiping-wenlv-2023.txt') }] });
    expect(total).toBe(4);
    expect(skipped.map((s) => s.name)).toEqual(['平潭.zip/说明.doc', '平潭.zip/__MACOSX/平潭/._x.txt', '平潭.zip/里层.zip']);
    expect(skipped[0]!.reason).toContain('.doc');
    const jobs = await services.db.query('SELECT kind, payload FROM jobs WHERE kind = $1', [BATCH_JOB]);
    expect(jobs.rows).toEqual([{ kind: BATCH_JOB, payload: { batchId } }]);

    const before = await getBatchOrThrow(services.db, batchId);
    expect(before.batch).toMatchObject({ state: 'queued', total: 4, done: 0, failed: 0 });
    const progress: number[] = [];
    expect(await runBatch(services.db, batchId, { parallelism: 2, timeoutMs: 60_000, onFile: () => progress.push(progress.length + 1) })).toBe('done');
    expect(progress).toEqual([1, 2, 3, 4]);
    const after = await getBatchOrThrow(services.db, batchId);
    expect(after.batch).toMatchObject({ state: 'done', done: 4, failed: 0 });
    expect(after.files.map((f) => f.fileName)).toEqual([...CORPUS.map((n) => `平潭/${n}`), 'seed.txt']);
    for (const [i, name] of CORPUS.entries()) {
      expect(after.files[i]!.report).toMatchObject({ agency: truthOf(name).agency, year: truthOf(name).year });
      expect(after.files[i]!.report!.ref).toMatch(/^[0-9a-f]{32}$/);
    }
    // The bytes are dropped once read.
    const left = await services.db.query('SELECT count(*)::int AS n FROM report_batch_files WHERE batch_id = $1 AND bytes IS NOT NULL', [batchId]);
    expect(left.rows[0].n).toBe(0);
    // Run again (a job retried after a crash): nothing is read or counted twice.
    expect(await runBatch(services.db, batchId, { parallelism: 2, timeoutMs: 60_000 })).toBe('done');
    expect((await getBatchOrThrow(services.db, batchId)).batch.done).toBe(4);
  }, 120_000);

  it('a file that cannot be read fails alone, counted as failed with its reason', async () => {
    const { batchId } = await createBatch(services.db, { ...anonymous, files: [
      { name: 'a.zip', bytes: writeZip([{ name: '坏.pdf', data: '不是 PDF' }, { name: 'seed.txt', data: corpusFile('seed-taiping-wenlv-2023.txt') }]) },
    ] });
    await runBatch(services.db, batchId, { parallelism: 1, timeoutMs: 60_000 });
    const { batch, files } = await getBatchOrThrow(services.db, batchId);
    expect(batch).toMatchObject({ state: 'done', done: 2, failed: 1 });
    expect(files[0]!.error?.message).toContain('不是 PDF');
    expect(files[1]!.report?.agency).toBe('阜新市太平区文化旅游和广播电视局');
  }, 60_000);

  it('stops at its time budget and says to continue; the next run finishes', async () => {
    const files = CORPUS.map((name) => ({ name, bytes: corpusFile(name) }));
    const { batchId } = await createBatch(services.db, { ...anonymous, files: [{ name: 'x.zip', bytes: writeZip(files.map((f) => ({ name: f.name, data: f.bytes }))) }] });
    expect(await runBatch(services.db, batchId, { parallelism: 1, timeoutMs: 60_000, budgetMs: 0 })).toBe('continue');
    expect((await getBatchOrThrow(services.db, batchId)).batch.state).toBe('running');
    expect(await runBatch(services.db, batchId, { parallelism: 1, timeoutMs: 60_000 })).toBe('done');
  }, 60_000);

  it('refuses an archive with too many entries, naming the limit, before inflating anything', async () => {
    const entries = Array.from({ length: BATCH_ZIP_LIMITS.entries + 1 }, (_, i) => ({ name: `r${i}.txt`, data: '' }));
    const message = await refusal(writeZip(entries));
    expect(message).toBe(`报告.zip：无法读取 ZIP 文件：压缩包中的文件太多（${BATCH_ZIP_LIMITS.entries + 1} 个，上限 ${BATCH_ZIP_LIMITS.entries} 个），超出一次批量检查的上限，未读取。`);
  });

  it('refuses a ZIP bomb (entries declaring more than 512 MB together) from its directory, naming the limit', async () => {
    const bomb = Array.from({ length: 9 }, (_, i) => ({ name: `r${i}.txt`, data: 'x', declaredSize: 60 * 2 ** 20 }));
    expect(await refusal(writeZip(bomb))).toContain('解压后超过 512 MB，超出一次批量检查的上限');
    const one = await refusal(writeZip([{ name: 'big.pdf', data: 'x', declaredSize: 100 * 2 ** 20 }]));
    expect(one).toContain('超过 64 MB（其中“big.pdf”解压后有 100 MB）');
    // Nothing was filed.
    const batches = await services.db.query("SELECT count(*)::int AS n FROM report_batches WHERE skipped = '[]' AND total = 0");
    expect(batches.rows[0].n).toBe(0);
  });

  it('lists an entry whose header lies about its size as skipped, and refuses an archive with no report at all', async () => {
    const message = await refusal(writeZip([{ name: 'a.txt', data: 'x'.repeat(5000), declaredSize: 10 }, { name: 'b.png', data: 'png' }]));
    expect(message).toContain('压缩包中的 2 个文件都不是可检查的报告文件');
    expect(message).toContain('解压后超过它在压缩包目录中声明的大小');
    expect(await refusal(new TextEncoder().encode('not a zip'))).toBe('报告.zip：无法读取 ZIP 文件：不是完整的 ZIP 压缩包，文件不完整或已损坏。');
  });
});
