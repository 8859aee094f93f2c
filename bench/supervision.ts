/**
 * `npm run bench -- supervision` (issue 19 §9): a generated province of --agencies=N (1,000) agencies
 * with --cases=N (1,000,000) applications and --items=N (1,000,000) catalog items
 * (bench/supervision-data.ts), kept under .tmp/bench-supervision-…/ and reused while the generator and
 * the applied migrations are unchanged (--fresh: generate again). The year before (2023) is drafted and
 * published for every agency when generating (X-CARRY has a report to compare with); the year's
 * reports are stored in a mix of states (the dashboard reads them).
 * 1. Drafting every agency's 2024 report as the workspace does it — `reportFactsOf` for all ids at
 *    once, then draftSections / applyEdits / assembleReport / validateReport (with last year's
 *    published report) for each — target < 10 s in all; the province's roll-up (its facts: every
 *    agency's records) drafted alone; `draftNow` for one department and the province.
 * 2. The dashboard for the province's N agencies: `reportStatuses` --runs=N (50) times, p50/p95, and
 *    the page /supervision/{id}?year=2024 through `gongkai serve` with a supervisor's session (target
 *    p95 < 300 ms).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import type pg from 'pg';
import { applicationFactsOf, caseTablesOf } from '../src/applications/index.ts';
import { catalogYearFactsOf, table2sOf } from '../src/catalog/index.ts';
import type { IsoDate } from '../src/law/dates.ts';
import { validateReport, type AnnualReport } from '../src/report/index.ts';
import { createPerson } from '../src/platform/accounts/service.ts';
import { signIn } from '../src/platform/accounts/sign-in.ts';
import { AppError } from '../src/platform/errors.ts';
import { createServices, type Services } from '../src/platform/services.ts';
import { applyEdits, assembleReport } from '../src/supervision/core/assemble.ts';
import type { ReportFacts } from '../src/supervision/core/facts.ts';
import { draftSections } from '../src/supervision/core/sentences.ts';
import { reportFactsOf } from '../src/supervision/facts-service.ts';
import { reportStatuses } from '../src/supervision/status.ts';
import { draftNow } from '../src/supervision/workspace-service.ts';
import { latestPublishedOf } from '../src/supervision/workspace-store.ts';
import { BENCH_TODAY, GENERATOR_VERSION, loadAgencies, loadCases, loadItems, type Province } from './supervision-data.ts';
import { arg, REPO, startServe } from './support.ts';

const YEAR = 2024;
const SUPERVISOR = 'bench-supervisor';
const PASSWORD = 'bench-supervision-password-2025';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number) => `${ms.toFixed(1)} ms`;

/** p50/p95/max of latencies (ms). */
function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}
const line = (label: string, f: ReturnType<typeof percentiles>) =>
  `${label.padEnd(58)} p50 ${msText(f.p50).padStart(9)}  p95 ${msText(f.p95).padStart(9)}  max ${msText(f.max).padStart(9)}  (${f.count} runs)`;

/** The report of each agency's year from its facts and last year's published report, as the workspace drafts it. */
function draftAll(facts: Map<number, ReportFacts>, previous: Map<number, AnnualReport>, publishedOn?: (f: ReportFacts) => string) {
  const out = new Map<number, { report: AnnualReport; errors: number; warnings: number; findings: unknown[] }>();
  for (const [id, f] of facts) {
    const report = assembleReport(f, applyEdits(draftSections(f), {}), {}, publishedOn?.(f));
    const findings = validateReport(report, { previous: previous.get(id) });
    out.set(id, { report, findings, errors: findings.filter((x) => x.severity === 'error').length, warnings: findings.filter((x) => x.severity === 'warning').length });
  }
  return out;
}

/** The cached database's folder, emptied when its fingerprint (generator, sizes) differs. */
async function dataFolder(sizes: { agencies: number; cases: number; items: number }, fresh: boolean) {
  const dir = path.join(REPO, '.tmp', `bench-supervision-${sizes.agencies}-${sizes.cases}-${sizes.items}`);
  const fingerprint = JSON.stringify({ generator: GENERATOR_VERSION, ...sizes });
  const file = path.join(dir, 'bench-fingerprint.json');
  const same = existsSync(file) && (await readFile(file, 'utf8')) === fingerprint;
  if (fresh || !same) await rm(dir, { recursive: true, force: true });
  return { dir, generated: !fresh && same, fingerprint };
}

/** Services on the folder; a cached database whose applied migrations changed since is generated again. */
async function servicesOn(folder: { dir: string; generated: boolean }): Promise<Services> {
  const open = () => createServices({ env: { GONGKAI_DATA_DIR: folder.dir }, logger: pino({ level: 'silent' }) });
  try {
    return await open();
  } catch (error) {
    if (!folder.generated || !(error instanceof AppError) || !['db.migration_changed', 'db.migration_unknown'].includes(error.code)) throw error;
    console.log(`the cached database's migrations differ from this checkout (${error.code}): generating again`);
    await rm(folder.dir, { recursive: true, force: true });
    folder.generated = false;
    return open();
  }
}

/** Stores reports of `year` in the workspace's table: published ones with their version (the year before), or a mix of states. */
async function storeReports(pool: pg.Pool, year: number, drafted: ReturnType<typeof draftAll>, stateOf: (id: number, i: number) => string, publishedOn: (id: number) => string) {
  const rows = [...drafted].map(([id, d], i) => ({ id, state: stateOf(id, i), ...d }));
  await pool.query(
    `WITH r AS (
       INSERT INTO annual_reports (agency_id, year, state, canonical, findings, errors, warnings, round, submitted_on, accepted_on, published_on)
       SELECT t.agency_id, $1, t.state, t.canonical, t.findings, t.errors, t.warnings,
              CASE WHEN t.state = 'draft' THEN 0 ELSE 1 END,
              CASE WHEN t.state IN ('submitted', 'returned', 'accepted', 'published') THEN t.published_on - 10 END,
              CASE WHEN t.state IN ('accepted', 'published') THEN t.published_on - 3 END,
              CASE WHEN t.state = 'published' THEN t.published_on END
         FROM unnest($2::bigint[], $3::text[], $4::jsonb[], $5::jsonb[], $6::int[], $7::int[], $8::date[])
              AS t (agency_id, state, canonical, findings, errors, warnings, published_on)
       RETURNING id, state, canonical, published_on)
     INSERT INTO annual_report_versions (report_id, version_no, canonical, published_on, published_by)
     SELECT id, 1, canonical, published_on, '基准' FROM r WHERE state = 'published'`,
    [year, rows.map((r) => r.id), rows.map((r) => r.state), rows.map((r) => JSON.stringify(r.report)), rows.map((r) => JSON.stringify(r.findings)),
      rows.map((r) => r.errors), rows.map((r) => r.warnings), rows.map((r) => publishedOn(r.id))]);
}

async function generate(services: Services, sizes: { agencies: number; cases: number; items: number }): Promise<void> {
  const pool = services.db as pg.Pool;
  const started = performance.now();
  const tree = await loadAgencies(pool, sizes.agencies);
  console.log(`  ${tree.all.length} agencies (a province, ${tree.cities.length} cities, their departments)`);
  await loadCases(pool, tree.all, sizes.cases, console.log);
  await loadItems(pool, tree.all, sizes.items, console.log);
  const kinds = new Map((await pool.query<{ id: number; kind: string }>('SELECT id::int, kind FROM agencies')).rows.map((r) => [r.id, r.kind]));
  const due = (id: number) => (kinds.get(id) === 'government' ? 'YYYY-03-25' : 'YYYY-01-25');
  // The year before, published by everyone; this year in a mix of states.
  const before = await reportFactsOf(pool, tree.all, YEAR - 1);
  const published = (id: number) => due(id).replace('YYYY', String(YEAR));
  await storeReports(pool, YEAR - 1, draftAll(before, new Map(), (f) => published(f.agencyId)), () => 'published', published);
  const now = await reportFactsOf(pool, tree.all, YEAR);
  const states = ['draft', 'draft', 'draft', 'submitted', 'submitted', 'returned', 'accepted', 'published', 'published', 'draft'];
  const thisYear = (id: number) => due(id).replace('YYYY', String(YEAR + 1)).replace('-03-25', '-02-15');
  await storeReports(pool, YEAR, draftAll(now, await latestPublishedOf(pool, tree.all, YEAR - 1)), (_id, i) => states[i % states.length]!, thisYear);
  await pool.query('VACUUM ANALYZE annual_reports');
  console.log(`generated in ${seconds(performance.now() - started)}`);
}

async function provinceOf(pool: pg.Pool): Promise<Province> {
  const { rows } = await pool.query<{ id: number; parent_id: number | null; kind: string }>('SELECT id::int, parent_id::int, kind FROM agencies ORDER BY id');
  const province = rows.find((r) => r.parent_id === null)!.id;
  return { province, cities: rows.filter((r) => r.parent_id === province && r.kind === 'government').map((r) => r.id), all: rows.map((r) => r.id) };
}

export async function run(args: readonly string[]): Promise<unknown> {
  const sizes = { agencies: arg(args, 'agencies', 1000), cases: arg(args, 'cases', 1_000_000), items: arg(args, 'items', 1_000_000) };
  const runs = arg(args, 'runs', 50);
  const folder = await dataFolder(sizes, args.includes('--fresh'));
  const services = await servicesOn(folder);
  const pool = services.db as pg.Pool;
  const results: Record<string, unknown> = {};
  try {
    if (folder.generated) console.log(`reusing ${path.relative(REPO, folder.dir)} (--fresh to generate again)`);
    else {
      console.log(`generating ${sizes.agencies} agencies, ${sizes.cases} cases and ${sizes.items} items into ${path.relative(REPO, folder.dir)} …`);
      await generate(services, sizes);
      await writeFile(path.join(folder.dir, 'bench-fingerprint.json'), folder.fingerprint);
    }
    const tree = await provinceOf(pool);
    const counts = (await pool.query<{ cases: string; items: string; in_year: string }>(
      `SELECT (SELECT count(*) FROM applications) AS cases, (SELECT count(*) FROM catalog_items) AS items,
              (SELECT count(*) FROM applications WHERE receipt_date BETWEEN '${YEAR}-01-01' AND '${YEAR}-12-31') AS in_year`)).rows[0]!;
    console.log(`${tree.all.length} agencies, ${counts.cases} cases (${counts.in_year} received in ${YEAR}), ${counts.items} items`);

    // 1. Drafting every report of the year.
    for (let pass = 1; pass <= 2; pass++) {
      const t0 = performance.now();
      const facts = await reportFactsOf(pool, tree.all, YEAR);
      const t1 = performance.now();
      const previous = await latestPublishedOf(pool, tree.all, YEAR - 1);
      const t2 = performance.now();
      const drafted = draftAll(facts, previous);
      const t3 = performance.now();
      const errors = [...drafted.values()].reduce((n, d) => n + d.errors, 0);
      const byRule = new Map<string, number>();
      for (const d of drafted.values()) for (const f of d.findings as { rule: string }[]) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
      const late = [...facts.values()].filter((f) => f.applications.repliedLate > 0).length;
      console.log(`\ndrafting all ${facts.size} reports of ${YEAR} (pass ${pass}${pass === 1 ? ', cold caches' : ''}): ${seconds(t3 - t0)} in all — `
        + `reportFactsOf ${seconds(t1 - t0)}, last year's reports ${seconds(t2 - t1)}, sentences + assembly + rules ${seconds(t3 - t2)}`);
      if (pass === 1) console.log(`  findings: ${errors} errors; by rule ${JSON.stringify(Object.fromEntries(byRule))}; ${late} reports state late replies`);
      results[`draftAll${pass}`] = { total: t3 - t0, facts: t1 - t0, previous: t2 - t1, draft: t3 - t2, errors };
    }
    // Where reportFactsOf's time goes: each source alone, for all agencies (members of the governments included).
    const everyone = tree.all;
    const parts: [string, () => Promise<unknown>][] = [
      ['caseTablesOf (tables 三/四)', () => caseTablesOf(pool, everyone, YEAR)],
      ['applicationFactsOf (late replies, fees)', () => applicationFactsOf(pool, everyone, YEAR)],
      ['catalogYearFactsOf (items published)', () => catalogYearFactsOf(pool, everyone, YEAR)],
      ['table2sOf (table 二)', () => table2sOf(pool, everyone, YEAR)],
    ];
    for (const [label, work] of parts) {
      const t = performance.now();
      await work();
      console.log(`  ${label.padEnd(44)} ${seconds(performance.now() - t)}`);
    }

    // The province's roll-up: its facts cover every agency's records.
    const rollup: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const facts = await reportFactsOf(pool, [tree.province], YEAR);
      draftAll(facts, await latestPublishedOf(pool, [tree.province], YEAR - 1));
      rollup.push(performance.now() - t);
    }
    console.log(line(`\nthe province's roll-up (${tree.all.length - 1} agencies under it), drafted alone`, percentiles(rollup)));
    results['rollup'] = percentiles(rollup);
    const department = tree.all.find((id) => id !== tree.province && !tree.cities.includes(id))!;
    for (const [label, id] of [['draftNow: one department (the workspace page)', department], ["draftNow: the province", tree.province]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        await draftNow(pool, id, YEAR, undefined);
        times.push(performance.now() - t);
      }
      console.log(line(label, percentiles(times)));
      results[label] = percentiles(times);
    }

    // 2. The dashboard.
    for (const [label, id] of [[`reportStatuses: the province (${tree.all.length} agencies)`, tree.province], [`reportStatuses: a city`, tree.cities[0]!]] as const) {
      const times: number[] = [];
      for (let i = 0; i < runs + 3; i++) {
        const t = performance.now();
        await reportStatuses(pool, id, YEAR, BENCH_TODAY as IsoDate);
        if (i >= 3) times.push(performance.now() - t);
      }
      console.log(line(label, percentiles(times)));
      results[label] = percentiles(times);
    }
    results['page'] = await dashboardPage(services, tree, runs);
    return results;
  } finally {
    await services.close();
  }
}

/** GET /supervision/{province}?year= through `gongkai serve` with a supervisor's session. */
async function dashboardPage(services: Services, tree: Province, runs: number) {
  const pool = services.db as pg.Pool;
  const exists = await pool.query('SELECT 1 FROM people WHERE username = $1', [SUPERVISOR]);
  if (exists.rowCount === 0) {
    await createPerson(pool, { actor: { kind: 'cli', user: 'bench' }, grants: null }, {
      username: SUPERVISOR, name: '基准监督员', password: PASSWORD, roles: [{ role: 'supervisor', agencyId: tree.province }],
    }, { minLength: 10, forbidUsername: true, forbidCommon: true });
  }
  const session = await signIn(pool, { username: SUPERVISOR, password: PASSWORD }, { ip: '127.0.0.1', userAgent: 'bench' }, { sessionMaxSeconds: 3600, allowDemo: true });
  if (!session.ok || session.needsTotp) throw new Error('the supervisor could not sign in');
  const cookie = `gk_session=${session.sessionToken}`;
  const url = services.embedded?.urlFor('gongkai') ?? services.config.databaseUrl ?? '';
  const { base, stop } = await startServe({ DATABASE_URL: url, GONGKAI_DATA_KEY: randomBytes(32).toString('hex') });
  const out: Record<string, unknown> = {};
  try {
    for (const [label, id] of [[`GET /supervision/{province}?year=${YEAR}`, tree.province], [`GET /supervision/{city}?year=${YEAR}`, tree.cities[0]!]] as const) {
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i < runs + 3; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/supervision/${id}?year=${YEAR}`, { headers: { cookie, accept: 'text/html' } });
        bytes = (await res.arrayBuffer()).byteLength;
        status = res.status;
        if (i >= 3 && res.status === 200) times.push(performance.now() - t);
      }
      if (times.length === 0) console.log(`${label}: not measured (${status})`);
      else console.log(line(`${label} (${(bytes / 1024).toFixed(0)} KiB)`, percentiles(times)));
      out[label] = percentiles(times);
    }
  } finally {
    await stop();
  }
  return out;
}
