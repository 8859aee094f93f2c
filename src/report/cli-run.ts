/**
 * What `gongkai report import|validate|render` do (declared in cli-commands.ts). Each file is
 * processed on its own: one unreadable file never stops the others.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { UsageError } from '../platform/cli/args.ts';
import type { CliIo, CommandRun, OptionValues } from '../platform/cli/types.ts';
import type { IMPORT_OPTIONS, RENDER_OPTIONS, VALIDATE_OPTIONS } from './cli-commands.ts';
import { expandInputs, importInThread, importMany } from './import/batch.ts';
import type { AnnualReport } from './model.ts';
import { validateReport } from './rules.ts';
import type { Finding } from './findings.ts';
import { renderReport, RENDER_FORMATS, type RenderFormat } from './render/index.ts';
import { toCanonicalReport } from './render/json.ts';
import { formatFindingsSummary, formatImportSummary } from './cli-summary.ts';
import { isPreviousYear } from './rules/cross-year.ts';
import { buildCheckResult, checkDateOf } from './render/check-result.ts';
import type { ExportedReport } from './evaluate/batch-export.ts';

/** Reads and imports one file; on failure writes the reason to stderr and returns undefined. */
async function loadReport(file: string, io: CliIo): Promise<AnnualReport | undefined> {
  const outcome = await importInThread(file);
  if (outcome.ok) return outcome.result.report;
  io.stderr(`${outcome.message}\n`);
  return undefined;
}

/**
 * The files the arguments name (folders and quoted globs expanded), each read as it comes back
 * from the workers, in order. An argument that names nothing, or a file that cannot be read, is
 * said on stderr; `each` runs for the others. Resolves to whether anything failed.
 */
async function forEachReport(
  args: readonly string[], jobs: string | undefined, io: CliIo, each: (file: string, report: AnnualReport) => void | Promise<void>,
): Promise<{ failed: boolean } | { badJobs: string }> {
  const parallelism = jobs === undefined ? undefined : Number(jobs);
  if (parallelism !== undefined && !(Number.isInteger(parallelism) && parallelism >= 1 && parallelism <= 256)) return { badJobs: jobs ?? '' };
  const { files, problems } = await expandInputs(args);
  for (const problem of problems) io.stderr(`${problem.message}\n`);
  let failed = problems.length > 0;
  for await (const outcome of importMany(files, parallelism === undefined ? {} : { parallelism })) {
    if (outcome.ok) await each(outcome.file, outcome.result.report);
    else {
      io.stderr(`${outcome.message}\n`);
      failed = true;
    }
  }
  return { failed };
}

const badJobs = (io: CliIo, value: string): number => {
  io.stderr(`--jobs 应为 1 到 256 的整数，实际为「${value}」\n`);
  return 2;
};

/** `gongkai report import FILE|DIR… [--json]`: exit 2 when a file cannot be read. */
export const runImport: CommandRun<typeof IMPORT_OPTIONS> = async ({ positionals, values }, io) => {
  const result = await forEachReport(positionals, values.jobs, io, (file, report) => {
    if (values.json) io.stdout(JSON.stringify({ ...toCanonicalReport(report), warnings: report.warnings ?? [] }) + '\n');
    else io.stdout(formatImportSummary(file, report));
  });
  if ('badJobs' in result) return badJobs(io, result.badJobs);
  return result.failed ? 2 : 0;
};

/**
 * `gongkai report validate FILE|DIR… [--previous FILE] [--json | --format docx -o OUT]`: exit 1 when
 * a finding is an error, 2 when a file cannot be read or its 检查意见 cannot be written.
 */
export const runValidate: CommandRun<typeof VALIDATE_OPTIONS> = async ({ positionals, values }, io) => {
  checkResultOptions(values);
  const writeCheckResult = values.format === 'docx' ? await checkResultWriter(positionals, values.output ?? '', io) : undefined;
  let unreadable = false;
  let anyError = false;
  let previous: AnnualReport | undefined;
  const previousFile = values.previous;
  if (previousFile !== undefined) {
    previous = await loadReport(previousFile, io);
    if (!previous) unreadable = true;
  }
  // --csv / --xlsx: every report's canonical data and findings, written once all are read.
  const table: ExportedReport[] | undefined = values.csv !== undefined || values.xlsx !== undefined ? [] : undefined;
  const result = await forEachReport(positionals, values.jobs, io, async (file, report) => {
    const findings: Finding[] = validateReport(report, previous ? { previous } : {});
    if (findings.some((f) => f.severity === 'error')) anyError = true;
    table?.push({ ref: file, fileName: basename(file), canonical: toCanonicalReport(report), findings });
    if (writeCheckResult) {
      if (!(await writeCheckResult(file, report, findings, previous))) unreadable = true;
    } else if (values.json) {
      const shaped = findings.map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells, message: f.message }));
      io.stdout(JSON.stringify({ file, findings: shaped }) + '\n');
    } else {
      io.stdout(formatFindingsSummary(file, report, findings));
    }
  });
  if ('badJobs' in result) return badJobs(io, result.badJobs);
  if (table && !(await writeTables(table, values.csv, values.xlsx, io))) unreadable = true;
  return unreadable || result.failed ? 2 : anyError ? 1 : 0;
};

/**
 * Writes the all-reports table (evaluate/batch-export.ts, the same as a batch's download): as CSV
 * to `csv` with the findings beside it (「stem」-findings.csv), and/or as XLSX to `xlsx`. Resolves
 * to false, having said why, when a file cannot be written.
 */
async function writeTables(reports: readonly ExportedReport[], csv: string | undefined, xlsx: string | undefined, io: CliIo): Promise<boolean> {
  const { findingsTable, reportsTable, toCsv, toXlsx } = await import('./evaluate/batch-export.ts');
  const outputs: [string, () => Uint8Array | Promise<Uint8Array>][] = [];
  if (csv !== undefined) {
    outputs.push([csv, () => toCsv(reportsTable(reports))]);
    outputs.push([`${csv.replace(/\.csv$/i, '')}-findings.csv`, () => toCsv(findingsTable(reports))]);
  }
  if (xlsx !== undefined) outputs.push([xlsx, () => toXlsx(reports)]);
  let ok = true;
  for (const [out, bytes] of outputs) {
    try {
      await writeFile(out, await bytes());
      io.stdout(`已输出 ${out}（${reports.length} 份报告）\n`);
    } catch (error) {
      io.stderr(`无法写入 ${out}：${writeFailure(error)}\n`);
      ok = false;
    }
  }
  return ok;
}

/** `--format docx -o OUT` go together, and not with --json (which prints the findings instead). */
function checkResultOptions(values: OptionValues<typeof VALIDATE_OPTIONS>): void {
  if (values.format !== undefined && values.format !== 'docx') {
    throw new UsageError(`--format 应为 docx（检查意见的 Word 文件），实际为「${values.format}」；要 JSON 请用 --json`);
  }
  if (values.format === 'docx' && values.output === undefined) throw new UsageError('--format docx 需要 -o OUT：检查意见写入的文件（检查多个文件时为目录）');
  if (values.format === undefined && values.output !== undefined) throw new UsageError('-o 只与 --format docx 一起使用：把检查意见写成 Word 文件');
  if (values.format === 'docx' && values.json) {
    throw new UsageError('--json 与 --format docx 不能同时使用：--json 把检查结果逐行输出到屏幕，--format docx 把检查意见写入文件，请分两次运行');
  }
}

type CheckResultWriter = (file: string, report: AnnualReport, findings: readonly Finding[], previous: AnnualReport | undefined) => Promise<boolean>;

/**
 * Writes each report's 检查意见 (render/check-result.ts) as DOCX, dated today: into the file `output`
 * when one file is checked, else — several files, or `output` a folder — one per report into the
 * folder `output` (made if absent), named after the report's file (「原文件名-检查意见.docx」, -2, -3 …
 * when two files share a name). Resolves to false, having said why, when a file cannot be written.
 */
async function checkResultWriter(args: readonly string[], output: string, io: CliIo): Promise<CheckResultWriter> {
  const { files } = await expandInputs(args);
  const intoFolder = files.length > 1 || /[\\/]$/.test(output) || (await stat(output).catch(() => undefined))?.isDirectory() === true;
  const folderProblem = intoFolder ? await mkdir(output, { recursive: true }).then(() => undefined, writeFailure) : undefined;
  if (folderProblem !== undefined) io.stderr(`无法建立检查意见的输出目录 ${output}：${folderProblem}\n`);
  const checkedOn = checkDateOf(new Date());
  const used = new Set<string>();
  return async (file, report, findings, previous) => {
    if (folderProblem !== undefined) return false;
    let out = output;
    if (intoFolder) {
      const stem = basename(file, extname(file));
      let name = `${stem}-检查意见.docx`;
      for (let n = 2; used.has(name); n += 1) name = `${stem}-检查意见-${n}.docx`;
      used.add(name);
      out = join(output, name);
    }
    const facts = previous && isPreviousYear(report, previous) ? { year: previous.year } : undefined;
    // The docx package loads only for --format docx (start-up of a plain check: BENCHMARKS).
    const { renderCheckResultDocx } = await import('./render/check-result-docx.ts');
    const bytes = await renderCheckResultDocx(buildCheckResult({ report, findings, previous: facts, checkedOn }));
    try {
      await writeFile(out, bytes);
    } catch (error) {
      io.stderr(`无法写入检查意见 ${out}：${writeFailure(error)}\n`);
      return false;
    }
    const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
    io.stdout(`${file}：错误 ${count('error')} 项，警告 ${count('warning')} 项；检查意见已输出到 ${out}\n`);
    return true;
  };
}

/** `gongkai report render FILE --format F -o OUT`: exit 2 when the file cannot be read or the output written. */
export const runRender: CommandRun<typeof RENDER_OPTIONS> = async ({ positionals, values }, io) => {
  const { format, output: out } = values;
  if (!(RENDER_FORMATS as readonly string[]).includes(format)) {
    io.stderr(`--format 应为 ${RENDER_FORMATS.join('、')} 之一，实际为「${format}」\n`);
    return 2;
  }
  const report = await loadReport(positionals[0] as string, io);
  if (!report) return 2;
  const bytes = await renderReport(report, format as RenderFormat);
  try {
    await writeFile(out, bytes);
  } catch (error) {
    io.stderr(`无法写入输出文件 ${out}：${writeFailure(error)}\n`);
    return 2;
  }
  io.stdout(`已输出 ${out}\n`);
  return 0;
};

/** Why a file could not be written, in Chinese for the usual causes. */
function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return '所在目录不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有写入权限';
  if (code === 'EISDIR') return '这是一个目录';
  if (code === 'ENOTDIR' || code === 'EEXIST') return '已有同名的文件，不是目录';
  if (code === 'ENOSPC') return '磁盘空间不足';
  return error instanceof Error ? error.message : String(error);
}
