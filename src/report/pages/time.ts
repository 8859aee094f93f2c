/**
 * A moment as officials read it: Beijing time, 24-hour clock (2024/1/20 09:30:00). One formatter
 * for every page: `toLocaleString` builds a new one per call (~0.1 ms), 50 rows of a list took 5 ms.
 */
const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** The moment in Beijing time. */
export function beijingTime(moment: Date): string {
  return BEIJING.format(moment);
}
