/**
 * The SQL of coverage: the latest 发布日期 of each agency's published items per 第二十条 item, and each
 * agency's limit (catalog_settings.coverage_max_age_days; null: the default). The settings row may hold
 * other columns (指南, 制度, 索引号 pattern): only the limit is written here.
 */
import type { IsoDate } from '../law/dates.ts';
import { ARTICLE20_ITEMS } from '../law/taxonomy.ts';
import type { Queryable } from '../platform/db/queryable.ts';

/**
 * Per agency, per item with a published item: the latest 发布日期 — one probe of
 * catalog_items_agency_article20_idx (migration 0016) per agency and item.
 */
export async function latestPublishedByItem(db: Queryable, agencyIds: readonly number[]): Promise<Map<number, Map<string, IsoDate>>> {
  const { rows } = await db.query<{ agencyId: number; item: string; latest: IsoDate | null }>(
    `SELECT a.id AS "agencyId", i.item,
            (SELECT max(c.published_on) FROM catalog_items c WHERE c.agency_id = a.id AND c.article20_item = i.item AND c.status = 'published') AS latest
       FROM unnest($1::bigint[]) AS a(id) CROSS JOIN unnest($2::text[]) AS i(item)`,
    [agencyIds, ARTICLE20_ITEMS],
  );
  const out = new Map<number, Map<string, IsoDate>>();
  for (const r of rows) {
    if (r.latest === null) continue;
    const items = out.get(r.agencyId) ?? new Map<string, IsoDate>();
    items.set(r.item, r.latest);
    out.set(r.agencyId, items);
  }
  return out;
}

/** The limits the agencies set (agencies without one are absent). */
export async function coverageMaxAges(db: Queryable, agencyIds: readonly number[]): Promise<Map<number, number>> {
  const { rows } = await db.query<{ agencyId: number; days: number }>(
    `SELECT agency_id AS "agencyId", coverage_max_age_days AS days FROM catalog_settings
      WHERE agency_id = ANY($1::bigint[]) AND coverage_max_age_days IS NOT NULL`,
    [agencyIds],
  );
  return new Map(rows.map((r) => [r.agencyId, r.days]));
}

/** Sets an agency's limit (null: back to the default); returns the one before (locked until the transaction ends). */
export async function putCoverageMaxAge(db: Queryable, agencyId: number, days: number | null): Promise<number | null> {
  const before = await db.query<{ days: number | null }>('SELECT coverage_max_age_days AS days FROM catalog_settings WHERE agency_id = $1 FOR UPDATE', [agencyId]);
  await db.query(
    `INSERT INTO catalog_settings (agency_id, coverage_max_age_days, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (agency_id) DO UPDATE SET coverage_max_age_days = EXCLUDED.coverage_max_age_days, updated_at = now()`,
    [agencyId, days],
  );
  return before.rows[0]?.days ?? null;
}
