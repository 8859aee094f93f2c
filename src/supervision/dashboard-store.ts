/**
 * The SQL of the supervisor's dashboard (issue 19 §5), each a single aggregate over the government's
 * agency closure and the stored reports (annual_reports), whatever the number of agencies: findings
 * counted by rule, and tables 三/四 summed per year for the trends. The reports' JSON is read in the
 * database: only the sums travel.
 */
import type { Queryable } from '../platform/db/queryable.ts';

/** Per agency: rule id → { error, warning } counts of its report's stored findings. */
export type FindingCounts = Map<number, Map<string, { error: number; warning: number }>>;

/** The stored findings of the year's reports of every agency under `governmentId`, counted by agency and rule. */
export async function findingCountsOf(db: Queryable, governmentId: number, year: number): Promise<FindingCounts> {
  const { rows } = await db.query<{ agency_id: number; rule: string; errors: number; warnings: number }>(
    `SELECT r.agency_id::int, f->>'rule' AS rule,
            count(*) FILTER (WHERE f->>'severity' = 'error')::int AS errors,
            count(*) FILTER (WHERE f->>'severity' = 'warning')::int AS warnings
       FROM agency_closure c
       JOIN annual_reports r ON r.agency_id = c.agency_id AND r.year = $2
       CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(r.findings) = 'array' THEN r.findings ELSE '[]'::jsonb END) f
      WHERE c.ancestor_id = $1 AND f->>'rule' IS NOT NULL
      GROUP BY 1, 2`,
    [governmentId, year]);
  const out: FindingCounts = new Map();
  for (const r of rows) {
    const rules = out.get(r.agency_id) ?? new Map<string, { error: number; warning: number }>();
    rules.set(r.rule, { error: r.errors, warning: r.warnings });
    out.set(r.agency_id, rules);
  }
  return out;
}

/** One year's tables 三/四 summed over the government's tree. */
export interface YearSums {
  year: number;
  /** Reports summed (a government's report counts once, covering its agencies). */
  reports: number;
  /** Table 三 row key → its 总计 column summed (blank cells as 0). */
  table3: Record<string, number>;
  /** Table 四 column → summed over the three groups (reconsideration and both kinds of litigation). */
  table4: Record<string, number>;
}

/**
 * Tables 三/四 of the government's tree for each year from `from` to `to`, summed from the stored
 * reports. A people's government's report already adds up every agency under it (its roll-up), so a
 * report is counted only when no government above it within the tree has a report of that year —
 * each case once: with the government's own report, its figures alone; without it, the sum of the
 * reports below. The tables are read from `table3_rows` and `table4` (migration 0023), not from the whole report.
 */
export async function yearSumsOf(db: Queryable, governmentId: number, from: number, to: number): Promise<YearSums[]> {
  const { rows } = await db.query<{ year: number; part: 't3' | 't4' | 'n'; key: string; n: string | null }>(
    `WITH covered AS (
       -- Agencies whose year a report of a people's government above them (within the tree) already adds up.
       SELECT DISTINCT below.agency_id, gr.year
         FROM agency_closure c
         JOIN agencies g ON g.id = c.agency_id AND g.kind = 'government'
         JOIN annual_reports gr ON gr.agency_id = g.id AND gr.year BETWEEN $2 AND $3
         JOIN agency_closure below ON below.ancestor_id = g.id AND below.agency_id <> g.id
        WHERE c.ancestor_id = $1
     ),
     counted AS MATERIALIZED (
       -- table3_rows, table4 (migration 0023): kept beside the report, without its toasted text.
       SELECT r.year, r.table3_rows AS t3, r.table4 AS t4
         FROM agency_closure c
         JOIN annual_reports r ON r.agency_id = c.agency_id AND r.year BETWEEN $2 AND $3
        WHERE c.ancestor_id = $1
          AND NOT EXISTS (SELECT 1 FROM covered v WHERE v.agency_id = r.agency_id AND v.year = r.year)
     )
     SELECT year, 'n' AS part, '' AS key, count(*)::text AS n FROM counted GROUP BY year
     UNION ALL
     SELECT year, 't3', row.key, sum(CASE WHEN jsonb_typeof(row.value->6) = 'number' THEN (row.value->>6)::numeric END)::text
       FROM counted CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(t3) = 'object' THEN t3 ELSE '{}'::jsonb END) row
      WHERE jsonb_typeof(row.value) = 'array'
      GROUP BY year, row.key
     UNION ALL
     SELECT year, 't4', col.key, sum(CASE WHEN jsonb_typeof(col.value) = 'number' THEN (col.value #>> '{}')::numeric END)::text
       FROM counted
       CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(t4) = 'object' THEN t4 ELSE '{}'::jsonb END) grp
       CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(grp.value) = 'object' THEN grp.value ELSE '{}'::jsonb END) col
      GROUP BY year, col.key`,
    [governmentId, from, to]);
  const byYear = new Map<number, YearSums>();
  for (let y = from; y <= to; y++) byYear.set(y, { year: y, reports: 0, table3: {}, table4: {} });
  for (const r of rows) {
    const sums = byYear.get(r.year);
    if (!sums) continue;
    const n = Number(r.n ?? 0);
    if (r.part === 'n') sums.reports = n;
    else if (r.part === 't3') sums.table3[r.key] = n;
    else sums.table4[r.key] = n;
  }
  return [...byYear.values()];
}

/** One agency's stored report of the year, as the export of every agency's tables reads it. */
export interface StoredCanonical {
  agencyId: number;
  canonical: unknown;
}

/** The stored report JSON of each agency under `governmentId` that has a report of `year`. */
export async function canonicalsOf(db: Queryable, governmentId: number, year: number): Promise<Map<number, unknown>> {
  const { rows } = await db.query<StoredCanonical>(
    `SELECT r.agency_id::int AS "agencyId", jsonb_build_object('table2', r.canonical->'table2', 'table3', r.canonical->'table3', 'table4', r.canonical->'table4') AS canonical
       FROM agency_closure c JOIN annual_reports r ON r.agency_id = c.agency_id AND r.year = $2
      WHERE c.ancestor_id = $1`,
    [governmentId, year]);
  return new Map(rows.map((r) => [r.agencyId, r.canonical]));
}
