/**
 * Validation of an annual report against every rule of shared/spec/annual-report.md
 * (law.md §5.5 AR-01…AR-14). Pure: the report (and last year's, for the cross-year rules) in,
 * every finding out at once. Each rule lives in its own module under ./rules/.
 *
 * Blank cells: a sum rule whose operands include a blank (null), missing or invalid cell is not
 * checked — CELL-BLANK (or T2/T3/T4-CELL) reports that cell once, and arithmetic built on a
 * guessed 0 would accuse the agency of an error it may not have made (docs/DECISIONS.md).
 *
 * Example: `validateReport(seedTruth)` → `[]`; with 新收 [3,0,0,0,0,0,2] → a T3-ROW-TOTAL error at
 * `t3.newReceived[6]` and T3-BALANCE errors in the columns that no longer balance.
 */
import type { AnnualReport } from './model.ts';
import type { Finding } from './findings.ts';
import { checkBlankCells } from './rules/blank.ts';
import { checkCarryOver, checkInForce } from './rules/cross-year.ts';
import { checkDeadline } from './rules/deadline.ts';
import { checkFeeSection } from './rules/fee-section.ts';
import { checkSections, checkTables } from './rules/structure.ts';
import { checkTable2Cells } from './rules/table2.ts';
import { checkTable3Balance, checkTable3Cells, checkTable3OutcomeTotals, checkTable3RowTotals } from './rules/table3.ts';
import { checkTable4Cells, checkTable4Totals } from './rules/table4.ts';
import { checkTextAgainstTables } from './rules/text-table.ts';

export interface ValidationOptions {
  /** The same agency's report of the previous year, for the cross-year rules X-CARRY and X-IN-FORCE. */
  previous?: AnnualReport;
}

/**
 * Checks a report; returns every finding at once (empty when the report is clean), in a stable
 * order: structure, cells, sums, blanks, cross-year, narrative, publication date.
 */
export function validateReport(report: AnnualReport, options: ValidationOptions = {}): Finding[] {
  const lists = [
    checkSections(report),
    checkTables(report),
    checkTable2Cells(report),
    checkTable3Cells(report),
    checkTable4Cells(report),
    checkTable3RowTotals(report),
    checkTable3OutcomeTotals(report),
    checkTable3Balance(report),
    checkTable4Totals(report),
    checkBlankCells(report),
    checkCarryOver(report, options.previous),
    checkInForce(report, options.previous),
    checkTextAgainstTables(report),
    checkFeeSection(report),
    checkDeadline(report),
  ];
  // Appended in a loop rather than spread: most lists are empty, and spreading iterates each one.
  const findings: Finding[] = [];
  for (const list of lists) for (let i = 0; i < list.length; i++) findings.push(list[i]!);
  return findings;
}
