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
}

type Equation = { plus: string[]; minus: string[] };

function equations(problem: ColumnProblem, rule: 'outcome-total' | 'balance'): Equation {
  return rule === 'outcome-total'
    ? { plus: [...problem.outcomeKeys], minus: ['totalProcessed'] }
    : { plus: ['newReceived', 'carriedOver'], minus: ['totalProcessed', 'carriedForward'] };
}

/** True when the equation holds in every column where all its cells are known. */
function holds(eq: Equation, pick: (key: string) => Cell[] | undefined): boolean {
  const plus = eq.plus.map(pick);
  const minus = eq.minus.map(pick);
  if ([...plus, ...minus].some((r) => r === undefined)) return true;
  for (let c = 0; c < 7; c++) {
    const p = plus.map((r) => r![c] ?? null);
    const m = minus.map((r) => r![c] ?? null);
    if ([...p, ...m].some((v) => v === null)) continue;
    const sum = (xs: (number | null)[]): number => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum(p) !== sum(m)) return false;
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
  const settled = (key: string): Cell[] | undefined => {
    const r = problem.rows.get(key);
    return r && r.length === 1 ? r[0] : undefined;
  };
  const all: number[][] = [];
  const walk = (i: number, acc: number[]): void => {
    if (i === open.length) return void all.push([...acc]);
    for (let j = 0; j < open[i]![1].length; j++) walk(i + 1, [...acc, j]);
  };
  walk(0, []);
  const pickFor = (combo: number[]) => (key: string): Cell[] | undefined => {
    const idx = open.findIndex(([k]) => k === key);
    return idx >= 0 ? open[idx]![1][combo[idx]!] : settled(key);
  };
  const attempts: [ColumnRuleUsed, Equation[]][] = [
    ['both', [equations(problem, 'outcome-total'), equations(problem, 'balance')]],
    ['outcome-total', [equations(problem, 'outcome-total')]],
    ['balance', [equations(problem, 'balance')]],
  ];
  for (const [rule, eqs] of attempts) {
    const ok = all.filter((combo) => eqs.every((eq) => holds(eq, pickFor(combo))));
    if (ok.length === 0) continue;
    const chosen = new Map<string, Cell[]>();
    open.forEach(([key, readings], i) => {
      const picks = new Set(ok.map((combo) => combo[i]));
      if (picks.size === 1) chosen.set(key, readings[[...picks][0]!]!);
    });
    return { chosen, rule };
  }
  return { chosen: new Map() };
}
