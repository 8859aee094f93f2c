/**
 * What `gongkai report import|validate|render` do (declared in cli-commands.ts). Each file is
 * processed on its own: one unreadable file never stops the others.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CliIo, CommandRun } from '../platform/cli/types.ts';
import type { IMPORT_OPTIONS, RENDER_OPTIONS, VALIDATE_OPTIONS } from './cli-commands.ts';
import { importReport, ReportReadError } from './import/index.ts';
import { expandInputs, importMany } from './import/batch.ts';
import type { AnnualReport } from './model.ts';
import { validateReport } from './rules.ts';
import type { Finding } from './findings.ts';
import { renderReport, RENDER_FORMATS, type RenderFormat } from './render/index.ts';
import { toCanonicalReport } from './render/json.ts';
import { formatFindingsSummary, formatImportSummary } from './cli-summary.ts';

/** Reads and imports one file; on failure writes the reason to stderr and returns undefined. */
async function loadReport(file: string, io: CliIo): Promise<AnnualReport | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`${file}：无法读取文件（${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : String(code ?? error)}）\n`);
    return undefined;
  }
  try {
    return (await importReport({ name: basename(file), bytes })).report;
  } catch (error) {
    if (error instanceof ReportReadError) {
      io.stderr(`${file}：${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

/**
 * The files the arguments name (folders and quoted globs expanded), each read as it comes back
 * from the workers, in order. An argument that names nothing, or a file that cannot be read, is
 * said on stderr; `each` runs for the others. Resolves to whether anything failed.
 */
async function forEachReport(
  args: readonly string[], jobs: string | undefined, io: CliIo, each: (file: string, report: AnnualReport) => void,
): Promise<{ failed: boolean } | { badJobs: string }> {
  const parallelism = jobs === undefined ? undefined : Number(jobs);
  if (parallelism !== undefined && !(Number.isInteger(parallelism) && parallelism >= 1 && parallelism <= 256)) return { badJobs: jobs ?? '' };
  const { files, problems } = await expandInputs(args);
  for (const problem of problems) io.stderr(`${problem.message}\n`);
  let failed = problems.length > 0;
  for await (const outcome of importMany(files, parallelism === undefined ? {} : { parallelism })) {
    if (outcome.ok) each(outcome.file, outcome.result.report);
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

/** `gongkai report validate FILE|DIR… [--previous FILE] [--json]`: exit 1 when a finding is an error, 2 when a file cannot be read. */
export const runValidate: CommandRun<typeof VALIDATE_OPTIONS> = async ({ positionals, values }, io) => {
  let unreadable = false;
  let anyError = false;
  let previous: AnnualReport | undefined;
  const previousFile = values.previous;
  if (previousFile !== undefined) {
    previous = await loadReport(previousFile, io);
    if (!previous) unreadable = true;
  }
  const result = await forEachReport(positionals, values.jobs, io, (file, report) => {
    const findings: Finding[] = validateReport(report, previous ? { previous } : {});
    if (findings.some((f) => f.severity === 'error')) anyError = true;
    if (values.json) {
      const shaped = findings.map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells, message: f.message }));
      io.stdout(JSON.stringify({ file, findings: shaped }) + '\n');
    } else {
      io.stdout(formatFindingsSummary(file, report, findings));
    }
  });
  if ('badJobs' in result) return badJobs(io, result.badJobs);
  return unreadable || result.failed ? 2 : anyError ? 1 : 0;
};

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
  if (code === 'ENOSPC') return '磁盘空间不足';
  return error instanceof Error ? error.message : String(error);
}
