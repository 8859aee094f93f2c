/**
 * The working-day calendar as a pure value (约定 C-01): Monday–Friday, minus the holidays of each
 * year's State Council notice (国务院办公厅节假日安排通知), plus the weekend days that notice names
 * as make-up working days (调休上班). Built once from year arrangements (package data or imported
 * notices) and single-day overrides; every lookup afterwards is O(1) array access.
 *
 * A year whose arrangement is not declared official falls back to Monday–Friday, and every
 * computation whose window touches such a year is reported `provisional` by the caller.
 */
import { dayFromCivil, isoOf, isWeekend, yearOf, type DayNumber, type IsoDate, dayOf } from './dates.ts';

/** What one day is, for counting and for explanations. */
export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeupWorkday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

/** Chinese label of a day kind. */
export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周休日',
  holiday: '法定节假日',
  makeupWorkday: '调休上班日',
};

/** One day named by a notice or a correction: a holiday, or a working day (调休上班). */
export interface DayOverride {
  readonly date: IsoDate;
  readonly kind: 'holiday' | 'workday';
  /** Holiday name, e.g. '春节'. */
  readonly name?: string;
  /** Where this comes from, e.g. '国办发明电〔2020〕1号'. */
  readonly source?: string;
}

/** The arrangement of one year as a notice gives it. Its days may spill into the neighbouring year (元旦). */
export interface YearArrangement {
  readonly year: number;
  /** The notice, e.g. '国办发明电〔2022〕16号'. */
  readonly source: string;
  readonly days: readonly DayOverride[];
}

/** Everything a calendar is built from. */
export interface CalendarSpec {
  /** Year arrangements; a later arrangement for the same year replaces an earlier one. */
  readonly arrangements: readonly YearArrangement[];
  /** Single-day corrections applied last (e.g. where law.md §3 differs from the package). */
  readonly overrides?: readonly DayOverride[];
  /** Years whose data is official; other years are counted Monday–Friday and marked provisional. */
  readonly officialYears: readonly number[];
  /** First and last year the calendar covers (default 2019–2100). */
  readonly firstYear?: number;
  readonly lastYear?: number;
}

const KIND_CODES: readonly DayKind[] = DAY_KINDS;

function fnv1a(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A built calendar. Immutable; all queries are O(1) except the listing helpers.
 * Day arguments are day numbers (see dates.ts) inside [firstDay, lastDay].
 */
export class WorkingCalendar {
  /** Fingerprint of the data (kinds of all days + official years): store it with every deadline. */
  readonly version: string;
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  readonly officialYears: ReadonlySet<number>;
  /** Source notice of each year's arrangement. */
  readonly sources: ReadonlyMap<number, string>;
  readonly #kind: Uint8Array;
  /** #cumulative[i] = working days in [firstDay, firstDay + i]. */
  readonly #cumulative: Int32Array;
  /** #nth[k] = offset of the (k+1)-th working day. */
  readonly #nth: Int32Array;
  /** #unofficial[i] = days in non-official years in [firstDay, firstDay + i]. */
  readonly #unofficial: Int32Array;
  readonly #names: ReadonlyMap<number, string>;

  constructor(spec: CalendarSpec) {
    const firstYear = spec.firstYear ?? 2019;
    const lastYear = spec.lastYear ?? 2100;
    this.firstDay = dayFromCivil(firstYear, 1, 1);
    this.lastDay = dayFromCivil(lastYear, 12, 31);
    const size = this.lastDay - this.firstDay + 1;
    this.officialYears = new Set(spec.officialYears);

    const byYear = new Map<number, YearArrangement>();
    for (const a of spec.arrangements) byYear.set(a.year, a);
    const sources = new Map<number, string>();
    const named = new Map<number, DayOverride>();
    for (const a of [...byYear.values()].sort((x, y) => x.year - y.year)) {
      sources.set(a.year, a.source);
      for (const d of a.days) named.set(dayOf(d.date), d);
    }
    for (const d of spec.overrides ?? []) named.set(dayOf(d.date), d);
    this.sources = sources;

    const kind = new Uint8Array(size);
    const names = new Map<number, string>();
    for (let i = 0; i < size; i++) kind[i] = isWeekend(this.firstDay + i) ? 1 : 0;
    for (const [day, d] of named) {
      const i = day - this.firstDay;
      if (i < 0 || i >= size) continue;
      if (d.kind === 'holiday') kind[i] = 2;
      else kind[i] = isWeekend(day) ? 3 : 0;
      if (d.name) names.set(day, d.name);
    }
    this.#kind = kind;
    this.#names = names;

    const cumulative = new Int32Array(size);
    const unofficial = new Int32Array(size);
    const nth: number[] = [];
    let count = 0;
    let off = 0;
    let year = firstYear;
    let nextYearStart = dayFromCivil(year + 1, 1, 1) - this.firstDay;
    let yearOfficial = this.officialYears.has(year);
    for (let i = 0; i < size; i++) {
      if (i === nextYearStart) {
        year++;
        nextYearStart = dayFromCivil(year + 1, 1, 1) - this.firstDay;
        yearOfficial = this.officialYears.has(year);
      }
      const k = kind[i]!;
      if (k === 0 || k === 3) {
        count++;
        nth.push(i);
      }
      if (!yearOfficial) off++;
      cumulative[i] = count;
      unofficial[i] = off;
    }
    this.#cumulative = cumulative;
    this.#unofficial = unofficial;
    this.#nth = Int32Array.from(nth);

    const official = new Uint8Array(lastYear - firstYear + 1);
    for (let y = firstYear; y <= lastYear; y++) official[y - firstYear] = this.officialYears.has(y) ? 1 : 0;
    const bytes = new Uint8Array(size + official.length);
    bytes.set(kind, 0);
    bytes.set(official, size);
    const h1 = fnv1a(bytes, 0x811c9dc5).toString(16).padStart(8, '0');
    const h2 = fnv1a(bytes, 0x2f1e3d4c).toString(16).padStart(8, '0');
    this.version = `cal-${firstYear}-${lastYear}-${h1}${h2}`;
  }

  /** Whether a day number lies inside the calendar's range. */
  covers(day: number): boolean {
    return day >= this.firstDay && day <= this.lastDay;
  }

  /** What the day is (C-01). */
  kindOf(day: number): DayKind {
    return KIND_CODES[this.#kind[day - this.firstDay]!]!;
  }

  /** Whether the day is a working day (C-01): a weekday not in a holiday, or a 调休 make-up day. O(1). */
  isWorkday(day: number): boolean {
    const k = this.#kind[day - this.firstDay]!;
    return k === 0 || k === 3;
  }

  /** Holiday or make-up day name, if the notice names the day. */
  nameOf(day: number): string | undefined {
    return this.#names.get(day);
  }

  /**
   * The `n`-th working day after `day`, the day itself not counted (民法典第二百零一条, C-02).
   * `n = 0` returns `day`. O(1). E.g. 2023-09-27 + 20 → 2023-10-31.
   */
  addWorkingDays(day: number, n: number): DayNumber {
    if (n <= 0) return day as DayNumber;
    const k = this.#cumulative[day - this.firstDay]! + n - 1;
    const offset = this.#nth[k];
    if (offset === undefined) throw new RangeError(`日历范围不足：${isoOf(day)} 之后第${n}个工作日超出 ${isoOf(this.lastDay)}`);
    return (this.firstDay + offset) as DayNumber;
  }

  /** Working days in (fromExclusive, toInclusive]; 0 when to ≤ from. O(1). */
  countWorkingDays(fromExclusive: number, toInclusive: number): number {
    if (toInclusive <= fromExclusive) return 0;
    const before = fromExclusive < this.firstDay ? 0 : this.#cumulative[fromExclusive - this.firstDay]!;
    return this.#cumulative[toInclusive - this.firstDay]! - before;
  }

  /** The first working day on or after `day`. O(1). */
  workdayOnOrAfter(day: number): DayNumber {
    return this.isWorkday(day) ? (day as DayNumber) : this.addWorkingDays(day, 1);
  }

  /** Whether any day in (fromExclusive, toInclusive] lies in a year without official data. O(1). */
  isProvisional(fromExclusive: number, toInclusive: number): boolean {
    if (toInclusive <= fromExclusive) return false;
    const before = fromExclusive < this.firstDay ? 0 : this.#unofficial[fromExclusive - this.firstDay]!;
    return this.#unofficial[toInclusive - this.firstDay]! - before > 0;
  }

  /** Years in (fromExclusive, toInclusive] without official data, for explanations. */
  unofficialYearsIn(fromExclusive: number, toInclusive: number): number[] {
    const years: number[] = [];
    if (toInclusive <= fromExclusive) return years;
    for (let y = yearOf(fromExclusive + 1); y <= yearOf(toInclusive); y++) if (!this.officialYears.has(y)) years.push(y);
    return years;
  }

  /** Whether a year's data is official. */
  isOfficialYear(year: number): boolean {
    return this.officialYears.has(year);
  }
}

/** Builds a calendar from arrangements, overrides and official years (pure; ~30k days, a few ms). */
export function buildCalendar(spec: CalendarSpec): WorkingCalendar {
  return new WorkingCalendar(spec);
}
