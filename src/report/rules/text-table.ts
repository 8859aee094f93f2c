/** TEXT-TABLE: counts stated in the narrative against the tables. Pure. */
import { table3CellPath, table4CellPath } from '../model.ts';
import type { AnnualReport, CellPath, SectionKey } from '../model.ts';
import type { Finding } from '../findings.ts';
import { countsOrUndefined, finding, sum, table3Row } from './common.ts';
import { STATED_QUANTITIES, extractStatedCounts } from './text-counts.ts';
import type { StatedCount, StatedQuantity } from './text-counts.ts';

/** The sections whose narrative states the counts (总体情况 summarises 依申请公开 and 复议诉讼). */
const NARRATIVE_SECTIONS: readonly SectionKey[] = ['overview', 'applications', 'appeals'];

interface TableValue {
  value: number;
  cells: CellPath[];
  label: string;
}

/** The table value a stated count is compared with, or undefined when a cell is blank or invalid. */
function tableValue(report: AnnualReport, quantity: StatedQuantity): TableValue | undefined {
  switch (quantity) {
    case 'applicationsReceived': {
      const value = table3Row(report, 'newReceived')?.[6];
      const values = countsOrUndefined([value]);
      return values && { value: values[0] as number, cells: [table3CellPath('newReceived', 6)], label: '表三「一、本年新收政府信息公开申请数量」行「总计」列' };
    }
    case 'reconsiderations': {
      const values = countsOrUndefined([report.table4.reconsideration?.total]);
      return values && { value: values[0] as number, cells: [table4CellPath('reconsideration', 'total')], label: '表四「行政复议」「总计」' };
    }
    case 'lawsuits': {
      const values = countsOrUndefined([report.table4.litigationDirect?.total, report.table4.litigationAfterReconsideration?.total]);
      return values && {
        value: sum(values),
        cells: [table4CellPath('litigationDirect', 'total'), table4CellPath('litigationAfterReconsideration', 'total')],
        label: `表四行政诉讼两组「总计」之和（未经复议直接起诉 ${values[0]} + 复议后起诉 ${values[1]}）`,
      };
    }
  }
}

const QUANTITY_NAME: Record<StatedQuantity, string> = {
  applicationsReceived: '本年收到的政府信息公开申请',
  reconsiderations: '行政复议案件',
  lawsuits: '行政诉讼案件',
};

/**
 * TEXT-TABLE (warning): a count stated in the narrative (applications received, reconsiderations,
 * lawsuits) differs from the table. Fires only when the narrative states the quantity and none
 * of its statements matches the table (a report may restate a number, or give a part of it in
 * another sentence the extractor did not skip); no sections → nothing to compare.
 */
export function checkTextAgainstTables(report: AnnualReport): Finding[] {
  if (!report.sections) return [];
  const stated: (StatedCount & { section: SectionKey })[] = [];
  for (const section of report.sections) {
    if (!NARRATIVE_SECTIONS.includes(section.key)) continue;
    for (const count of extractStatedCounts(section.text, report.year ?? undefined)) stated.push({ ...count, section: section.key });
  }
  const findings: Finding[] = [];
  for (const quantity of STATED_QUANTITIES) {
    const statements = stated.filter((s) => s.quantity === quantity);
    const table = tableValue(report, quantity);
    if (statements.length === 0 || !table || statements.some((s) => s.value === table.value)) continue;
    const first = statements[0] as (typeof statements)[number];
    findings.push(finding('TEXT-TABLE', 'warning', [...table.cells, `sections.${first.section}`],
      `正文写明${QUANTITY_NAME[quantity]}为 ${first.value} 件（“${first.clause}”），而${table.label}为 ${table.value}；请核对正文与表格，使两者一致。`));
  }
  return findings;
}
