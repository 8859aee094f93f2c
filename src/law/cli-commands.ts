/**
 * `gongkai law deadline|publish-due|fee|calendar` — the contract that tools outside the project call.
 * deadline, publish-due and fee are pure and never start the database (unless `--db` asks to merge
 * imported calendar years); `calendar --year` reads imported years if the database is available and
 * otherwise prints the package data with a warning; `calendar --import` writes to the database.
 */
import { readFile } from 'node:fs/promises';
import type { CliCommand, CliIo } from '../cli-types.ts';
import type { Services } from '../platform/services.ts';
import { buildCalendar, type WorkingCalendar } from './calendar.ts';
import { nationalCalendarSpec, packageCalendar, type ImportedYear } from './calendar-data.ts';
import { parseCalendarImport, toImportedYear } from './calendar-import.ts';
import { formatYearListing, listYear } from './calendar-listing.ts';
import { isIsoDate } from './dates.ts';
import { parseDeadlineInput } from './deadline-input.ts';
import { computeDeadlines, computePublishDue, type DeadlineOptions, type DeadlineResult } from './deadlines.ts';
import { parseFeeInput } from './fee-input.ts';
import { proposeFee } from './fees.ts';
import { formatErrors, type FieldError } from './validation.ts';

/** How the commands reach the database (injected so tests can run without one). */
export interface LawCliDeps {
  readonly openServices: () => Promise<Services>;
  /** Who is recorded in audit_log for an import. */
  readonly actor: () => string;
}

interface Args {
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
  readonly positionals: readonly string[];
}

/** Parses `--flag`, `--name value` and `--name=value`; `valued` lists the options taking a value. */
function parseArgs(args: readonly string[], valued: readonly string[]): Args | FieldError {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (valued.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') return { path: `--${name}`, message: '缺少参数值' };
      options.set(name, value);
    } else flags.add(name);
  }
  return { flags, options, positionals };
}

function isFieldError(x: Args | FieldError): x is FieldError {
  return 'message' in x;
}

function fail(io: CliIo, errors: readonly FieldError[]): number {
  io.stderr(`输入有误：\n${formatErrors(errors)}\n`);
  return 2;
}

async function readJsonStdin(io: CliIo): Promise<{ ok: true; value: unknown } | { ok: false; error: FieldError }> {
  const text = await io.readStdin();
  if (text.trim() === '') return { ok: false, error: { path: '标准输入', message: '没有读到 JSON 输入' } };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: { path: '标准输入', message: `不是合法的 JSON（${error instanceof Error ? error.message : String(error)}）` } };
  }
}

/** Imported years from the database, or undefined (with a warning on stderr) when it is unavailable. */
async function loadImportedYears(deps: LawCliDeps, io: CliIo): Promise<ImportedYear[] | undefined> {
  let services: Services | undefined;
  try {
    services = await deps.openServices();
    const { listImportedYears } = await import('../platform/calendar/overrides-store.ts');
    return await listImportedYears(services.db);
  } catch (error) {
    io.stderr(`警告：无法读取数据库中导入的节假日安排（${error instanceof Error ? error.message : String(error)}），以下仅使用 chinese-days 包数据。\n`);
    return undefined;
  } finally {
    await services?.close().catch(() => undefined);
  }
}

async function calendarFor(args: Args, deps: LawCliDeps, io: CliIo): Promise<WorkingCalendar> {
  if (!args.flags.has('db')) return packageCalendar();
  const imported = await loadImportedYears(deps, io);
  return imported && imported.length > 0 ? buildCalendar(nationalCalendarSpec(imported)) : packageCalendar();
}

function optionsFrom(args: Args): DeadlineOptions {
  return {
    explain: true,
    thirdPartyExclusion: args.flags.has('send-day-excluded') ? 'sentDayExcluded' : 'sentDayCounted',
    nonWorkdayReceipt: args.flags.has('next-workday-receipt') ? 'nextWorkday' : 'asReceived',
  };
}

function formatDeadlines(r: DeadlineResult): string {
  const lines = [
    `收到申请之日：${r.receiptDate}`,
    `补正告知期限：${r.correctionNoticeDue}${r.correctionNoticeTimely === null ? '' : r.correctionNoticeTimely ? '（补正告知按时）' : '（补正告知逾期）'}`,
    `答复期限：${r.replyDue ?? '无（未补正，视为放弃申请）'}`,
  ];
  if (r.extendedReplyDue) lines.push(`延长后的答复期限：${r.extendedReplyDue}`);
  if (r.thirdPartyOpinionDue) lines.push(`第三方意见期限：${r.thirdPartyOpinionDue}`);
  if (r.provisional) lines.push('注意：结果为暂定（日历数据未覆盖计数区间的全部年份）');
  lines.push('', '说明：', ...r.explanation.map((e) => `  · ${e}`));
  return lines.join('\n') + '\n';
}

/** Builds the law room's commands with the given database access. */
export function createLawCommands(deps: LawCliDeps): readonly CliCommand[] {
  const deadline: CliCommand = {
    path: ['law', 'deadline'],
    summary: '计算依申请公开的收到日、补正告知期限、答复期限、延期和第三方意见期限（标准输入读 JSON）',
    usage: 'gongkai law deadline [--json] [--send-day-excluded] [--next-workday-receipt] [--db] < input.json',
    async run(argv, io) {
      const args = parseArgs(argv, []);
      if (isFieldError(args)) return fail(io, [args]);
      const raw = await readJsonStdin(io);
      if (!raw.ok) return fail(io, [raw.error]);
      const input = parseDeadlineInput(raw.value);
      if (!input.ok) return fail(io, input.errors);
      const result = computeDeadlines(input.value, await calendarFor(args, deps, io), optionsFrom(args));
      io.stdout(args.flags.has('json') ? JSON.stringify(result) + '\n' : formatDeadlines(result));
      return 0;
    },
  };

  const publishDue: CliCommand = {
    path: ['law', 'publish-due'],
    summary: '计算主动公开期限：形成或变更之日起20个工作日（第二十六条）',
    usage: 'gongkai law publish-due --formed YYYY-MM-DD [--json] [--db]',
    async run(argv, io) {
      const args = parseArgs(argv, ['formed']);
      if (isFieldError(args)) return fail(io, [args]);
      const formed = args.options.get('formed');
      if (formed === undefined) return fail(io, [{ path: '--formed', message: '缺少此参数：政府信息形成或变更之日，格式 YYYY-MM-DD' }]);
      if (!isIsoDate(formed)) return fail(io, [{ path: '--formed', message: `${formed} 不是真实存在的日期，格式 YYYY-MM-DD` }]);
      if (formed < '2019-01-01' || formed > '2099-12-31') return fail(io, [{ path: '--formed', message: `日期 ${formed} 超出日历范围（2019-01-01 至 2099-12-31）` }]);
      const r = computePublishDue(formed, await calendarFor(args, deps, io));
      if (args.flags.has('json')) {
        io.stdout(JSON.stringify({ publishDue: r.publishDue, provisional: r.provisional, explanation: r.explanation, calendarVersion: r.calendarVersion }) + '\n');
      } else {
        io.stdout([`主动公开期限：${r.publishDue}${r.provisional ? '（暂定）' : ''}`, '', '说明：', ...r.explanation.map((e) => `  · ${e}`)].join('\n') + '\n');
      }
      return 0;
    },
  };

  const fee: CliCommand = {
    path: ['law', 'fee'],
    summary: '按处理费办法（国办函〔2020〕109号）计算信息处理费建议金额（标准输入读 JSON）',
    usage: 'gongkai law fee [--json] < input.json',
    async run(argv, io) {
      const args = parseArgs(argv, []);
      if (isFieldError(args)) return fail(io, [args]);
      const raw = await readJsonStdin(io);
      if (!raw.ok) return fail(io, [raw.error]);
      const input = parseFeeInput(raw.value);
      if (!input.ok) return fail(io, input.errors);
      const r = proposeFee(input.value);
      io.stdout(args.flags.has('json')
        ? JSON.stringify({ feeYuan: r.feeYuan, explanation: r.explanation }) + '\n'
        : [`建议收取信息处理费：${r.feeYuan}元`, '', '说明：', ...r.explanation.map((e) => `  · ${e}`)].join('\n') + '\n');
      return 0;
    },
  };

  const calendar: CliCommand = {
    path: ['law', 'calendar'],
    summary: '列出某年的放假和调休上班日（--year），或导入一年的国务院办公厅节假日安排（--import）',
    usage: 'gongkai law calendar --year YYYY [--json] [--no-db] | gongkai law calendar --import FILE.json [--actor NAME]',
    async run(argv, io) {
      const args = parseArgs(argv, ['year', 'import', 'actor']);
      if (isFieldError(args)) return fail(io, [args]);
      const file = args.options.get('import');
      if (file !== undefined) return importYear(file, args, deps, io);
      const yearText = args.options.get('year');
      if (yearText === undefined) return fail(io, [{ path: '--year', message: '缺少此参数（或使用 --import FILE.json 导入）' }]);
      const year = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || year < 2019 || year > 2100) return fail(io, [{ path: '--year', message: `应为 2019 至 2100 之间的年份，实际为 ${yearText}` }]);
      const imported = args.flags.has('no-db') ? undefined : await loadImportedYears(deps, io);
      const cal = imported && imported.length > 0 ? buildCalendar(nationalCalendarSpec(imported)) : packageCalendar();
      const listing = listYear(cal, year);
      io.stdout(args.flags.has('json') ? JSON.stringify(listing) + '\n' : formatYearListing(listing));
      return 0;
    },
  };

  return [deadline, publishDue, fee, calendar];
}

async function importYear(file: string, args: Args, deps: LawCliDeps, io: CliIo): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? '文件不存在' : error instanceof SyntaxError ? `不是合法的 JSON（${error.message}）` : String(code ?? error);
    io.stderr(`${file}：无法读取（${reason}）\n`);
    return 2;
  }
  const notice = parseCalendarImport(raw);
  if (!notice.ok) {
    io.stderr(`${file}：节假日安排文件有误：\n${formatErrors(notice.errors)}\n`);
    return 2;
  }
  const year = toImportedYear(notice.value);
  let services: Services;
  try {
    services = await deps.openServices();
  } catch (error) {
    io.stderr(`无法连接数据库，未导入（${error instanceof Error ? error.message : String(error)}）\n`);
    return 1;
  }
  try {
    const store = await import('../platform/calendar/overrides-store.ts');
    const { withTransaction } = await import('../platform/db/transaction.ts');
    const after = await withTransaction(services.db, async (tx) => {
      const existing = await store.listImportedYears(tx);
      const before = buildCalendar(nationalCalendarSpec(existing));
      const next = buildCalendar(nationalCalendarSpec([...existing.filter((y) => y.year !== year.year), year]));
      await store.saveImportedYear(tx, year, {
        actor: args.options.get('actor') ?? deps.actor(),
        replaced: existing.some((y) => y.year === year.year),
        calendarVersionBefore: before.version,
        calendarVersionAfter: next.version,
      });
      io.stdout(`已导入${year.year}年节假日安排（${year.source}），该年数据标记为正式；日历版本 ${before.version} → ${next.version}。\n\n`);
      return next;
    });
    io.stdout(formatYearListing(listYear(after, year.year)));
    return 0;
  } finally {
    await services.close();
  }
}

/** The `gongkai` commands of the law room. */
export const lawCommands: readonly CliCommand[] = createLawCommands({
  openServices: async () => (await import('../platform/services.ts')).createServices(),
  actor: () => process.env.GONGKAI_ACTOR ?? process.env.USER ?? 'cli',
});
