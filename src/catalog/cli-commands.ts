/**
 * `gongkai catalog import FILE.jsonl|FILE.xlsx --agency NAME` — an agency's items from its old site
 * (README “主动公开目录导入”, docs/examples/catalog.jsonl). Declaration only: cli-run.ts is imported when
 * the command runs. It acts from the command line with every right, recorded as `cli:<user>`.
 */
import { defineCommand, type Command } from '../platform/cli/types.ts';
import { IMPORT_COLUMNS } from './import-columns.ts';

/** Options of `gongkai catalog import`. */
export const CATALOG_IMPORT_OPTIONS = {
  agency: { type: 'string', required: true, value: '机关名称', description: '机关全称（须与 gongkai agency list 列出的完全一致）' },
  json: { type: 'boolean', description: '输出一行 JSON {"agencyId", "imported", "published", "items": [{"line", "id", "indexNo", "published"}]}；有不能导入的行时输出 {"error": {"field", "message", "details": [{"line", "field", "message"}]}}，退出码 2' },
} as const;

/** The columns, as `--help` prints them. */
export const CATALOG_IMPORT_HELP = `每行（.jsonl）或每个表格行（.xlsx，第一行为列名，英文键或中文列名均可）一条信息：
${IMPORT_COLUMNS.map(([key, heading, meaning]) => `  ${key.padEnd(26)}${heading}：${meaning}`).join('\n')}
填写了发布日期的作为“原网站已发布”导入（状态为已发布，记录一条导入事件，不发订阅邮件）；
没有发布日期的作为草稿导入，此后走公开属性审核、保密审查和签发。
任何一行有问题时一行也不导入，并列出每一行的行号和原因。示例：docs/examples/catalog.jsonl
`;

/** The catalog room's commands. */
export const catalogCommands: readonly Command[] = [
  defineCommand({
    path: ['catalog', 'import'],
    summary: '导入原网站的主动公开信息（.jsonl 或 .xlsx）：逐行核对，有一行不合规则就一行也不导入，并列出每一行的原因（退出码 2）',
    usage: 'gongkai catalog import FILE.jsonl|FILE.xlsx --agency 机关名称 [--json]',
    options: CATALOG_IMPORT_OPTIONS,
    positionals: { name: 'FILE', min: 1, max: 1, description: '.jsonl（每行一条信息的 JSON）或 .xlsx（第一行为列名，每行一条信息）' },
    load: async () => (await import('./cli-run.ts')).runCatalogImport,
    loadHelp: async () => CATALOG_IMPORT_HELP,
    jsonErrors: true,
  }),
];
