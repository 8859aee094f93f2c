/**
 * Catalog items for the portal's tests, written with SQL (the review workflow is the catalog's to test):
 * published, draft, withdrawn, with attachments and links. Used by tests only.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../platform/db/queryable.ts';

let serial = 0;

/** An item to insert; what is left out takes a plain default. */
export interface TestItem {
  agencyId: number;
  title: string;
  status?: 'draft' | 'attributeReview' | 'secrecyCheck' | 'signing' | 'published' | 'notPublished' | 'withdrawn';
  indexNo?: string;
  docNo?: string | null;
  publishedOn?: string | null;
  formedOn?: string;
  topic?: string | null;
  genre?: string;
  article20Item?: string | null;
  article21Item?: string | null;
  bodyHtml?: string;
  publisher?: string;
  validity?: 'valid' | 'expired' | 'repealed';
}

/** Inserts an item; returns its id and 索引号. */
export async function insertTestItem(db: Queryable, item: TestItem): Promise<{ id: number; indexNo: string }> {
  serial++;
  const status = item.status ?? 'published';
  const publishedOn = item.publishedOn !== undefined ? item.publishedOn : status === 'published' || status === 'withdrawn' ? '2024-03-01' : null;
  const indexNo = item.indexNo ?? `11350100MB0000000X/2024-${String(serial).padStart(5, '0')}-${item.agencyId}`;
  const body = item.bodyHtml ?? `<p>${item.title}的正文。</p>`;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO catalog_items (agency_id, index_no, title, doc_no, publisher, formed_on, publish_due, published_on, topic, genre,
       article20_item, article21_item, body_html, body_text, status, validity, validity_changed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [
      item.agencyId, indexNo, item.title, item.docNo ?? null, item.publisher ?? '测试机关', item.formedOn ?? '2024-02-20', publishedOn,
      item.topic ?? null, item.genre ?? '其他文件', item.article20Item ?? null, item.article21Item ?? null, body, body.replace(/<[^>]+>/g, ''),
      status, item.validity ?? 'valid', (item.validity ?? 'valid') === 'valid' ? null : '2024-06-01',
    ],
  );
  return { id: rows[0]!.id, indexNo };
}

/** Adds an attachment to an item; its position. */
export async function insertTestAttachment(db: Queryable, itemId: number, fileName: string, bytes: Uint8Array, mediaType = 'application/pdf'): Promise<number> {
  const { rows } = await db.query<{ position: number }>(
    `INSERT INTO catalog_attachments (item_id, position, file_name, media_type, size_bytes, sha256, content)
     VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM catalog_attachments WHERE item_id = $1), $2, $3, $4, $5, $6) RETURNING position`,
    [itemId, fileName, mediaType, bytes.length, createHash('sha256').update(bytes).digest('hex'), Buffer.from(bytes)],
  );
  return rows[0]!.position;
}

/** Links a 政策解读 to the document it interprets. */
export async function linkTestItems(db: Queryable, itemId: number, relatedId: number): Promise<void> {
  await db.query('INSERT INTO catalog_item_links (item_id, related_id) VALUES ($1, $2)', [itemId, relatedId]);
}

/** Sets an item's status (withdrawing or publishing it). */
export async function setTestStatus(db: Queryable, itemId: number, status: 'published' | 'withdrawn' | 'draft'): Promise<void> {
  await db.query(
    `UPDATE catalog_items SET status = $2, published_on = CASE WHEN $2 = 'draft' THEN NULL ELSE coalesce(published_on, DATE '2024-03-01') END, updated_at = now() WHERE id = $1`,
    [itemId, status],
  );
}
