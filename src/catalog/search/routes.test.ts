/**
 * GET /api/v1/search as tools outside the project call it (issue 18 §9): public, the answer's shape,
 * best match first, a 文号 typed with any brackets, escaped snippets, drafts never shown, and 400 with
 * a Chinese message naming the parameter for bad input; the path is in /api/openapi.json.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../../test/support/accounts.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Agency } from '../../platform/accounts/store.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { insertTestItem } from './test-items.ts';

let services: Services;
let app: Hono<AppEnv>;
let government: Agency;
let wenlv: Agency;
let other: Agency;
let feiyiIndexNo: string;

interface Hit { indexNo: string; title: string; docNo: string | null; agency: string; publishedOn: string; url: string; snippet: string }
interface Answer { status: number; body: { total: number; capped: boolean; items: Hit[]; error?: { code: string; message: string; details: { fields: { field: string; message: string }[] } } } }

async function get(query: string): Promise<Answer> {
  const res = await app.request(`/api/v1/search?${query}`, { headers: { accept: 'application/json' } });
  return { status: res.status, body: await res.json() as Answer['body'] };
}
const q = (text: string) => `q=${encodeURIComponent(text)}`;

beforeAll(async () => {
  services = await createTestServices();
  app = await createTestApp(services);
  government = await addAgency(services, '太平区人民政府', 'government');
  wenlv = await addAgency(services, '太平区文化旅游和广播电视局', 'department', government);
  other = await addAgency(services, '细河区文化旅游和广播电视局', 'department');
  feiyiIndexNo = (await insertTestItem(services.db, {
    agencyId: wenlv.id, title: '2023年非遗认定结果公示', docNo: '太文旅发〔2023〕5号', publishedOn: '2023-03-10',
    body: '经专家评审，现将第六批区级非遗代表性项目名录予以公示。<img src=x onerror=alert(1)>',
  })).indexNo;
  await insertTestItem(services.db, { agencyId: wenlv.id, title: '关于做好非遗保护工作的通知', docNo: '太文旅发〔2023〕15号', publishedOn: '2023-08-01', body: '各乡镇：请做好非遗保护。' });
  await insertTestItem(services.db, { agencyId: wenlv.id, title: '2023年文旅工作总结', publishedOn: '2023-12-30', body: '全年完成非遗普查。' });
  await insertTestItem(services.db, { agencyId: other.id, title: '细河区非遗名录公示', publishedOn: '2023-05-05', body: '名录。' });
  await insertTestItem(services.db, { agencyId: wenlv.id, title: '非遗草稿', status: 'draft', body: '非遗。' });
  await insertTestItem(services.db, { agencyId: wenlv.id, title: '非遗撤回', status: 'withdrawn', body: '非遗。' });
}, 60_000);

afterAll(async () => {
  await services.close();
});

describe('GET /api/v1/search', () => {
  it('answers without signing in: total and items, best match first, published items only', async () => {
    const { status, body } = await get(q('非遗'));
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect(body.capped).toBe(false);
    expect(body.items.map((h) => h.title)).toEqual(['关于做好非遗保护工作的通知', '细河区非遗名录公示', '2023年非遗认定结果公示', '2023年文旅工作总结']);
    const feiyi = body.items[2]!;
    expect(feiyi).toMatchObject({ indexNo: feiyiIndexNo, docNo: '太文旅发〔2023〕5号', agency: '太平区文化旅游和广播电视局', publishedOn: '2023-03-10' });
    expect(feiyi.url).toBe(`/items/${encodeURIComponent(feiyiIndexNo)}`);
    expect(feiyi.snippet).toContain('<mark>非遗</mark>');
    expect(feiyi.snippet).not.toContain('<img');
    expect(feiyi.snippet).toContain('&lt;img');
  });

  it('filters by an agency with the agencies under it', async () => {
    expect((await get(`${q('非遗')}&agencyId=${government.id}`)).body.total).toBe(3);
    expect((await get(`${q('非遗')}&agencyId=${other.id}`)).body.items.map((h) => h.title)).toEqual(['细河区非遗名录公示']);
  });

  it('finds a 文号 exactly, typed with 〔〕, [] or ()', async () => {
    for (const docNo of ['太文旅发〔2023〕5号', '太文旅发[2023]5号', '太文旅发(2023)5号']) {
      const { body } = await get(q(docNo));
      expect(body.items.map((h) => h.docNo), docNo).toEqual(['太文旅发〔2023〕5号']);
    }
  });

  it('pages', async () => {
    const { body } = await get(`${q('非遗')}&page=2&pageSize=3`);
    expect(body.items.map((h) => h.title)).toEqual(['2023年文旅工作总结']);
  });

  it.each([
    ['q', q('非遗'.repeat(60)), '检索词（q）不能超过 100 个字'],
    ['q', 'q=%E9%9D%9E%00', '检索词（q）含有不能识别的控制字符'],
    ['page', `${q('非遗')}&page=0`, '页码（page）'],
    ['page', `${q('非遗')}&page=51`, '页码（page）'],
    ['page', `${q('非遗')}&page=abc`, '页码（page）'],
    ['pageSize', `${q('非遗')}&pageSize=500`, '每页条数（pageSize）'],
    ['agencyId', `${q('非遗')}&agencyId=-1`, '机关（agencyId）'],
    ['article20Item', `${q('非遗')}&article20Item=16`, '第二十条事项（article20Item）'],
    ['year', `${q('非遗')}&year=23`, '年份（year）'],
    ['order', `${q('非遗')}&order=best`, '排序（order）'],
  ])('400 for a bad %s, naming it in Chinese', async (field, query, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error!.code).toBe('search.invalid_query');
    expect(body.error!.message).toContain(message);
    expect(body.error!.details.fields.map((f) => f.field)).toEqual([field]);
  });

  it('is described in /api/openapi.json', async () => {
    const doc = await (await app.request('/api/openapi.json')).json() as { paths: Record<string, { get?: { parameters: { name: string }[] } }> };
    const search = doc.paths['/api/v1/search']?.get;
    expect(search).toBeDefined();
    expect(search!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'agencyId', 'page']));
  });
});
