/**
 * `gongkai law deadline|publish-due|fee|calendar` — the contract that tools outside the project
 * call. Declarations only: the implementations (compute-commands.ts, calendar-command.ts) are
 * imported when a command runs. deadline, publish-due and fee are pure and never start the database
 * unless `--db` asks to merge imported calendar years; `calendar --year` reads imported years if the
 * database is available and otherwise prints the package data with a warning; `calendar --import`
 * writes to the database.
 *
 * Every command's `--help` ends with the JSON it reads (input-help.ts, loaded only then), and with
 * `--json` every error is one JSON line on stdout, exit 2 (`jsonErrors`; cli-support.ts `fail`).
 */
import { defineCommand, type Command } from '../../platform/cli/types.ts';

const JSON_OPTION = { type: 'boolean', description: '输出 JSON（供其他程序读取）；出错时也在标准输出输出一行 {"error": {"field", "message"}}，退出码 2' } as const;
const DB_OPTION = { type: 'boolean', description: '合并数据库中导入的节假日安排（默认只用 chinese-days 包数据，不连接数据库）' } as const;

/** Options of `gongkai law deadline`. */
export const DEADLINE_OPTIONS = {
  json: JSON_OPTION,
  'send-day-excluded': { type: 'boolean', description: '征求第三方意见的期间从发出之日起扣除（C-07 的另一做法；默认发出之日仍计入答复期限）' },
  'next-workday-receipt': { type: 'boolean', description: '非工作日收到的申请按下一个工作日收到计算（地方规定；默认按实际收到之日，C-04）' },
  db: DB_OPTION,
} as const;

/** Options of `gongkai law publish-due`. */
export const PUBLISH_DUE_OPTIONS = {
  formed: { type: 'string', required: true, value: 'YYYY-MM-DD', description: '政府信息形成或变更之日' },
  json: JSON_OPTION,
  db: DB_OPTION,
} as const;

/** Options of `gongkai law fee`. */
export const FEE_OPTIONS = { json: JSON_OPTION } as const;

/** Options of `gongkai law calendar`. */
export const CALENDAR_OPTIONS = {
  year: { type: 'string', value: 'YYYY', description: '列出这一年的放假和调休上班日（2019 至 2100）' },
  import: { type: 'string', value: 'FILE.json', description: '导入一年的国务院办公厅节假日安排（写入数据库，记入审计日志）' },
  actor: { type: 'string', value: 'NAME', description: '导入时记入审计日志的操作人（默认 GONGKAI_ACTOR 或 USER）' },
  json: JSON_OPTION,
  'no-db': { type: 'boolean', description: '列出时不读数据库，只用 chinese-days 包数据' },
} as const;

/** The law room's commands. */
export const lawCommands: readonly Command[] = [
  defineCommand({
    path: ['law', 'deadline'],
    summary: '计算依申请公开的收到日、补正告知期限、答复期限、延期和第三方意见期限（标准输入读 JSON）',
    usage: 'gongkai law deadline [--json] [--send-day-excluded] [--next-workday-receipt] [--db] < input.json',
    options: DEADLINE_OPTIONS,
    load: async () => (await import('./compute-commands.ts')).runDeadline,
    loadHelp: async () => (await import('./input-help.ts')).deadlineHelp(),
    jsonErrors: true,
  }),
  defineCommand({
    path: ['law', 'publish-due'],
    summary: '计算主动公开期限：形成或变更之日起20个工作日（第二十六条）',
    usage: 'gongkai law publish-due --formed YYYY-MM-DD [--json] [--db]',
    options: PUBLISH_DUE_OPTIONS,
    load: async () => (await import('./compute-commands.ts')).runPublishDue,
    jsonErrors: true,
  }),
  defineCommand({
    path: ['law', 'fee'],
    summary: '按处理费办法（国办函〔2020〕109号）计算信息处理费建议金额（标准输入读 JSON）',
    usage: 'gongkai law fee [--json] < input.json',
    options: FEE_OPTIONS,
    load: async () => (await import('./compute-commands.ts')).runFee,
    loadHelp: async () => (await import('./input-help.ts')).feeHelp(),
    jsonErrors: true,
  }),
  defineCommand({
    path: ['law', 'calendar'],
    summary: '列出某年的放假和调休上班日（--year），或导入一年的国务院办公厅节假日安排（--import）',
    usage: 'gongkai law calendar --year YYYY [--json] [--no-db] | gongkai law calendar --import FILE.json [--actor NAME] [--json]',
    options: CALENDAR_OPTIONS,
    load: async () => (await import('./calendar-command.ts')).runCalendar,
    loadHelp: async () => (await import('./input-help.ts')).calendarHelp(),
    jsonErrors: true,
  }),
];
