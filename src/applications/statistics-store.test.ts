/**
 * Tables 三/四 counted in SQL equal statistics.ts's count over the same cases, on generated years of
 * an agency (imported as a ledger, so every case went through the lifecycle): received and closed in
 * each year, carried over and forward, 补正 never made (视为放弃), fees never paid, withdrawals,
 * appeals of each kind decided and pending. The cases for the independent count are replayed from
 * their events (not read from the columns the SQL counts). The statistics JSON passes the report
 * engine's T3/T4 rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICANT_KINDS } from '../law/applicant-kinds.ts';
import { dayOf, isoOf, type IsoDate } from '../law/dates.ts';
import { OUTCOME_CODES, type OutcomeCode } from '../law/outcomes.ts';
import { CHANNELS } from '../law/taxonomy.ts';
import type { Agency } from '../platform/accounts/store.ts';
import type { Services } from '../platform/services.ts';
import { parseCanonicalReport, validateReport } from '../report/index.ts';
import { addAgency, OPERATOR } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { importLedger } from './ledger.ts';
import { replay } from './lifecycle.ts';
import { intakeOf, statistics, type Clock } from './service.ts';
import { APPEAL_KINDS, APPEAL_RESULTS, table3Of, table4Of, type CountedAppeal, type CountedCase } from './statistics.ts';
import { casesOfYear, countTable3, countTable4 } from './statistics-store.ts';
import * as store from './store.ts';

let services: Services;
let agency: Agency;
const clock: Clock = () => Date.parse('2024-12-31T04:00:00Z');
const TODAY = '2024-12-31';

/** A small deterministic generator (the same years on every run). */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  return { chance: (p: number) => next() < p, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const OUTCOMES_DIRECT = OUTCOME_CODES.filter((c) => !['otherDisposal.noCorrection', 'otherDisposal.unpaidFee', 'unableToProvide.unclearAfterCorrection'].includes(c));

/** One ledger row: an application and a legal path through its steps, dates in order and not after today. */
function ledgerRow(g: ReturnType<typeof generator>, i: number): Record<string, unknown> {
  const channel = g.pick(CHANNELS);
  let day = dayOf('2021-10-01' as IsoDate) + g.int(0, 1180);
  const submitted = isoOf(day);
  const events: Record<string, unknown>[] = [];
  let open = true;
  const at = (days: number) => {
    day += days;
    return isoOf(day);
  };
  const add = (event: Record<string, unknown>) => {
    if ((event['date'] as string) > TODAY) {
      open = false;
      return false;
    }
    events.push(event);
    return true;
  };
  let confirmed: string | null = null;
  if (channel !== 'inPerson') {
    if (g.chance(0.6)) confirmed = at(g.int(0, 3));
    else if (g.chance(0.85)) {
      if (!add({ type: 'confirm', date: at(g.int(1, 6)) })) return row();
    } else {
      if (g.chance(0.5)) add({ type: 'withdrawn', date: at(g.int(1, 10)) });
      return row();
    }
  }
  const reply = (outcome: OutcomeCode, days: number) => add({ type: 'replied', date: at(days), outcome });
  const scenario = g.int(0, 9);
  if (scenario <= 3) reply(g.pick(OUTCOMES_DIRECT), g.int(1, 30));
  else if (scenario === 4) {
    if (add({ type: 'correctionRequested', date: at(g.int(1, 7)) })) {
      if (g.chance(0.4)) reply('otherDisposal.noCorrection', g.int(15, 40));
      else if (g.chance(0.8) && add({ type: 'corrected', date: at(g.int(1, 20)) })) reply(g.chance(0.3) ? 'unableToProvide.unclearAfterCorrection' : g.pick(OUTCOMES_DIRECT), g.int(1, 25));
    }
  } else if (scenario === 5) {
    if (add({ type: 'feeNoticed', date: at(g.int(1, 15)), amountFen: g.int(100, 50_000) })) {
      if (g.chance(0.5)) reply('otherDisposal.unpaidFee', g.int(20, 40));
      else if (add({ type: 'feePaid', date: at(g.int(1, 15)) })) reply(g.pick(OUTCOMES_DIRECT), g.int(1, 10));
    }
  } else if (scenario === 6) {
    if (add({ type: 'thirdPartySent', date: at(g.int(1, 10)) }) && add({ type: 'thirdPartyReplied', date: at(g.int(1, 15)) })) {
      if (g.chance(0.3)) add({ type: 'extended', date: at(g.int(0, 3)), workingDays: g.int(1, 20) });
      reply(g.pick(OUTCOMES_DIRECT), g.int(1, 20));
    }
  } else if (scenario === 7) add({ type: 'withdrawn', date: at(g.int(1, 30)) });
  // scenarios 8–9: still open (carried forward)
  return row();

  function row(): Record<string, unknown> {
    const replied = events.some((e) => e['type'] === 'replied');
    const appeals: Record<string, unknown>[] = [];
    if (replied && open && g.chance(0.35)) {
      const filed = day + g.int(5, 60);
      if (isoOf(filed) <= TODAY) {
        const decided = g.chance(0.6) ? filed + g.int(10, 250) : null;
        const done = decided !== null && isoOf(decided) <= TODAY;
        appeals.push({ kind: g.pick(APPEAL_KINDS), filedOn: isoOf(filed), ...(done ? { decidedOn: isoOf(decided), result: g.pick(APPEAL_RESULTS) } : {}) });
      }
    }
    return {
      ref: `GEN-${i}`,
      applicant: { kind: g.pick(APPLICANT_KINDS), name: `申请人${i}` },
      description: `第 ${i} 件申请所需的信息`, provision: g.pick(['paper', 'electronic']), delivery: 'pickup',
      channel, submitted, ...(confirmed ? { confirmed } : {}), events, appeals,
    };
  }
}

let cases: CountedCase[];
let appeals: CountedAppeal[];

beforeAll(async () => {
  services = await createTestServices();
  agency = await addAgency(services, '统计测试县交通运输局');
  const g = generator(20_240_101);
  const rows = Array.from({ length: 900 }, (_, i) => ledgerRow(g, i + 1));
  const outcome = await importLedger(services, OPERATOR, agency.id, rows.map((value, i) => ({ line: i + 1, value })), clock);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems.slice(0, 5)));
  // The independent side: each case replayed from its stored events.
  const { rows: ids } = await services.db.query<{ id: number }>('SELECT id FROM applications WHERE agency_id = $1 ORDER BY id', [agency.id]);
  cases = [];
  for (const { id } of ids) {
    const record = (await store.getApplication(services.db, id))!;
    const state = replay(intakeOf(record), await store.listEvents(services.db, id));
    cases.push({ id, applicantKind: record.applicantKind, receiptDate: state.receiptDate, closedOn: state.closedOn, outcome: state.outcome });
  }
  const { rows: stored } = await services.db.query<{ id: number; kind: CountedAppeal['kind']; filed_on: string; decided_on: string | null; result: CountedAppeal['result'] }>(
    'SELECT p.id, p.kind, p.filed_on, p.decided_on, p.result FROM appeals p JOIN applications a ON a.id = p.application_id WHERE a.agency_id = $1', [agency.id]);
  appeals = stored.map((r) => ({ id: r.id, kind: r.kind, filedOn: r.filed_on as IsoDate, decidedOn: r.decided_on as IsoDate | null, result: r.result }));
}, 120_000);
afterAll(async () => services.close());

describe('tables 三/四 in SQL', () => {
  it('equal table3Of / table4Of over the same cases, every year', async () => {
    for (const year of [2020, 2021, 2022, 2023, 2024, 2025]) {
      const sql3 = (await countTable3(services.db, [agency.id], year)).get(agency.id);
      expect(sql3, `table 三 of ${year}`).toEqual(table3Of(cases, year));
      const sql4 = (await countTable4(services.db, [agency.id], year)).get(agency.id);
      expect(sql4, `table 四 of ${year}`).toEqual(table4Of(appeals, year));
    }
  });

  it('the generated years hold every kind of case the rules tell apart', () => {
    const t = table3Of(cases, 2023);
    const total = (row: keyof typeof t) => t[row][6]!;
    expect(total('carriedOver')).toBeGreaterThan(0);
    expect(total('carriedForward')).toBeGreaterThan(0);
    expect(total('otherDisposal.other')).toBeGreaterThan(0);
    expect(total('otherDisposal.noCorrection')).toBeGreaterThan(0);
    expect(total('otherDisposal.unpaidFee')).toBeGreaterThan(0);
    expect(total('unableToProvide.unclearAfterCorrection')).toBeGreaterThan(0);
    const t4 = [2022, 2023, 2024].map((y) => table4Of(appeals, y));
    for (const kind of APPEAL_KINDS) {
      expect(t4.some((t) => t[kind].pending > 0), `${kind} pending`).toBe(true);
      expect(t4.some((t) => t[kind].upheld + t[kind].corrected + t[kind].other > 0), `${kind} decided`).toBe(true);
    }
    expect(cases.some((c) => c.receiptDate === null)).toBe(true);
  });

  it('the cases a year counts are those its three ranges read', async () => {
    const counted = await casesOfYear(services.db, agency.id, 2023);
    const independent = cases.filter((c) => table3Of([c], 2023).newReceived[6]! + table3Of([c], 2023).carriedOver[6]! > 0 || table3Of([c], 2023).carriedForward[6]! > 0);
    expect(counted.map((c) => c.id).sort((a, b) => a - b)).toEqual(independent.map((c) => c.id).sort((a, b) => a - b));
  });
});

describe('the statistics as the canonical report', () => {
  it('passes the report engine\'s T3/T4 rules by construction; table 二 blank', async () => {
    for (const year of [2022, 2023, 2024]) {
      const report = await statistics(services, agency.id, year);
      expect(report).toMatchObject({ agency: agency.name, year, format: '2021', agencyKind: 'department' });
      const parsed = parseCanonicalReport(JSON.parse(JSON.stringify(report)));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const findings = validateReport(parsed.report);
      expect(findings.filter((f) => f.rule.startsWith('T3') || f.rule.startsWith('T4'))).toEqual([]);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['CELL-BLANK']));
    }
  });

  it('a year carries over what the year before carried forward (X-CARRY)', async () => {
    const previous = parseCanonicalReport(await statistics(services, agency.id, 2023));
    const current = parseCanonicalReport(await statistics(services, agency.id, 2024));
    if (!previous.ok || !current.ok) throw new Error('not canonical');
    expect(validateReport(current.report, { previous: previous.report }).filter((f) => f.rule === 'X-CARRY')).toEqual([]);
  });
});
