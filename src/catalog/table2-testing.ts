/**
 * Items for the statistics' tests, written with SQL (the statistics read catalog_items directly): an item
 * of an agency with the dates and status a case needs. Only tests import this file.
 */
import type { Queryable } from '../platform/db/queryable.ts';
import type { Genre, ItemStatus, Validity } from './model.ts';

/** What a test says of an item; the rest has plain defaults. */
export interface TestItem {
  title?: string;
  genre?: Genre;
  status?: ItemStatus;
  formedOn?: string;
  publishDue?: string;
  publishedOn?: string | null;
  article20Item?: string | null;
  validity?: Validity;
  validityChangedOn?: string | null;
}

let serial = 0;

/** Inserts an item of the agency; returns its id. */
export async function insertTestItem(db: Queryable, agencyId: number, item: TestItem = {}): Promise<number> {
  serial += 1;
  const status = item.status ?? 'published';
  const formedOn = item.formedOn ?? '2024-03-01';
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO catalog_items (agency_id, index_no, title, publisher, formed_on, publish_due, published_on, genre, article20_item, validity, validity_changed_on, status)
     VALUES ($1, $2, $3, '测试发布机构', $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [agencyId, `TEST-${agencyId}-${process.pid}-${serial}`, item.title ?? `测试信息第 ${serial} 条`, formedOn, item.publishDue ?? formedOn,
      item.publishedOn !== undefined ? item.publishedOn : status === 'published' ? formedOn : null, item.genre ?? '其他文件', item.article20Item ?? null,
      item.validity ?? 'valid', item.validityChangedOn ?? null, status],
  );
  return rows[0]!.id;
}
