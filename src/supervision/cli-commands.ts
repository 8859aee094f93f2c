/**
 * `gongkai report draft|rollup --agency NAME --year YYYY [--json]` (issue 19 §7) — the contract that
 * tools outside the project call (README). Declarations only: cli-run.ts is imported when a command
 * runs. Both read the records; `draft` may store the refreshed draft the workspace keeps (what the
 * status list reads), neither changes anything a person wrote.
 */
import { defineCommand, type Command } from '../platform/cli/types.ts';

const AGENCY = { type: 'string', required: true, value: '机关名称', description: '机关全称（须与 gongkai agency list 列出的完全一致）' } as const;
const YEAR = { type: 'string', required: true, value: 'YYYY', description: '报告年度，如 2025（不晚于今年）' } as const;

/** Options of `gongkai report draft`. */
export const DRAFT_OPTIONS = {
  agency: AGENCY,
  year: YEAR,
  json: { type: 'boolean', description: '输出规范 JSON（年度报告编制页面显示的报告：含六部分文字和各表；已发布的为最新发布的版本）；出错时输出 {"error": {"field", "message"}}，退出码 2' },
} as const;

/** Options of `gongkai report rollup`. */
export const ROLLUP_OPTIONS = {
  agency: AGENCY,
  year: YEAR,
  json: { type: 'boolean', description: '输出规范 JSON：表三、表四每一格为本机关及其下属各机关之和（未经编辑的起草稿）；出错时输出 {"error": {"field", "message"}}，退出码 2' },
} as const;

/** The supervision room's commands. */
export const supervisionCommands: readonly Command[] = [
  defineCommand({
    path: ['report', 'draft'],
    summary: '按平台中的办理记录起草机关某一年度的政府信息公开工作年度报告（即年度报告编制页面显示的报告），并列出检查发现的问题',
    usage: 'gongkai report draft --agency 机关名称 --year YYYY [--json]',
    options: DRAFT_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runDraft,
    jsonErrors: true,
  }),
  defineCommand({
    path: ['report', 'rollup'],
    summary: '人民政府的汇总报告：表三、表四每一格为本级及所属各机关的办理记录之和',
    usage: 'gongkai report rollup --agency 机关名称 --year YYYY [--json]',
    options: ROLLUP_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runRollup,
    jsonErrors: true,
  }),
];
