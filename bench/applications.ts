/**
 * `npm run bench -- applications`: intake and lifecycle steps through HTTP (issue 17 §11). `gongkai
 * serve` in its own process on the embedded PostgreSQL; `--clients=N` (default 50) concurrent
 * keep-alive clients from this process for `--seconds=N` (default 10) each phase:
 * 1. public intake: POST /api/v1/applications (validated, ID number checked and sealed with SM4, a
 *    tracking code, one transaction with its audit row);
 * 2. lifecycle steps with staff tokens: each created case is confirmed (handler) and replied (负责人:
 *    final), each step one POST /api/v1/applications/{id}/events (locked, checked, audited);
 * then the agency's tables 三/四 over what was stored. Figures: cases/s and steps/s, p50/p99.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { residentIdCheckCharacter } from '../src/applications/id-numbers.ts';
import { createAgency, createApiToken, createPerson, type Acting } from '../src/platform/accounts/service.ts';
import { createServices } from '../src/platform/services.ts';
import { arg, startServe } from './support.ts';

const OPERATOR: Acting = { actor: { kind: 'cli', user: 'bench' }, grants: null };
const POLICY = { minLength: 10, forbidUsername: true, forbidCommon: true };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

interface Timing { count: number; perSecond: number; p50: number; p99: number; failed: number }

/** `clients` loops calling `step` until `seconds` pass (or `until` says stop); rate and latency of the successes. */
async function drive(clients: number, seconds: number, step: () => Promise<boolean | undefined>): Promise<Timing> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let failed = 0;
  let done = false;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (!done && performance.now() < until) {
      const started = performance.now();
      const ok = await step();
      if (ok === undefined) {
        done = true;
        break;
      }
      if (ok) latencies.push(performance.now() - started);
      else failed++;
    }
  }));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { count: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failed };
}

export async function run(args: readonly string[]): Promise<unknown> {
  const clients = arg(args, 'clients', 50);
  const seconds = arg(args, 'seconds', 10);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'gongkai-bench-apps-'));
  const key = randomBytes(32).toString('hex');
  const services = await createServices({ env: { GONGKAI_DATA_DIR: dataDir, GONGKAI_DATA_KEY: key }, logger: pino({ level: 'silent' }) });
  try {
    const city = await createAgency(services.db, OPERATOR, { name: '基准市人民政府', kind: 'government' });
    const bureau = await createAgency(services.db, OPERATOR, { name: '基准市文化旅游局', kind: 'department', parentId: city.id });
    const person = (username: string, role: 'handler' | 'head') =>
      createPerson(services.db, OPERATOR, { username, name: username, password: 'bench-apps-password-2026', roles: [{ role, agencyId: bureau.id }] }, POLICY);
    const handlerToken = (await createApiToken(services.db, OPERATOR, (await person('bench-handler', 'handler')).id, {})).token;
    const headToken = (await createApiToken(services.db, OPERATOR, (await person('bench-head', 'head')).id, {})).token;

    const url = services.embedded?.urlFor('gongkai') ?? services.config.databaseUrl ?? '';
    const { base, stop } = await startServe({ DATABASE_URL: url, GONGKAI_DATA_KEY: key });
    try {
      let serial = 0;
      const created: number[] = [];
      const intake = await drive(clients, seconds, async () => {
        const n = serial++;
        const first17 = `110105199001${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
        const res = await fetch(`${base}/api/v1/applications`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            agencyId: bureau.id,
            applicant: { kind: 'naturalPerson', name: `申请人${n}`, idType: 'idCard', idNumber: first17 + residentIdCheckCharacter(first17), phone: '13800138000', address: '辽宁省阜新市太平区某路1号', email: `a${n}@example.com` },
            description: `2023年度文化市场“双随机、一公开”执法检查结果（第${n}份）`, provision: 'electronic', delivery: 'email',
          }),
        });
        const body = (await res.json()) as { id?: number };
        if (res.status === 201 && body.id) created.push(body.id);
        return res.status === 201;
      });
      console.log(`intake: ${intake.count} applications, ${intake.perSecond.toFixed(0)} /s, p50 ${intake.p50.toFixed(1)} ms, p99 ${intake.p99.toFixed(1)} ms${intake.failed ? `, ${intake.failed} failed` : ''}`);

      const queue = [...created];
      const date = today();
      const steps = await drive(clients, seconds, async () => {
        const id = queue.pop();
        if (id === undefined) return undefined;
        const post = (token: string, event: Record<string, unknown>) => fetch(`${base}/api/v1/applications/${id}/events`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(event),
        }).then(async (r) => (await r.arrayBuffer(), r.status));
        const a = await post(handlerToken, { type: 'confirm', date });
        const b = await post(headToken, { type: 'replied', date, outcome: 'granted' });
        return a === 200 && b === 200;
      });
      const stepRate = (2 * steps.count) / seconds;
      console.log(`steps: ${2 * steps.count} steps (${steps.count} cases confirmed and replied), ${stepRate.toFixed(0)} steps/s, per case p50 ${steps.p50.toFixed(1)} ms, p99 ${steps.p99.toFixed(1)} ms${steps.failed ? `, ${steps.failed} failed` : ''}`);

      const started = performance.now();
      const stats = await fetch(`${base}/api/v1/agencies/${bureau.id}/statistics?year=${date.slice(0, 4)}`, { headers: { authorization: `Bearer ${handlerToken}` } });
      const report = (await stats.json()) as { table3?: { rows?: Record<string, number[]> } };
      console.log(`statistics: ${stats.status} in ${(performance.now() - started).toFixed(1)} ms; 本年新收 ${report.table3?.rows?.['newReceived']?.[6] ?? '?'}, 予以公开 ${report.table3?.rows?.['granted']?.[6] ?? '?'}`);
      return { intake, steps: { ...steps, stepsPerSecond: stepRate } };
    } finally {
      await stop();
    }
  } finally {
    await services.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
