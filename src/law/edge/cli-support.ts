/** What the law room's commands share: error output, JSON on standard input, the calendar to count with. */
import { jsonErrorLine, type CliFieldError } from '../../platform/cli/json-error.ts';
import type { CliContext, CliIo } from '../../platform/cli/types.ts';
import type { Services } from '../../platform/services.ts';
import { buildCalendar, type WorkingCalendar } from '../calendar.ts';
import { nationalCalendarSpec, packageCalendar, type ImportedYear } from '../calendar-data.ts';
import { formatErrors, type FieldError } from '../validation.ts';
import { listImportedYears } from './calendar-store.ts';

/** The path of a problem with standard input itself (empty, not JSON). */
const STDIN = '标准输入';

/**
 * Paths that name no field: the input as a whole (validation.ts parseWith) and standard input
 * (readJsonStdin). In the `--json` error line they are `"field": null`.
 */
const NO_FIELD = new Set(['（整个输入）', STDIN]);

/** The errors as the `--json` error line names them (platform/cli/json-error.ts). */
export function toCliErrors(errors: readonly FieldError[]): CliFieldError[] {
  return errors.map((e) => ({ field: NO_FIELD.has(e.path) ? null : e.path, message: e.message }));
}

/**
 * Writes the input errors and returns exit code 2: with `json`, one line
 * `{"error":{"field","message"}}` on stdout (every error in `details` when there are several);
 * otherwise the lines 'field：message' on stderr.
 */
export function fail(io: CliIo, errors: readonly FieldError[], json = false): number {
  if (json) io.stdout(jsonErrorLine(toCliErrors(errors)));
  else io.stderr(`输入有误：\n${formatErrors(errors)}\n`);
  return 2;
}

/** Standard input parsed as JSON, or the reason it is not. */
export async function readJsonStdin(io: CliIo): Promise<{ ok: true; value: unknown } | { ok: false; error: FieldError }> {
  const text = await io.readStdin();
  if (text.trim() === '') return { ok: false, error: { path: STDIN, message: '没有读到 JSON 输入' } };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: { path: STDIN, message: `不是合法的 JSON（${error instanceof Error ? error.message : String(error)}）` } };
  }
}

/** Imported years from the database, or undefined (with a warning on stderr) when it is unavailable. */
export async function loadImportedYears(context: CliContext, io: CliIo): Promise<ImportedYear[] | undefined> {
  let services: Services | undefined;
  try {
    services = await context.openServices();
    return await listImportedYears(services.db);
  } catch (error) {
    io.stderr(`警告：无法读取数据库中导入的节假日安排（${error instanceof Error ? error.message : String(error)}），以下仅使用 chinese-days 包数据。\n`);
    return undefined;
  } finally {
    await services?.close().catch(() => undefined);
  }
}

/** The package calendar, merged with the imported years when `withDatabase` (and the database answers). */
export async function calendarFor(withDatabase: boolean, context: CliContext, io: CliIo): Promise<WorkingCalendar> {
  const imported = withDatabase ? await loadImportedYears(context, io) : undefined;
  return imported && imported.length > 0 ? buildCalendar(nationalCalendarSpec(imported)) : packageCalendar();
}
