/**
 * `npm run bench -- hostile`: the hostile files of test/support/hostile-files.ts at full size
 * (1.5 GiB zip bombs, 50,000 nested tables, 200,000 nested divs, a 20 MB page, 10,000 PDF pages;
 * `--scale=0.1` for less), uploaded one by one to the real server (embedded PostgreSQL in a
 * temporary folder, HTTP on loopback), with the server's RSS before, at its peak, and after. The
 * target (issue 15): the RSS returns to within 100 MB of where it started. Each file's answer and
 * time are printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { startHttpServer } from '../src/platform/http/server.ts';
import { createServices } from '../src/platform/services.ts';
import { hostileFiles } from '../test/support/hostile-files.ts';

const MiB = 2 ** 20;

export async function run(args: readonly string[]): Promise<unknown> {
  const scaleArg = args.find((a) => a.startsWith('--scale='));
  const scale = scaleArg ? Number(scaleArg.slice(8)) : 1;
  const files = await hostileFiles(scale);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-bench-hostile-'));
  const services = await createServices({ env: { GONGKAI_DATA_DIR: dataDir, GONGKAI_MAX_UPLOAD_MB: '64' }, logger: pino({ level: 'silent' }) });
  const server = await startHttpServer(await createApp(services), { port: 0, host: '127.0.0.1' });
  try {
    // Warm: the upload worker and the readers, so the start figure is the serving server's.
    await upload(server.url, 'warm.txt', new TextEncoder().encode('一、总体情况\n二、主动公开政府信息情况'));
    global.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const results = [];
    for (const file of files) {
      const started = performance.now();
      const { status, said } = await upload(server.url, file.name, file.bytes);
      const ms = Math.round(performance.now() - started);
      results.push({ file: file.name, bytes: file.bytes.length, status, ms, said });
      console.log(`${file.name.padEnd(20)} ${(file.bytes.length / MiB).toFixed(1).padStart(6)} MiB  ${status}  ${String(ms).padStart(6)} ms  ${said}`);
    }
    clearInterval(sampler);
    // The upload worker lets go of its memory after 30 s without files (import/pool.ts).
    await new Promise((resolve) => setTimeout(resolve, 32_000));
    global.gc?.();
    const usage = process.memoryUsage();
    const end = usage.rss;
    console.log(`after: heap used ${Math.round(usage.heapUsed / MiB)} MiB of ${Math.round(usage.heapTotal / MiB)}, external ${Math.round(usage.external / MiB)} MiB, array buffers ${Math.round(usage.arrayBuffers / MiB)} MiB`);
    console.log(`server RSS: start ${Math.round(start / MiB)} MiB, peak ${Math.round(peak / MiB)} MiB, after ${Math.round(end / MiB)} MiB ` +
      `(${end - start <= 100 * MiB ? '≤' : '>'} 100 MiB above the start)`);
    return { results, rssMiB: { start: start / MiB, peak: peak / MiB, end: end / MiB } };
  } finally {
    await server.close();
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Posts one file as the upload form does; returns the status and the first message on the page. */
async function upload(base: string, name: string, bytes: Uint8Array): Promise<{ status: number; said: string }> {
  const form = new FormData();
  form.append('files', new File([bytes], name));
  const res = await fetch(`${base}/reports`, { method: 'POST', body: form, redirect: 'follow', headers: { accept: 'text/html' } });
  const html = await res.text();
  const lines = DomUtils.findAll((e) => e.name === 'li' || e.name === 'p', parseDocument(html).children).map((e) => DomUtils.textContent(e).trim());
  const said = lines.find((l) => /超过|无法|不是|没有找到|损坏|错误|含有/.test(l)) ?? (res.ok ? '已检查' : '');
  return { status: res.status, said: said.slice(0, 60) };
}
