/**
 * Storage of imported calendar years (migration 0003_calendar.sql). Store functions take the
 * database or a transaction first; the caller owns the transaction. Dates travel as 'YYYY-MM-DD'
 * text (never a JS Date, which would shift with the time zone).
 */
import { writeAudit } from '../../platform/audit/audit-log.ts';
import type { Queryable } from '../../platform/db/queryable.ts';
import { buildCalendar, type DayOverride, type WorkingCalendar } from '../calendar.ts';
import { nationalCalendarSpec, packageCalendar, type ImportedYear } from '../calendar-data.ts';
import { isIsoDate } from '../dates.ts';

interface YearRow {
  year: number;
  source: string;
  official: boolean;
}
interface DayRow {
  year: number;
  day: string;
  kind: string;
  name: string | null;
}

/** All imported years with their days, oldest first. */
export async function listImportedYears(db: Queryable): Promise<ImportedYear[]> {
  const years = await db.query<YearRow>('SELECT year, source, official FROM calendar_year ORDER BY year');
  const days = await db.query<DayRow>(
    "SELECT year, to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM calendar_day ORDER BY year, day",
  );
  const byYear = new Map<number, DayOverride[]>();
  for (const row of days.rows) {
    if (!isIsoDate(row.day) || (row.kind !== 'holiday' && row.kind !== 'workday')) {
      throw new Error(`calendar_day 数据损坏：${row.year} ${row.day} ${row.kind}`);
    }
    const list = byYear.get(row.year) ?? [];
    list.push({ date: row.day, kind: row.kind, ...(row.name ? { name: row.name } : {}) });
    byYear.set(row.year, list);
  }
  return years.rows.map((y) => ({
    year: y.year,
    source: y.source,
    official: y.official,
    days: (byYear.get(y.year) ?? []).map((d) => ({ ...d, source: y.source })),
  }));
}

let cachedCalendar: { key: string; calendar: WorkingCalendar } | undefined;

/**
 * The app's working calendar: the package's years merged with the years imported by `gongkai law
 * calendar --import`, as `gongkai law deadline --db` builds it (cli-support.ts calendarFor), so that
 * a case's or an item's dates are the law command's. Built again only when the imported years change.
 */
export async function loadCalendar(db: Queryable): Promise<WorkingCalendar> {
  const { rows: [stamp] } = await db.query<{ key: string }>(
    "SELECT coalesce(string_agg(year || ':' || (extract(epoch FROM imported_at) * 1000000)::bigint, ',' ORDER BY year), '') AS key FROM calendar_year");
  const key = stamp?.key ?? '';
  if (key === '') return packageCalendar();
  if (cachedCalendar?.key === key) return cachedCalendar.calendar;
  const calendar = buildCalendar(nationalCalendarSpec(await listImportedYears(db)));
  cachedCalendar = { key, calendar };
  return calendar;
}

/** Whether a year has been imported. */
export async function hasImportedYear(db: Queryable, year: number): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM calendar_year WHERE year = $1', [year]);
  return (result.rowCount ?? 0) > 0;
}

/** Details written to audit_log with an import. */
export interface CalendarImportAudit {
  readonly actor: string;
  readonly replaced: boolean;
  readonly calendarVersionBefore: string;
  readonly calendarVersionAfter: string;
}

/**
 * Saves a year (replacing an earlier import of the same year) and writes the audit row
 * (action 'calendar.import'). Run it inside the caller's transaction.
 */
export async function saveImportedYear(db: Queryable, year: ImportedYear, audit: CalendarImportAudit): Promise<void> {
  await db.query('DELETE FROM calendar_year WHERE year = $1', [year.year]);
  await db.query('INSERT INTO calendar_year (year, source, official, imported_by) VALUES ($1, $2, $3, $4)', [
    year.year, year.source, year.official, audit.actor,
  ]);
  if (year.days.length > 0) {
    await db.query(
      'INSERT INTO calendar_day (year, day, kind, name) SELECT $1, d::date, k, n FROM unnest($2::text[], $3::text[], $4::text[]) AS t(d, k, n)',
      [year.year, year.days.map((d) => d.date), year.days.map((d) => d.kind), year.days.map((d) => d.name ?? null)],
    );
  }
  const holidays = year.days.filter((d) => d.kind === 'holiday').length;
  await writeAudit(db, {
    actor: { kind: 'cli', user: audit.actor },
    action: 'calendar.import',
    subject: `calendar:${year.year}`,
    details: {
      year: year.year,
      source: year.source,
      holidayDays: holidays,
      makeupWorkdays: year.days.length - holidays,
      replaced: audit.replaced,
      calendarVersionBefore: audit.calendarVersionBefore,
      calendarVersionAfter: audit.calendarVersionAfter,
    },
  });
}
