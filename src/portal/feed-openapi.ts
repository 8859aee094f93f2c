/**
 * The feeds in /api/openapi.json (issue 18 §9): public, the same for everyone, revalidated by ETag.
 */
import { errorResponse } from '../platform/http/openapi.ts';
import type { OpenApiPaths } from '../platform/http/types.ts';

const agencyParameter = { name: 'agencyId', in: 'path', required: true, description: '机关编号（人民政府的订阅源包含其下各机关）', schema: { type: 'integer', minimum: 1 } };
const itemParameter = { name: 'article20Item', in: 'path', required: true, description: '条例第二十条第几项（1–15）', schema: { type: 'integer', minimum: 1, maximum: 15 } };
const notFound = errorResponse('没有这个机关或信息类别（portal.not_found）');
const validators = {
  ETag: { description: '随公开内容变化；带 If-None-Match 再次请求时未变化答复 304', schema: { type: 'string' } },
  'Last-Modified': { description: '公开内容最近一次变化的时间', schema: { type: 'string' } },
};

const atom = (summary: string, parameters: unknown[]) => ({
  get: {
    summary, tags: ['订阅源'], security: [], parameters,
    responses: {
      200: { description: 'Atom（RFC 4287）：最新的 50 条已发布信息，新的在前；每条含标题、链接、发布日期、类别和正文（过长的给摘要）', headers: validators, content: { 'application/atom+xml': { schema: { type: 'string' } } } },
      304: { description: '内容未变化' },
      404: notFound,
    },
  },
});
const json = (summary: string, parameters: unknown[]) => ({
  get: {
    summary, tags: ['订阅源'], security: [], parameters,
    responses: {
      200: {
        description: 'JSON Feed 1.1（https://jsonfeed.org/version/1.1）：最新的 50 条已发布信息；每条的 _gongkai 含索引号、文号、发布机构、发布和成文日期、第二十条项、主题和体裁',
        headers: validators, content: { 'application/feed+json': { schema: { type: 'object' } } },
      },
      304: { description: '内容未变化' },
      404: notFound,
    },
  },
});

/** The feeds' paths. */
export const feedApiPaths: OpenApiPaths = {
  '/feeds/{agencyId}.atom': atom('一个机关主动公开的信息（Atom）', [agencyParameter]),
  '/feeds/{agencyId}.json': json('一个机关主动公开的信息（JSON Feed）', [agencyParameter]),
  '/feeds/{agencyId}/{article20Item}.atom': atom('一个机关某一类（第二十条某项）信息（Atom）', [agencyParameter, itemParameter]),
  '/feeds/{agencyId}/{article20Item}.json': json('一个机关某一类（第二十条某项）信息（JSON Feed）', [agencyParameter, itemParameter]),
};
