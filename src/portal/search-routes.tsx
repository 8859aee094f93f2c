/**
 * The public search page (/open/search): the catalog's search (searchItems, with the query string read
 * as the JSON API reads it) over every agency or one agency with those under it. A refused query (a
 * page past the last, a year that is no year) is said on the page, with the form to change it.
 */
import { Hono } from 'hono';
import { parseSearchParams, searchItems, type SearchResult } from '../catalog/index.ts';
import { AppError } from '../platform/errors.ts';
import { plainMessage } from '../platform/http/form.tsx';
import { PUBLIC } from '../platform/http/access.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { portalPage, yearIn, type Portal } from './http.ts';
import { SearchPage, type SearchForm } from './pages/search-page.tsx';
import { SEARCH_PATH } from './urls.ts';

/** The search route. */
export function searchRoutes(portal: Portal): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(SEARCH_PATH, PUBLIC, portal.pageCache, async (c) => {
    const directory = await portal.directory(c);
    const query = c.req.query();
    const agencyId = /^\d{1,15}$/.test(query['agencyId'] ?? '') ? Number(query['agencyId']) : undefined;
    const form: SearchForm = {
      q: (query['q'] ?? '').slice(0, 200), agencyId, article20: query['article20Item'] ?? '', year: query['year'] ?? '',
      order: query['order'] === 'date' ? 'date' : 'relevance', page: Number(query['page'] ?? 1) || 1,
    };
    const asked = ['q', 'agencyId', 'article20Item', 'year', 'topic', 'genre'].some((k) => (query[k] ?? '').trim() !== '');
    let result: SearchResult | undefined;
    let problem: string | undefined;
    if (asked) {
      try {
        result = await searchItems(portal.services.db, parseSearchParams(query));
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        problem = plainMessage(error.message);
      }
    }
    const agency = agencyId === undefined ? undefined : directory.byId.get(agencyId);
    const agencies = [...directory.byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    const title = form.q ? `搜索：${form.q}` : '搜索公开的政府信息';
    return portalPage(c, title, <SearchPage directory={directory} agency={agency} agencies={agencies} form={form} thisYear={yearIn(portal.now())} result={result} problem={problem} />,
      { status: problem ? 400 : 200 });
  });
  return app;
}
