/**
 * Search over the published catalog (issue 18 §6): Chinese full text over titles, 文号, bodies and
 * attachments' text, exact look-up by 文号 and by 索引号, filters, relevance or date order, snippets.
 * Only published items are ever read (status = 'published', which the search indexes also require).
 *
 * Relevance, and why (docs/DECISIONS.md, measured at 1,000,000 items in docs/BENCHMARKS.md): ranking
 * every match with ts_rank costs seconds for a frequent word, so relevance is two tiers — items whose
 * title holds every query word first, then the items where the words occur only in the 文号, body or
 * attachments — each newest first. Both tiers are read the guarded way the measurements recommend:
 * 1. one statement looks at the newest WINDOW published items (of the agency, of the year) and takes
 *    from them the matches of each tier and their count — enough for any word frequent in recent items;
 * 2. a tier the window could not fill is read from its own index (GIN over the title's words, or over
 *    all the words), the matches sorted by date: such words are rare, so their matches are few;
 * 3. the total is counted up to SEARCH_TOTAL_CAP + 1 only when the window did not already find more.
 * The answer is exactly what "tier, then newest first" over all matches would give.
 */
import { ARTICLE20_ITEMS, type Article20Item } from '../../law/taxonomy.ts';
import type { Queryable } from '../../platform/db/queryable.ts';
import { highlightTerms, markParts, partsToHtml, snippetParts, type TextPart } from './snippet.ts';
import { docNoKey, looksLikeDocNo, queryTerms, queryWords, segmentWords } from './tokens.ts';

/** The order of the results. */
export type SearchOrder = 'relevance' | 'date';
export const SEARCH_ORDERS: readonly SearchOrder[] = ['relevance', 'date'];

/** Totals beyond this are shown as "1,000+"; pages end there too. */
export const SEARCH_TOTAL_CAP = 1000;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
/** The last page a size allows: results end at SEARCH_TOTAL_CAP. */
export const lastPageFor = (pageSize: number) => Math.ceil(SEARCH_TOTAL_CAP / pageSize);
/** The last page at the default size (50). */
export const MAX_SEARCH_PAGE = lastPageFor(DEFAULT_PAGE_SIZE);
/** The longest query read (a 文号, a title, a few words). */
export const MAX_QUERY_LENGTH = 100;

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

/** The public page of an item (its 索引号 holds '/', hence the encoding). */
export const itemUrl = (indexNo: string) => `/items/${encodeURIComponent(indexNo)}`;

/** How many of the newest published items the first statement looks at. */
export const WINDOW = 4000;

/** A statement's WHERE conditions and their parameters. */
class Sql {
  readonly params: unknown[] = [];
  /** The parameter placeholder of a value. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

interface Filters {
  /** The agencies searched (an agency and its subtree), or undefined for all. */
  readonly agencies: readonly number[] | undefined;
  readonly article20Item: Article20Item | undefined;
  readonly topic: string | undefined;
  readonly genre: string | undefined;
  readonly year: number | undefined;
}

/** The conditions of the filters on catalog_items (aliased `i`), `status = 'published'` included. */
function filterConditions(sql: Sql, f: Filters, options: { skipAgency?: boolean; skipYear?: boolean } = {}): string[] {
  const where = [`i.status = 'published'`];
  if (f.agencies && !options.skipAgency) where.push(f.agencies.length === 1 ? `i.agency_id = ${sql.p(f.agencies[0])}` : `i.agency_id = ANY(${sql.p(f.agencies)}::bigint[])`);
  if (f.year !== undefined && !options.skipYear) where.push(`i.published_on >= ${sql.p(`${f.year}-01-01`)}::date AND i.published_on < ${sql.p(`${f.year + 1}-01-01`)}::date`);
  if (f.article20Item) where.push(`i.article20_item = ${sql.p(f.article20Item)}`);
  if (f.topic) where.push(`i.topic = ${sql.p(f.topic)}`);
  if (f.genre) where.push(`i.genre = ${sql.p(f.genre)}`);
  return where;
}

const ids = (values: readonly (number | string)[] | null) => (values ?? []).map(Number);

/** The agency and the agencies under it (empty when there is no such agency). */
async function subtreeOf(db: Queryable, agencyId: number): Promise<number[]> {
  const { rows } = await db.query<{ ids: string[] | null }>(
    `WITH RECURSIVE sub (id) AS (SELECT id FROM agencies WHERE id = $1 UNION SELECT a.id FROM agencies a JOIN sub s ON a.parent_id = s.id)
     SELECT array_agg(id)::text[] AS ids FROM sub`,
    [agencyId],
  );
  return ids(rows[0]?.ids ?? null);
}

/** Searches the published catalog. */
export async function searchItems(db: Queryable, query: SearchQuery): Promise<SearchResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE));
  const page = Math.min(lastPageFor(pageSize), Math.max(1, query.page ?? 1));
  const need = page * pageSize;
  const order = query.order ?? 'relevance';
  const q = query.q.trim().slice(0, MAX_QUERY_LENGTH);
  const agencies = query.agencyId === undefined ? undefined : await subtreeOf(db, query.agencyId);
  const filters: Filters = { agencies, article20Item: query.article20Item, topic: query.topic, genre: query.genre, year: query.year };
  const empty = (): SearchResult => ({ total: 0, capped: false, exact: null, page, pageSize, pages: 0, items: [] });
  if (agencies && agencies.length === 0) return empty();

  let found: Found;
  let terms: string[] = [];
  if (q === '') {
    found = await latest(db, filters, need);
  } else {
    const byIndexNo = await findByIndexNo(db, q, filters);
    if (byIndexNo) {
      found = byIndexNo;
    } else if (looksLikeDocNo(q)) {
      found = await findByDocNo(db, docNoKey(q), filters, need);
      terms = highlightTerms(q, segmentWords(docNoKey(q)));
      terms.push(...[q, docNoKey(q)].filter((t) => !terms.includes(t)));
    } else {
      const matching = queryTerms(q);
      if (matching === '') return empty();
      found = await fullText(db, matching, filters, need, order);
      terms = highlightTerms(q, queryWords(q));
    }
  }
  const total = Math.min(found.total, SEARCH_TOTAL_CAP);
  const pageIds = found.ids.slice((page - 1) * pageSize, need);
  return {
    total,
    capped: found.total > SEARCH_TOTAL_CAP,
    exact: found.exact,
    page,
    pageSize,
    pages: Math.ceil(total / pageSize),
    items: await hits(db, pageIds, terms),
  };
}

/** Ids in result order (at least up to the page asked for), and the total (SEARCH_TOTAL_CAP + 1: more). */
interface Found {
  readonly ids: readonly number[];
  readonly total: number;
  readonly exact: 'docNo' | 'indexNo' | null;
}

const COUNT_LIMIT = SEARCH_TOTAL_CAP + 1;

/** No query: the newest items of the filters. */
async function latest(db: Queryable, f: Filters, need: number): Promise<Found> {
  const sql = new Sql();
  const where = filterConditions(sql, f).join(' AND ');
  const { rows } = await db.query<{ id: number }>(`SELECT i.id FROM catalog_items i WHERE ${where} ORDER BY i.published_on DESC, i.id DESC LIMIT ${sql.p(need)}`, sql.params);
  const total = rows.length < need ? rows.length : await countCapped(db, f, undefined);
  return { ids: rows.map((r) => Number(r.id)), total, exact: null };
}

/** A 索引号 typed whole: that item, if published and within the filters. */
async function findByIndexNo(db: Queryable, q: string, f: Filters): Promise<Found | undefined> {
  const indexNo = q.normalize('NFKC').replace(/\s+/gu, '');
  if (indexNo.length < 5 || indexNo.length > 60) return undefined;
  const sql = new Sql();
  const where = [...filterConditions(sql, f), `i.index_no = ${sql.p(indexNo)}`].join(' AND ');
  const { rows } = await db.query<{ id: number }>(`SELECT i.id FROM catalog_items i WHERE ${where}`, sql.params);
  return rows.length === 0 ? undefined : { ids: [Number(rows[0]!.id)], total: 1, exact: 'indexNo' };
}

/**
 * A 文号: the items of exactly that 文号 (its normal form, whatever the brackets), then the items that
 * cite it (its words as a phrase in the body or attachments: 太文旅发〔2023〕5号 is not 太文旅发〔2023〕15号),
 * each newest first.
 */
async function findByDocNo(db: Queryable, key: string, f: Filters, need: number): Promise<Found> {
  const exactSql = new Sql();
  const exactWhere = [...filterConditions(exactSql, f), `i.doc_no_key = ${exactSql.p(key)}`].join(' AND ');
  const exact = await db.query<{ id: number }>(`SELECT i.id FROM catalog_items i WHERE ${exactWhere} ORDER BY i.published_on DESC, i.id DESC LIMIT ${exactSql.p(COUNT_LIMIT)}`, exactSql.params);
  const citeSql = new Sql();
  const citeWhere = [
    ...filterConditions(citeSql, f),
    `i.search_tsv @@ phraseto_tsquery('simple', ${citeSql.p(segmentWords(key))})`,
    `i.doc_no_key IS DISTINCT FROM ${citeSql.p(key)}`,
  ].join(' AND ');
  // OFFSET 0 keeps the matches a set of their own: read through the index, then sorted (never a walk by date).
  const cites = await db.query<{ id: number }>(
    `SELECT id FROM (SELECT i.id, i.published_on FROM catalog_items i WHERE ${citeWhere} OFFSET 0) m ORDER BY published_on DESC, id DESC LIMIT ${citeSql.p(COUNT_LIMIT)}`,
    citeSql.params,
  );
  const all = [...exact.rows, ...cites.rows].map((r) => Number(r.id));
  return { ids: all.slice(0, need), total: all.length, exact: exact.rows.length > 0 ? 'docNo' : null };
}

/** Full text: the guarded two-step reading described at the top. */
async function fullText(db: Queryable, words: string, f: Filters, need: number, order: SearchOrder): Promise<Found> {
  const window = await newestWindow(db, words, f, need);
  let total = window.matches;
  if (order === 'date') {
    let all = window.all;
    if (!window.complete && all.length < need) all = await matchesByDate(db, words, f, need, 'all');
    if (!window.complete && total < COUNT_LIMIT) total = await countCapped(db, f, words);
    return { ids: all, total, exact: null };
  }
  let titled = window.titled;
  let other = window.other;
  if (!window.complete && titled.length < need) titled = await matchesByDate(db, words, f, need, 'title');
  const needOther = need - titled.length;
  if (!window.complete && needOther > 0 && other.length < needOther) other = await matchesByDate(db, words, f, needOther, 'other');
  if (!window.complete && total < COUNT_LIMIT) total = await countCapped(db, f, words);
  return { ids: [...titled, ...other.slice(0, Math.max(0, needOther))], total, exact: null };
}

interface Window {
  /** The window held every item the filters allow (its answers are the whole answer). */
  readonly complete: boolean;
  /** Matches in the window (up to WINDOW). */
  readonly matches: number;
  /** Newest first, up to `need` each: title holds every word; the other matches; all matches. */
  readonly titled: number[];
  readonly other: number[];
  readonly all: number[];
}

/**
 * The newest WINDOW published items (of the one agency, of the year, when filtered so: their indexes
 * give them in date order), with the other filters and the query applied to them.
 */
async function newestWindow(db: Queryable, words: string, f: Filters, need: number): Promise<Window> {
  const sql = new Sql();
  const oneAgency = f.agencies?.length === 1;
  const windowWhere = filterConditions(sql, { agencies: oneAgency ? f.agencies : undefined, year: f.year, article20Item: undefined, topic: undefined, genre: undefined });
  const rest = filterConditions(sql, { ...f, agencies: oneAgency ? undefined : f.agencies }, { skipYear: true }).slice(1);
  const tsq = `plainto_tsquery('simple', ${sql.p(words)})`;
  const wanted = rest.length === 0 ? 'true' : rest.join(' AND ');
  const n = sql.p(need);
  const { rows } = await db.query<{ scanned: number; matches: number; titled: string[] | null; other: string[] | null; every_match: string[] | null }>(
    `SELECT count(*)::int AS scanned, count(*) FILTER (WHERE m)::int AS matches,
            ((array_agg(id ORDER BY published_on DESC, id DESC) FILTER (WHERE t))[1:${n}])::text[] AS titled,
            ((array_agg(id ORDER BY published_on DESC, id DESC) FILTER (WHERE m AND NOT t))[1:${n}])::text[] AS other,
            ((array_agg(id ORDER BY published_on DESC, id DESC) FILTER (WHERE m))[1:${n}])::text[] AS every_match
       FROM (SELECT id, published_on, t, t OR (wanted AND search_tsv @@ ${tsq}) AS m
               FROM (SELECT i.id, i.published_on, i.search_tsv, ${wanted} AS wanted, (${wanted}) AND i.title_tsv @@ ${tsq} AS t
                       FROM catalog_items i WHERE ${windowWhere.join(' AND ')}
                      ORDER BY i.published_on DESC, i.id DESC LIMIT ${sql.p(WINDOW)}) w) x`,
    sql.params,
  );
  const r = rows[0]!;
  return { complete: r.scanned < WINDOW, matches: r.matches, titled: ids(r.titled), other: ids(r.other), all: ids(r.every_match) };
}

/**
 * The newest `need` matches of a tier read through the search indexes: 'title' (title holds every word:
 * the small index over titles), 'other' (the rest), 'all'. OFFSET 0 keeps the matches a set of their
 * own, read through an index and then sorted: never a walk of the whole catalog by date looking for a
 * rare word.
 */
async function matchesByDate(db: Queryable, words: string, f: Filters, need: number, tier: 'title' | 'other' | 'all'): Promise<number[]> {
  const sql = new Sql();
  const tsq = `plainto_tsquery('simple', ${sql.p(words)})`;
  const where = filterConditions(sql, f);
  if (tier === 'title') where.push(`i.title_tsv @@ ${tsq}`);
  else where.push(`i.search_tsv @@ ${tsq}`);
  if (tier === 'other') where.push(`NOT (i.title_tsv @@ ${tsq})`);
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM (SELECT i.id, i.published_on FROM catalog_items i WHERE ${where.join(' AND ')} OFFSET 0) m
      ORDER BY published_on DESC, id DESC LIMIT ${sql.p(need)}`,
    sql.params,
  );
  return rows.map((r) => Number(r.id));
}

/** The number of matches (of every published item within the filters when no words), up to COUNT_LIMIT. */
async function countCapped(db: Queryable, f: Filters, words: string | undefined): Promise<number> {
  const sql = new Sql();
  const where = filterConditions(sql, f);
  if (words !== undefined) where.push(`i.search_tsv @@ plainto_tsquery('simple', ${sql.p(words)})`);
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_items i WHERE ${where.join(' AND ')} LIMIT ${sql.p(COUNT_LIMIT)}) x`, sql.params);
  return rows[0]!.n;
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

/** The API's number of a 第二十条 item (1–15) as its key. */
export const article20ItemOfNumber = (n: number): Article20Item | undefined => ARTICLE20_ITEMS[n - 1];
