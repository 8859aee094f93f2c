/**
 * Moments as the administration pages and the audit trail show them: Beijing time, yyyy-MM-dd
 * HH:mm:ss. China has kept UTC+8 without daylight saving since 1991, so the shift is a constant and
 * no formatter is built per row (the audit export writes many thousands).
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2024-01-31 09:30:00 (Asia/Shanghai). */
export function formatMoment(moment: Date): string {
  return new Date(moment.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** 2024-01-31 (Asia/Shanghai). */
export function formatDay(moment: Date): string {
  return formatMoment(moment).slice(0, 10);
}
