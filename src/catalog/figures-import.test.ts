/**
 * `gongkai catalog figures import` on the real database: a good CSV (UTF-8 or GB18030, Chinese or
 * English headings), XLSX and JSON lines file is stored, replacing the year's figures and audited; a
 * file with bad rows stores nothing and names every refused row; unreadable files are refused whole.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { testDir } from '../../test/support/temp-dir.ts';
import type { Agency } from '../platform/accounts/store.ts';
import type { CliContext, CliIo } from '../platform/cli/types.ts';
import type { Services } from '../platform/services.ts';
import { runFiguresImport } from './figures-cli.ts';
import { readFiguresCsv } from './figures-file.ts';
import { table2Of } from './table2-service.ts';

let services: Services;
let culture: Agency;
let education: Agency;

beforeAll(async () => {
  services = await createTestServices();
  culture = await addAgency(services, '导入测试县文化旅游局');
  education = await addAgency(services, '导入测试县教育局');
}, 60_000);
afterAll(async () => services?.close());

const context: CliContext = { openServices: async () => ({ ...services, close: async () => undefined }), actor: () => 'tester' };

/** Runs the import of a file with these bytes; what it printed and its exit code. */
async function importFile(name: string, bytes: Uint8Array | string, json = true): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = path.join(await testDir('figures'), name);
  await writeFile(file, bytes);
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '' };
  const code = await runFiguresImport({ values: json ? { json: true } : {}, positionals: [file] }, io, context);
  return { code, stdout, stderr };
}

const figuresOf = async (agency: Agency, year: number) => {
  const t = await table2Of(services.db, agency.id, year);
  return [t.licensing.decisions, t.punishment.decisions, t.enforcement.decisions, t.fees.amountWan];
};

describe('a good file', () => {
  it('CSV in UTF-8 with a BOM and Chinese headings: every row stored, blanks null, audited as the command line', async () => {
    const csv = '\uFEFF机关,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\r\n'
      + '导入测试县文化旅游局,2023,71,0,,0\r\n'
      + '"导入测试县教育局",2023,12,3,1,"5949.088667"\r\n'
      + ',,,,,\r\n'
      + '导入测试县教育局,2022,,,,\r\n';
    const run = await importFile('figures.csv', csv);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ imported: 3, rows: [
      { line: 2, agencyId: culture.id, agency: culture.name, year: 2023, replaced: false },
      { line: 3, agencyId: education.id, agency: education.name, year: 2023, replaced: false },
      { line: 5, agencyId: education.id, agency: education.name, year: 2022, replaced: false },
    ] });
    expect(await figuresOf(culture, 2023)).toEqual([71, 0, null, 0]);
    expect(await figuresOf(education, 2023)).toEqual([12, 3, 1, 5949.088667]);
    expect(await figuresOf(education, 2022)).toEqual([null, null, null, null]);
    const { rows } = await services.db.query<{ actor: string; details: { source: string } }>(
      "SELECT actor, details FROM audit_log WHERE action = 'catalog.figures' AND agency_id = $1 ORDER BY id", [culture.id]);
    expect(rows).toEqual([expect.objectContaining({ actor: 'cli:tester', details: expect.objectContaining({ source: 'import' }) })]);
  });

  it('CSV saved by Excel on Chinese Windows (GB18030), English headings: replaces the year’s figures', async () => {
    const csv = 'agency,year,licensing,punishment,enforcement,feesWan\r\n导入测试县文化旅游局,2023,72,,,1.5\r\n';
    const run = await importFile('figures-gbk.csv', iconv.encode(csv, 'gb18030'), false);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已导入 1 行表二填报数字（其中 1 行替换了已有的数字）');
    expect(await figuresOf(culture, 2023)).toEqual([72, null, null, 1.5]);
  });

  it('XLSX (numbers as cells, headings “中文（key）”) and JSON lines', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('表二填报');
    sheet.addRow(['机关（agency）', '年度（year）', '行政许可（licensing）', '行政处罚（punishment）', '行政强制（enforcement）', '行政事业性收费（万元）（feesWan）']);
    sheet.addRow([culture.name, 2021, 5, 6, 7, 0.25]);
    const xlsx = await importFile('figures.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(xlsx.code).toBe(0);
    expect(await figuresOf(culture, 2021)).toEqual([5, 6, 7, 0.25]);
    const jsonl = await importFile('figures.jsonl', `{"agency": "${education.name}", "year": 2021, "licensing": 9, "feesWan": "2"}\n`);
    expect(jsonl.code).toBe(0);
    expect(await figuresOf(education, 2021)).toEqual([9, null, null, 2]);
  });
});

describe('a file with bad rows: nothing stored, every refused row named', () => {
  it('unknown agency, bad numbers, a future year, a duplicate, an extra cell', async () => {
    const csv = [
      'agency,year,licensing,punishment,enforcement,feesWan',
      '导入测试县文化旅游局,2020,1,1,1,1',
      '没有这个局,2020,1,,,',
      '导入测试县教育局,2020,-3,1.5,,3万',
      '导入测试县教育局,2031,,,,',
      '导入测试县文化旅游局,2020,2,,,',
      '导入测试县教育局,2019,1,,,,多出来的',
    ].join('\n');
    const run = await importFile('bad.csv', csv);
    expect(run.code).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: { field: string; message: string; details: { line: number; field: string; message: string }[] } };
    expect(error.message).toBe('有 5 行不能导入，所有行都未导入：请改正后重新导入整个文件。');
    expect(error.details.map((d) => [d.line, d.field])).toEqual([
      [3, 'agency'], [4, 'licensing'], [4, 'punishment'], [4, 'feesWan'], [5, 'year'], [6, 'year'], [7, 'FILE'],
    ]);
    expect(error.details[0]!.message).toContain('没有名为“没有这个局”的机关');
    expect(error.details[4]!.message).toContain('不能填报今年');
    expect(error.details[5]!.message).toContain('与第 2 行重复');
    // The good first row was not stored either.
    expect(await figuresOf(culture, 2020)).toEqual([null, null, null, null]);
    const human = await importFile('bad.csv', csv, false);
    expect(human.stderr).toContain('第 3 行：机关（agency）：没有名为“没有这个局”的机关');
  });

  it('files refused whole: a missing column, an unknown heading, broken quoting, not an XLSX, another extension', async () => {
    const refused = async (name: string, bytes: string) => {
      const run = await importFile(name, bytes);
      expect(run.code, name).toBe(2);
      return (JSON.parse(run.stdout) as { error: { field: string; message: string } }).error;
    };
    expect((await refused('a.csv', 'agency,year,licensing\n导入测试县教育局,2020,1\n')).message).toContain('缺少 行政处罚（punishment）、行政强制（enforcement）、行政事业性收费（万元）（feesWan） 列');
    expect((await refused('b.csv', 'agency,year,licensing,punishment,enforcement,feesWan,备注\n')).message).toContain('不认识的列 “备注”');
    expect((await refused('c.csv', 'agency,year,licensing,punishment,enforcement,feesWan\n"导入测试县教育局,2020,1,,,\n')).message).toContain('引号未成对');
    expect((await refused('d.xlsx', 'agency,year\n')).message).toContain('另存为 .xlsx');
    expect(await refused('e.txt', 'x')).toEqual({ field: 'FILE', message: '文件应为 .csv、.xlsx 或 .jsonl，实际为“.txt”' });
  });

  it('CSV cells stay text: a leading-zero or date-like value is not reinterpreted', async () => {
    const lines = await readFiguresCsv(new TextEncoder().encode('agency,year,licensing,punishment,enforcement,feesWan\n局,2023,007,2023-01-01,,\n'));
    expect(lines).toEqual([{ line: 2, value: { agency: '局', year: '2023', licensing: '007', punishment: '2023-01-01', enforcement: null, feesWan: null } }]);
  });
});
