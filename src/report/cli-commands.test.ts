import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../../test/support/cli.ts';
import { corpusPath } from '../../test/support/corpus.ts';
import { testDir } from '../../test/support/temp-dir.ts';
import { readZipEntries } from '../../test/support/zip-writer.ts';

const seed = corpusPath('seed-taiping-wenlv-2023.txt');
const seedTruth = corpusPath('seed-taiping-wenlv-2023.truth.json');

/** A clean canonical report (the seed's truth) with one cell changed to break T3-ROW-TOTAL. */
async function brokenReportFile(dir: string): Promise<string> {
  const report = JSON.parse(await readFile(seedTruth, 'utf8'));
  report.table3.rows.newReceived = [3, 0, 0, 0, 0, 0, 2];
  const file = path.join(dir, 'broken.json');
  await writeFile(file, JSON.stringify(report));
  return file;
}

describe('gongkai report import --json', () => {
  it('prints one canonical JSON object per file, one per line, with a warnings array', async () => {
    const run = await runCli(['report', 'import', seed, seedTruth, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const report = JSON.parse(line);
      expect(report.agency).toBe('阜新市太平区文化旅游和广播电视局');
      expect(report.year).toBe(2023);
      expect(report.format).toBe('2021');
      expect(Array.isArray(report.warnings)).toBe(true);
      expect(report.table3.rows.totalProcessed).toHaveLength(7);
    }
  });

  it('reports an unreadable file on stderr, exits 2 and still prints the others', async () => {
    const run = await runCli(['report', 'import', '/nonexistent/report.txt', seed, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/nonexistent/report.txt');
    expect(run.stderr).toContain('文件不存在');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe('gongkai report validate --json', () => {
  it('exits 0 and lists no error for the clean seed truth', async () => {
    const run = await runCli(['report', 'validate', seedTruth, '--json']);
    const line = JSON.parse(run.stdout.trim());
    expect(line.file).toBe(seedTruth);
    expect(line.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('exits 1 and names the rule and cells when a row total is wrong', async () => {
    const dir = await testDir('cli');
    const file = await brokenReportFile(dir);
    const run = await runCli(['report', 'validate', file, '--json']);
    expect(run.code).toBe(1);
    const { findings } = JSON.parse(run.stdout.trim());
    const rowTotal = findings.find((f: { rule: string }) => f.rule === 'T3-ROW-TOTAL');
    expect(rowTotal).toMatchObject({ severity: 'error' });
    expect(rowTotal.cells).toContain('t3.newReceived[6]');
    expect(rowTotal.message).toMatch(/本年新收/);
  });

  it('exits 2 when one file cannot be read, after checking the others', async () => {
    const dir = await testDir('cli');
    const garbage = path.join(dir, 'garbage.pdf');
    await writeFile(garbage, 'not a pdf at all');
    const run = await runCli(['report', 'validate', garbage, seedTruth, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('garbage.pdf');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('checks carried-over applications against --previous (X-CARRY)', async () => {
    const dir = await testDir('cli');
    const previous = JSON.parse(await readFile(seedTruth, 'utf8'));
    previous.year = 2022;
    previous.table3.rows.carriedForward = [1, 0, 0, 0, 0, 0, 1];
    const previousFile = path.join(dir, 'previous.json');
    await writeFile(previousFile, JSON.stringify(previous));
    const run = await runCli(['report', 'validate', seedTruth, '--previous', previousFile, '--json']);
    expect(run.code).toBe(1);
    const { findings } = JSON.parse(run.stdout.trim());
    const carry = findings.filter((f: { rule: string }) => f.rule === 'X-CARRY');
    expect(carry.length).toBeGreaterThan(0);
    expect(carry.flatMap((f: { cells: string[] }) => f.cells)).toContain('t3.carriedOver[0]');
  });

  it('prints a readable Chinese summary without --json', async () => {
    const run = await runCli(['report', 'validate', seedTruth]);
    expect(run.stdout).toContain('阜新市太平区文化旅游和广播电视局');
    expect(run.stdout).toMatch(/错误 0 项/);
  });
});

describe('gongkai report render', () => {
  it('writes JSON that imports back to the same tables', async () => {
    const dir = await testDir('cli');
    const out = path.join(dir, 'seed.json');
    const render = await runCli(['report', 'render', seedTruth, '--format', 'json', '-o', out]);
    expect(render.code, render.stderr).toBe(0);
    const back = await runCli(['report', 'import', out, '--json']);
    const truth = JSON.parse(await readFile(seedTruth, 'utf8'));
    const report = JSON.parse(back.stdout);
    expect(report.table3).toEqual(truth.table3);
    expect(report.table2).toEqual(truth.table2);
    expect(report.table4).toEqual(truth.table4);
  });

  it('says in Chinese why the output cannot be written, with exit code 2', async () => {
    const dir = await testDir('cli');
    const run = await runCli(['report', 'render', seedTruth, '--format', 'json', '-o', path.join(dir, 'no-such-dir', 'x.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('所在目录不存在');
  });

  it('refuses an unknown format with a message naming the option', async () => {
    const run = await runCli(['report', 'render', seedTruth, '--format', 'pdf', '-o', '/tmp/x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format');
  });
});

describe('gongkai report validate of a folder (an evaluator\'s bulk check)', () => {
  it('reads every report file under the folder on several workers, prints one line per file in order, and a bad file fails alone', async () => {
    const dir = await testDir('cli-folder');
    const names = ['a-seed.txt', 'b-pingtan.txt', 'c-kewei.md', 'd-shuyang.html'];
    const sources = ['seed-taiping-wenlv-2023.txt', 'pingtan-2023.txt', 'shanghai-kewei-2024.md', 'shuyang-fgj-2023.html'];
    for (const [i, name] of names.entries()) await writeFile(path.join(dir, name), await readFile(corpusPath(sources[i]!)));
    await writeFile(path.join(dir, 'bb-not-a-report.txt'), '这不是年度报告。');
    await writeFile(path.join(dir, 'notes.doc'), 'ignored: not a report form');
    const run = await runCli(['report', 'validate', dir, '--json', '--jobs', '2']);
    expect(run.code).toBe(2);
    const files = run.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { file: string }).file);
    expect(files).toEqual(['a-seed.txt', 'b-pingtan.txt', 'c-kewei.md', 'd-shuyang.html'].map((n) => path.join(dir, n)));
    expect(run.stderr).toContain('bb-not-a-report.txt');
    expect(run.stderr).not.toContain('notes.doc');
  });

  it('says when a folder or a quoted glob names no report, and refuses a bad --jobs', async () => {
    const dir = await testDir('cli-empty');
    const run = await runCli(['report', 'validate', dir, path.join(dir, '*.pdf'), '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('目录中没有可读取的报告文件');
    expect(run.stderr).toContain('没有与之匹配的文件');
    const jobs = await runCli(['report', 'import', seed, '--jobs', 'many']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain('--jobs 应为 1 到 256 的整数');
  });
});

describe('gongkai report validate --format docx (the 检查意见 as Word)', () => {
  /** The paragraphs' text of a DOCX's body. */
  async function docxText(file: string): Promise<string> {
    const entries = await readZipEntries(new Uint8Array(await readFile(file)));
    const xml = entries.find((e) => e.name === 'word/document.xml')?.data.toString('utf8') ?? '';
    return [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join('');
  }

  it('writes the 检查意见 of one file to -o, keeping the exit code (1: a finding is an error)', async () => {
    const dir = await testDir('cli-docx');
    const file = await brokenReportFile(dir);
    const out = path.join(dir, '检查意见.docx');
    const run = await runCli(['report', 'validate', file, '--format', 'docx', '-o', out]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain(`检查意见已输出到 ${out}`);
    const text = await docxText(out);
    expect(text).toContain('关于阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告的检查意见');
    expect(text).toContain('表三「一、本年新收政府信息公开申请数量」行「总计」列应为 3');
    expect(text).toContain('表三「一、本年新收政府信息公开申请数量」行「总计」列 = 2');
    expect(text).not.toContain('T3-ROW-TOTAL');
    expect(text).not.toContain('t3.');
  });

  it('writes one 检查意见 per file into the folder -o names when several files are checked', async () => {
    const dir = await testDir('cli-docx');
    const broken = await brokenReportFile(dir);
    const out = path.join(dir, '意见');
    const run = await runCli(['report', 'validate', seedTruth, broken, '--format', 'docx', '-o', out]);
    expect(run.code, run.stderr).toBe(1);
    expect((await readdir(out)).sort()).toEqual(['broken-检查意见.docx', 'seed-taiping-wenlv-2023.truth-检查意见.docx']);
    expect(await docxText(path.join(out, 'seed-taiping-wenlv-2023.truth-检查意见.docx'))).toContain('未发现错误或需要核实的事项');
    const again = await runCli(['report', 'validate', seedTruth, '--format', 'docx', '-o', `${out}/`]);
    expect(again.code, again.stderr).toBe(0);
  });

  it('refuses --format docx without -o, -o without it, another format, and --json with it (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['--format', 'docx'], '需要 -o OUT'],
      [['-o', 'x.docx'], '-o 只与 --format docx 一起使用'],
      [['--format', 'pdf', '-o', 'x.pdf'], '--format 应为 docx'],
      [['--format', 'docx', '-o', 'x.docx', '--json'], '--json 与 --format docx 不能同时使用'],
    ];
    for (const [options, message] of cases) {
      const run = await runCli(['report', 'validate', seedTruth, ...options]);
      expect(run.code, options.join(' ')).toBe(2);
      expect(run.stdout + run.stderr, options.join(' ')).toContain(message);
    }
  });

  it('says why the 检查意见 cannot be written (exit 2)', async () => {
    const dir = await testDir('cli-docx');
    const run = await runCli(['report', 'validate', seedTruth, '--format', 'docx', '-o', path.join(dir, 'no-such-dir', 'x.docx')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('所在目录不存在');
  });
});

describe('gongkai report validate, readable summary', () => {
  it('does not call a report without problems when cells could not be read: it says how many, and no CELL-BLANK', async () => {
    const run = await runCli(['report', 'validate', corpusPath('pingtan-2023.txt')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('有 3 格程序未能读出');
    expect(run.stdout).not.toContain('✓ 未发现问题');
    expect(run.stdout).not.toContain('CELL-BLANK');
  });
});
