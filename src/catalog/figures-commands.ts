/**
 * `gongkai catalog figures import FILE.csv|FILE.xlsx|FILE.jsonl` — table 二's entered figures for many
 * agencies and years at once (the columns are in `--help` and docs/examples/catalog-figures.csv).
 * Declaration only: figures-cli.ts is imported when the command runs.
 */
import { defineCommand, type Command } from '../platform/cli/types.ts';

/** Options of `gongkai catalog figures import`. */
export const FIGURES_IMPORT_OPTIONS = {
  json: { type: 'boolean', description: '输出一行 JSON {"imported", "rows": [{"line", "agencyId", "agency", "year", "replaced"}]}；有不能导入的行时输出 {"error": {"field", "message", "details": [{"line", "field", "message"}]}}，退出码 2' },
} as const;

/** The columns, as `--help` prints them. */
export const FIGURES_IMPORT_HELP = `文件的列（第一行为列名，英文或中文均可；每行一个机关一个年度）：
  agency       机关                      机关全称，须与 gongkai agency list 列出的完全一致
  year         年度                      如 2024（不能晚于今年）
  licensing    行政许可                  本年行政许可处理决定数量（整数）
  punishment   行政处罚                  本年行政处罚处理决定数量（整数）
  enforcement  行政强制                  本年行政强制处理决定数量（整数）
  feesWan      行政事业性收费（万元）    本年收费金额，以万元为单位，最多 6 位小数（精确到分），如 12.5
没有的数字留空：空白表示“未填报”，不会当作 0。每一行替换该机关该年度已有的全部四个数字。
CSV 用 UTF-8 或 GB18030（Excel、WPS 在中文系统上另存的 CSV）编码；XLSX 读第一个可见的工作表；
JSON lines 每行一个对象，键为上面的英文列名（缺少的键视为空白）。
任何一行有问题时一行也不导入，并列出每一行的原因。示例：docs/examples/catalog-figures.csv
`;

/** The statistics' commands. */
export const figuresCommands: readonly Command[] = [
  defineCommand({
    path: ['catalog', 'figures', 'import'],
    summary: '导入年度报告表二的填报数字（行政许可、行政处罚、行政强制决定数，行政事业性收费金额）：.csv、.xlsx 或 .jsonl，全部导入或一行也不导入',
    usage: 'gongkai catalog figures import FILE.csv|FILE.xlsx|FILE.jsonl [--json]',
    options: FIGURES_IMPORT_OPTIONS,
    positionals: { name: 'FILE', min: 1, max: 1, description: '填报文件：.csv、.xlsx（第一行为列名）或 .jsonl（每行一个 JSON 对象）' },
    load: async () => (await import('./figures-cli.ts')).runFiguresImport,
    loadHelp: async () => FIGURES_IMPORT_HELP,
    jsonErrors: true,
  }),
];
