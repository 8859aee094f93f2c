/**
 * What rooms may use of the law room's edge: the app's working calendar (the package's years with
 * the staff-imported ones). Every room that computes a statutory date reads it from here, so a case's
 * and an item's dates are those of `gongkai law deadline --db`.
 */
export { loadCalendar } from './calendar-store.ts';
