/** Table 二 cell rule T2-CELL. Pure. */
import { table2CellPath } from '../model.ts';
import type { AnnualReport } from '../model.ts';
import type { Finding } from '../findings.ts';
import { describeValue, finding, isCount, table2CellLabel } from './common.ts';

/** What a table 二 column must hold. */
type Expectation = 'count' | 'signedInteger' | 'amount' | 'text';

/**
 * The kind of value a table 二 column holds: `amountWan` is a decimal (万元); `itemsChange`
 * (本年增/减, 2019 template) may be negative; `amountText` is the procurement amount as printed.
 */
function expectationOf(column: string): Expectation {
  switch (column) {
    case 'amountWan': return 'amount';
    case 'itemsChange': return 'signedInteger';
    case 'amountText': return 'text';
    default: return 'count';
  }
}

function isValid(value: unknown, expectation: Expectation): boolean {
  switch (expectation) {
    case 'count': return isCount(value);
    case 'signedInteger': return typeof value === 'number' && Number.isInteger(value);
    case 'amount': return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'text': return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
  }
}

const EXPECTED_TEXT: Record<Expectation, string> = {
  count: '非负整数',
  signedInteger: '整数（可为负数，表示减少）',
  amount: '非负数（单位：万元，可有小数）',
  text: '印出的金额（含单位）',
};

/** T2-CELL: counts in table 二 are non-negative integers; the fee amount is a non-negative number. */
export function checkTable2Cells(report: AnnualReport): Finding[] {
  const findings: Finding[] = [];
  for (const [row, cells] of Object.entries(report.table2)) {
    if (!cells || typeof cells !== 'object') continue;
    for (const [column, value] of Object.entries(cells)) {
      if (value === null || value === undefined) continue;
      const expectation = expectationOf(column);
      if (isValid(value, expectation)) continue;
      findings.push(finding('T2-CELL', 'error', [table2CellPath(row, column)],
        `${table2CellLabel(row, column)}应为${EXPECTED_TEXT[expectation]}，报告填写为 ${describeValue(value)}。`));
    }
  }
  return findings;
}
