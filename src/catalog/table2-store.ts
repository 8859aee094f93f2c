/**
 * The SQL of table 二 and the catalog's statistics: an agency's published 规章 and 行政规范性文件 formed
 * up to a day (catalog_items_genre_idx), the entered yearly figures (catalog_yearly_figures), and the
 * published items of a year counted by 第二十条 item and month.
 */
import type { IsoDate } from '../law/dates.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { TABLE2_GENRES } from './model.ts';
import type { DocumentFacts, YearlyFigures } from './table2.ts';

/** The agency's published 规章 and 行政规范性文件 formed on or before `until`. */
export async function documentFactsUntil(db: Queryable, agencyId: number, until: IsoDate): Promise<DocumentFacts[]> {
  const { rows } = await db.query<DocumentFacts>(
    `SELECT genre, status, formed_on AS "formedOn", validity, validity_changed_on AS "validityChangedOn"
       FROM catalog_items
      WHERE agency_id = $1 AND genre = ANY($2::text[]) AND formed_on <= $3 AND status = 'published'`,
    [agencyId, Object.values(TABLE2_GENRES), until],
  );
  return rows;
}

/** Entered figures with who entered them last and when. */
export interface StoredFigures extends YearlyFigures {
  updatedBy: number | null;
  updatedAt: Date;
}

const FIGURE_COLUMNS = `licensing_decisions AS licensing, punishment_decisions AS punishment, enforcement_decisions AS enforcement,
  fees_fen AS "feesFen", updated_by AS "updatedBy", updated_at AS "updatedAt"`;

/** The figures of an agency's year, if any were entered (`lock`: FOR UPDATE, inside a transaction). */
export async function getFigures(db: Queryable, agencyId: number, year: number, lock = false): Promise<StoredFigures | undefined> {
  const { rows } = await db.query<StoredFigures>(
    `SELECT ${FIGURE_COLUMNS} FROM catalog_yearly_figures WHERE agency_id = $1 AND year = $2${lock ? ' FOR UPDATE' : ''}`,
    [agencyId, year],
  );
  return rows[0];
}

/** Stores an agency's year's figures (all four: null where not entered). */
export async function putFigures(db: Queryable, agencyId: number, year: number, figures: YearlyFigures, personId: number | null): Promise<StoredFigures> {
  const { rows } = await db.query<StoredFigures>(
    `INSERT INTO catalog_yearly_figures (agency_id, year, licensing_decisions, punishment_decisions, enforcement_decisions, fees_fen, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())
     ON CONFLICT (agency_id, year) DO UPDATE SET
       licensing_decisions = EXCLUDED.licensing_decisions, punishment_decisions = EXCLUDED.punishment_decisions,
       enforcement_decisions = EXCLUDED.enforcement_decisions, fees_fen = EXCLUDED.fees_fen,
       updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING ${FIGURE_COLUMNS}`,
    [agencyId, year, figures.licensing, figures.punishment, figures.enforcement, figures.feesFen, personId],
  );
  return rows[0]!;
}

/** Published items of a year (by 发布日期) per 第二十条 item (null: none given) and month (1–12). */
export interface MonthlyCount {
  item: string | null;
  month: number;
  count: number;
}

/** The agency's items published in the year, counted by 第二十条 item and month. */
export async function publishedByItemAndMonth(db: Queryable, agencyId: number, year: number): Promise<MonthlyCount[]> {
  const { rows } = await db.query<MonthlyCount>(
    `SELECT article20_item AS item, extract(month FROM published_on)::int AS month, count(*)::int AS count
       FROM catalog_items
      WHERE agency_id = $1 AND status = 'published' AND published_on BETWEEN $2 AND $3
      GROUP BY 1, 2`,
    [agencyId, `${year}-01-01`, `${year}-12-31`],
  );
  return rows;
}
