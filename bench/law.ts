/**
 * Benchmark of the law room: reply deadlines per second on one core.
 * Run: `npx tsx bench/law.ts [--n=3000000]`. The lead's runner calls `runLawBench()`.
 *
 * Builds the national calendar once, then computes `computeDeadlines(…, { explain: false })` for
 * seeded random applications received 2019–2026 (every fourth with an extension, every tenth with a
 * 补正, every twentieth with a third party), cycling over a pool of 100,000 prepared inputs.
 */
import { pathToFileURL } from 'node:url';
import { buildCalendar } from '../src/law/calendar.ts';
import { nationalCalendarSpec } from '../src/law/calendar-data.ts';
import { dayFromCivil, isoOf } from '../src/law/dates.ts';
import { computeDeadlines, type DeadlineInput } from '../src/law/deadlines.ts';
import { createRng } from '../test/support/report/generate.ts';

export interface LawBenchResult {
  name: string;
  opsPerSecond: number;
  computations: number;
  seconds: number;
  calendarBuildMs: number;
  /** Bare O(1) calendar lookups (addWorkingDays on day numbers) per second, for comparison. */
  addWorkingDaysPerSecond: number;
  calendarVersion: string;
}

function prepareInputs(count: number, random: () => number): DeadlineInput[] {
  const first = dayFromCivil(2019, 1, 1);
  const span = dayFromCivil(2026, 10, 31) - first;
  const inputs: DeadlineInput[] = [];
  for (let i = 0; i < count; i++) {
    const day = first + Math.floor(random() * span);
    inputs.push({
      channel: i % 2 === 0 ? 'inPerson' : 'online',
      submitted: isoOf(day),
      confirmed: i % 2 === 0 ? null : isoOf(day + 1),
      onTheSpot: false,
      correction: i % 10 === 3 ? { notifiedOn: isoOf(day + 3), correctedReceivedOn: isoOf(day + 10) } : null,
      extensionWorkingDays: i % 4 === 1 ? 1 + Math.floor(random() * 20) : 0,
      thirdParty: i % 20 === 7 ? { sentOn: isoOf(day + 5), receivedOn: isoOf(day + 7), repliedOn: null } : null,
    });
  }
  return inputs;
}

/** Runs the benchmark and returns its figures (also printed). */
export async function runLawBench(options: { computations?: number; print?: boolean } = {}): Promise<LawBenchResult> {
  const n = options.computations ?? 3_000_000;
  const t0 = performance.now();
  const calendar = buildCalendar(nationalCalendarSpec());
  const calendarBuildMs = performance.now() - t0;

  const inputs = prepareInputs(100_000, createRng(20190515));
  let sink = 0;
  // Warm-up so the JIT has compiled the hot path before timing.
  for (let i = 0; i < 200_000; i++) sink += computeDeadlines(inputs[i % inputs.length]!, calendar, { explain: false }).replyDue?.length ?? 0;

  const options_ = { explain: false } as const;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const r = computeDeadlines(inputs[i % inputs.length]!, calendar, options_);
    sink += r.replyDue === null ? 0 : r.replyDue.charCodeAt(9);
  }
  const seconds = (performance.now() - start) / 1000;

  const days = inputs.map((x) => dayFromCivil(Number(x.submitted.slice(0, 4)), Number(x.submitted.slice(5, 7)), Number(x.submitted.slice(8, 10))));
  const s2 = performance.now();
  for (let i = 0; i < n; i++) sink += calendar.addWorkingDays(days[i % days.length]!, 20);
  const rawSeconds = (performance.now() - s2) / 1000;

  const result: LawBenchResult = {
    name: 'law.computeDeadlines',
    opsPerSecond: Math.round(n / seconds),
    computations: n,
    seconds: Number(seconds.toFixed(3)),
    calendarBuildMs: Number(calendarBuildMs.toFixed(1)),
    addWorkingDaysPerSecond: Math.round(n / rawSeconds),
    calendarVersion: calendar.version,
  };
  if (options.print ?? true) {
    console.log(`calendar built in ${result.calendarBuildMs} ms (${calendar.version})`);
    console.log(`computeDeadlines (explain: false): ${n.toLocaleString('en')} in ${result.seconds} s → ${result.opsPerSecond.toLocaleString('en')} computations/s`);
    console.log(`addWorkingDays (day numbers): ${result.addWorkingDaysPerSecond.toLocaleString('en')} lookups/s`);
    if (sink === 42) console.log('');
  }
  return result;
}

/** Entry point for a runner calling `run(args)` on bench modules. */
export async function run(args: readonly string[] = []): Promise<LawBenchResult> {
  const n = args.find((a) => a.startsWith('--n='));
  return runLawBench(n ? { computations: Number(n.slice(4)) } : {});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run(process.argv.slice(2));
}
