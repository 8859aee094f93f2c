/**
 * The on-time list (第二十六条) of the agencies a person reads: items late, due soon and published late
 * (in a year), each classified by due.ts on the app's working calendar, with the counts per agency.
 * Reads only: the pages and the API call it with the viewer's scope.
 */
import { dayOf, isoOf, type IsoDate } from '../law/dates.ts';
import { loadCalendar } from '../law/edge/index.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { classifyDue, dueClassText, dueSoonUntil, type DueClass } from './due.ts';
import { dueCountsByAgency, pendingDueIn, publishedLateIn, type AgencyScope, type DueCounts, type DueRow } from './due-store.ts';

/** Rows shown per part of the list (the counts are complete). */
export const DUE_LIST_LIMIT = 200;

/** An item on the list: its row, its class and how that reads. */
export interface DueEntry extends DueRow {
  due: DueClass;
  dueText: string;
}

/** One part of the list: the first rows and how many there are. */
export interface DuePart {
  items: DueEntry[];
  total: number;
}

/** The on-time list. */
export interface DueList {
  today: IsoDate;
  soonWorkingDays: number;
  /** The last day “due soon” reaches. */
  soonUntil: IsoDate;
  /** The year whose published-late items are listed. */
  year: number;
  counts: DueCounts[];
  late: DuePart;
  dueSoon: DuePart;
  publishedLate: DuePart;
}

/** The list for `agencies` on `today`, due soon within `soonWorkingDays`, published late in `year`. */
export async function dueList(db: Queryable, agencies: AgencyScope, options: { today: IsoDate; soonWorkingDays: number; year: number; limit?: number }): Promise<DueList> {
  const { today, soonWorkingDays, year } = options;
  const limit = options.limit ?? DUE_LIST_LIMIT;
  const calendar = await loadCalendar(db);
  const soonUntil = dueSoonUntil(today, calendar, soonWorkingDays);
  const yesterday = isoOf(dayOf(today) - 1);
  const from = `${year}-01-01` as IsoDate;
  const to = `${year}-12-31` as IsoDate;
  const [late, soon, published, counts] = await Promise.all([
    pendingDueIn(db, agencies, null, yesterday, limit),
    pendingDueIn(db, agencies, today, soonUntil, limit),
    publishedLateIn(db, agencies, from, to, limit),
    dueCountsByAgency(db, agencies, today, soonUntil, from, to),
  ]);
  const entries = (part: { rows: DueRow[]; total: number }): DuePart => ({
    total: part.total,
    items: part.rows.flatMap((row) => {
      const due = classifyDue(row, today, soonUntil, calendar);
      return due ? [{ ...row, due, dueText: dueClassText(due) }] : [];
    }),
  });
  return { today, soonWorkingDays, soonUntil, year, counts, late: entries(late), dueSoon: entries(soon), publishedLate: entries(published) };
}
