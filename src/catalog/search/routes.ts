/**
 * The public search API: `GET /api/v1/search?q=…&agencyId=…&page=…` (issue 18 §9) over published items
 * only, best match first, described in /api/openapi.json. The catalog room (room.ts) mounts it.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { access } from '../../platform/http/access.ts';
import { errorResponse, jsonResponse, OPTIONAL_BEARER_SECURITY } from '../../platform/http/openapi.ts';
import type { AppEnv, OpenApiPaths, RouteModule } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { GENRES, TOPICS } from '../model.ts';
import { parseSearchParams } from './input.ts';
import { MAX_PAGE_SIZE, MAX_QUERY_LENGTH, MAX_SEARCH_PAGE, SEARCH_TOTAL_CAP, searchItems, type SearchResult } from './search.ts';

export const SEARCH_API = '/api/v1/search';

/** The JSON answer (what tests outside the project call), from a search's result. */
export function searchAnswer(result: SearchResult) {
  return {
    total: result.total,
    capped: result.capped,
    exact: result.exact,
    page: result.page,
    pages: result.pages,
    items: result.items.map((h) => ({
      indexNo: h.indexNo, title: h.title, docNo: h.docNo, agency: h.agency, agencyId: h.agencyId, publishedOn: h.publishedOn, url: h.url, snippet: h.snippet,
    })),
  };
}

const answerSchema = z.object({
  total: z.number().int().describe(`符合条件的条数；超过 ${SEARCH_TOTAL_CAP} 条时为 ${SEARCH_TOTAL_CAP}（capped 为 true，显示为“${SEARCH_TOTAL_CAP.toLocaleString('en')}+ 条”）`),
  capped: z.boolean().describe(`true：实际多于 ${SEARCH_TOTAL_CAP} 条`),
  exact: z.enum(['docNo', 'indexNo']).nullable().describe('docNo：按文号精确查到（其后是引用该文号的信息）；indexNo：按索引号查到；null：全文检索'),
  page: z.number().int(), pages: z.number().int().describe('页数（最多到第 1000 条）'),
  items: z.array(z.object({
    indexNo: z.string().describe('索引号'),
    title: z.string().describe('标题'),
    docNo: z.string().nullable().describe('文号'),
    agency: z.string().describe('发布机关'),
    agencyId: z.number().int(),
    publishedOn: z.string().describe('发布日期 YYYY-MM-DD'),
    url: z.string().describe('信息页面：/items/{索引号}（索引号按 URL 编码，/ 写作 %2F）'),
    snippet: z.string().describe('正文摘要：HTML 片段，文字已转义，检索词以 <mark>…</mark> 标出'),
  })).describe('最相关的在前：标题含全部检索词的在前，其余其次，各按发布日期从新到旧；按日期排序时从新到旧'),
});

/** The path's OpenAPI description. */
export const searchApiPaths: OpenApiPaths = {
  [SEARCH_API]: {
    get: {
      summary: '检索已发布的政府信息（标题、文号、正文和附件全文）',
      description: '只检索已发布的信息（草稿、审核中、已撤回的不会出现）。中文分词检索标题、文号、正文和附件文字，检索词全部出现才算符合；'
        + '输入完整文号（如 太文旅发〔2023〕5号，括号写作 [] 或 () 亦可）时精确查找该文号的信息，输入索引号时直接查到该条。'
        + `不需要令牌。结果最多列到第 ${SEARCH_TOTAL_CAP} 条。`,
      security: OPTIONAL_BEARER_SECURITY,
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: MAX_QUERY_LENGTH }, description: '检索词、文号或索引号；不填则按发布日期列出全部' },
        { name: 'agencyId', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '只检索这个机关及其下属机关（如一级政府及其部门）发布的' },
        { name: 'article20Item', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 15 }, description: '第二十条第（一）至（十五）项' },
        { name: 'topic', in: 'query', schema: { type: 'string', enum: [...TOPICS] }, description: '主题分类' },
        { name: 'genre', in: 'query', schema: { type: 'string', enum: [...GENRES] }, description: '体裁' },
        { name: 'year', in: 'query', schema: { type: 'integer', minimum: 1990, maximum: 2100 }, description: '发布年份' },
        { name: 'order', in: 'query', schema: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' }, description: 'relevance 按相关度；date 按发布日期从新到旧' },
        { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_PAGE, default: 1 }, description: `页码（每页 pageSize 条，最多到第 ${SEARCH_TOTAL_CAP} 条）` },
        { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 } },
      ],
      responses: {
        '200': jsonResponse('一页检索结果', answerSchema),
        '400': errorResponse('参数有误（检索词过长或含控制字符、页码超出范围……），details.fields 逐项说明'),
      },
    },
  },
};

/** The search API's routes and their description. */
export function searchRoutes(services: Services): RouteModule {
  const routes = new Hono<AppEnv>();
  routes.get(SEARCH_API, access({ kind: 'public' }), async (c) => {
    const query = parseSearchParams(c.req.query());
    c.header('Cache-Control', 'no-cache');
    return c.json(searchAnswer(await searchItems(services.db, query)));
  });
  return { routes, openapi: searchApiPaths };
}
