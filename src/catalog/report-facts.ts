/**
 * What an annual report (issue 19) reads of the catalog, for many agencies at once: table 二 of each
 * agency's year (table2-service.ts) and the counts the drafted sentences quote — items published in the
 * year and the 政策解读 among them.
 */
import { allOf, type Queryable } from '../platform/db/queryable.ts';
import { INTERPRETATION_GENRE } from './model.ts';
import type { CatalogTable2 } from './table2.ts';
import { table2Of } from './table2-service.ts';

/** The catalog's counts of an agency's year. */
export interface CatalogYearFacts {
  published: number;
  interpretations: number;
}

/** Items published in the year (still public: a withdrawn item counts nowhere) per agency; every agency asked gets an entry. */
export async function catalogYearFactsOf(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, CatalogYearFacts>> {
  const { rows } = await db.query<{ agency_id: number; published: number; interpretations: number }>(
    `SELECT agency_id::int, count(*)::int AS published, count(*) FILTER (WHERE genre = $4)::int AS interpretations
       FROM catalog_items
      WHERE agency_id = ANY($1::bigint[]) AND status = 'published' AND published_on BETWEEN $2::date AND $3::date
      GROUP BY 1`, [agencyIds, `${year}-01-01`, `${year}-12-31`, INTERPRETATION_GENRE]);
  const out = new Map<number, CatalogYearFacts>(agencyIds.map((id) => [id, { published: 0, interpretations: 0 }]));
  for (const r of rows) out.set(r.agency_id, { published: r.published, interpretations: r.interpretations });
  return out;
}

/** Table 二 of each agency's year (a few agencies at a time: each is two indexed reads). */
export async function table2sOf(db: Queryable, agencyIds: readonly number[], year: number): Promise<Map<number, CatalogTable2>> {
  const out = new Map<number, CatalogTable2>();
  const AT_ONCE = 8;
  for (let i = 0; i < agencyIds.length; i += AT_ONCE) {
    const part = agencyIds.slice(i, i + AT_ONCE);
    const tables = await allOf(db, part.map((id) => () => table2Of(db, id, year)));
    part.forEach((id, k) => out.set(id, tables[k]!));
  }
  return out;
}
