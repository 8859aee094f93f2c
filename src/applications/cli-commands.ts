/**
 * `gongkai applications stats|import|rekey` — the contract that tools outside the project call (README
 * “依申请公开台账导入 / Ledger import”). Declarations only: cli-run.ts, which loads the use-cases, is
 * imported when a command runs. They act from the command line with every right, recorded in the audit
 * log as `cli:<GONGKAI_ACTOR or USER>`, and share the running site's embedded database.
 */
import { defineCommand, type Command } from '../platform/cli/types.ts';
import { REKEY_COMMAND_SPEC } from './rekey.ts';

const AGENCY = { type: 'string', required: true, value: '机关名称', description: '机关全称（须与 gongkai agency list 列出的完全一致）' } as const;

/** Options of `gongkai applications stats`. */
export const STATS_OPTIONS = {
  agency: AGENCY,
  year: { type: 'string', required: true, value: 'YYYY', description: '年度，如 2023' },
  json: { type: 'boolean', description: '输出一行规范 JSON（shared/spec/annual-report.md，表三、表四）；出错时在标准输出输出一行 {"error": {"field", "message"}}，退出码 2' },
} as const;

/** Options of `gongkai applications import`. */
export const IMPORT_LEDGER_OPTIONS = {
  agency: AGENCY,
  json: { type: 'boolean', description: '输出一行 JSON {"agencyId", "imported", "applications": [{"line", "id", "trackingCode"}]}；有不能导入的行时输出 {"error": {"field", "message", "details": [{"line", "field", "message"}]}}，退出码 2' },
} as const;

/** The applications room's commands. */
export const applicationsCommands: readonly Command[] = [
  defineCommand({
    path: ['applications', 'stats'],
    summary: '由本机关的申请统计年度报告表三、表四（规范 JSON）',
    usage: 'gongkai applications stats --agency 机关名称 --year YYYY [--json]',
    options: STATS_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runStats,
    jsonErrors: true,
  }),
  defineCommand({
    path: ['applications', 'import'],
    summary: '导入一年的依申请公开登记台账（.jsonl 或 .xlsx）：逐行按办理规则核对，有一行不合规则就一行也不导入，并列出每一行的原因（退出码 2）',
    usage: 'gongkai applications import FILE.jsonl|FILE.xlsx --agency 机关名称 [--json]',
    options: IMPORT_LEDGER_OPTIONS,
    positionals: { name: 'FILE', min: 1, max: 1, description: '台账文件：.jsonl（每行一件申请的 JSON）或 .xlsx（第一行为列名，每行一件申请）；列见 README 的“依申请公开台账导入”和 docs/examples/ledger.jsonl' },
    load: async () => (await import('./cli-run.ts')).runImportLedger,
    jsonErrors: true,
  }),
  defineCommand({ ...REKEY_COMMAND_SPEC, load: async () => (await import('./rekey.ts')).runRekey }),
];
