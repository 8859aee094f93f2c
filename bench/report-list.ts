/**
 * `npm run bench -- report-list`: the list of stored reports with 100,000 stored (--reports=N) for
 * 1,000 agencies under one people's government, served by `gongkai serve` in its own process on the
 * embedded PostgreSQL, under 200 concurrent clients (--clients=N) for 10 s a page (--seconds=N). Every
 * request is a signed-in browser session (the supervisor of the government, who sees all 1,000
 * agencies, or a handler of one): the session is read on every request, the list is filtered by the
 * person's agencies. Pages: the bare upload page `/` (signed out, and signed in), the list's first
 * page, a deep page by cursor, the list filtered to one agency, and a handler's list. Target (issue 15
 * §6): the list ≥ 50 % of the bare page's rate in the same run. The load comes from this process
 * (keep-alive fetch). On Linux each page also prints the CPU time a request took in the server, in
 * its PostgreSQL backends and in this process (from /proc): unlike the rates, these do not move with
 * whatever else the machine is running.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createAgency, createPerson, type Acting } from '../src/platform/accounts/service.ts';
import { signIn } from '../src/platform/accounts/sign-in.ts';
import { createServices } from '../src/platform/services.ts';
import { arg, REPO, startServe } from './support.ts';

const OPERATOR: Acting = { actor: { kind: 'cli', user: 'bench' }, grants: null };
const POLICY = { minLength: 10, forbidUsername: true, forbidCommon: true };
const PASSWORD = 'bench-list-password-2026';

export async function run(args: readonly string[]): Promise<unknown> {
  const reports = arg(args, 'reports', 100_000);
  const clients = arg(args, 'clients', 200);
  const seconds = arg(args, 'seconds', 10);
  const agencies = 1000;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-bench-list-'));
  const services = await createServices({ env: { GONGKAI_DATA_DIR: dataDir }, logger: pino({ level: 'silent' }) });
  try {
    const demo = await readFile(path.join(REPO, 'src/report/demo/taiping-wenlv-2023.json'), 'utf8');
    const started = performance.now();
    const government = await createAgency(services.db, OPERATOR, { name: '测试市人民政府', kind: 'government' });
    await services.db.query(
      `INSERT INTO agencies (name, kind, parent_id) SELECT '测试市第' || i || '局', 'department', $1 FROM generate_series(1, $2::int) AS i`,
      [government.id, agencies],
    );
    const ids = (await services.db.query<{ id: number }>('SELECT id FROM agencies WHERE parent_id = $1 ORDER BY id', [government.id])).rows.map((r) => r.id);
    // Up to 100 reports an agency, the demo report's content, findings of both kinds.
    await services.db.query(
      `INSERT INTO checked_reports (agency, agency_id, year, format, source_file_name, source_kind, source_sha256, source_size, source, canonical, findings, warnings)
       SELECT '测试市第' || (i % $3) || '局', ($4::bigint[])[1 + i % $3], 2008 + (i / $3) % 17, '2021', 'r' || i || '.json', 'json', md5(i::text), 10, '\\x00'::bytea, $1::jsonb,
              '[{"rule": "T3-BALANCE", "severity": "error", "cells": [], "message": "x"}, {"rule": "CELL-BLANK", "severity": "warning", "cells": [], "message": "y"}]'::jsonb, '[]'::jsonb
       FROM generate_series(1, $2::int) AS i`,
      [demo, reports, agencies, ids],
    );
    await services.db.query('ANALYZE');
    await createPerson(services.db, OPERATOR, { username: 'bench-supervisor', name: '监督员', password: PASSWORD, roles: [{ role: 'supervisor', agencyId: government.id }] }, POLICY);
    await createPerson(services.db, OPERATOR, { username: 'bench-handler', name: '经办人', password: PASSWORD, roles: [{ role: 'handler', agencyId: ids[7]! }] }, POLICY);
    const cookieOf = async (username: string) => {
      const r = await signIn(services.db, { username, password: PASSWORD }, { ip: '127.0.0.1', userAgent: 'bench' }, { sessionMaxSeconds: 24 * 3600, allowDemo: false });
      if (!r.ok) throw new Error(`sign-in failed: ${r.reason}`);
      return `gk_session=${r.sessionToken}`;
    };
    const supervisor = await cookieOf('bench-supervisor');
    const handler = await cookieOf('bench-handler');
    console.log(`${agencies} agencies, ${reports} reports stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const deep = (await services.db.query<{ id: number }>(
      `SELECT id FROM checked_reports WHERE agency_id IS NOT NULL ORDER BY agency_id, -coalesce(year, 0), -id OFFSET $1 LIMIT 1`, [Math.floor(reports * 0.9)])).rows[0]?.id;

    const url = services.embedded?.urlFor('gongkai') ?? services.config.databaseUrl ?? '';
    const { base, pid, stop } = await startServe({ DATABASE_URL: url, GONGKAI_SESSION_IDLE_MIN: '1440', GONGKAI_DATA_KEY: randomBytes(32).toString('hex') });
    try {
      const pages: [string, string, string | undefined][] = [
        ['/ (bare page, signed out)', '/', undefined],
        ['/ (bare page, signed in)', '/', supervisor],
        ['/reports (supervisor, 1,000 agencies)', '/reports', supervisor],
        ['/reports deep page (cursor 90 % down)', `/reports?page=4500&after=${deep}`, supervisor],
        ['/reports?agency= (name filter)', `/reports?agency=${encodeURIComponent('第7局')}`, supervisor],
        ['/reports (handler of one agency)', '/reports', handler],
      ];
      const results: Record<string, { perSecond: number; p50: number; p99: number; cpu?: CpuPerRequest }> = {};
      for (const [label, pathname, cookie] of pages) {
        await load(base + pathname, cookie, clients, 2); // warm-up
        const before = cpuNow(pid, services.embedded?.pid);
        const r = await load(base + pathname, cookie, clients, seconds);
        const cpu = before && cpuPerRequest(before, cpuNow(pid, services.embedded?.pid)!, r.perSecond * seconds);
        results[label] = { ...r, cpu };
        const used = cpu ? `  CPU a request: server ${cpu.server.toFixed(2)} ms, PostgreSQL ${cpu.postgres.toFixed(2)} ms, load ${cpu.client.toFixed(2)} ms` : '';
        console.log(`${label.padEnd(44)} ${String(Math.round(r.perSecond)).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms${used}`);
      }
      const bare = results['/ (bare page, signed in)']!.perSecond;
      for (const [label, r] of Object.entries(results)) if (label.startsWith('/reports')) console.log(`${label}: ${Math.round((100 * r.perSecond) / bare)} % of the bare page signed in`);
      return results;
    } finally {
      await stop();
    }
  } finally {
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `clients` loops fetching `url` for `seconds`; rate and latency percentiles of the 200 answers. */
async function load(url: string, cookie: string | undefined, clients: number, seconds: number): Promise<{ perSecond: number; p50: number; p99: number }> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let failed = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const res = await fetch(url, { headers: cookie ? { accept: 'text/html', cookie } : { accept: 'text/html' } });
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

/** CPU milliseconds a request took: in the server, in its PostgreSQL backends, in this process (the load). */
interface CpuPerRequest {
  server: number;
  postgres: number;
  client: number;
}

/** Clock ticks a second of /proc's times (USER_HZ: 100 on every Linux build that matters here). */
const TICKS_PER_SECOND = 100;

/** The user + system CPU milliseconds of a process so far, from /proc (0 once it is gone). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The CPU used so far by the server, the client backends of the embedded PostgreSQL, and this process; undefined off Linux. */
function cpuNow(serverPid: number | undefined, postmasterPid: number | undefined): { server: number; postgres: Map<number, number>; client: number } | undefined {
  if (serverPid === undefined || postmasterPid === undefined || process.platform !== 'linux') return undefined;
  const postgres = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // A client backend's title names its client's address, "postgres: user db 127.0.0.1(port) …".
      if (Number(stat[1]) === postmasterPid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('(')) postgres.set(Number(entry), cpuMsOf(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  const self = process.cpuUsage();
  return { server: cpuMsOf(serverPid), postgres, client: (self.user + self.system) / 1000 };
}

function cpuPerRequest(
  before: NonNullable<ReturnType<typeof cpuNow>>, after: NonNullable<ReturnType<typeof cpuNow>>, requests: number,
): CpuPerRequest {
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return { server: (after.server - before.server) / requests, postgres: postgres / requests, client: (after.client - before.client) / requests };
}
