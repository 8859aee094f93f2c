/**
 * The readings of an ambiguous row or cell, written out for the warning, so that an official
 * can settle it from the original document: "可能的读法（共 21 种，列出 5 种）：77|132|470、…".
 */

/** At most this many readings are listed. */
export const MAX_LISTED_READINGS = 5;

/**
 * "可能的读法：a|b|c、d|e|f。" — each reading's cells joined by "|" (a blank cell as "空"),
 * readings by "、"; with more than listed, how many there are and a final "…" (`more`: the
 * search stopped before finding them all).
 */
export function listReadings(readings: readonly (readonly (string | number | null)[])[], more = false): string {
  if (readings.length === 0) return '';
  const shown = readings.slice(0, MAX_LISTED_READINGS).map((r) => r.map((c) => (c === null ? '空' : String(c))).join('|'));
  if (shown.length === readings.length && !more) return `可能的读法：${shown.join('、')}。`;
  return `可能的读法（共 ${readings.length} 种${more ? '以上' : ''}，列出 ${shown.length} 种）：${shown.join('、')}、…`;
}

/**
 * Free splits of a run of digits (表二), most even first: a reading with shorter numbers is
 * listed before one that puts most digits in one cell. Only the order of the list; none is chosen.
 */
export function evenFirst(readings: readonly string[][]): string[][] {
  const longest = (r: readonly string[]): number => Math.max(...r.map((p) => p.length));
  return readings.map((r, i) => ({ r, i, l: longest(r) })).sort((a, b) => a.l - b.l || a.i - b.i).map((x) => x.r);
}
