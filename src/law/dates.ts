/**
 * Date-only values for legal dates. A legal date is a calendar day, not an instant: it is held
 * either as a branded 'YYYY-MM-DD' string (at the edges: JSON, CLI, database) or as a day number
 * (days since 1970-01-01, for arithmetic). Conversions are pure integer arithmetic (proleptic
 * Gregorian, H. Hinnant's civil-from-days), so nothing depends on the process time zone and no
 * `Date` is ever created.
 */

/** A calendar day written 'YYYY-MM-DD', checked to exist. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** A calendar day as the number of days since 1970-01-01 (1970-01-01 is 0). */
export type DayNumber = number & { readonly __brand: 'DayNumber' };

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1–12). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** Day number of a civil date; e.g. `dayFromCivil(1970, 1, 1) === 0`. */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as DayNumber;
}

/** Civil date of a day number. */
export function civilFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whether a string is a real calendar day written 'YYYY-MM-DD' (2023-02-30 is not). */
export function isIsoDate(text: string): text is IsoDate {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days before each month in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const;

/**
 * Day number of an ISO date. Fast path (no allocation) for the deadline hot loop; the caller
 * guarantees the string is an `IsoDate`.
 */
export function dayOf(date: IsoDate): DayNumber {
  const year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + date.charCodeAt(3) - 48;
  const month = (date.charCodeAt(5) - 48) * 10 + date.charCodeAt(6) - 48;
  const day = (date.charCodeAt(8) - 48) * 10 + date.charCodeAt(9) - 48;
  const y = year - 1;
  // Days from 0001-01-01 to the 1st of January of `year`, then to the date; 719162 = days 0001-01-01 → 1970-01-01.
  const leap = month > 2 && isLeapYear(year) ? 1 : 0;
  return (y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + DAYS_BEFORE_MONTH[month - 1]! + leap + day - 1 - 719162) as DayNumber;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Strings of recent days are kept once made: the hot path turns day numbers into ISO strings often. */
const CACHE_FIRST = dayFromCivil(1990, 1, 1);
const CACHE_SIZE = dayFromCivil(2130, 12, 31) - CACHE_FIRST + 1;
const isoCache: (IsoDate | undefined)[] = new Array<IsoDate | undefined>(CACHE_SIZE).fill(undefined);

function formatIso(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDay(dayNumber);
  const y = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}` as IsoDate;
}

/** ISO string of a day number (years 0–9999); e.g. `isoOf(0) === '1970-01-01'`. */
export function isoOf(dayNumber: number): IsoDate {
  const i = dayNumber - CACHE_FIRST;
  if (i < 0 || i >= CACHE_SIZE) return formatIso(dayNumber);
  return (isoCache[i] ??= formatIso(dayNumber));
}

/** Weekday of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Whether a day is a Saturday or Sunday (国务院关于职工工作时间的规定 第七条：周休息日). */
export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

/** Year of a day number. */
export function yearOf(dayNumber: number): number {
  return civilFromDay(dayNumber).year;
}

const WEEKDAY_LABELS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** Chinese weekday label, e.g. '星期六'. */
export function weekdayLabel(dayNumber: number): string {
  return WEEKDAY_LABELS[weekdayOf(dayNumber)] ?? '';
}

/** 'YYYY-MM-DD（星期X）' for explanations. */
export function formatDay(dayNumber: number): string {
  return `${isoOf(dayNumber)}（${weekdayLabel(dayNumber)}）`;
}
