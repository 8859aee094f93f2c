/**
 * Items for the search tests, written straight into catalog_items (any status, any date) with their
 * search vector made the store's way (vector.ts refreshSearchVector). Test support only.
 */
import type { Queryable } from '../../platform/db/queryable.ts';
import { docNoKey } from './tokens.ts';
import { refreshSearchVector } from './vector.ts';

export interface TestItem {
  readonly agencyId: number;
  readonly title: string;
  readonly docNo?: string | null;
  readonly body?: string;
  readonly status?: 'published' | 'draft' | 'withdrawn' | 'signing';
  readonly publishedOn?: string;
  readonly indexNo?: string;
  readonly article20Item?: string | null;
  readonly topic?: string | null;
  readonly genre?: string;
  readonly attachmentText?: string;
}

let serial = 0;

/** Stores an item; returns its id and 索引号. */
export async function insertTestItem(db: Queryable, item: TestItem): Promise<{ id: number; indexNo: string }> {
  const status = item.status ?? 'published';
  const publishedOn = item.publishedOn ?? '2023-06-01';
  const indexNo = item.indexNo ?? `11210900MB0000000X/${publishedOn.slice(0, 4)}-${String(++serial).padStart(5, '0')}-${process.pid}`;
  const body = item.body ?? '';
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO catalog_items (agency_id, index_no, title, doc_no, doc_no_key, publisher, formed_on, publish_due, published_on, topic, genre, article20_item, status, body_html, body_text)
     VALUES ($1, $2, $3, $4, $5, '测试机关', $6::date - 5, $6::date + 20, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [item.agencyId, indexNo, item.title, item.docNo ?? null, item.docNo ? docNoKey(item.docNo) : null, publishedOn,
      status === 'draft' ? null : publishedOn, item.topic ?? null, item.genre ?? '其他文件', item.article20Item ?? null, status,
      body === '' ? '' : `<p>${body.replace(/[&<>]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</p>`, body],
  );
  const id = Number(rows[0]!.id);
  if (item.attachmentText) {
    await db.query(
      `INSERT INTO catalog_attachments (item_id, position, file_name, media_type, size_bytes, sha256, content, text)
       VALUES ($1, 1, '附件.pdf', 'application/pdf', 4, 'x', '\\x25504446'::bytea, $2)`,
      [id, item.attachmentText],
    );
  }
  await refreshSearchVector(db, id);
  return { id, indexNo };
}

/** Stores `count` published filler items (one statement: their vector made in SQL from fixed words), dated before `before`. */
export async function insertFillerItems(db: Queryable, agencyId: number, count: number, before: string): Promise<void> {
  await db.query(
    `INSERT INTO catalog_items (agency_id, index_no, title, doc_no, publisher, formed_on, publish_due, published_on, genre, status, body_text, search_tsv)
     SELECT $1, 'FILLER/' || $4 || '/' || g, '工作动态第' || g || '期', NULL, '测试机关', $3::date - 30, $3::date, $3::date - (g % 300) - 1, '工作动态', 'published',
            '本期工作动态。', setweight(to_tsvector('simple', '工作 动态 第 期'), 'A') || setweight(to_tsvector('simple', '本期 工作 动态'), 'B')
       FROM generate_series(1, $2::int) AS g`,
    [agencyId, count, before, `${process.pid}-${++serial}`],
  );
  await db.query('ANALYZE catalog_items');
}
