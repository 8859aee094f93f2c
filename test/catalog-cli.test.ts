/**
 * `gongkai catalog import FILE.jsonl|FILE.xlsx --agency NAME` (issue 18 §1): the documented example
 * imported (published rows published on their old dates with their 索引号, the draft a draft), a file with
 * bad rows refused whole with every row named by its line and nothing stored, the same file again refused
 * (索引号 taken), an XLSX with Chinese headings, and a bad option named.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../src/platform/accounts/store.ts';
import type { Services } from '../src/platform/services.ts';
import { addAgency } from './support/accounts.ts';
import { runCli } from './support/cli.ts';
import { createTestServices } from './support/services.ts';
import { testDir } from './support/temp-dir.ts';

let services: Services;
let agency: Agency;
const EXAMPLE = join(import.meta.dirname, '..', 'docs', 'examples', 'catalog.jsonl');

const gongkai = (argv: readonly string[]) =>
  runCli(argv, '', { openServices: async () => ({ ...services, close: async () => undefined }), actor: () => 'tester' });
const count = async (agencyId: number) =>
  (await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_items WHERE agency_id = $1', [agencyId])).rows[0]!.n;

beforeAll(async () => {
  services = await createTestServices();
  agency = await addAgency(services, '阜新市太平区文化旅游和广播电视局');
}, 60_000);
afterAll(async () => services.close());

describe('gongkai catalog import', () => {
  it('imports the documented example: published rows as published on their dates, the draft as a draft', async () => {
    const run = await gongkai(['catalog', 'import', EXAMPLE, '--agency', agency.name, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { agencyId: number; imported: number; published: number; items: { line: number; indexNo: string; published: boolean }[] };
    expect(out).toMatchObject({ agencyId: agency.id, imported: 6, published: 5 });
    expect(out.items.map((i) => i.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out.items[0]!.indexNo).toBe('000014348/2023-00001');
    expect(out.items[2]!.indexNo).toBe(`GK${String(agency.id).padStart(6, '0')}/2023-00001`);
    const { rows } = await services.db.query<{ index_no: string; status: string; published_on: string | null; validity: string; validity_changed_on: string | null; tsv: string }>(
      'SELECT index_no, status, published_on, validity, validity_changed_on, search_tsv::text AS tsv FROM catalog_items WHERE agency_id = $1 ORDER BY id', [agency.id]);
    expect(rows.map((r) => [r.status, r.published_on])).toEqual([
      ['published', '2023-01-09'], ['published', '2023-04-14'], ['published', '2023-10-08'], ['published', '2023-02-24'], ['published', '2021-03-05'], ['draft', null],
    ]);
    expect(rows[4]).toMatchObject({ validity: 'repealed', validity_changed_on: '2023-06-30' });
    expect(rows[1]!.tsv).toContain('剪纸');
    const events = await services.db.query<{ type: string; details: Record<string, unknown> }>(
      'SELECT e.type, e.details FROM catalog_item_events e JOIN catalog_items i ON i.id = e.item_id WHERE i.agency_id = $1 ORDER BY e.id LIMIT 1', [agency.id]);
    expect(events.rows[0]).toMatchObject({ type: 'created', details: { imported: true, line: 1, publishedOn: '2023-01-09' } });
    const audit = await services.db.query('SELECT actor, details FROM audit_log WHERE action = $1 AND agency_id = $2', ['catalog.import', agency.id]);
    expect(audit.rows).toEqual([expect.objectContaining({ actor: 'cli:tester', details: expect.objectContaining({ rows: 6, published: 5 }) })]);
    const jobs = await services.db.query("SELECT 1 FROM jobs WHERE kind = 'catalog.published'");
    expect(jobs.rows).toEqual([]);
  });

  it('the same file again: refused (索引号 already there), nothing stored', async () => {
    const before = await count(agency.id);
    const run = await gongkai(['catalog', 'import', EXAMPLE, '--agency', agency.name]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('什么也没有保存');
    expect(run.stderr).toContain('第 1 行：索引号：“000014348/2023-00001”已经有了');
    expect(await count(agency.id)).toBe(before);
  });

  it('bad rows: every one named with its line and reason, nothing imported', async () => {
    const other = await addAgency(services, '导入失败测试局');
    const file = join(await testDir('catalog-cli'), 'bad.jsonl');
    const good = { title: '一条合规的信息', formedOn: '2023-03-01', publishedOn: '2023-03-02' };
    await writeFile(file, [
      JSON.stringify(good),
      JSON.stringify({ title: '日期不存在', formedOn: '2023-02-30' }),
      '{not json',
      JSON.stringify({ title: '发布早于成文', formedOn: '2023-05-01', publishedOn: '2023-04-01' }),
      '',
      JSON.stringify({ title: '含个人信息', formedOn: '2023-03-01', publishedOn: '2023-03-02', body: '<p>联系人手机 13800138000</p>' }),
      JSON.stringify({ indexNo: 'DUP/2023-00001', title: '索引号一', formedOn: '2023-03-01' }),
      JSON.stringify({ indexNo: 'DUP/2023-00001', title: '索引号二', formedOn: '2023-03-01' }),
      JSON.stringify({ title: '未知字段', formedOn: '2023-03-01', author: '张三' }),
      JSON.stringify({ title: '废止的草稿', formedOn: '2023-03-01', validity: '废止', validityChangedOn: '2023-04-01' }),
    ].join('\n'));
    const run = await gongkai(['catalog', 'import', file, '--agency', other.name, '--json']);
    expect(run.code).toBe(2);
    const error = (JSON.parse(run.stdout) as { error: { field: string; message: string; details: { line: number; field: string | null; message: string }[] } }).error;
    expect(error.field).toBe('FILE');
    expect(error.message).toContain('7 行不能导入');
    expect([...new Set(error.details.map((d) => d.line))]).toEqual([2, 3, 4, 6, 8, 9, 10]);
    const at = (line: number) => error.details.filter((d) => d.line === line).map((d) => d.message).join(' ');
    expect(at(2)).toContain('成文日期');
    expect(at(3)).toContain('不是合法的 JSON');
    expect(at(4)).toContain('早于成文日期');
    expect(at(6)).toContain('138****8000');
    expect(at(6)).not.toContain('13800138000');
    expect(at(8)).toContain('与第 7 行重复');
    expect(at(9)).toContain('author');
    expect(at(10)).toContain('只能作为已发布导入');
    expect(await count(other.id)).toBe(0);
  });

  it('an XLSX file with Chinese headings', async () => {
    const xlsxAgency = await addAgency(services, '表格导入测试局');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('信息');
    sheet.addRow(['标题', '文号', '成文日期', '发布日期', '第二十条事项', '体裁', '正文']);
    sheet.addRow(['关于印发太平区文物保护工作要点的通知', '太文旅发〔2023〕9号', new Date('2023-03-10T00:00:00Z'), '2023-03-15', '（一）', '行政规范性文件', '<p>工作要点</p>']);
    sheet.addRow(['一条草稿', null, '2023-11-01', null, 3, null, null]);
    const file = join(await testDir('catalog-cli'), 'items.xlsx');
    await writeFile(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const run = await gongkai(['catalog', 'import', file, '--agency', xlsxAgency.name]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('已导入 2 条信息');
    const { rows } = await services.db.query<{ status: string; article20_item: string; genre: string; doc_no_key: string | null; formed_on: string }>(
      'SELECT status, article20_item, genre, doc_no_key, formed_on FROM catalog_items WHERE agency_id = $1 ORDER BY id', [xlsxAgency.id]);
    expect(rows).toEqual([
      { status: 'published', article20_item: 'regulations', genre: '行政规范性文件', doc_no_key: '太文旅发〔2023〕9号', formed_on: '2023-03-10' },
      { status: 'draft', article20_item: 'plans', genre: '其他文件', doc_no_key: null, formed_on: '2023-11-01' },
    ]);
  });

  it('names a bad option or file', async () => {
    const unknown = await gongkai(['catalog', 'import', EXAMPLE, '--agency', '没有这个机关', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { field: '--agency' } });
    const wrongType = await gongkai(['catalog', 'import', join(await testDir('catalog-cli'), 'items.csv'), '--agency', agency.name]);
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toContain('.jsonl');
    const help = await runCli(['catalog', 'import', '--help']);
    expect(help.stdout).toContain('publishedOn');
    expect(help.stdout).toContain('发布日期');
  });
});
