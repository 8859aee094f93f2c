/**
 * `gongkai report import|validate|render` — the contract that tools outside the project call
 * (see the README). Declarations only: cli-run.ts, which loads the readers, is imported when a
 * command runs.
 */
import { defineCommand, type Command } from '../platform/cli/types.ts';

const FILES = {
  name: 'FILE…', min: 1,
  description: '年度报告文件（txt、md、html、pdf、docx、xlsx 或规范 JSON），可以多个；目录读取其中全部报告文件，加引号的通配符（如 \'报告/*.pdf\'）读取匹配的文件；多个文件用全部 CPU 核并行读取',
} as const;

const JOBS = { type: 'string', value: 'N', description: '同时读取文件的线程数（默认：本机 CPU 核数）' } as const;

/** Options of `gongkai report import`. */
export const IMPORT_OPTIONS = {
  jobs: JOBS,
  json: { type: 'boolean', description: '每个文件输出一行规范 JSON（JSON lines），读取中的疑问在 warnings' },
} as const;

/** Options of `gongkai report validate`. */
export const VALIDATE_OPTIONS = {
  jobs: JOBS,
  previous: { type: 'string', value: 'FILE', description: '同一机关上一年度的报告，用于跨年度核对（X-CARRY、X-IN-FORCE）' },
  json: { type: 'boolean', description: '每个文件输出一行 JSON：{"file", "findings": [{"rule", "severity", "cells", "message"}]}' },
  format: { type: 'string', value: 'docx', description: '写出检查意见（Word）：检查一个文件时写入 -o 指定的文件；多个文件（或 -o 是目录）时每个报告一份，写入 -o 指定的目录，文件名为「原文件名-检查意见.docx」' },
  output: { type: 'string', short: 'o', value: 'OUT', description: '检查意见的输出文件或目录（与 --format docx 一起使用）' },
  csv: { type: 'string', value: 'OUT', description: '把全部报告写成一张表（CSV，UTF-8 带 BOM）：每份报告一行，机关、年度、格式、错误数、警告数和每个单元格（如 t3.granted[6]）一列；发现的问题另写入「OUT 去掉 .csv」-findings.csv' },
  xlsx: { type: 'string', value: 'OUT', description: '同 --csv，写成 Excel 工作簿：「报告」「问题」「列说明」三张表' },
} as const;

/** Options of `gongkai report render`. */
export const RENDER_OPTIONS = {
  format: { type: 'string', required: true, value: 'html|docx|xlsx|json', description: '输出格式' },
  output: { type: 'string', short: 'o', required: true, value: 'OUT', description: '输出文件' },
} as const;

/** The `gongkai report …` commands. */
export const reportCommands: readonly Command[] = [
  defineCommand({
    path: ['report', 'import'],
    summary: '读取年度报告（txt、md、html、pdf、docx、xlsx、json），输出规范 JSON',
    usage: 'gongkai report import FILE|DIR… [--json] [--jobs N]',
    options: IMPORT_OPTIONS,
    positionals: FILES,
    load: async () => (await import('./cli-run.ts')).runImport,
  }),
  defineCommand({
    path: ['report', 'validate'],
    summary: '按年报格式规则检查年度报告；有错误时退出码为 1，文件无法读取时为 2',
    usage: 'gongkai report validate FILE|DIR… [--previous FILE] [--json | --format docx -o OUT] [--csv OUT] [--xlsx OUT] [--jobs N]',
    options: VALIDATE_OPTIONS,
    positionals: FILES,
    load: async () => (await import('./cli-run.ts')).runValidate,
  }),
  defineCommand({
    path: ['report', 'render'],
    summary: '把年度报告输出为 HTML、DOCX、XLSX 或规范 JSON',
    usage: 'gongkai report render FILE --format html|docx|xlsx|json -o OUT',
    options: RENDER_OPTIONS,
    positionals: { name: 'FILE', min: 1, max: 1, description: '年度报告文件（任一可读取的格式或规范 JSON）' },
    load: async () => (await import('./cli-run.ts')).runRender,
  }),
];
