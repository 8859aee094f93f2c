/**
 * The 政府信息公开目录's filters as the address carries them (?item=1–15&topic=&genre=&year=&agency=
 * &order=newest|oldest&after=|before=): read leniently — a value that is not one of the choices is
 * ignored (the list shows everything for that filter) rather than refused, since these are links and
 * a form of selects. Also the addresses of the pages around a page.
 */
import { isIsoDate } from '../law/dates.ts';
import type { Article20Item } from '../law/taxonomy.ts';
import { GENRES, TOPICS, type ListCursor } from '../catalog/index.ts';
import { article20Number, article20OfNumber } from './urls.ts';

/** The filters and page of a catalog list. */
export interface CatalogParams {
  article20Item: Article20Item | undefined;
  topic: string | undefined;
  genre: string | undefined;
  year: number | undefined;
  /** One agency within the page's agency and those under it. */
  agencyId: number | undefined;
  order: 'newest' | 'oldest';
  after: ListCursor | undefined;
  before: ListCursor | undefined;
}

/** The first year a list offers (the 条例 took effect on 2008-05-01). */
export const FIRST_YEAR = 2008;

const CURSOR = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})$/;

function cursorOf(text: string | undefined): ListCursor | undefined {
  const m = text === undefined ? null : CURSOR.exec(text);
  return m && isIsoDate(m[1]!) ? { publishedOn: m[1], id: Number(m[2]) } : undefined;
}

const cursorText = (cursor: ListCursor) => `${cursor.publishedOn}.${cursor.id}`;

/** Reads the filters from the query; `thisYear` bounds the year. */
export function parseCatalogParams(query: Record<string, string | undefined>, thisYear: number): CatalogParams {
  const year = /^\d{4}$/.test(query['year'] ?? '') ? Number(query['year']) : undefined;
  const agency = /^\d{1,15}$/.test(query['agency'] ?? '') ? Number(query['agency']) : undefined;
  return {
    article20Item: article20OfNumber(query['item']),
    topic: (TOPICS as readonly string[]).includes(query['topic'] ?? '') ? query['topic'] : undefined,
    genre: (GENRES as readonly string[]).includes(query['genre'] ?? '') ? query['genre'] : undefined,
    year: year !== undefined && year >= FIRST_YEAR && year <= thisYear + 1 ? year : undefined,
    agencyId: agency,
    order: query['order'] === 'oldest' ? 'oldest' : 'newest',
    after: cursorOf(query['after']),
    before: cursorOf(query['after']) ? undefined : cursorOf(query['before']),
  };
}

/** The query string of these filters (no page), with `extra` (a cursor) appended. */
export function catalogQueryString(p: CatalogParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (p.article20Item) q.set('item', String(article20Number(p.article20Item)));
  if (p.topic) q.set('topic', p.topic);
  if (p.genre) q.set('genre', p.genre);
  if (p.year) q.set('year', String(p.year));
  if (p.agencyId) q.set('agency', String(p.agencyId));
  if (p.order !== 'newest') q.set('order', p.order);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The addresses of the first, previous and next pages of a list at `path`. */
export function pageLinks(path: string, p: CatalogParams, page: { next: ListCursor | undefined; previous: ListCursor | undefined }) {
  return {
    first: `${path}${catalogQueryString(p)}`,
    previous: page.previous ? `${path}${catalogQueryString(p, { before: cursorText(page.previous) })}` : undefined,
    next: page.next ? `${path}${catalogQueryString(p, { after: cursorText(page.next) })}` : undefined,
  };
}

/** Whether any filter is set (the list then says what it was filtered by). */
export function isFiltered(p: CatalogParams): boolean {
  return Boolean(p.article20Item || p.topic || p.genre || p.year || p.agencyId);
}

