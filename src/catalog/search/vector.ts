/**
 * What an item's search vector (catalog_items.search_tsv) is made of: the title's words with weight A,
 * the 文号's, the body's and the attachments' words with weight B, all cut by jieba (tokens.ts) and
 * stored as they are by PostgreSQL's 'simple' configuration. Relevance (search.ts) puts items whose
 * title holds every query word first: migration 0014 keeps the A part in its own column (title_tsv).
 */
import type { Queryable } from '../../platform/db/queryable.ts';
import { indexWords } from './tokens.ts';

/** The texts of an item that search reads. */
export interface SearchableText {
  readonly title: string;
  readonly docNo: string | null;
  readonly bodyText: string;
  readonly attachmentTexts?: readonly string[];
}

/** The words of the title (weight A) and of everything else (weight B), space-separated. */
export function searchWords(item: SearchableText): { titleWords: string; otherWords: string } {
  const other = [item.docNo ?? '', item.bodyText, ...(item.attachmentTexts ?? [])].filter((t) => t !== '').join('\n');
  return { titleWords: indexWords(item.title), otherWords: indexWords(other) };
}

/** The SQL expression of the vector from two text parameters (the title's words, the other words). */
export function searchVectorSql(titleWords: string, otherWords: string): string {
  return `setweight(to_tsvector('simple', ${titleWords}), 'A') || setweight(to_tsvector('simple', ${otherWords}), 'B')`;
}

/**
 * Recomputes one item's vector from its stored title, 文号, body text and attachments' text (call it in
 * the transaction that changed any of them). Returns false when there is no such item.
 */
export async function refreshSearchVector(db: Queryable, itemId: number): Promise<boolean> {
  const { rows } = await db.query<{ title: string; doc_no: string | null; body_text: string; texts: string[] }>(
    `SELECT i.title, i.doc_no, i.body_text,
            coalesce(array(SELECT a.text FROM catalog_attachments a WHERE a.item_id = i.id AND a.text <> '' ORDER BY a.position), '{}') AS texts
       FROM catalog_items i WHERE i.id = $1`,
    [itemId],
  );
  const row = rows[0];
  if (!row) return false;
  const words = searchWords({ title: row.title, docNo: row.doc_no, bodyText: row.body_text, attachmentTexts: row.texts });
  await db.query(`UPDATE catalog_items SET search_tsv = ${searchVectorSql('$2', '$3')} WHERE id = $1`, [itemId, words.titleWords, words.otherWords]);
  return true;
}
