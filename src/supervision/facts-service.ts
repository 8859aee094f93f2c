/**
 * The facts each report of a year is drafted from (core/facts.ts), gathered from the rooms that keep
 * the records — applications (tables 三/四, late replies, fees), the catalog (table 二, items
 * published), the supervision records (trainings, inspections, 5·15, consultations) — for many
 * agencies at once: a few aggregate queries per source, however many agencies. A people's government's
 * tables 三/四 and catalog counts cover its own records and those of every agency under it (the roll-up,
 * core/rollup.ts); its table 二 is its own (docs/DECISIONS.md).
 */
import { applicationFactsOf, caseTablesOf } from '../applications/index.ts';
import { catalogYearFactsOf, table2sOf } from '../catalog/index.ts';
import type { AgencyKind } from '../law/agency-kinds.ts';
import { allOf, type Queryable } from '../platform/db/queryable.ts';
import type { CatalogFacts, ReportFacts, Table2Rows, Table3Rows, Table4Groups } from './core/facts.ts';
import { caseTablesOfReport, sumTables, type CaseTables } from './core/rollup.ts';
import { recordFactsOf } from './records-store.ts';
import { latestPublishedOf } from './workspace-store.ts';

interface AgencyRow {
  id: number;
  name: string;
  kind: AgencyKind;
  /** For a government: every open agency under it, itself included; for a department: itself. */
  members: number[];
}

/** The agencies asked for, each with the agencies its tables add up. */
async function agenciesWithMembers(db: Queryable, agencyIds: readonly number[]): Promise<AgencyRow[]> {
  const { rows } = await db.query<{ id: number; name: string; kind: AgencyKind; members: number[] }>(
    `SELECT a.id::int, a.name, a.kind,
            CASE WHEN a.kind = 'government'
                 THEN (SELECT array_agg(c.agency_id::int ORDER BY c.agency_id) FROM agency_closure c WHERE c.ancestor_id = a.id)
                 ELSE ARRAY[a.id::int] END AS members
       FROM agencies a WHERE a.id = ANY($1::bigint[]) ORDER BY a.id`, [agencyIds]);
  return rows;
}

const sumCatalog = (parts: readonly CatalogFacts[]): CatalogFacts =>
  parts.reduce((s, p) => ({ published: s.published + p.published, interpretations: s.interpretations + p.interpretations }), { published: 0, interpretations: 0 });

/** The report facts of each agency's year (agencies that do not exist are left out). */
export async function reportFactsOf(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, ReportFacts>> {
  const agencies = await agenciesWithMembers(db, agencyIds);
  const own = agencies.map((a) => a.id);
  const everyone = [...new Set(agencies.flatMap((a) => a.members))];
  // Last year's tables are read from the report published for it; only agencies without one are counted.
  const publishedBefore = await latestPublishedOf(db, own, year - 1);
  const countedBefore = [...new Set(agencies.filter((a) => !publishedBefore.has(a.id)).flatMap((a) => a.members))];
  const [tables, before, appFacts, catalog, catalogBefore, table2s, records] = await allOf(db, [
    () => caseTablesOf(db, everyone, year), () => caseTablesOf(db, countedBefore, year - 1), () => applicationFactsOf(db, everyone, year),
    () => catalogYearFactsOf(db, everyone, year), () => catalogYearFactsOf(db, everyone, year - 1), () => table2sOf(db, own, year), () => recordFactsOf(db, own, year),
  ] as const);
  const rolled = (source: Map<number, CaseTables>, members: number[]) => sumTables(members.map((id) => source.get(id)!));
  const out = new Map<number, ReportFacts>();
  for (const a of agencies) {
    const now = rolled(tables as Map<number, CaseTables>, a.members);
    const lastReport = publishedBefore.get(a.id);
    const previous = lastReport ? caseTablesOfReport(lastReport) : rolled(before as Map<number, CaseTables>, a.members);
    const hadCases = lastReport !== undefined || Object.values(previous.table3).some((cells) => cells.some((n) => n > 0));
    const catalogBeforeSum = sumCatalog(a.members.map((id) => catalogBefore.get(id)!));
    const apps = a.members.map((id) => appFacts.get(id)!);
    out.set(a.id, {
      agencyId: a.id, agency: a.name, agencyKind: a.kind, year,
      table2: table2s.get(a.id) as unknown as Table2Rows,
      table3: now.table3 as Table3Rows, table4: now.table4 as Table4Groups,
      catalog: sumCatalog(a.members.map((id) => catalog.get(id)!)),
      applications: {
        repliedLate: apps.reduce((n, f) => n + f.repliedLate, 0),
        feeCases: apps.reduce((n, f) => n + f.feeCases, 0),
        feeFen: apps.reduce((n, f) => n + f.feeFen, 0),
      },
      records: records.get(a.id)!,
      ...(hadCases || catalogBeforeSum.published > 0 ? { previous: { table3: previous.table3, catalog: catalogBeforeSum } } : {}),
      rolledUpAgencies: a.members.length - 1,
    });
  }
  return out;
}
