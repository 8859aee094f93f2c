import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../../../test/support/corpus.ts';
import { importReport, ReportReadError, type ReportFile } from './index.ts';
import { createImportPool } from './pool.ts';

const corpusFile = async (name: string): Promise<ReportFile> => ({ name, bytes: new Uint8Array(await readFile(corpusPath(name))) });

describe('import pool (worker threads)', () => {
  const pool = createImportPool({ timeoutMs: 30_000 });
  afterAll(() => pool.close());

  it('reads a file exactly as importReport does in this thread, and several queued files in turn', async () => {
    const files = await Promise.all(['seed-taiping-wenlv-2023.txt', 'shuyang-fgj-2023.html', 'shanghai-kewei-2024.md'].map(corpusFile));
    const inWorker = await Promise.all(files.map((f) => pool.importFile(f)));
    for (const [i, file] of files.entries()) expect(inWorker[i]).toEqual(await importReport(file));
    // The caller's bytes are left as they were (the worker gets a copy).
    expect(files[0]?.bytes.length).toBeGreaterThan(0);
  });

  it('leaves the calling thread free while a file is read (the server keeps answering)', async () => {
    const big = { name: 'big.html', bytes: new Uint8Array(Buffer.from(`<table>${'<tr><td>本年新收</td><td>1</td></tr>'.repeat(200_000)}</table>`)) };
    await pool.importFile({ name: 'warm.html', bytes: new Uint8Array(Buffer.from('<p>一、总体情况</p>')) }).catch(() => undefined);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    try {
      expect((await pool.importFile(big)).report.table3.rows).toBeDefined();
    } finally {
      clearInterval(ticker);
    }
    // Read in this thread (the reader loaded by the warm-up), no timer fires until the file is done: 0.
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it("gives back the reader's own message for a file it cannot read", async () => {
    const file = { name: 'empty.txt', bytes: new Uint8Array(Buffer.from('这不是年度报告。')) };
    const inThread = await importReport(file).then(() => undefined, (e: unknown) => e);
    expect(inThread).toBeInstanceOf(ReportReadError);
    await expect(pool.importFile(file)).rejects.toThrow((inThread as Error).message);
  });
});

describe('import pool: limits, start-up, shutdown', () => {
  it('stops a file still being read after the limit, says so in Chinese, and reads the next file in a new worker', async () => {
    const pool = createImportPool({ timeoutMs: 300 });
    try {
      const slow = { name: 'big.html', bytes: new Uint8Array(Buffer.from(`<table>${'<tr><td>本年新收</td><td>1</td></tr>'.repeat(300_000)}</table>`)) };
      const error = await pool.importFile(slow).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ReportReadError);
      expect((error as Error).message).toMatch(/^big\.html：读取超过 0\.3 秒仍未完成，已停止/);
      const seed = await corpusFile('seed-taiping-wenlv-2023.txt');
      expect((await pool.importFile(seed)).report.agency).toBe('阜新市太平区文化旅游和广播电视局');
    } finally {
      await pool.close();
    }
  });

  it('can start its worker ahead of the first file, which then does not wait for the readers to load', async () => {
    const pool = createImportPool({ timeoutMs: 30_000 });
    try {
      await pool.warm();
      const seed = await corpusFile('seed-taiping-wenlv-2023.txt');
      const started = performance.now();
      await pool.importFile(seed);
      const warmed = performance.now() - started;
      const cold = createImportPool({ timeoutMs: 30_000 });
      try {
        const coldStarted = performance.now();
        await cold.importFile(seed);
        expect(warmed).toBeLessThan(performance.now() - coldStarted);
      } finally {
        await cold.close();
      }
    } finally {
      await pool.close();
    }
  });

  it('stops a file that needs more memory than a worker may have, says so, and reads the next file in a new worker', async () => {
    const pool = createImportPool({ timeoutMs: 60_000, maxHeapMiB: 96 });
    try {
      const big = { name: 'big.html', bytes: new Uint8Array(Buffer.from(`<table>${'<tr><td>本年新收政府信息公开申请数量</td><td>1</td></tr>'.repeat(300_000)}</table>`)) };
      await expect(pool.importFile(big)).rejects.toThrow('big.html：读取时所需内存超出上限，已停止。');
      expect((await pool.importFile(await corpusFile('seed-taiping-wenlv-2023.txt'))).report.year).toBe(2023);
    } finally {
      await pool.close();
    }
  });

  it('refuses files once closed', async () => {
    const pool = createImportPool({ timeoutMs: 30_000 });
    await pool.close();
    await expect(pool.importFile(await corpusFile('seed-taiping-wenlv-2023.txt'))).rejects.toThrow('导入进程已关闭');
  });
});

describe('import pool: memory goes back', () => {
  it('lets an idle worker go after idleMs, and a file after that gets a new one', async () => {
    const pool = createImportPool({ timeoutMs: 30_000, idleMs: 300 });
    try {
      const file = { name: 'seed.txt', bytes: new Uint8Array(await readFile(corpusPath('seed-taiping-wenlv-2023.txt'))) };
      await pool.importFile(file);
      expect(pool.hasWorker()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(pool.hasWorker()).toBe(false);
      expect((await pool.importFile(file)).report.agency).toBe('阜新市太平区文化旅游和广播电视局');
    } finally {
      await pool.close();
    }
  });

  it('replaces the worker after a large file (its heap goes back with it)', async () => {
    const pool = createImportPool({ timeoutMs: 60_000 });
    try {
      const big = { name: 'big.txt', bytes: new Uint8Array(Buffer.from(`一、总体情况\n${'政府信息公开 1 2 3\n'.repeat(250_000)}`)) };
      await pool.importFile(big).catch(() => undefined);
      expect(pool.hasWorker()).toBe(false);
    } finally {
      await pool.close();
    }
  });
});
