/**
 * How the statistics pages (on time, table 二, coverage) write dates and choose an agency and a year.
 * Pure.
 */

/** '2024年6月3日' from '2024-06-03'; '—' for none. */
export function dateText(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The years offered in a select: this year and the five before, and the one shown if older. */
export function yearChoices(thisYear: number, shown: number): number[] {
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  if (!years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

/** The address of a staff page with its query (empty values left out). */
export function pageHref(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
