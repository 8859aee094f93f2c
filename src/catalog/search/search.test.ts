/**
 * Search on the real database with real Chinese titles (the seed agency's 2023 items): two-character
 * words, 文号 exactly (any brackets) and not its neighbours, 索引号, only published items, filters over
 * an agency's subtree, the title tier before the body tier, date order, escaped snippets, the capped
 * total, and the second step (words older than the window of newest items) giving the same answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../../test/support/accounts.ts';
import { createTestServices } from '../../../test/support/services.ts';
import type { Agency } from '../../platform/accounts/store.ts';
import type { Services } from '../../platform/services.ts';
import { WINDOW_TITLES } from './fulltext.ts';
import { searchItems, type SearchQuery } from './search.ts';
import { insertFillerItems, insertTestItem } from './test-items.ts';

let services: Services;
let government: Agency;
let wenlv: Agency;
let market: Agency;
let otherGovernment: Agency;
let otherDept: Agency;
const ids: Record<string, number> = {};
const indexNos: Record<string, string> = {};

const search = (q: string, more: Omit<SearchQuery, 'q'> = {}) => searchItems(services.db, { q, ...more });
const titles = async (q: string, more: Omit<SearchQuery, 'q'> = {}) => (await search(q, more)).items.map((h) => h.title);

beforeAll(async () => {
  services = await createTestServices();
  government = await addAgency(services, '太平区人民政府', 'government');
  wenlv = await addAgency(services, '太平区文化旅游和广播电视局', 'department', government);
  market = await addAgency(services, '太平区市场监督管理局', 'department', government);
  otherGovernment = await addAgency(services, '海州区人民政府', 'government');
  otherDept = await addAgency(services, '海州区文化旅游和广播电视局', 'department', otherGovernment);
  const add = async (key: string, item: Parameters<typeof insertTestItem>[1]) => {
    const stored = await insertTestItem(services.db, item);
    ids[key] = stored.id;
    indexNos[key] = stored.indexNo;
  };
  await add('feiyi', {
    agencyId: wenlv.id, title: '2023年非遗认定结果公示', docNo: '太文旅发〔2023〕5号', publishedOn: '2023-03-10', article20Item: 'licensing', topic: '文化、广电、新闻出版',
    body: '根据《中华人民共和国非物质文化遗产法》，经专家评审，现将第六批区级非物质文化遗产代表性项目名录予以公示，公示期为7个工作日。',
  });
  await add('feiyi15', { agencyId: wenlv.id, title: '关于公布第六批区级非遗代表性传承人的通知', docNo: '太文旅发〔2023〕15号', publishedOn: '2023-05-20', body: '各乡镇文化站：现将区级非遗代表性传承人名单印发给你们。' });
  await add('feiyi2022', { agencyId: wenlv.id, title: '2022年非遗保护工作总结', docNo: '太文旅发〔2022〕5号', publishedOn: '2022-12-30', body: '全年开展非遗进校园活动12场。' });
  await add('shuangsuiji', {
    agencyId: wenlv.id, title: '2023年文化市场“双随机、一公开”执法情况', publishedOn: '2023-12-28', article20Item: 'inspections', topic: '市场监管、安全生产监管',
    body: '2023年，我局对辖区内娱乐场所、网吧开展“双随机、一公开”检查36次，对营业性演出许可证持证单位开展检查。',
  });
  await add('xuke', {
    agencyId: market.id, title: '2023年第三季度行政许可办理结果', publishedOn: '2023-10-09', article20Item: 'licensing', topic: '市场监管、安全生产监管', genre: '其他文件',
    body: '本季度共办理食品经营许可126件，全部在承诺时限内办结。',
  });
  await add('bodyOnly', {
    agencyId: market.id, title: '2023年市场监管工作总结', publishedOn: '2024-01-15', genre: '工作动态',
    body: '全年办理行政许可2000余件，开展非遗老字号保护专项行动，推进文化市场综合执法。',
  });
  await add('haizhou', { agencyId: otherDept.id, title: '海州区非遗认定结果公示', publishedOn: '2023-04-01', body: '海州区第五批非遗项目名录公示。' });
  await add('draft', { agencyId: wenlv.id, title: '非遗认定结果公示（草稿）', docNo: '太文旅发〔2023〕99号', status: 'draft', body: '行政许可草稿。' });
  await add('withdrawn', { agencyId: wenlv.id, title: '非遗认定结果公示（已撤回）', docNo: '太文旅发〔2023〕98号', status: 'withdrawn', publishedOn: '2023-03-01', body: '行政许可撤回。' });
  await add('signing', { agencyId: wenlv.id, title: '行政许可待签发事项', status: 'signing', body: '非遗待签发。' });
  await add('script', {
    agencyId: wenlv.id, title: '<script>alert(1)</script>演出许可公告', publishedOn: '2023-02-02',
    body: '营业性演出许可<script>alert("x")</script>已办结，详见 <b>附件</b> & 说明。',
  });
  await add('attachment', { agencyId: wenlv.id, title: '2023年全年文化惠民演出计划', publishedOn: '2023-01-20', body: '详见附件。', attachmentText: '惠民演出场次安排：送戏下乡48场，广场舞展演6场。' });
  await add('cites', { agencyId: wenlv.id, title: '关于非遗认定结果公示的政策解读', publishedOn: '2023-03-12', genre: '政策解读', body: '《2023年非遗认定结果公示》（太文旅发[2023]5号）明确了认定程序。' });
}, 60_000);

afterAll(async () => {
  await services.close();
});

describe('words', () => {
  it('finds two-character words (非遗, 许可) in titles and bodies', async () => {
    const feiyi = await titles('非遗');
    expect(feiyi).toContain('2023年非遗认定结果公示');
    expect(feiyi).toContain('关于公布第六批区级非遗代表性传承人的通知');
    expect(feiyi).toContain('2023年市场监管工作总结'); // only in its body
    const xuke = await titles('许可');
    expect(xuke).toContain('2023年第三季度行政许可办理结果');
    expect(xuke).toContain('<script>alert(1)</script>演出许可公告');
    expect(xuke).toContain('2023年文化市场“双随机、一公开”执法情况'); // 营业性演出许可证 in its body
  });

  it('needs every word of the query', async () => {
    expect(await titles('非遗认定结果')).toEqual(expect.arrayContaining(['2023年非遗认定结果公示', '海州区非遗认定结果公示']));
    expect(await titles('非遗认定结果')).not.toContain('2022年非遗保护工作总结');
    expect(await titles('双随机一公开')).toEqual(['2023年文化市场“双随机、一公开”执法情况']);
    expect(await titles('食品经营许可')).toEqual(['2023年第三季度行政许可办理结果']);
  });

  it('reads attachments’ text', async () => {
    expect(await titles('送戏下乡')).toEqual(['2023年全年文化惠民演出计划']);
  });

  it('finds nothing for words that occur nowhere, or a query of punctuation', async () => {
    expect((await search('量子计算')).total).toBe(0);
    expect((await search('，。！')).items).toEqual([]);
  });
});

describe('文号 and 索引号', () => {
  it.each(['太文旅发〔2023〕5号', '太文旅发[2023]5号', '太文旅发(2023)5号', '太文旅发（2023）5号', '太文旅发〔2023〕5 号', ' 太文旅发【2023】5号 '])('%s: exactly that 文号, then the item citing it', async (q) => {
    const result = await search(q);
    expect(result.exact).toBe('docNo');
    expect(result.items.map((h) => h.title)).toEqual(['2023年非遗认定结果公示', '关于非遗认定结果公示的政策解读']);
    expect(result.total).toBe(2);
  });

  it('does not match other 太文旅发 items (15号, 2022年 5号)', async () => {
    expect(await titles('太文旅发〔2023〕15号')).toEqual(['关于公布第六批区级非遗代表性传承人的通知']);
    expect(await titles('太文旅发〔2022〕5号')).toEqual(['2022年非遗保护工作总结']);
    expect(await titles('太文旅发〔2023〕6号')).toEqual([]);
  });

  it('finds an item by its 索引号', async () => {
    const result = await search(indexNos['xuke']!);
    expect(result.exact).toBe('indexNo');
    expect(result.items.map((h) => h.title)).toEqual(['2023年第三季度行政许可办理结果']);
    expect(result.items[0]!.url).toBe(`/items/${encodeURIComponent(indexNos['xuke']!)}`);
    expect(result.items[0]!.url).toContain('%2F');
  });
});

describe('only published items', () => {
  it('never finds drafts, items in review or withdrawn items, by words, 文号 or 索引号', async () => {
    for (const q of ['非遗', '行政许可', '草稿', '撤回', '待签发', '非遗认定结果公示']) {
      const found = await titles(q);
      expect(found.some((t) => t.includes('草稿') || t.includes('撤回') || t.includes('待签发')), q).toBe(false);
    }
    expect((await search('太文旅发〔2023〕99号')).total).toBe(0);
    expect((await search('太文旅发〔2023〕98号')).total).toBe(0);
    expect((await search(indexNos['withdrawn']!)).total).toBe(0);
    expect((await search(indexNos['draft']!)).total).toBe(0);
    expect((await search('', { pageSize: 50 })).items.map((h) => h.title).filter((t) => t.includes('草稿') || t.includes('撤回'))).toEqual([]);
  });
});

describe('filters', () => {
  it('an agency covers the agencies under it: a government its departments, a department only itself', async () => {
    const byGovernment = await titles('非遗', { agencyId: government.id });
    expect(byGovernment).toContain('2023年市场监管工作总结'); // 市场监督管理局, under the government
    expect(byGovernment).toContain('2023年非遗认定结果公示'); // 文旅局
    expect(byGovernment).not.toContain('海州区非遗认定结果公示');
    const byDept = await titles('非遗', { agencyId: wenlv.id });
    expect(byDept).not.toContain('2023年市场监管工作总结');
    expect(byDept).toContain('2023年非遗认定结果公示');
    expect(await titles('非遗', { agencyId: otherGovernment.id })).toEqual(['海州区非遗认定结果公示']);
    expect((await search('非遗', { agencyId: 999_999 })).total).toBe(0);
  });

  it('第二十条 item, 主题, 体裁 and year combine with the words', async () => {
    expect(await titles('许可', { article20Item: 'licensing' })).toEqual(['2023年第三季度行政许可办理结果']);
    expect(await titles('非遗', { topic: '文化、广电、新闻出版' })).toEqual(['2023年非遗认定结果公示']);
    expect(await titles('非遗', { genre: '政策解读' })).toEqual(['关于非遗认定结果公示的政策解读']);
    expect(await titles('非遗', { year: 2022 })).toEqual(['2022年非遗保护工作总结']);
    expect(await titles('非遗', { year: 2024 })).toEqual(['2023年市场监管工作总结']);
    expect(await titles('', { year: 2022 })).toEqual(['2022年非遗保护工作总结']);
    expect((await search('太文旅发〔2023〕5号', { year: 2022 })).total).toBe(0);
    expect((await search(indexNos['xuke']!, { agencyId: wenlv.id })).total).toBe(0);
  });
});

describe('order', () => {
  it('relevance: titles holding every word first, newest first, then the matches in bodies', async () => {
    expect(await titles('非遗')).toEqual([
      '关于公布第六批区级非遗代表性传承人的通知', // 2023-05-20
      '海州区非遗认定结果公示', // 2023-04-01
      '关于非遗认定结果公示的政策解读', // 2023-03-12
      '2023年非遗认定结果公示', // 2023-03-10
      '2022年非遗保护工作总结', // 2022-12-30
      '2023年市场监管工作总结', // body only, though the newest (2024-01-15)
    ]);
  });

  it('date: newest first whatever the tier', async () => {
    const found = await titles('非遗', { order: 'date' });
    expect(found[0]).toBe('2023年市场监管工作总结');
    expect(found.at(-1)).toBe('2022年非遗保护工作总结');
  });

  it('pages', async () => {
    const first = await search('非遗', { pageSize: 4 });
    const second = await search('非遗', { pageSize: 4, page: 2 });
    expect(first).toMatchObject({ total: 6, capped: false, pages: 2, page: 1 });
    expect(first.items).toHaveLength(4);
    expect(second.items.map((h) => h.title)).toEqual(['2022年非遗保护工作总结', '2023年市场监管工作总结']);
  });
});

describe('snippets', () => {
  it('marks the words in a passage of the body', async () => {
    const hit = (await search('非物质文化遗产')).items[0]!;
    expect(hit.snippet).toContain('<mark>非物质文化遗产</mark>');
    expect(hit.snippetParts.some((p) => p.hit && p.text === '非物质文化遗产')).toBe(true);
  });

  it('escapes what an item holds: a title or body with <script> is text', async () => {
    const hit = (await search('演出许可')).items.find((h) => h.title.startsWith('<script>'))!;
    expect(hit.snippet).not.toContain('<script');
    expect(hit.snippet).toContain('&lt;script&gt;');
    expect(hit.snippet).toContain('&amp;');
    expect(hit.snippet).toContain('<mark>演出许可</mark>');
    expect(hit.titleParts.map((p) => p.text).join('')).toBe('<script>alert(1)</script>演出许可公告');
  });

  it('starts near the first word of a long body, marked with …', async () => {
    const long = '这是一段很长的开头。'.repeat(30) + '最后提到了量子纠缠实验的结果。';
    await insertTestItem(services.db, { agencyId: wenlv.id, title: '长篇正文测试', body: long, publishedOn: '2021-01-01' });
    const hit = (await search('量子纠缠')).items[0]!;
    expect(hit.snippet.startsWith('…')).toBe(true);
    expect(hit.snippet).toContain('<mark>量子纠缠</mark>');
    expect(hit.snippetParts.map((p) => p.text).join('').length).toBeLessThan(110);
  });
});

describe('at scale', () => {
  it(`gives the same answer when the words are older than the newest ${WINDOW_TITLES} items, and caps the total at 1,000`, async () => {
    const scale = await addAgency(services, '规模测试局', 'department', government);
    // Old items with a rare word: two in titles, one in a body only.
    await insertTestItem(services.db, { agencyId: scale.id, title: '老旧档案数字化罕见词测试', publishedOn: '2015-05-05', body: '正文。' });
    await insertTestItem(services.db, { agencyId: scale.id, title: '罕见词测试第二件', publishedOn: '2014-04-04', body: '正文。' });
    await insertTestItem(services.db, { agencyId: scale.id, title: '正文提及的一件', publishedOn: '2016-06-06', body: '这里写着罕见词测试。' });
    await insertFillerItems(services.db, scale.id, WINDOW_TITLES + 500, '2020-01-01');
    const result = await search('罕见词测试');
    expect(result.items.map((h) => h.title)).toEqual(['老旧档案数字化罕见词测试', '罕见词测试第二件', '正文提及的一件']);
    expect(result.total).toBe(3);
    expect((await search('罕见词测试', { order: 'date' })).items.map((h) => h.title)).toEqual(['正文提及的一件', '老旧档案数字化罕见词测试', '罕见词测试第二件']);
    expect((await search('罕见词测试', { agencyId: government.id })).total).toBe(3);
    expect((await search('罕见词测试', { agencyId: scale.id })).total).toBe(3);

    const many = await search('工作动态');
    expect(many).toMatchObject({ total: 1000, capped: true, pages: 50 });
    expect(many.items).toHaveLength(20);
    const last = await search('工作动态', { page: 50 });
    expect(last.items).toHaveLength(20);
    expect(new Set([...many.items, ...last.items].map((h) => h.id)).size).toBe(40);
    expect((await search('', { agencyId: scale.id })).capped).toBe(true);
    // Counted within the filters: the agency's items read, the year's through the index.
    expect(await search('工作动态', { agencyId: scale.id })).toMatchObject({ total: 1000, capped: true });
    expect(await search('工作动态', { agencyId: government.id, order: 'date' })).toMatchObject({ total: 1000, capped: true });
    expect((await search('工作动态', { year: 2019 })).capped).toBe(true);
    expect(await search('工作动态', { year: 2020 })).toMatchObject({ total: 0, capped: false });
  });
});
