import { describe, expect, it } from 'vitest';
import { APPLICANT_KINDS } from '../law/applicant-kinds.ts';
import type { IsoDate } from '../law/dates.ts';
import { OUTCOME_CODES } from '../law/outcomes.ts';
import { appealColumnOf, casesBehind, rowsOf, table3Of, table4Of, TABLE3_ROW_KEYS, type CountedAppeal, type CountedCase } from './statistics.ts';

const d = (s: string) => s as IsoDate;
const c = (id: number, receiptDate: string | null, closedOn: string | null, outcome: CountedCase['outcome'] = null, kind: CountedCase['applicantKind'] = 'naturalPerson'): CountedCase =>
  ({ id, applicantKind: kind, receiptDate: receiptDate === null ? null : d(receiptDate), closedOn: closedOn === null ? null : d(closedOn), outcome });

/** A deterministic pseudo-random year of cases (a linear congruential generator: same cases every run). */
function generated(n: number): CountedCase[] {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const day = (year: number) => d(`${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`);
  return Array.from({ length: n }, (_, i) => {
    const received = day(2022 + Math.floor(next() * 3));
    const closed = next() < 0.8 ? day(Number(received.slice(0, 4)) + Math.floor(next() * 2)) : null;
    const closedOn = closed !== null && closed >= received ? closed : null;
    return c(i + 1, next() < 0.05 ? null : received, closedOn, closedOn ? OUTCOME_CODES[Math.floor(next() * OUTCOME_CODES.length)]! : null,
      APPLICANT_KINDS[Math.floor(next() * APPLICANT_KINDS.length)]!);
  });
}

describe('table 三 from cases', () => {
  it('counts each case once per row it belongs to, by the rules of the template', () => {
    expect(rowsOf(c(1, '2023-03-01', '2023-03-20', 'granted'), 2023)).toEqual(['newReceived', 'granted', 'totalProcessed']);
    expect(rowsOf(c(2, '2022-12-20', '2023-01-10', 'denied.stateSecret'), 2023)).toEqual(['carriedOver', 'denied.stateSecret', 'totalProcessed']);
    expect(rowsOf(c(3, '2023-12-20', '2024-01-10', 'granted'), 2023)).toEqual(['newReceived', 'carriedForward']);
    expect(rowsOf(c(4, '2022-06-01', null), 2023)).toEqual(['carriedOver', 'carriedForward']);
    expect(rowsOf(c(5, '2022-06-01', '2022-07-01', 'granted'), 2023)).toEqual([]);
    expect(rowsOf(c(6, null, null), 2023)).toEqual([]); // not yet received (unconfirmed online application)
  });

  it('on a generated year, agrees with an independent count and balances: 新收 + 上年结转 = 总计 + 结转下年度, per column', () => {
    const cases = generated(3000);
    const table = table3Of(cases, 2023);
    // Independent count, written plainly.
    const count = (pred: (x: CountedCase) => boolean) => cases.filter((x) => x.receiptDate !== null && pred(x)).length;
    const inYear = (s: string | null) => s !== null && s >= '2023-01-01' && s <= '2023-12-31';
    expect(table.newReceived[6]).toBe(count((x) => inYear(x.receiptDate)));
    expect(table.carriedOver[6]).toBe(count((x) => x.receiptDate! < '2023-01-01' && (x.closedOn === null || x.closedOn >= '2023-01-01')));
    expect(table.totalProcessed[6]).toBe(count((x) => inYear(x.closedOn)));
    expect(table.carriedForward[6]).toBe(count((x) => x.receiptDate! <= '2023-12-31' && (x.closedOn === null || x.closedOn > '2023-12-31')));
    for (const outcome of OUTCOME_CODES) expect(table[outcome][6], outcome).toBe(count((x) => x.outcome === outcome && inYear(x.closedOn)));
    for (let col = 0; col < 7; col++) {
      expect(table.newReceived[col]! + table.carriedOver[col]!).toBe(table.totalProcessed[col]! + table.carriedForward[col]!);
      expect(OUTCOME_CODES.reduce((sum, o) => sum + table[o][col]!, 0)).toBe(table.totalProcessed[col]);
    }
    for (const row of TABLE3_ROW_KEYS) expect(table[row].slice(0, 6).reduce((a, b) => a + b, 0), row).toBe(table[row][6]);
  });

  it('lists the cases behind a number', () => {
    const cases = [c(1, '2023-03-01', '2023-03-20', 'granted'), c(2, '2023-05-01', '2023-05-20', 'granted', 'commercial'), c(3, '2023-05-01', null)];
    expect(casesBehind(cases, 2023, 'granted', 'total')).toEqual([1, 2]);
    expect(casesBehind(cases, 2023, 'granted', 'commercial')).toEqual([2]);
    expect(casesBehind(cases, 2023, 'carriedForward', 'total')).toEqual([3]);
  });
});

describe('table 四 from appeals', () => {
  const a = (id: number, filedOn: string, decidedOn: string | null, result: CountedAppeal['result'], kind: CountedAppeal['kind'] = 'reconsideration'): CountedAppeal =>
    ({ id, kind, filedOn: d(filedOn), decidedOn: decidedOn === null ? null : d(decidedOn), result });

  it('decided in the year by result; undecided at its end as 尚未审结; decided earlier not at all', () => {
    expect(appealColumnOf(a(1, '2023-02-01', '2023-05-01', 'upheld'), 2023)).toBe('upheld');
    expect(appealColumnOf(a(2, '2023-11-01', null, null), 2023)).toBe('pending');
    expect(appealColumnOf(a(3, '2023-11-01', '2024-02-01', 'corrected'), 2023)).toBe('pending');
    expect(appealColumnOf(a(3, '2023-11-01', '2024-02-01', 'corrected'), 2024)).toBe('corrected');
    expect(appealColumnOf(a(4, '2022-03-01', '2022-09-01', 'other'), 2023)).toBeNull();
    expect(appealColumnOf(a(5, '2024-01-05', null, null), 2023)).toBeNull();
    const table = table4Of([a(1, '2023-02-01', '2023-05-01', 'upheld'), a(2, '2023-11-01', null, null, 'litigationDirect'), a(3, '2023-01-01', '2023-03-01', 'corrected')], 2023);
    expect(table.reconsideration).toEqual({ upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 });
    expect(table.litigationDirect).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(table.litigationAfterReconsideration.total).toBe(0);
  });
});
