/**
 * `gongkai report import|validate|render` — the contract that tools outside the project call
 * (see the README). Each file is processed on its own: one unreadable file never stops the others.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CliCommand, CliIo } from '../cli-types.ts';
import { parseArgs } from '../cli-args.ts';
import { importReport, ReportReadError } from './import/index.ts';
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

const importCommand: CliCommand = {
  path: ['report', 'import'],
  summary: '读取年度报告（txt、md、html、pdf、docx、xlsx、json），输出规范 JSON',
  usage: 'gongkai report import FILE… [--json]',
  async run(args, io) {
    const { positionals, flags } = parseArgs(args, { flags: ['json'] });
    if (positionals.length === 0) {
      io.stderr('用法：gongkai report import FILE… [--json]\n');
      return 2;
    }
    let exit = 0;
    for (const file of positionals) {
      const report = await loadReport(file, io);
      if (!report) {
        exit = 2;
        continue;
      }
      if (flags.has('json')) io.stdout(JSON.stringify({ ...toCanonicalReport(report), warnings: report.warnings ?? [] }) + '\n');
      else io.stdout(formatImportSummary(file, report));
    }
    return exit;
  },
};

const validateCommand: CliCommand = {
  path: ['report', 'validate'],
  summary: '按年报格式规则检查年度报告；有错误时退出码为 1，文件无法读取时为 2',
  usage: 'gongkai report validate FILE… [--previous FILE] [--json]',
  async run(args, io) {
    const { positionals, flags, options } = parseArgs(args, { flags: ['json'], options: ['previous'] });
    if (positionals.length === 0) {
      io.stderr('用法：gongkai report validate FILE… [--previous FILE] [--json]\n');
      return 2;
    }
    let unreadable = false;
    let anyError = false;
    let previous: AnnualReport | undefined;
    const previousFile = options.get('previous');
    if (previousFile !== undefined) {
      previous = await loadReport(previousFile, io);
      if (!previous) unreadable = true;
    }
    for (const file of positionals) {
      const report = await loadReport(file, io);
      if (!report) {
        unreadable = true;
        continue;
      }
      const findings: Finding[] = validateReport(report, previous ? { previous } : {});
      if (findings.some((f) => f.severity === 'error')) anyError = true;
      if (flags.has('json')) {
        const shaped = findings.map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells, message: f.message }));
        io.stdout(JSON.stringify({ file, findings: shaped }) + '\n');
      } else {
        io.stdout(formatFindingsSummary(file, report, findings));
      }
    }
    return unreadable ? 2 : anyError ? 1 : 0;
  },
};

const renderCommand: CliCommand = {
  path: ['report', 'render'],
  summary: '把年度报告输出为 HTML、DOCX、XLSX 或规范 JSON',
  usage: 'gongkai report render FILE --format html|docx|xlsx|json -o OUT',
  async run(args, io) {
    const { positionals, options } = parseArgs(args, { options: ['format', 'o', 'output'] });
    const format = options.get('format');
    const out = options.get('o') ?? options.get('output');
    if (positionals.length !== 1 || !format || !out) {
      io.stderr('用法：gongkai report render FILE --format html|docx|xlsx|json -o OUT\n');
      return 2;
    }
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
  },
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

/** The `gongkai report …` commands. */
export const reportCommands: readonly CliCommand[] = [importCommand, validateCommand, renderCommand];
