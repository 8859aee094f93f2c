/**
 * What the public portal (src/portal) reads of the catalog, and the two texts it edits: published items
 * only — a draft, an item under review, one not to be published or a withdrawn one is never returned —
 * their attachments and related items, the lists of the 政府信息公开目录, and each agency's
 * 政府信息公开指南 and 制度 texts (catalog_settings). SQL only; the portal decides what to show.
 */
import type { IsoDate } from '../law/dates.ts';
import { ARTICLE20_ITEMS, type Article20Item, type Article21Item } from '../law/taxonomy.ts';
import { isStorableText } from '../platform/storable-text.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { sanitizeBody } from './body-html.ts';
import type { Genre, Topic, Validity } from './model.ts';

/** A published item as lists show it. */
export interface PublicItemSummary {
  readonly id: number;
  /** 索引号. */
  readonly indexNo: string;
  readonly title: string;
  /** 文号, or null. */
  readonly docNo: string | null;
  readonly agencyId: number;
  /** The agency's current name. */
  readonly agencyName: string;
  /** 发布机构 as the item gives it. */
  readonly publisher: string;
  /** 成文日期. */
  readonly formedOn: IsoDate;
  /** 发布日期. */
  readonly publishedOn: IsoDate;
  readonly topic: Topic | null;
  readonly genre: Genre;
  readonly article20Item: Article20Item | null;
  readonly article21Item: Article21Item | null;
  readonly validity: Validity;
  readonly updatedAt: Date;
}

/** An attachment of a published item, without its bytes. */
export interface PublicAttachment {
  /** Its place among the item's attachments (1, 2, …): its address. */
  readonly position: number;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** A published item with everything its page shows. */
export interface PublicItem extends PublicItemSummary {
  /** 公开方式 and 公开范围. */
  readonly disclosureMode: string;
  readonly disclosureScope: string;
  readonly validityChangedOn: IsoDate | null;
  /** Sanitised HTML. */
  readonly bodyHtml: string;
  readonly bodyText: string;
  readonly attachments: readonly PublicAttachment[];
  /** Published items linked to it either way (a 政策解读 and the documents it interprets). */
  readonly related: readonly PublicItemSummary[];
}

interface SummaryRow {
  id: number;
  index_no: string;
  title: string;
  doc_no: string | null;
  agency_id: number;
  agency_name: string;
  publisher: string;
  formed_on: IsoDate;
  published_on: IsoDate;
  topic: Topic | null;
  genre: Genre;
  article20_item: Article20Item | null;
  article21_item: Article21Item | null;
  validity: Validity;
  updated_at: Date;
}

interface ItemRow extends SummaryRow {
  disclosure_mode: string;
  disclosure_scope: string;
  validity_changed_on: IsoDate | null;
  body_html: string;
  body_text: string;
}

const SUMMARY_COLUMNS = `i.id, i.index_no, i.title, i.doc_no, i.agency_id, a.name AS agency_name, i.publisher, i.formed_on, i.published_on,
  i.topic, i.genre, i.article20_item, i.article21_item, i.validity, i.updated_at`;

const toSummary = (r: SummaryRow): PublicItemSummary => ({
  id: r.id,
  indexNo: r.index_no,
  title: r.title,
  docNo: r.doc_no,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  publisher: r.publisher,
  formedOn: r.formed_on,
  publishedOn: r.published_on,
  topic: r.topic,
  genre: r.genre,
  article20Item: r.article20_item,
  article21Item: r.article21_item,
  validity: r.validity,
  updatedAt: r.updated_at,
});

/** The published item with this 索引号 (and its attachments and published related items), or undefined. */
export async function findPublishedItem(db: Queryable, indexNo: string): Promise<PublicItem | undefined> {
  // An address with a NUL or a lone surrogate names no item (and PostgreSQL would refuse the value).
  if (!isStorableText(indexNo)) return undefined;
  return publishedItemWhere(db, 'i.index_no = $1', indexNo);
}

/** The published item with this id, or undefined (the push job reads the item it was told about). */
export async function findPublishedItemById(db: Queryable, id: number): Promise<PublicItem | undefined> {
  return publishedItemWhere(db, 'i.id = $1', id);
}

async function publishedItemWhere(db: Queryable, where: string, value: unknown): Promise<PublicItem | undefined> {
  const { rows } = await db.query<ItemRow>(
    `SELECT ${SUMMARY_COLUMNS}, i.disclosure_mode, i.disclosure_scope, i.validity_changed_on, i.body_html, i.body_text
     FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
     WHERE ${where} AND i.status = 'published'`,
    [value],
  );
  const row = rows[0];
  if (!row) return undefined;
  const [attachments, related] = await Promise.all([
    db.query<{ position: number; file_name: string; media_type: string; size_bytes: number; sha256: string }>(
      'SELECT position, file_name, media_type, size_bytes, sha256 FROM catalog_attachments WHERE item_id = $1 ORDER BY position',
      [row.id],
    ),
    db.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
       WHERE i.status = 'published' AND i.id IN (
         SELECT related_id FROM catalog_item_links WHERE item_id = $1 UNION SELECT item_id FROM catalog_item_links WHERE related_id = $1)
       ORDER BY i.published_on DESC, i.id DESC`,
      [row.id],
    ),
  ]);
  return {
    ...toSummary(row),
    disclosureMode: row.disclosure_mode,
    disclosureScope: row.disclosure_scope,
    validityChangedOn: row.validity_changed_on,
    bodyHtml: row.body_html,
    bodyText: row.body_text,
    attachments: attachments.rows.map((r) => ({ position: r.position, fileName: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256 })),
    related: related.rows.map(toSummary),
  };
}

/** An attachment's bytes, only while its item is published; undefined otherwise. */
export async function readPublishedAttachment(db: Queryable, indexNo: string, position: number): Promise<(PublicAttachment & { content: Uint8Array }) | undefined> {
  if (!isStorableText(indexNo)) return undefined;
  const { rows } = await db.query<{ position: number; file_name: string; media_type: string; size_bytes: number; sha256: string; content: Buffer }>(
    `SELECT f.position, f.file_name, f.media_type, f.size_bytes, f.sha256, f.content
     FROM catalog_attachments f JOIN catalog_items i ON i.id = f.item_id
     WHERE i.index_no = $1 AND i.status = 'published' AND f.position = $2`,
    [indexNo, position],
  );
  const r = rows[0];
  return r && { position: r.position, fileName: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256, content: new Uint8Array(r.content) };
}

/** A place in the list's order: the last (or first) item of a page. */
export interface ListCursor {
  readonly publishedOn: IsoDate;
  readonly id: number;
}

/** Which published items a list shows. */
export interface PublicItemFilter {
  /** The agencies whose items are listed ('all': every agency's). */
  readonly agencyIds: 'all' | readonly number[];
  readonly article20Item?: Article20Item | undefined;
  readonly article21Item?: Article21Item | undefined;
  readonly topic?: string | undefined;
  readonly genre?: string | undefined;
  /** Year of 发布日期. */
  readonly year?: number | undefined;
}

/** A page of the list: the filter, the order (发布日期 newest or oldest first), its size, and where it starts. */
export interface PublicItemQuery extends PublicItemFilter {
  readonly order: 'newest' | 'oldest';
  /** 1–100. */
  readonly limit: number;
  /** The page after this item (in list order). */
  readonly after?: ListCursor | undefined;
  /** The page before this item. */
  readonly before?: ListCursor | undefined;
}

/** A page of published items, with the cursors of the pages around it. */
export interface PublicItemPage {
  readonly items: readonly PublicItemSummary[];
  /** Pass as `after` for the next page, when there is one. */
  readonly next: ListCursor | undefined;
  /** Pass as `before` for the previous page, when there is one. */
  readonly previous: ListCursor | undefined;
}

function filterSql(f: PublicItemFilter, values: unknown[]): string[] {
  const where = ["i.status = 'published'"];
  if (f.agencyIds !== 'all') where.push(`i.agency_id = ANY($${values.push(f.agencyIds)}::bigint[])`);
  if (f.article20Item !== undefined) where.push(`i.article20_item = $${values.push(f.article20Item)}`);
  if (f.article21Item !== undefined) where.push(`i.article21_item = $${values.push(f.article21Item)}`);
  if (f.topic !== undefined) where.push(`i.topic = $${values.push(f.topic)}`);
  if (f.genre !== undefined) where.push(`i.genre = $${values.push(f.genre)}`);
  if (f.year !== undefined) {
    // A range on the date (the indexes' column), not extract(year …).
    where.push(`i.published_on >= $${values.push(`${f.year}-01-01`)}::date AND i.published_on < $${values.push(`${f.year + 1}-01-01`)}::date`);
  }
  return where;
}

/**
 * A page of published items in 发布日期 order (then id), filtered; keyset paging (after/before an item),
 * so that any page costs one index range. The page before is read backwards and turned round.
 */
export async function listPublishedItems(db: Queryable, q: PublicItemQuery): Promise<PublicItemPage> {
  const limit = Math.min(Math.max(Math.trunc(q.limit), 1), 100);
  const values: unknown[] = [];
  const where = filterSql(q, values);
  const newest = q.order === 'newest';
  const backwards = q.before !== undefined && q.after === undefined;
  const cursor = backwards ? q.before : q.after;
  // Going forward in newest-first order means smaller keys; backwards, larger.
  const smaller = newest !== backwards;
  if (cursor) where.push(`(i.published_on, i.id) ${smaller ? '<' : '>'} ($${values.push(cursor.publishedOn)}::date, $${values.push(cursor.id)}::bigint)`);
  const direction = smaller ? 'DESC' : 'ASC';
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
     WHERE ${where.join(' AND ')}
     ORDER BY i.published_on ${direction}, i.id ${direction} LIMIT $${values.push(limit + 1)}`,
    values,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit).map(toSummary);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const key = (item: PublicItemSummary | undefined): ListCursor | undefined => item && { publishedOn: item.publishedOn, id: item.id };
  return {
    items: page,
    // Forward: a next page if more rows were found; a previous one whenever we started after a cursor.
    next: backwards ? key(last) : more ? key(last) : undefined,
    previous: backwards ? (more ? key(first) : undefined) : cursor ? key(first) : undefined,
  };
}

/** A published item with its body, as a feed carries it. */
export interface PublicItemWithBody extends PublicItemSummary {
  /** Sanitised HTML. */
  readonly bodyHtml: string;
  readonly bodyText: string;
}

/** The newest published items matching the filter, with their bodies (feeds), newest first. */
export async function newestPublishedWithBodies(db: Queryable, f: PublicItemFilter, limit: number): Promise<PublicItemWithBody[]> {
  const values: unknown[] = [];
  const where = filterSql(f, values);
  const { rows } = await db.query<SummaryRow & { body_html: string; body_text: string }>(
    `SELECT ${SUMMARY_COLUMNS}, i.body_html, i.body_text FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
     WHERE ${where.join(' AND ')} ORDER BY i.published_on DESC, i.id DESC LIMIT $${values.push(Math.min(Math.max(Math.trunc(limit), 1), 100))}`,
    values,
  );
  return rows.map((r) => ({ ...toSummary(r), bodyHtml: r.body_html, bodyText: r.body_text }));
}

/** How many published items match, counting at most `cap` (beyond it: `capped`, shown as “cap+ 条”). */
export async function countPublishedItems(db: Queryable, f: PublicItemFilter, cap: number): Promise<{ count: number; capped: boolean }> {
  const values: unknown[] = [];
  const where = filterSql(f, values);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_items i WHERE ${where.join(' AND ')} LIMIT $${values.push(cap + 1)}) s`,
    values,
  );
  const n = rows[0]?.n ?? 0;
  return { count: Math.min(n, cap), capped: n > cap };
}

/** Up to this many agencies, the newest items of each 第二十条 item are probed agency by agency. */
const PROBE_AGENCIES = 100;

/**
 * 法定主动公开内容: the newest `perItem` published items of each 第二十条 item, for these agencies. A
 * few agencies: one probe of migration 0016's (agency, item, date) index per agency and item, the newest
 * kept per item — a department's rare item costs no scan of everyone's; many agencies (a city): the
 * (item, date) index read newest first until `perItem` of theirs are found.
 */
export async function newestByStatutoryItem(db: Queryable, agencyIds: 'all' | readonly number[], perItem: number): Promise<Map<Article20Item, PublicItemSummary[]>> {
  const probe = agencyIds !== 'all' && agencyIds.length <= PROBE_AGENCIES;
  const { rows } = probe
    ? await db.query<SummaryRow & { key: string }>(
      `SELECT * FROM (
         SELECT k.key, s.*, row_number() OVER (PARTITION BY k.key ORDER BY s.published_on DESC, s.id DESC) AS place
         FROM unnest($1::text[]) AS k(key) CROSS JOIN unnest($3::bigint[]) AS g(agency_id)
         CROSS JOIN LATERAL (
           SELECT ${SUMMARY_COLUMNS} FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
           WHERE i.status = 'published' AND i.agency_id = g.agency_id AND i.article20_item = k.key
           ORDER BY i.published_on DESC, i.id DESC LIMIT $2
         ) s
       ) newest WHERE place <= $2 ORDER BY key, place`,
      [ARTICLE20_ITEMS, perItem, agencyIds],
    )
    : await db.query<SummaryRow & { key: string }>(
      `SELECT k.key, s.* FROM unnest($1::text[]) AS k(key)
       CROSS JOIN LATERAL (
         SELECT ${SUMMARY_COLUMNS} FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
         WHERE i.status = 'published' AND i.article20_item = k.key ${agencyIds === 'all' ? '' : 'AND i.agency_id = ANY($3::bigint[])'}
         ORDER BY i.published_on DESC, i.id DESC LIMIT $2
       ) s`,
      agencyIds === 'all' ? [ARTICLE20_ITEMS, perItem] : [ARTICLE20_ITEMS, perItem, agencyIds],
    );
  const newest = new Map<Article20Item, PublicItemSummary[]>();
  for (const row of rows) {
    const key = row.key as Article20Item;
    newest.set(key, [...(newest.get(key) ?? []), toSummary(row)]);
  }
  return newest;
}

/** An agency's 政府信息公开指南 and 制度 texts (sanitised HTML; empty when never written). */
export interface AgencyTexts {
  readonly guideHtml: string;
  readonly rulesHtml: string;
  /** When last changed (null: never written). */
  readonly updatedAt: Date | null;
}

/** The texts of an agency. */
export async function getAgencyTexts(db: Queryable, agencyId: number): Promise<AgencyTexts> {
  const { rows } = await db.query<{ guide_html: string; rules_html: string; updated_at: Date }>(
    'SELECT guide_html, rules_html, updated_at FROM catalog_settings WHERE agency_id = $1',
    [agencyId],
  );
  const r = rows[0];
  return r ? { guideHtml: r.guide_html, rulesHtml: r.rules_html, updatedAt: r.updated_at } : { guideHtml: '', rulesHtml: '', updatedAt: null };
}

/**
 * Stores an agency's texts, each cleaned with the item bodies' allow-list (no script, no event
 * handler, no javascript: address) first; returns what was stored and what was there before. The
 * caller owns the transaction and the audit entry.
 */
export async function saveAgencyTexts(db: Queryable, agencyId: number, texts: { guideHtml: string; rulesHtml: string }): Promise<{ before: AgencyTexts; after: AgencyTexts }> {
  const guideHtml = sanitizeBody(texts.guideHtml);
  const rulesHtml = sanitizeBody(texts.rulesHtml);
  const before = await getAgencyTexts(db, agencyId);
  const { rows } = await db.query<{ updated_at: Date }>(
    `INSERT INTO catalog_settings (agency_id, guide_html, rules_html) VALUES ($1, $2, $3)
     ON CONFLICT (agency_id) DO UPDATE SET guide_html = EXCLUDED.guide_html, rules_html = EXCLUDED.rules_html, updated_at = now()
     RETURNING updated_at`,
    [agencyId, guideHtml, rulesHtml],
  );
  return { before, after: { guideHtml, rulesHtml, updatedAt: rows[0]!.updated_at } };
}

/** A body as the portal shows it: cleaned again (defence in depth: rows written by other means than the service). */
export function publicBodyHtml(html: string): string {
  return sanitizeBody(html);
}
