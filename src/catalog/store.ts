/**
 * Storage of catalog items, their events, attachments, links, 索引号 counters, settings and sensitive
 * words (migration 0012). SQL only, no decisions (service.ts decides); every function takes the
 * database or a transaction first and the caller owns the transaction; snake_case columns become
 * camelCase here, once. Dates travel as 'YYYY-MM-DD' text.
 */
import type { IsoDate } from '../law/dates.ts';
import type { Article20Item, Article21Item } from '../law/taxonomy.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import type { Attribute, CatalogItem, Genre, ItemAttachment, ItemEvent, ItemEventType, ItemStatus, Topic, Validity } from './model.ts';
import { docNoKey } from './search/tokens.ts';
import type { ItemState } from './workflow.ts';

/** An item's search vector, recomputed from its stored texts (the search helper's; shared with the bench). */
export { refreshSearchVector, searchVectorSql, searchWords } from './search/vector.ts';

interface ItemRow {
  id: number; agency_id: number; agency_name: string; index_no: string; title: string; doc_no: string | null; publisher: string;
  formed_on: IsoDate; publish_due: IsoDate; publish_due_provisional: boolean; published_on: IsoDate | null; topic: Topic | null;
  genre: Genre; article20_item: Article20Item | null; article21_item: Article21Item | null; disclosure_mode: string; disclosure_scope: string;
  validity: Validity; validity_changed_on: IsoDate | null; body_html: string; body_text: string; status: ItemStatus;
  attribute: Attribute | null; attribute_reason: string | null; personal_data_justification: string | null; author_id: number | null;
  version: number; created_at: Date; updated_at: Date;
}

const toItem = (r: ItemRow): CatalogItem => ({
  id: r.id, agencyId: r.agency_id, agencyName: r.agency_name, indexNo: r.index_no, title: r.title, docNo: r.doc_no, publisher: r.publisher,
  formedOn: r.formed_on, publishDue: r.publish_due, publishDueProvisional: r.publish_due_provisional, publishedOn: r.published_on,
  topic: r.topic, genre: r.genre, article20Item: r.article20_item, article21Item: r.article21_item, disclosureMode: r.disclosure_mode,
  disclosureScope: r.disclosure_scope, validity: r.validity, validityChangedOn: r.validity_changed_on, bodyHtml: r.body_html,
  bodyText: r.body_text, status: r.status, attribute: r.attribute, attributeReason: r.attribute_reason,
  personalDataJustification: r.personal_data_justification, authorId: r.author_id, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
});

const SELECT_ITEM = `SELECT i.id, i.agency_id, g.name AS agency_name, i.index_no, i.title, i.doc_no, i.publisher, i.formed_on, i.publish_due,
  i.publish_due_provisional, i.published_on, i.topic, i.genre, i.article20_item, i.article21_item, i.disclosure_mode, i.disclosure_scope,
  i.validity, i.validity_changed_on, i.body_html, i.body_text, i.status, i.attribute, i.attribute_reason, i.personal_data_justification,
  i.author_id, i.version, i.created_at, i.updated_at
  FROM catalog_items i JOIN agencies g ON g.id = i.agency_id`;

/** What an author writes, as stored (the body cleaned, with its text), and the Art. 26 date computed from it. */
export interface ItemContentRow {
  title: string;
  docNo: string | null;
  publisher: string;
  formedOn: IsoDate;
  publishDue: IsoDate;
  publishDueProvisional: boolean;
  topic: Topic | null;
  genre: Genre;
  article20Item: Article20Item | null;
  article21Item: Article21Item | null;
  disclosureMode: string;
  disclosureScope: string;
  bodyHtml: string;
  bodyText: string;
}

/** The review's fold, kept on the row (workflow.ts ItemState; the author is the row's own). */
export type ItemFold = Omit<ItemState, 'authorId'>;

/** A new item: its agency, 索引号, author, content and fold. */
export interface NewItem extends ItemContentRow, ItemFold {
  agencyId: number;
  indexNo: string;
  authorId: number | null;
}

const CONTENT_COLUMNS: [string, string, (c: ItemContentRow) => unknown][] = [
  ['title', 'text', (c) => c.title], ['doc_no', 'text', (c) => c.docNo], ['doc_no_key', 'text', (c) => (c.docNo === null ? null : docNoKey(c.docNo))],
  ['publisher', 'text', (c) => c.publisher], ['formed_on', 'date', (c) => c.formedOn], ['publish_due', 'date', (c) => c.publishDue],
  ['publish_due_provisional', 'boolean', (c) => c.publishDueProvisional], ['topic', 'text', (c) => c.topic], ['genre', 'text', (c) => c.genre],
  ['article20_item', 'text', (c) => c.article20Item], ['article21_item', 'text', (c) => c.article21Item],
  ['disclosure_mode', 'text', (c) => c.disclosureMode], ['disclosure_scope', 'text', (c) => c.disclosureScope],
  ['body_html', 'text', (c) => c.bodyHtml], ['body_text', 'text', (c) => c.bodyText],
];
const FOLD_COLUMNS: [string, string, (f: ItemFold) => unknown][] = [
  ['status', 'text', (f) => f.status], ['attribute', 'text', (f) => f.attribute], ['attribute_reason', 'text', (f) => f.attributeReason],
  ['personal_data_justification', 'text', (f) => f.personalDataJustification], ['published_on', 'date', (f) => f.publishedOn],
  ['validity', 'text', (f) => f.validity], ['validity_changed_on', 'date', (f) => f.validityChangedOn],
];
const INSERT_COLUMNS: [string, string, (n: NewItem) => unknown][] = [
  ['agency_id', 'bigint', (n) => n.agencyId], ['index_no', 'text', (n) => n.indexNo], ['author_id', 'bigint', (n) => n.authorId],
  ...CONTENT_COLUMNS, ...FOLD_COLUMNS,
];

/** Inserts items (one statement, arrays unnested); resolves to their ids in order. */
export async function insertItems(db: Queryable, items: readonly NewItem[]): Promise<number[]> {
  if (items.length === 0) return [];
  const columns = INSERT_COLUMNS.map(([name]) => name).join(', ');
  const unnest = INSERT_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const { rows } = await db.query<{ id: number; index_no: string }>(
    `INSERT INTO catalog_items (${columns}) SELECT * FROM unnest(${unnest}) RETURNING id, index_no`, INSERT_COLUMNS.map(([, , get]) => items.map(get)));
  const ids = new Map(rows.map((r) => [r.index_no, r.id]));
  return items.map((n) => ids.get(n.indexNo)!);
}

/** Replaces an item's content; adds one to the version; resolves to the new version. */
export async function updateContent(db: Queryable, id: number, content: ItemContentRow): Promise<number> {
  const sets = CONTENT_COLUMNS.map(([name, type], i) => `${name} = $${i + 2}::${type}`).join(', ');
  const { rows } = await db.query<{ version: number }>(
    `UPDATE catalog_items SET ${sets}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [id, ...CONTENT_COLUMNS.map(([, , get]) => get(content))]);
  return rows[0]!.version;
}

/** Writes the review's fold; adds one to the version; resolves to the new version. */
export async function updateFold(db: Queryable, id: number, fold: ItemFold): Promise<number> {
  const sets = FOLD_COLUMNS.map(([name, type], i) => `${name} = $${i + 2}::${type}`).join(', ');
  const { rows } = await db.query<{ version: number }>(
    `UPDATE catalog_items SET ${sets}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [id, ...FOLD_COLUMNS.map(([, , get]) => get(fold))]);
  return rows[0]!.version;
}

/** Adds one to the version (an attachment or link changed the item). */
export async function touchItem(db: Queryable, id: number): Promise<number> {
  const { rows } = await db.query<{ version: number }>('UPDATE catalog_items SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version', [id]);
  return rows[0]!.version;
}

/** An item, or undefined. */
export async function getItem(db: Queryable, id: number): Promise<CatalogItem | undefined> {
  const { rows } = await db.query<ItemRow>(`${SELECT_ITEM} WHERE i.id = $1`, [id]);
  return rows[0] ? toItem(rows[0]) : undefined;
}

/** An item locked for the rest of the transaction (the next change waits). */
export async function lockItem(db: Queryable, id: number): Promise<CatalogItem | undefined> {
  const { rows } = await db.query<ItemRow>(`${SELECT_ITEM} WHERE i.id = $1 FOR UPDATE OF i`, [id]);
  return rows[0] ? toItem(rows[0]) : undefined;
}

/** The agency owning an item (the access check of its routes). */
export async function getItemAgency(db: Queryable, id: number): Promise<number | undefined> {
  const { rows } = await db.query<{ agency_id: number }>('SELECT agency_id FROM catalog_items WHERE id = $1', [id]);
  return rows[0]?.agency_id;
}

/** A published item by its 索引号. */
export async function findPublishedByIndexNo(db: Queryable, indexNo: string): Promise<CatalogItem | undefined> {
  const { rows } = await db.query<ItemRow>(`${SELECT_ITEM} WHERE i.index_no = $1 AND i.status = 'published'`, [indexNo]);
  return rows[0] ? toItem(rows[0]) : undefined;
}

/** The 索引号 among `indexNos` already given. */
export async function takenIndexNos(db: Queryable, indexNos: readonly string[]): Promise<Set<string>> {
  if (indexNos.length === 0) return new Set();
  const { rows } = await db.query<{ index_no: string }>('SELECT index_no FROM catalog_items WHERE index_no = ANY($1::text[])', [indexNos]);
  return new Set(rows.map((r) => r.index_no));
}

/**
 * The next serial number of an agency's year: the counter row is created or incremented, and stays
 * locked until the transaction ends, so two drafts never get one number.
 */
export async function nextSerial(db: Queryable, agencyId: number, year: number): Promise<number> {
  const { rows } = await db.query<{ last: number }>(
    `INSERT INTO catalog_index_counters (agency_id, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (agency_id, year) DO UPDATE SET last = catalog_index_counters.last + 1 RETURNING last`, [agencyId, year]);
  return rows[0]!.last;
}

// ---------- Events ----------

/** An event to insert. */
export interface NewEvent {
  itemId: number;
  type: ItemEventType;
  actorId: number | null;
  actorLabel: string;
  onDay: IsoDate;
  decision: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

interface EventRow {
  id: number; item_id: number; type: ItemEventType; actor_id: number | null; actor_label: string; on_day: IsoDate; at: Date;
  decision: string | null; reason: string | null; details: Record<string, unknown>;
}

/** Inserts events (one statement). */
export async function insertEvents(db: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO catalog_item_events (item_id, type, actor_id, actor_label, on_day, decision, reason, details)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::date[], $6::text[], $7::text[], $8::jsonb[])`,
    [events.map((e) => e.itemId), events.map((e) => e.type), events.map((e) => e.actorId), events.map((e) => e.actorLabel),
      events.map((e) => e.onDay), events.map((e) => e.decision), events.map((e) => e.reason), events.map((e) => JSON.stringify(e.details))]);
}

/** The events of an item, in order. */
export async function listEvents(db: Queryable, itemId: number): Promise<ItemEvent[]> {
  const { rows } = await db.query<EventRow>('SELECT * FROM catalog_item_events WHERE item_id = $1 ORDER BY id', [itemId]);
  return rows.map((r) => ({
    id: r.id, itemId: r.item_id, type: r.type, actorId: r.actor_id, actorLabel: r.actor_label, onDay: r.on_day, at: r.at,
    decision: r.decision, reason: r.reason, details: r.details,
  }));
}

/** The name of a person (an event's actor). */
export async function personName(db: Queryable, personId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM people WHERE id = $1', [personId]);
  return rows[0]?.name;
}

// ---------- Attachments ----------

/** An attachment to insert. */
export interface NewAttachment {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  sha256: string;
  text: string;
}

interface AttachmentRow {
  id: number; item_id: number; position: number; file_name: string; media_type: string; size_bytes: number; sha256: string;
}
const toAttachment = (r: AttachmentRow): ItemAttachment => ({
  id: r.id, itemId: r.item_id, position: r.position, fileName: r.file_name, mediaType: r.media_type, sizeBytes: r.size_bytes, sha256: r.sha256,
});

/** Appends attachments to an item (after its last position). */
export async function insertAttachments(db: Queryable, itemId: number, files: readonly NewAttachment[]): Promise<void> {
  if (files.length === 0) return;
  await db.query(
    `INSERT INTO catalog_attachments (item_id, position, file_name, media_type, size_bytes, sha256, content, text)
     SELECT $1, coalesce((SELECT max(position) FROM catalog_attachments WHERE item_id = $1), 0) + n, f, m, s, h, c, t
     FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::bytea[], $7::text[]) WITH ORDINALITY AS x(f, m, s, h, c, t, n)`,
    [itemId, files.map((f) => f.fileName), files.map((f) => f.mediaType), files.map((f) => f.bytes.length), files.map((f) => f.sha256),
      files.map((f) => Buffer.from(f.bytes)), files.map((f) => f.text)]);
}

/** The attachments of an item, in order (without their bytes). */
export async function listAttachments(db: Queryable, itemId: number): Promise<ItemAttachment[]> {
  const { rows } = await db.query<AttachmentRow>(
    'SELECT id, item_id, position, file_name, media_type, size_bytes, sha256 FROM catalog_attachments WHERE item_id = $1 ORDER BY position', [itemId]);
  return rows.map(toAttachment);
}

/** The text extracted from an item's attachments (search and the personal-data scan). */
export async function attachmentTexts(db: Queryable, itemId: number): Promise<{ id: number; fileName: string; text: string }[]> {
  const { rows } = await db.query<{ id: number; file_name: string; text: string }>('SELECT id, file_name, text FROM catalog_attachments WHERE item_id = $1 ORDER BY position', [itemId]);
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, text: r.text }));
}

/** One attachment of an item with its bytes. */
export async function getAttachmentContent(db: Queryable, itemId: number, attachmentId: number): Promise<(ItemAttachment & { bytes: Buffer }) | undefined> {
  const { rows } = await db.query<AttachmentRow & { content: Buffer }>(
    'SELECT id, item_id, position, file_name, media_type, size_bytes, sha256, content FROM catalog_attachments WHERE item_id = $1 AND id = $2', [itemId, attachmentId]);
  return rows[0] ? { ...toAttachment(rows[0]), bytes: rows[0].content } : undefined;
}

/** Removes an attachment; resolves to its name, or undefined when the item has no such attachment. */
export async function deleteAttachment(db: Queryable, itemId: number, attachmentId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ file_name: string }>('DELETE FROM catalog_attachments WHERE item_id = $1 AND id = $2 RETURNING file_name', [itemId, attachmentId]);
  return rows[0]?.file_name;
}

// ---------- Related items ----------

/** A related item as its page lists it. */
export interface LinkedItem {
  id: number;
  indexNo: string;
  title: string;
  genre: Genre;
  status: ItemStatus;
  /** 'interprets': this item is a 政策解读 of it; 'interpretedBy': it interprets this item. */
  direction: 'interprets' | 'interpretedBy';
}

/** Links `itemId` (the interpretation) to `relatedId`; nothing when linked already. */
export async function insertLink(db: Queryable, itemId: number, relatedId: number): Promise<boolean> {
  const result = await db.query('INSERT INTO catalog_item_links (item_id, related_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [itemId, relatedId]);
  return (result.rowCount ?? 0) > 0;
}

/** Removes a link either way round; resolves to whether there was one. */
export async function deleteLink(db: Queryable, itemId: number, relatedId: number): Promise<boolean> {
  const result = await db.query(
    'DELETE FROM catalog_item_links WHERE (item_id = $1 AND related_id = $2) OR (item_id = $2 AND related_id = $1)', [itemId, relatedId]);
  return (result.rowCount ?? 0) > 0;
}

/** The items linked to an item, both ways; `publishedOnly` for the public. */
export async function listLinks(db: Queryable, itemId: number, publishedOnly = false): Promise<LinkedItem[]> {
  const { rows } = await db.query<{ id: number; index_no: string; title: string; genre: Genre; status: ItemStatus; direction: LinkedItem['direction'] }>(
    `SELECT i.id, i.index_no, i.title, i.genre, i.status, l.direction FROM (
       SELECT related_id AS id, 'interprets' AS direction FROM catalog_item_links WHERE item_id = $1
       UNION SELECT item_id, 'interpretedBy' FROM catalog_item_links WHERE related_id = $1) l
     JOIN catalog_items i ON i.id = l.id ${publishedOnly ? "WHERE i.status = 'published'" : ''} ORDER BY i.id`, [itemId]);
  return rows.map((r) => ({ id: r.id, indexNo: r.index_no, title: r.title, genre: r.genre, status: r.status, direction: r.direction }));
}

// ---------- Settings and sensitive words ----------

/** An agency's catalog settings (null pattern: the default). */
export async function getIndexPattern(db: Queryable, agencyId: number): Promise<string | null> {
  const { rows } = await db.query<{ index_pattern: string | null }>('SELECT index_pattern FROM catalog_settings WHERE agency_id = $1', [agencyId]);
  return rows[0]?.index_pattern ?? null;
}

/** Sets an agency's 索引号 pattern (null: the default). */
export async function setIndexPattern(db: Queryable, agencyId: number, pattern: string | null): Promise<void> {
  await db.query(
    `INSERT INTO catalog_settings (agency_id, index_pattern) VALUES ($1, $2)
     ON CONFLICT (agency_id) DO UPDATE SET index_pattern = EXCLUDED.index_pattern, updated_at = now()`, [agencyId, pattern]);
}

/** The sensitive words of an agency (`agencyId`) or of the deployment (null). */
export async function listSensitiveWords(db: Queryable, agencyId: number | null): Promise<string[]> {
  const { rows } = await db.query<{ word: string }>(
    'SELECT word FROM catalog_sensitive_words WHERE agency_id IS NOT DISTINCT FROM $1 ORDER BY id', [agencyId]);
  return rows.map((r) => r.word);
}

/** The words that apply to an agency's items: the deployment's and its own. */
export async function wordsFor(db: Queryable, agencyId: number): Promise<string[]> {
  const { rows } = await db.query<{ word: string }>('SELECT word FROM catalog_sensitive_words WHERE agency_id IS NULL OR agency_id = $1 ORDER BY id', [agencyId]);
  return rows.map((r) => r.word);
}

/** Replaces a list of sensitive words. */
export async function replaceSensitiveWords(db: Queryable, agencyId: number | null, words: readonly string[]): Promise<void> {
  await db.query('DELETE FROM catalog_sensitive_words WHERE agency_id IS NOT DISTINCT FROM $1', [agencyId]);
  if (words.length === 0) return;
  await db.query('INSERT INTO catalog_sensitive_words (agency_id, word) SELECT $1, w FROM unnest($2::text[]) AS w', [agencyId, words]);
}

// ---------- Lists ----------

/** A row of the staff's list. */
export interface ItemSummary {
  id: number;
  agencyId: number;
  agencyName: string;
  indexNo: string;
  title: string;
  docNo: string | null;
  genre: Genre;
  status: ItemStatus;
  formedOn: IsoDate;
  publishDue: IsoDate;
  publishedOn: IsoDate | null;
  version: number;
}

/** Filters of the staff's list. */
export interface ItemListQuery {
  scope: 'all' | readonly number[];
  agencyId?: number | undefined;
  statuses?: readonly ItemStatus[] | undefined;
  /** Title or 文号 contains (the staff's quick find; the public search is search/). */
  text?: string | undefined;
  dueFrom?: IsoDate | undefined;
  dueUntil?: IsoDate | undefined;
  before?: number | undefined;
  limit: number;
}

/** Items newest first within the scope. */
export async function listItems(db: Queryable, q: ItemListQuery): Promise<ItemSummary[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replaceAll('?', `$${values.length}`));
  };
  if (q.scope !== 'all') add('i.agency_id = ANY(?::bigint[])', q.scope);
  if (q.agencyId !== undefined) add('i.agency_id = ?', q.agencyId);
  if (q.statuses !== undefined) add('i.status = ANY(?::text[])', q.statuses);
  if (q.text !== undefined) {
    values.push(q.text);
    add(`(i.title ILIKE '%' || ? || '%' OR i.doc_no ILIKE '%' || ? || '%' OR i.index_no = $${values.length})`, q.text.replace(/[\\%_]/g, (c) => `\\${c}`));
  }
  if (q.dueFrom !== undefined) add('i.publish_due >= ?', q.dueFrom);
  if (q.dueUntil !== undefined) add('i.publish_due <= ?', q.dueUntil);
  if (q.before !== undefined) add('i.id < ?', q.before);
  values.push(q.limit);
  const { rows } = await db.query<ItemRow>(
    `SELECT i.id, i.agency_id, g.name AS agency_name, i.index_no, i.title, i.doc_no, i.genre, i.status, i.formed_on, i.publish_due, i.published_on, i.version
     FROM catalog_items i JOIN agencies g ON g.id = i.agency_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.id DESC LIMIT $${values.length}`, values);
  return rows.map((r) => ({
    id: r.id, agencyId: r.agency_id, agencyName: r.agency_name, indexNo: r.index_no, title: r.title, docNo: r.doc_no, genre: r.genre,
    status: r.status, formedOn: r.formed_on, publishDue: r.publish_due, publishedOn: r.published_on, version: r.version,
  }));
}
