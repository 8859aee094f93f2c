import ExcelJS from 'exceljs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';
import { corpusPath } from '../../../test/support/corpus.ts';
import { testDir } from '../../../test/support/temp-dir.ts';

const FILES = ['pingtan-gaj-2021.txt', 'pingtan-hzs-2023.txt', 'seed-taiping-wenlv-2023.txt'];

/** A CSV as rows of fields (the test's reports have no commas or quotes in their fields). */
const rowsOf = (text: string) => text.replace(/^\ufeff/, '').trimEnd().split('\r\n').map((l) => l.split(','));

describe('gongkai report validate DIR --csv OUT --xlsx OUT', () => {
  it('writes one row per report and one column per cell path, the findings beside it, as the import reads them; the usual output and exit code stay', async () => {
    const dir = await testDir('validate-csv');
    const reports = path.join(dir, 'reports');
    await mkdir(reports);
    for (const name of FILES) await copyFile(corpusPath(name), path.join(reports, name));
    const out = path.join(dir, '全部.csv');
    const book = path.join(dir, '全部.xlsx');
    const run = await runCli(['report', 'validate', reports, '--csv', out, '--xlsx', book, '--jobs', '2']);
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toContain(`已输出 ${out}（3 份报告）`);
    expect(run.stdout).toContain('错误');
    const imported = await runCli(['report', 'import', reports, '--json', '--jobs', '2']);
    const canonical = imported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { agency: string; year: number; table3: { rows: Record<string, (number | null)[]> } });

    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = rowsOf(bytes.toString('utf8'));
    expect(header!.slice(0, 7)).toEqual(['report', 'file', 'agency', 'year', 'format', 'errors', 'warnings']);
    expect(rows.map((r) => r[1])).toEqual(FILES);
    const at = (name: string) => header!.indexOf(name);
    for (const [i, report] of canonical.entries()) {
      expect(rows[i]![at('agency')]).toBe(report.agency);
      expect(rows[i]![at('year')]).toBe(String(report.year));
      expect(rows[i]![at('t3.newReceived[6]')]).toBe(String(report.table3.rows.newReceived?.[6] ?? ''));
      expect(rows[i]![at('t3.granted[6]')]).toBe(String(report.table3.rows.granted?.[6] ?? ''));
    }
    const findings = rowsOf(await readFile(path.join(dir, '全部-findings.csv'), 'utf8'));
    expect(findings[0]).toEqual(['report', 'agency', 'year', 'rule', 'ruleName', 'severity', 'cells', 'message']);
    const errors = rows.reduce((n, r) => n + Number(r[at('errors')]) + Number(r[at('warnings')]), 0);
    expect(findings.length - 1).toBe(errors);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await readFile(book) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('报告')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(sheet.getRow(2).getCell(at('t3.newReceived[6]') + 1).value).toBe(canonical[0]!.table3.rows.newReceived?.[6] ?? null);
  }, 120_000);

  it('says so and exits 2 when the table cannot be written', async () => {
    const run = await runCli(['report', 'validate', corpusPath('seed-taiping-wenlv-2023.txt'), '--csv', '/nonexistent/dir/x.csv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('无法写入 /nonexistent/dir/x.csv：所在目录不存在');
  });
});
