/**
 * What `gongkai law calendar` does (declared in commands.ts): list a year, or import one into the
 * database. With `--json`, the result and the errors are JSON on stdout (errors: cli-support.ts
 * `fail`).
 */
import { readFile } from 'node:fs/promises';
import { jsonErrorLine } from '../../platform/cli/json-error.ts';
import type { CliContext, CliIo, CommandRun } from '../../platform/cli/types.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import type { Services } from '../../platform/services.ts';
import { buildCalendar } from '../calendar.ts';
import { nationalCalendarSpec, packageCalendar } from '../calendar-data.ts';
import { parseCalendarImport, toImportedYear } from '../calendar-import.ts';
import { formatYearListing, listYear } from '../calendar-listing.ts';
import { formatErrors } from '../validation.ts';
import { listImportedYears, saveImportedYear } from './calendar-store.ts';
import { fail, loadImportedYears } from './cli-support.ts';
import type { CALENDAR_OPTIONS } from './commands.ts';

/** `--year YYYY`: the year's holidays and make-up working days; `--import FILE.json`: load a year. */
export const runCalendar: CommandRun<typeof CALENDAR_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  if (values.import !== undefined) return importYear(values.import, values.actor ?? context.actor(), json, context, io);
  const yearText = values.year;
  if (yearText === undefined) return fail(io, [{ path: '--year', message: '缺少此参数（或使用 --import FILE.json 导入）' }], json);
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < 2019 || year > 2100) return fail(io, [{ path: '--year', message: `应为 2019 至 2100 之间的年份，实际为 ${yearText}` }], json);
  const imported = values['no-db'] ? undefined : await loadImportedYears(context, io);
  const cal = imported && imported.length > 0 ? buildCalendar(nationalCalendarSpec(imported)) : packageCalendar();
  const listing = listYear(cal, year);
  io.stdout(values.json ? JSON.stringify(listing) + '\n' : formatYearListing(listing));
  return 0;
};

/** Checks the file first (no database for a bad file), then saves the year with its audit row in one transaction. */
async function importYear(file: string, actor: string, json: boolean, context: CliContext, io: CliIo): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? '文件不存在' : error instanceof SyntaxError ? `不是合法的 JSON（${error.message}）` : String(code ?? error);
    if (json) return fail(io, [{ path: '--import', message: `${file}：无法读取（${reason}）` }], json);
    io.stderr(`${file}：无法读取（${reason}）\n`);
    return 2;
  }
  const notice = parseCalendarImport(raw);
  if (!notice.ok) {
    if (json) return fail(io, notice.errors, json);
    io.stderr(`${file}：节假日安排文件有误：\n${formatErrors(notice.errors)}\n`);
    return 2;
  }
  const year = toImportedYear(notice.value);
  let services: Services;
  try {
    services = await context.openServices();
  } catch (error) {
    const message = `无法连接数据库，未导入（${error instanceof Error ? error.message : String(error)}）`;
    if (json) io.stdout(jsonErrorLine([{ field: null, message }]));
    else io.stderr(`${message}\n`);
    return 1;
  }
  try {
    const saved = await withTransaction(services.db, async (tx) => {
      const existing = await listImportedYears(tx);
      const before = buildCalendar(nationalCalendarSpec(existing));
      const after = buildCalendar(nationalCalendarSpec([...existing.filter((y) => y.year !== year.year), year]));
      const replaced = existing.some((y) => y.year === year.year);
      await saveImportedYear(tx, year, { actor, replaced, calendarVersionBefore: before.version, calendarVersionAfter: after.version });
      return { before, after, replaced };
    });
    const listing = listYear(saved.after, year.year);
    io.stdout(json
      ? JSON.stringify({
        imported: { year: year.year, source: year.source, replaced: saved.replaced },
        calendarVersionBefore: saved.before.version, calendarVersionAfter: saved.after.version, listing,
      }) + '\n'
      : `已导入${year.year}年节假日安排（${year.source}），该年数据标记为正式；日历版本 ${saved.before.version} → ${saved.after.version}。\n\n${formatYearListing(listing)}`);
    return 0;
  } finally {
    await services.close();
  }
}
