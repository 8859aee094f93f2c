import type { CellPath } from './model.ts';

/** Validation rule ids of shared/spec/annual-report.md. */
export const RULE_IDS = [
  'T3-ROW-TOTAL', 'T3-OUTCOME-TOTAL', 'T3-BALANCE', 'T3-CELL', 'T4-TOTAL', 'T4-CELL', 'T2-CELL',
  'STRUCT-SECTIONS', 'STRUCT-TABLES', 'CELL-BLANK', 'X-CARRY', 'X-IN-FORCE', 'TEXT-TABLE', 'FEE-SECTION', 'DEADLINE',
] as const;
export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning';

/** One problem found in a report: which rule, how serious, which cells, and what to do (Chinese). */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Cell paths such as 't3.granted[6]', 't4.reconsideration.total', 't2.fees.amountWan'; rows as 't3.granted'; sections as 'sections.other'. */
  cells: CellPath[];
  message: string;
}
