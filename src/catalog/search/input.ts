/**
 * A search's query string (the JSON API's and the portal's search page's) read with zod: each bad
 * parameter named in Chinese (`ValidationError` 400 with details.fields), nothing guessed.
 */
import { z } from 'zod';
import { ARTICLE20_ITEMS, ARTICLE20_LABELS, type Article20Item } from '../../law/taxonomy.ts';
import { ValidationError } from '../../platform/errors.ts';
import { GENRES, TOPICS } from '../model.ts';
import { DEFAULT_PAGE_SIZE, lastPageFor, MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SEARCH_ORDERS, type SearchOrder, type SearchQuery } from './search.ts';

/** A problem with one parameter. */
interface Problem {
  readonly field: string;
  readonly message: string;
}

const positiveId = z.string().regex(/^[1-9][0-9]{0,15}$/u).transform(Number).pipe(z.number().int().max(Number.MAX_SAFE_INTEGER));
const wholeNumber = z.string().regex(/^[0-9]{1,6}$/u).transform(Number);

/** Control characters (NUL included) and lone surrogates: no query holds them. */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

const qSchema = z.string()
  .refine((s) => !UNPRINTABLE.test(s), { message: '检索词（q）含有不能识别的控制字符，请只输入文字' })
  .refine((s) => s.trim().length <= MAX_QUERY_LENGTH, { message: `检索词（q）不能超过 ${MAX_QUERY_LENGTH} 个字` });

const article20Schema = z.string().transform((s, ctx): Article20Item => {
  const text = s.trim();
  const byNumber = /^[0-9]{1,2}$/u.test(text) ? ARTICLE20_ITEMS[Number(text) - 1] : undefined;
  const item = byNumber ?? (ARTICLE20_ITEMS as readonly string[]).find((k) => k === text);
  if (!item) ctx.addIssue({ code: 'custom', message: '第二十条事项（article20Item）应为 1–15 的数字（第二十条第（一）至（十五）项）' });
  return item as Article20Item;
});

/** The label of a 第二十条 item for messages and pages. */
export const article20Label = (item: Article20Item) => ARTICLE20_LABELS[item];

/**
 * Reads `q, agencyId, article20Item (1–15), topic, genre, year, order (relevance|date), page, pageSize`.
 * Empty values count as absent. Throws ValidationError naming every bad parameter.
 */
export function parseSearchParams(params: Readonly<Record<string, string | undefined>>): SearchQuery {
  const problems: Problem[] = [];
  const present = (name: string) => {
    const v = params[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const read = <T>(name: string, schema: z.ZodType<T>, message: string): T | undefined => {
    const raw = present(name);
    if (raw === undefined) return undefined;
    const r = schema.safeParse(raw.trim());
    if (r.success) return r.data;
    problems.push({ field: name, message: r.error.issues.find((i) => i.code === 'custom')?.message ?? message });
    return undefined;
  };

  const rawQ = params['q'] ?? '';
  const q = qSchema.safeParse(rawQ);
  if (!q.success) problems.push({ field: 'q', message: q.error.issues[0]!.message });
  const agencyId = read('agencyId', positiveId, '机关（agencyId）应为机关编号（正整数）');
  const article20Item = read('article20Item', article20Schema, '第二十条事项（article20Item）应为 1–15 的数字');
  const topic = read('topic', z.enum(TOPICS), `主题分类（topic）应为 ${TOPICS.join('、')} 之一`);
  const genre = read('genre', z.enum(GENRES), `体裁（genre）应为 ${GENRES.join('、')} 之一`);
  const year = read('year', z.string().regex(/^[0-9]{4}$/u).transform(Number).pipe(z.number().min(1990).max(2100)), '年份（year）应为 1990–2100 的四位数字，如 2023');
  const order = read('order', z.enum(SEARCH_ORDERS as [SearchOrder, ...SearchOrder[]]), '排序（order）应为 relevance（按相关度）或 date（按发布日期）');
  const pageSize = read('pageSize', wholeNumber.pipe(z.number().min(1).max(MAX_PAGE_SIZE)), `每页条数（pageSize）应为 1–${MAX_PAGE_SIZE} 的整数`) ?? DEFAULT_PAGE_SIZE;
  const last = lastPageFor(pageSize);
  const page = read('page', wholeNumber.pipe(z.number().min(1).max(last)), `页码（page）应为 1–${last} 的整数（最多显示前 1000 条结果，请增加检索词缩小范围）`) ?? 1;
  if (problems.length > 0) {
    throw new ValidationError('search.invalid_query', `检索条件有误：${problems.map((p) => p.message).join('；')}`, { fields: problems });
  }
  return {
    q: q.success ? q.data.trim() : '',
    ...(agencyId !== undefined ? { agencyId } : {}),
    ...(article20Item !== undefined ? { article20Item } : {}),
    ...(topic !== undefined ? { topic } : {}),
    ...(genre !== undefined ? { genre } : {}),
    ...(year !== undefined ? { year } : {}),
    order: order ?? 'relevance',
    page,
    pageSize,
  };
}
