/**
 * Search over the published catalog (issue 18 §6): Chinese full text over titles, 文号, bodies and
 * attachments' text, exact look-up by 文号 and by 索引号, filters, relevance or date order, snippets.
 * Only published items are ever read (status = 'published', which the search indexes also require).
 *
 * Relevance is two tiers — items whose title holds every query term first, then the items where they
 * occur only in the 文号, body or attachments — each newest first: ranking every match with ts_rank
 * costs seconds for a frequent word at 1M items (performance-notes.md). How the tiers are read without
 * reading every match: fulltext.ts. Each search is one read-only transaction whose planner settings
 * follow its statements (no JIT; bitmaps kept exact in memory).
 */
import type { Article20Item } from '../../law/taxonomy.ts';
import type pg from 'pg';
import type { Queryable } from '../../platform/db/queryable.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { itemUrl } from '../view.ts';
import { COUNT_LIMIT, countCapped, fullText, Sql, type FilterSql, type Matches, type PlanMode, type Reader } from './fulltext.ts';
import { DEFAULT_PAGE_SIZE, lastPageFor, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SEARCH_TOTAL_CAP, type SearchOrder } from './limits.ts';
import { highlightTerms, markParts, partsToHtml, snippetParts, type TextPart } from './snippet.ts';
import { docNoKey, looksLikeDocNo, queryTermGroups, queryWords, segmentWords } from './tokens.ts';

export { DEFAULT_PAGE_SIZE, lastPageFor, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_SEARCH_PAGE, SEARCH_ORDERS, SEARCH_TOTAL_CAP } from './limits.ts';
export type { SearchOrder } from './limits.ts';

/** What to look for. */
export interface SearchQuery {
  /** Words, a 文号 (any brackets), or a 索引号; '' lists every published item (newest first). */
  readonly q: string;
  /** The agency and every agency under it (a people's government's search covers its departments). */
  readonly agencyId?: number;
  readonly article20Item?: Article20Item;
  /** 主题分类. */
  readonly topic?: string;
  /** 体裁. */
  readonly genre?: string;
  /** The year of 发布日期. */
  readonly year?: number;
  /** Default 'relevance'. */
  readonly order?: SearchOrder;
  /** 1-based, default 1, at most lastPageFor(pageSize). */
  readonly page?: number;
  /** Default 20, at most 50. */
  readonly pageSize?: number;
}

/** One result. */
export interface SearchHit {
  readonly id: number;
  /** 索引号. */
  readonly indexNo: string;
  readonly title: string;
  /** The title with the query words marked. */
  readonly titleParts: readonly TextPart[];
  /** 文号. */
  readonly docNo: string | null;
  readonly agencyId: number;
  /** The agency's name. */
  readonly agency: string;
  /** 发布机构 as written on the item. */
  readonly publisher: string;
  /** 发布日期, YYYY-MM-DD. */
  readonly publishedOn: string;
  readonly topic: string | null;
  readonly genre: string;
  readonly article20Item: Article20Item | null;
  /** The item's public page. */
  readonly url: string;
  /** A passage of the body, escaped HTML with <mark> around the query words. */
  readonly snippet: string;
  /** The same passage as parts (for pages: JSX escapes each part). */
  readonly snippetParts: readonly TextPart[];
}

/** A page of results. */
export interface SearchResult {
  /** Matches, at most SEARCH_TOTAL_CAP. */
  readonly total: number;
  /** There are more than `total` ("1,000+ 条"). */
  readonly capped: boolean;
  /** The query was found as a 文号 or a 索引号 (exact look-up), or null (full text). */
  readonly exact: 'docNo' | 'indexNo' | null;
  readonly page: number;
  readonly pageSize: number;
  /** ceil(total / pageSize). */
  readonly pages: number;
  readonly items: readonly SearchHit[];
}


interface Filters {
  /** The agencies searched (an agency and its subtree), or undefined for all. */
  readonly agencies: readonly number[] | undefined;
  readonly article20Item: Article20Item | undefined;
  readonly topic: string | undefined;
  readonly genre: string | undefined;
  readonly year: number | undefined;
}

/** The filters as SQL on catalog_items `i`: what has an index in date order (status, agencies, year), and the rest. */
function filterSql(f: Filters): FilterSql {
  const several = (f.agencies?.length ?? 0) > 1;
  return {
    any: f.agencies !== undefined || f.article20Item !== undefined || f.topic !== undefined || f.genre !== undefined || f.year !== undefined,
    narrowed: f.agencies !== undefined || f.year !== undefined,
    severalAgencies: several,
    walk: (sql) => {
      const where = [`i.status = 'published'`];
      if (f.agencies) where.push(several ? `i.agency_id = ANY(${sql.p(f.agencies)}::bigint[])` : `i.agency_id = ${sql.p(f.agencies[0])}`);
      if (f.year !== undefined) where.push(`i.published_on >= ${sql.p(`${f.year}-01-01`)}::date AND i.published_on < ${sql.p(`${f.year + 1}-01-01`)}::date`);
      return where;
    },
    rest: (sql) => {
      const where: string[] = [];
      if (f.article20Item) where.push(`i.article20_item = ${sql.p(f.article20Item)}`);
      if (f.topic) where.push(`i.topic = ${sql.p(f.topic)}`);
      if (f.genre) where.push(`i.genre = ${sql.p(f.genre)}`);
      return where;
    },
  };
}
const conditions = (f: FilterSql, sql: Sql) => [...f.walk(sql), ...f.rest(sql)];

/** The agency and the agencies under it (empty when there is no such agency). */
async function subtreeOf(db: Queryable, agencyId: number): Promise<number[]> {
  const { rows } = await db.query<{ ids: string[] | null }>(
    `WITH RECURSIVE sub (id) AS (SELECT id FROM agencies WHERE id = $1 UNION SELECT a.id FROM agencies a JOIN sub s ON a.parent_id = s.id)
     SELECT array_agg(id)::text[] AS ids FROM sub`,
    [agencyId],
  );
  return (rows[0]?.ids ?? []).map(Number);
}

/** Settings of each planning mode (fulltext.ts PlanMode). */
const MODE_SETTINGS: Record<PlanMode, string> = {
  ordered: 'SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on',
  bitmap: 'SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off',
};

/** Runs `work` in one read-only transaction: no JIT (plans of a few milliseconds), bitmaps exact in memory. */
async function reading<T>(pool: pg.Pool, work: (reader: Reader) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (tx) => {
    await tx.query(`SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'`);
    let current: PlanMode = 'ordered';
    return work({
      db: tx,
      mode: async (mode) => {
        if (mode === current) return;
        await tx.query(MODE_SETTINGS[mode]);
        current = mode;
      },
    });
  });
}

/** Searches the published catalog. */
export async function searchItems(pool: pg.Pool, query: SearchQuery): Promise<SearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE));
  const page = Math.min(lastPageFor(pageSize), Math.max(1, query.page ?? 1));
  const need = page * pageSize;
  const q = query.q.trim().slice(0, MAX_QUERY_LENGTH);
  const empty: SearchResult = { total: 0, capped: false, exact: null, page, pageSize, pages: 0, items: [] };
  return reading(pool, async (reader) => {
    const agencies = query.agencyId === undefined ? undefined : await subtreeOf(reader.db, query.agencyId);
    if (agencies && agencies.length === 0) return empty;
    const f = filterSql({ agencies, article20Item: query.article20Item, topic: query.topic, genre: query.genre, year: query.year });
    let found: Found;
    let marks: string[] = [];
    if (q === '') {
      found = await latest(reader, f, need);
    } else {
      const byIndexNo = await findByIndexNo(reader, q, f);
      if (byIndexNo) {
        found = byIndexNo;
      } else if (looksLikeDocNo(q)) {
        const key = docNoKey(q);
        found = await findByDocNo(reader, key, f, need);
        marks = [...new Set([...highlightTerms(q, segmentWords(key)), q, key])];
      } else {
        const terms = queryTermGroups(q);
        if (terms.length === 0) return empty;
        found = { ...(await fullText(reader, terms, f, need, query.order ?? 'relevance')), exact: null };
        marks = highlightTerms(q, queryWords(q));
      }
    }
    const total = Math.min(found.total, SEARCH_TOTAL_CAP);
    return {
      total,
      capped: found.total > SEARCH_TOTAL_CAP,
      exact: found.exact,
      page,
      pageSize,
      pages: Math.ceil(total / pageSize),
      items: await hits(reader.db, found.ids.slice((page - 1) * pageSize, need), marks),
    };
  });
}

/** Ids in result order (at least up to the page asked for), the total (COUNT_LIMIT: more than the cap), how found. */
interface Found extends Matches {
  readonly exact: 'docNo' | 'indexNo' | null;
}

/** No query: the newest items of the filters. */
async function latest(reader: Reader, f: FilterSql, need: number): Promise<Found> {
  const sql = new Sql();
  await reader.mode('ordered');
  const { rows } = await reader.db.query<{ id: number }>(
    `SELECT i.id FROM catalog_items i WHERE ${conditions(f, sql).join(' AND ')} ORDER BY i.published_on DESC, i.id DESC LIMIT ${sql.p(need)}`,
    sql.params,
  );
  const total = rows.length < need ? rows.length : await countCapped(reader, f, undefined);
  return { ids: rows.map((r) => Number(r.id)), total, exact: null };
}

/** A 索引号 typed whole: that item, if published and within the filters. */
async function findByIndexNo(reader: Reader, q: string, f: FilterSql): Promise<Found | undefined> {
  const indexNo = q.normalize('NFKC').replace(/\s+/gu, '');
  // A 索引号 holds digits (its year and serial number, whatever the pattern): words need no look-up.
  if (indexNo.length < 5 || indexNo.length > 60 || !/[0-9]/u.test(indexNo)) return undefined;
  const sql = new Sql();
  const where = [...conditions(f, sql), `i.index_no = ${sql.p(indexNo)}`].join(' AND ');
  const { rows } = await reader.db.query<{ id: number }>(`SELECT i.id FROM catalog_items i WHERE ${where}`, sql.params);
  return rows.length === 0 ? undefined : { ids: [Number(rows[0]!.id)], total: 1, exact: 'indexNo' };
}

/**
 * A 文号: the items of exactly that 文号 (its normal form, whatever the brackets), then the items that
 * cite it (its words as a phrase in the body or attachments: 太文旅发〔2023〕5号 is not 太文旅发〔2023〕15号),
 * each newest first.
 */
async function findByDocNo(reader: Reader, key: string, f: FilterSql, need: number): Promise<Found> {
  const exactSql = new Sql();
  const exactWhere = [...conditions(f, exactSql), `i.doc_no_key = ${exactSql.p(key)}`].join(' AND ');
  const exact = await reader.db.query<{ id: number }>(
    `SELECT i.id FROM catalog_items i WHERE ${exactWhere} ORDER BY i.published_on DESC, i.id DESC LIMIT ${exactSql.p(COUNT_LIMIT)}`,
    exactSql.params,
  );
  const citeSql = new Sql();
  const citeWhere = [
    ...conditions(f, citeSql),
    `i.search_tsv @@ phraseto_tsquery('simple', ${citeSql.p(segmentWords(key))})`,
    `i.doc_no_key IS DISTINCT FROM ${citeSql.p(key)}`,
  ].join(' AND ');
  await reader.mode('bitmap');
  const cites = await reader.db.query<{ id: number }>(
    `SELECT id FROM (SELECT i.id, i.published_on FROM catalog_items i WHERE ${citeWhere} OFFSET 0) m ORDER BY published_on DESC, id DESC LIMIT ${citeSql.p(COUNT_LIMIT)}`,
    citeSql.params,
  );
  const all = [...exact.rows, ...cites.rows].map((r) => Number(r.id));
  return { ids: all.slice(0, need), total: all.length, exact: exact.rows.length > 0 ? 'docNo' : null };
}

/** The page's items, in the order given, with their snippets. */
async function hits(db: Queryable, pageIds: readonly number[], terms: readonly string[]): Promise<SearchHit[]> {
  if (pageIds.length === 0) return [];
  const { rows } = await db.query<{
    id: number; index_no: string; title: string; doc_no: string | null; agency_id: number; agency: string; publisher: string;
    published_on: string; topic: string | null; genre: string; article20_item: Article20Item | null; body_text: string;
  }>(
    `SELECT i.id, i.index_no, i.title, i.doc_no, i.agency_id, a.name AS agency, i.publisher, i.published_on, i.topic, i.genre, i.article20_item, i.body_text
       FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
      WHERE i.id = ANY($1::bigint[]) AND i.status = 'published'`,
    [pageIds],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return pageIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const parts = snippetParts(r.body_text, terms);
    return [{
      id, indexNo: r.index_no, title: r.title, titleParts: markParts(r.title, terms), docNo: r.doc_no, agencyId: Number(r.agency_id), agency: r.agency,
      publisher: r.publisher, publishedOn: r.published_on, topic: r.topic, genre: r.genre, article20Item: r.article20_item,
      url: itemUrl(r.index_no), snippet: partsToHtml(parts), snippetParts: parts,
    }];
  });
}
