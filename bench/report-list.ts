/**
 * `npm run bench -- report-list`: the list of checked reports with 100,000 stored (--reports=N),
 * served by `gongkai serve` in its own process on the embedded PostgreSQL, under 200 concurrent
 * clients (--clients=N) for 10 s a page (--seconds=N): the bare upload page `/` against `/reports`
 * (first page), a deep page by cursor, and a filtered list. Target (issue 15 §6): the list ≥ 50 %
 * of the bare page's rate in the same run. The load comes from this process (keep-alive fetch).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createServices } from '../src/platform/services.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const arg = (args: readonly string[], name: string, fallback: number) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};

export async function run(args: readonly string[]): Promise<unknown> {
  const reports = arg(args, 'reports', 100_000);
  const clients = arg(args, 'clients', 200);
  const seconds = arg(args, 'seconds', 10);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-bench-list-'));
  const services = await createServices({ env: { GONGKAI_DATA_DIR: dataDir }, logger: pino({ level: 'silent' }) });
  try {
    const demo = await readFile(path.join(REPO, 'src/report/demo/taiping-wenlv-2023.json'), 'utf8');
    const started = performance.now();
    // 1,000 agencies × up to 100 reports, the demo report's content, findings of both kinds.
    await services.db.query(
      `INSERT INTO checked_reports (agency, year, format, source_file_name, source_kind, source_sha256, source_size, source, canonical, findings, warnings)
       SELECT '测试市第' || (i % 1000) || '局', 2008 + (i / 1000) % 17, '2021', 'r' || i || '.json', 'json', md5(i::text), 10, '\\x00'::bytea, $1::jsonb,
              '[{"rule": "T3-BALANCE", "severity": "error", "cells": [], "message": "x"}, {"rule": "CELL-BLANK", "severity": "warning", "cells": [], "message": "y"}]'::jsonb, '[]'::jsonb
       FROM generate_series(1, $2::int) AS i`,
      [demo, reports],
    );
    await services.db.query('ANALYZE checked_reports');
    console.log(`${reports} reports stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const deep = (await services.db.query<{ id: number }>(
      `SELECT id FROM checked_reports ORDER BY (agency IS NULL), coalesce(agency, ''), -coalesce(year, 0), -id OFFSET $1 LIMIT 1`, [Math.floor(reports * 0.9)])).rows[0]?.id;

    const url = services.embedded?.urlFor('gongkai') ?? services.config.databaseUrl ?? '';
    const server = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--port', '0', '--no-seed'], {
      cwd: REPO, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (c: Buffer) => {
          const m = /(http:\/\/[^\s]+)/.exec(c.toString());
          if (m) resolve(m[1]!);
        });
        server.once('exit', (code) => reject(new Error(`serve exited: ${code}`)));
      });
      const pages: [string, string][] = [
        ['/ (bare page)', '/'],
        ['/reports (first page)', '/reports'],
        [`/reports deep page (after a report 90 % down)`, `/reports?page=1800&after=${deep}`],
        ['/reports?agency=第7局', `/reports?agency=${encodeURIComponent('第7局')}`],
      ];
      const results: Record<string, { perSecond: number; p50: number; p99: number }> = {};
      for (const [label, pathname] of pages) {
        await load(base + pathname, clients, 2); // warm-up
        const r = await load(base + pathname, clients, seconds);
        results[label] = r;
        console.log(`${label.padEnd(48)} ${String(Math.round(r.perSecond)).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms`);
      }
      const bare = results['/ (bare page)']!.perSecond;
      for (const [label, r] of Object.entries(results)) if (label !== '/ (bare page)') console.log(`${label}: ${Math.round((100 * r.perSecond) / bare)} % of the bare page`);
      return results;
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  } finally {
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `clients` loops fetching `url` for `seconds`; rate and latency percentiles of the 200 answers. */
async function load(url: string, clients: number, seconds: number): Promise<{ perSecond: number; p50: number; p99: number }> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let failed = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const res = await fetch(url, { headers: { accept: 'text/html' } });
      await res.arrayBuffer();
      if (res.status === 200) latencies.push(performance.now() - started);
      else failed++;
    }
  }));
  if (failed > 0) console.log(`  ${failed} answers were not 200`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}
