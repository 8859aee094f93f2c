/**
 * A government's report against its agencies' (issue 19 §2): each cell of its tables 三/四 should be its
 * own cases plus the figures of the agencies directly under it — as each agency published them (its
 * newest published version, else the report it stored in the checker), or, for an agency that has not
 * published, as its records give them. Where the government's report says otherwise, a finding names
 * the cell, both figures and the difference: a supervisor sees at once whose numbers do not add up.
 */
import { agencyReportOfYear, type AnnualReport } from '../report/index.ts';
import { caseTablesOf } from '../applications/index.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { caseTablesOfReport, rollupDifferences, sumTables, type CaseTables } from './core/rollup.ts';
import { reportFactsOf } from './facts-service.ts';
import { latestPublishedOf } from './workspace-store.ts';
import { cellLabel } from './core/cell-labels.ts';

/** A difference between a government's report and the sum, as the workspace and dashboard show it. */
export interface RollupFinding {
  rule: 'ROLLUP-SUM';
  severity: 'warning';
  cells: string[];
  message: string;
}

/** The differences between `report` (the government's) and its own cases plus its agencies' figures. */
export async function rollupFindings(db: Queryable, governmentId: number, year: number, report: AnnualReport): Promise<RollupFinding[]> {
  const { rows } = await db.query<{ id: number }>('SELECT id::int FROM agencies WHERE parent_id = $1 ORDER BY id', [governmentId]);
  const children = rows.map((r) => r.id);
  if (children.length === 0) return [];
  const [own, published] = await Promise.all([caseTablesOf(db, [governmentId], year), latestPublishedOf(db, children, year)]);
  const parts: CaseTables[] = [own.get(governmentId) as unknown as CaseTables];
  const unpublished: number[] = [];
  for (const id of children) {
    const stored = published.get(id) ?? (await agencyReportOfYear(db, id, year))?.report;
    if (stored) parts.push(caseTablesOfReport(stored));
    else unpublished.push(id);
  }
  if (unpublished.length > 0) {
    const facts = await reportFactsOf(db, unpublished, year);
    for (const f of facts.values()) parts.push({ table3: f.table3, table4: f.table4 });
  }
  return rollupDifferences(report as Parameters<typeof rollupDifferences>[0], sumTables(parts)).map((d) => ({
    rule: 'ROLLUP-SUM', severity: 'warning', cells: [d.cell],
    message: `${cellLabel(d.cell)}：本级报告为 ${d.published ?? '空白'}，本级办理记录与所属机关报告之和为 ${d.expected}${d.published === null ? '' : `（相差 ${d.published - d.expected}）`}。`,
  }));
}
