/**
 * Full-text search at scale: which published items match a query's terms, in relevance order (title
 * tier, then the rest, newest first in each) or by date, and how many (capped). Measured at 1,000,000
 * items (docs/BENCHMARKS.md), the costs that decide everything:
 * - reading an item's whole vector (search_tsv, ~2.5 KB, kept out of line by TOAST) costs several
 *   page reads; its title's words (title_tsv, migration 0014) sit in the row and cost nothing more;
 * - the GIN index gives every match of a word at once (a bitmap), at ~0.5–1 µs a match: cheap for a
 *   rare word, a quarter of a second for one in a fifth of the catalog — and no order by date;
 * - the newest items' pages are the ones every search reads, so they stay in memory.
 * Hence: the newest WINDOW_TITLES items are walked in date order checking titles, the newest
 * WINDOW_BODIES (all of them for newest-first order) also their whole vector; a tier the walk cannot
 * fill is read through the GIN index (its word is then rare among recent items, so usually rare); the
 * total is exact when every match is known, else proven from what the walk saw, from the word
 * statistics, or counted up to the cap.
 */
import type { Queryable } from '../../platform/db/queryable.ts';
import { SEARCH_TOTAL_CAP } from './limits.ts';

/** How many of the newest items have their titles checked, and how many their whole vector (newest first: all the walked). */
export const WINDOW_TITLES = 2000;
export const WINDOW_BODIES = 600;

/** Fewer matches than this in the walk: the words are rare, their matches are read at once through the index. */
const RARE_IN_WALK = 20;

/** One more than the cap: "more than SEARCH_TOTAL_CAP". */
export const COUNT_LIMIT = SEARCH_TOTAL_CAP + 1;
/** Word statistics above this many matches (5× the cap) prove "more than the cap" without counting. */
const ESTIMATE_PROOF = 5 * SEARCH_TOTAL_CAP;

/** The filters as SQL (on catalog_items aliased `i`). */
export interface FilterSql {
  /** Conditions with an index in date order (status, the agencies, the year), with their parameters. */
  walk(sql: Sql): string[];
  /** The other conditions (第二十条, 主题, 体裁). */
  rest(sql: Sql): string[];
  /** Whether any filter is set (word statistics are of the whole catalog). */
  readonly any: boolean;
  /** Whether the agencies or the year are filtered: counting then walks their items rather than every match of the words. */
  readonly narrowed: boolean;
  /** Several agencies (a government and its departments): their newest items are found by id first. */
  readonly severalAgencies: boolean;
}

/** A statement's parameters. */
export class Sql {
  readonly params: unknown[] = [];
  /** The placeholder of a value. */
  p(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/** How a statement is planned: 'ordered' may walk an index in date order; 'bitmap' only reads indexes as bitmaps (no walk, no scan of the table). */
export type PlanMode = 'ordered' | 'bitmap';

/** A read-only transaction whose planner settings follow the statement. */
export interface Reader {
  readonly db: Queryable;
  mode(mode: PlanMode): Promise<void>;
}

/** Ids in result order (up to `need`), the total (COUNT_LIMIT: more than the cap). */
export interface Matches {
  readonly ids: readonly number[];
  readonly total: number;
}

const ids = (values: readonly string[] | null) => (values ?? []).map(Number);

/** Full text: the walk, the index for what it could not fill, the total. `terms`: the query's terms by word (tokens.ts queryTermGroups). */
export async function fullText(reader: Reader, terms: readonly (readonly string[])[], f: FilterSql, need: number, order: 'relevance' | 'date'): Promise<Matches> {
  const words = [...new Set(terms.flat())].join(' ');
  const walk = await newest(reader, words, f, need, order === 'date' ? WINDOW_TITLES : WINDOW_BODIES);
  let ids: number[];
  // Every match known (the walk held every item, or the index gave fewer than asked): the total is exact.
  let known: number | undefined;
  if (order === 'date') {
    ids = walk.all;
    if (walk.bodiesComplete) known = walk.titledCount + walk.otherCount;
    else if (ids.length < need) {
      ids = await byIndex(reader, words, f, need, 'all');
      if (ids.length < need) known = ids.length;
    }
  } else if (!walk.titlesComplete && !walk.bodiesComplete && walk.titledCount + walk.otherCount < RARE_IN_WALK) {
    // Rare among the newest items (so, as a rule, rare): every match read once through the index, both tiers and the total from it.
    const both = await bothTiersByIndex(reader, words, f, need);
    ids = both.ids;
    known = both.total;
  } else {
    let titled = walk.titled;
    let titledKnown = walk.titlesComplete ? walk.titledCount : undefined;
    // A deeper page of a word frequent in titles: walk further checking titles only, as far as the
    // walk's share of titles says is enough (at most FURTHER_TITLES items).
    if (titledKnown === undefined && titled.length < need && walk.titledCount > 0 && (need * WINDOW_TITLES) / walk.titledCount <= FURTHER_TITLES / 2) {
      const further = await titlesFurther(reader, words, f, need);
      if (further.length === need) titled = further;
    }
    if (titledKnown === undefined && titled.length < need) {
      titled = await byIndex(reader, words, f, need, 'title');
      if (titled.length < need) titledKnown = titled.length;
    }
    const needOther = Math.max(0, need - titled.length);
    let other = walk.other;
    let otherKnown = walk.bodiesComplete ? walk.otherCount : undefined;
    if (needOther > 0 && otherKnown === undefined && other.length < needOther) {
      other = await byIndex(reader, words, f, needOther, 'other');
      if (other.length < needOther) otherKnown = other.length;
    }
    ids = [...titled, ...other.slice(0, needOther)];
    if (titledKnown !== undefined && otherKnown !== undefined) known = titledKnown + otherKnown;
  }
  const seen = walk.titledCount + walk.otherCount;
  let total: number;
  if (known !== undefined) total = Math.min(known, COUNT_LIMIT);
  else if (seen >= COUNT_LIMIT) total = COUNT_LIMIT;
  else total = await countMatches(reader, f, words, terms);
  return { ids, total };
}

/** Items within the filters above which the matches are counted through the GIN index rather than by reading each item's vector. */
const READ_TO_COUNT = 5000;

/**
 * The matches, up to COUNT_LIMIT, the cheapest proven way: word statistics showing ESTIMATE_PROOF
 * matches (within the filters: in proportion to their items); the vectors of the filters' items when
 * they are few; else through the GIN index (the cost of which grows with the words' matches).
 */
async function countMatches(reader: Reader, f: FilterSql, words: string, terms: readonly (readonly string[])[]): Promise<number> {
  const share = await wordShare(reader.db, terms);
  if (!f.any) {
    if (share * (await wordStats(reader.db)).rows >= ESTIMATE_PROOF) return COUNT_LIMIT;
    return countCapped(reader, f, words);
  }
  if (!f.narrowed) return countCapped(reader, f, words);
  const sql = new Sql();
  const where = [...f.walk(sql), ...f.rest(sql)].join(' AND ');
  await reader.mode('ordered');
  const { rows } = await reader.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_items i WHERE ${where} LIMIT ${sql.p(ESTIMATE_PROOF * 20 + 1)}) x`,
    sql.params,
  );
  const items = rows[0]!.n;
  if (share * items >= ESTIMATE_PROOF) return COUNT_LIMIT;
  if (items > READ_TO_COUNT) return countCapped(reader, f, words);
  // ts_match_vq is @@ itself, written so that the planner reads these few items instead of the index.
  const read = new Sql();
  const { rows: counted } = await reader.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_items i WHERE ${[...f.walk(read), ...f.rest(read)].join(' AND ')}
        AND ts_match_vq(i.search_tsv, plainto_tsquery('simple', ${read.p(words)})) LIMIT ${read.p(COUNT_LIMIT)}) x`,
    read.params,
  );
  return counted[0]!.n;
}

interface Walk {
  /** The walk saw every item the filters allow (titles; whole vectors): its answer is the whole answer. */
  readonly titlesComplete: boolean;
  readonly bodiesComplete: boolean;
  /** Matches seen: by title (among WINDOW_TITLES), by the rest (among WINDOW_BODIES). */
  readonly titledCount: number;
  readonly otherCount: number;
  /** Newest first, up to `need` each: title holds every term; other matches; every match (among WINDOW_BODIES). */
  readonly titled: number[];
  readonly other: number[];
  readonly all: number[];
}

/**
 * The newest items (of the agencies, of the year, when filtered so: their indexes give them in date
 * order) walked newest first: every title of WINDOW_TITLES checked, the whole vector of the first
 * WINDOW_BODIES that the title did not match.
 */
async function newest(reader: Reader, words: string, f: FilterSql, need: number, bodyWindow: number): Promise<Walk> {
  const sql = new Sql();
  const tsq = `plainto_tsquery('simple', ${sql.p(words)})`;
  const walkWhere = f.walk(sql).join(' AND ');
  const rest = f.rest(sql);
  const wanted = rest.length === 0 ? 'true' : rest.join(' AND ');
  const n = sql.p(need);
  const bodies = sql.p(bodyWindow);
  const limit = sql.p(WINDOW_TITLES);
  // Several agencies: their newest ids from the agency index alone (no row read), then those rows.
  const newestWhere = f.severalAgencies
    ? `i.id IN (SELECT i.id FROM catalog_items i WHERE ${walkWhere} ORDER BY i.published_on DESC, i.id DESC LIMIT ${limit})`
    : walkWhere;
  await reader.mode('ordered');
  const { rows } = await reader.db.query<{
    scanned: number; bodies_scanned: number; titled_count: number; other_count: number; titled: string[] | null; other: string[] | null; every_match: string[] | null;
  }>(
    `SELECT count(*)::int AS scanned, count(*) FILTER (WHERE rn <= ${bodies})::int AS bodies_scanned,
            count(*) FILTER (WHERE t)::int AS titled_count, count(*) FILTER (WHERE m)::int AS other_count,
            ((array_agg(id ORDER BY rn) FILTER (WHERE t))[1:${n}])::text[] AS titled,
            ((array_agg(id ORDER BY rn) FILTER (WHERE m))[1:${n}])::text[] AS other,
            ((array_agg(id ORDER BY rn) FILTER (WHERE rn <= ${bodies} AND (t OR m)))[1:${n}])::text[] AS every_match
       FROM (SELECT id, rn, t, NOT t AND rn <= ${bodies} AND wanted AND search_tsv @@ ${tsq} AS m
               FROM (SELECT i.id, i.search_tsv, ${wanted} AS wanted, (${wanted}) AND i.title_tsv @@ ${tsq} AS t,
                            row_number() OVER (ORDER BY i.published_on DESC, i.id DESC) AS rn
                       FROM catalog_items i WHERE ${newestWhere}
                      ORDER BY i.published_on DESC, i.id DESC LIMIT ${limit}) w) x`,
    sql.params,
  );
  const r = rows[0]!;
  return {
    titlesComplete: r.scanned < WINDOW_TITLES,
    bodiesComplete: r.bodies_scanned < bodyWindow,
    titledCount: r.titled_count,
    otherCount: r.other_count,
    titled: ids(r.titled),
    other: ids(r.other),
    all: ids(r.every_match),
  };
}

/** The furthest a walk goes checking titles only (a deep page of a word frequent in titles). */
const FURTHER_TITLES = 60_000;

/** The newest `need` items whose title holds every term, walking at most FURTHER_TITLES items (fewer: not all found). */
async function titlesFurther(reader: Reader, words: string, f: FilterSql, need: number): Promise<number[]> {
  const sql = new Sql();
  const tsq = `plainto_tsquery('simple', ${sql.p(words)})`;
  const rest = f.rest(sql);
  await reader.mode('ordered');
  const { rows } = await reader.db.query<{ id: number }>(
    `SELECT id FROM (SELECT i.id, i.title_tsv, ${rest.length === 0 ? 'true' : rest.join(' AND ')} AS wanted FROM catalog_items i WHERE ${f.walk(sql).join(' AND ')}
                      ORDER BY i.published_on DESC, i.id DESC LIMIT ${sql.p(FURTHER_TITLES)}) w
      WHERE wanted AND title_tsv @@ ${tsq} LIMIT ${sql.p(need)}`,
    sql.params,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * The newest `need` matches of a tier through the GIN indexes: 'title' (the title holds every term: the
 * small index of titles), 'other' (the rest), 'all'. Every match is read, then sorted by date.
 */
async function byIndex(reader: Reader, words: string, f: FilterSql, need: number, tier: 'title' | 'other' | 'all'): Promise<number[]> {
  const sql = new Sql();
  const tsq = `plainto_tsquery('simple', ${sql.p(words)})`;
  const where = [...f.walk(sql), ...f.rest(sql), tier === 'title' ? `i.title_tsv @@ ${tsq}` : `i.search_tsv @@ ${tsq}`];
  if (tier === 'other') where.push(`NOT (i.title_tsv @@ ${tsq})`);
  await reader.mode('bitmap');
  const { rows } = await reader.db.query<{ id: number }>(
    `SELECT id FROM (SELECT i.id, i.published_on FROM catalog_items i WHERE ${where.join(' AND ')} OFFSET 0) m
      ORDER BY published_on DESC, id DESC LIMIT ${sql.p(need)}`,
    sql.params,
  );
  return rows.map((r) => Number(r.id));
}

/** Every match through the GIN index, title tier first then newest first, up to `need`; and how many there are. */
async function bothTiersByIndex(reader: Reader, words: string, f: FilterSql, need: number): Promise<{ ids: number[]; total: number }> {
  const sql = new Sql();
  const tsq = `plainto_tsquery('simple', ${sql.p(words)})`;
  const where = [...f.walk(sql), ...f.rest(sql), `i.search_tsv @@ ${tsq}`];
  await reader.mode('bitmap');
  const { rows } = await reader.db.query<{ id: number; n: number }>(
    `SELECT id, count(*) OVER ()::int AS n FROM (SELECT i.id, i.published_on, i.title_tsv @@ ${tsq} AS t FROM catalog_items i WHERE ${where.join(' AND ')} OFFSET 0) m
      ORDER BY t DESC, published_on DESC, id DESC LIMIT ${sql.p(need)}`,
    sql.params,
  );
  return { ids: rows.map((r) => Number(r.id)), total: rows[0]?.n ?? 0 };
}

/** The matches (every published item within the filters when no words), counted through the index up to COUNT_LIMIT. */
export async function countCapped(reader: Reader, f: FilterSql, words: string | undefined): Promise<number> {
  const sql = new Sql();
  const where = [...f.walk(sql), ...f.rest(sql)];
  if (words !== undefined) where.push(`i.search_tsv @@ plainto_tsquery('simple', ${sql.p(words)})`);
  // Words: through the GIN index only (a walk would read every vector until a thousand matches).
  await reader.mode(words === undefined ? 'ordered' : 'bitmap');
  const { rows } = await reader.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM catalog_items i WHERE ${where.join(' AND ')} LIMIT ${sql.p(COUNT_LIMIT)}) x`, sql.params);
  return rows[0]!.n;
}

// ---------------------------------------------------------------------------------------------------
// Word statistics: ANALYZE's most common elements of search_tsv with their document frequencies. At
// statistics target 10000 (migration 0014) ANALYZE reads up to 3,000,000 rows — the whole catalog at
// 1M items — so a frequent word's count is exact as of the last ANALYZE (autovacuum's, after 10 % of
// the rows changed). Words of one query word (its bigrams) are taken to occur together (the rarest
// bounds them), different words independently; a word not among them is rare and proves nothing.

interface WordStats { readonly at: number; readonly rows: number; readonly frequency: ReadonlyMap<string, number> }
const STATS_SECONDS = 600;
const statsCache = new WeakMap<object, WordStats>();

async function wordStats(db: Queryable): Promise<WordStats> {
  const cached = statsCache.get(db);
  if (cached && Date.now() - cached.at < STATS_SECONDS * 1000) return cached;
  const { rows } = await db.query<{ elems: string[] | null; freqs: number[] | null; reltuples: number }>(
    `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, c.reltuples
       FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = c.relname AND s.attname = 'search_tsv'
      WHERE c.oid = 'catalog_items'::regclass`,
  );
  const r = rows[0];
  const frequency = new Map<string, number>();
  (r?.elems ?? []).forEach((e, k) => frequency.set(e, r!.freqs![k]!));
  const stats = { at: Date.now(), rows: Math.max(0, r?.reltuples ?? 0), frequency };
  statsCache.set(db, stats);
  return stats;
}

/** The estimated share of items that match a query (0 when a word is not among the common ones). */
async function wordShare(db: Queryable, terms: readonly (readonly string[])[]): Promise<number> {
  const stats = await wordStats(db);
  let share = 1;
  for (const word of terms) share *= Math.min(...word.map((t) => stats.frequency.get(t) ?? 0));
  return share;
}
