/**
 * Choosing among the readings of damaged 表三 rows with the template's column rules
 * (shared/spec/annual-report.md T3-OUTCOME-TOTAL and T3-BALANCE): a reading is kept only if,
 * together with the settled rows, every column adds up. Bounded: at most MAX_COMBINATIONS
 * combinations are tried; beyond that the rows stay ambiguous.
 */
import type { Cell } from '../../model.ts';

const MAX_COMBINATIONS = 4096;

/** The rows of a table 三 reading, by key; outcome keys in template order. */
export interface ColumnProblem {
  rows: Map<string, Cell[][]>;
  outcomeKeys: readonly string[];
}

/** Which rule settled the choice, for the warning. */
export type ColumnRuleUsed = 'both' | 'outcome-total' | 'balance';

export interface ColumnResolution {
  /** Rows that the column rules settled, with their reading. */
  chosen: Map<string, Cell[]>;
  rule?: ColumnRuleUsed;
  /** Rows still open after the rules: the readings that some consistent combination uses (for the warning). */
  consistent?: Map<string, Cell[][]>;
}

/** The equations of the two rules, as row keys added and subtracted. */
type Equation = { plus: readonly string[]; minus: readonly string[] };

function equations(problem: ColumnProblem, rule: 'outcome-total' | 'balance'): Equation {
  return rule === 'outcome-total'
    ? { plus: problem.outcomeKeys, minus: ['totalProcessed'] }
    : { plus: ['newReceived', 'carriedOver'], minus: ['totalProcessed', 'carriedForward'] };
}

/** One operand of an equation: a settled row, or the open row at `open` (its reading varies by combination). */
type Operand = { sign: 1 | -1; fixed: Cell[] | undefined; open: number };

/**
 * The operands of an equation, or undefined when one of its rows is neither settled nor open
 * (missing or unreadable): such an equation holds vacuously, whatever the combination.
 */
function operandsOf(eq: Equation, problem: ColumnProblem, openIndex: ReadonlyMap<string, number>): Operand[] | undefined {
  const out: Operand[] = [];
  for (const [keys, sign] of [[eq.plus, 1], [eq.minus, -1]] as const) {
    for (const key of keys) {
      const i = openIndex.get(key);
      const rows = problem.rows.get(key);
      if (i !== undefined) out.push({ sign, fixed: undefined, open: i });
      else if (rows && rows.length === 1) out.push({ sign, fixed: rows[0], open: -1 });
      else return undefined;
    }
  }
  return out;
}

/** True when the equation holds in every column where all its cells are known, for the readings `pick`. */
function holds(operands: readonly Operand[], open: readonly (readonly Cell[][])[], pick: readonly number[]): boolean {
  for (let c = 0; c < 7; c++) {
    let total = 0;
    let known = true;
    for (const o of operands) {
      const v = (o.fixed ?? open[o.open]![pick[o.open]!]!)[c] ?? null;
      if (v === null) {
        known = false;
        break;
      }
      total += o.sign * v;
    }
    if (known && total !== 0) return false;
  }
  return true;
}

/**
 * Settles rows with several readings where the column rules leave exactly one combination;
 * where several combinations remain, settles the rows on which they all agree.
 */
export function resolveWithColumnRules(problem: ColumnProblem): ColumnResolution {
  const open = [...problem.rows.entries()].filter(([, r]) => r.length > 1);
  if (open.length === 0) return { chosen: new Map() };
  const combos = open.reduce((n, [, r]) => n * r.length, 1);
  if (combos > MAX_COMBINATIONS) return { chosen: new Map() };
  const openIndex = new Map(open.map(([key], i) => [key, i]));
  const readings = open.map(([, r]) => r);
  const outcome = operandsOf(equations(problem, 'outcome-total'), problem, openIndex);
  const balance = operandsOf(equations(problem, 'balance'), problem, openIndex);
  // Every combination in order (the first open row varies slowest), with which equations hold.
  const all: { pick: number[]; outcome: boolean; balance: boolean }[] = [];
  const pick = new Array<number>(open.length).fill(0);
  for (let n = 0; n < combos; n++) {
    all.push({ pick: [...pick], outcome: !outcome || holds(outcome, readings, pick), balance: !balance || holds(balance, readings, pick) });
    for (let i = open.length - 1; i >= 0 && ++pick[i]! === readings[i]!.length; i--) pick[i] = 0;
  }
  const attempts: [ColumnRuleUsed, (c: (typeof all)[number]) => boolean][] = [
    ['both', (c) => c.outcome && c.balance],
    ['outcome-total', (c) => c.outcome],
    ['balance', (c) => c.balance],
  ];
  for (const [rule, test] of attempts) {
    const ok = all.filter(test);
    if (ok.length === 0) continue;
    const chosen = new Map<string, Cell[]>();
    const consistent = new Map<string, Cell[][]>();
    open.forEach(([key, rows], i) => {
      const picks = new Set(ok.map((combo) => combo.pick[i]!));
      if (picks.size === 1) chosen.set(key, rows[[...picks][0]!]!);
      else consistent.set(key, [...picks].sort((x, y) => x - y).map((j) => rows[j]!));
    });
    return { chosen, rule, consistent };
  }
  return { chosen: new Map() };
}
