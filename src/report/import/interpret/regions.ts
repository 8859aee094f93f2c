/**
 * Where each table lies in the token stream. Headings and header words of the template mark
 * the boundaries; the narrative before and after (with its own numbers) stays outside.
 */
import type { Token } from './tokens.ts';

/** Token index ranges [from, to) of the three tables; a table not found has no range. */
export interface Regions {
  t2?: [number, number];
  t3?: [number, number];
  t4?: [number, number];
}

function findText(tokens: readonly Token[], from: number, to: number, pattern: RegExp): number {
  for (let i = Math.max(0, from); i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'text' && pattern.test(t.text)) return i;
  }
  return -1;
}

/** The first "行政复议" header token that a "维持" column header soon follows (表四, not the narrative). */
function findTable4(tokens: readonly Token[], from: number): number {
  for (let i = findText(tokens, from, tokens.length, /行政复议/); i >= 0; i = findText(tokens, i + 1, tokens.length, /行政复议/)) {
    const t = tokens[i]!;
    if (t.kind === 'text' && /行政复议.*维持/.test(t.text)) return i;
    for (let j = i + 1; j < Math.min(tokens.length, i + 40); j++) {
      const u = tokens[j]!;
      if (u.kind === 'value' && u.value === 'num') break;
      if (u.kind === 'text' && /维持/.test(u.text)) return i;
    }
  }
  return -1;
}

/** Finds the three tables' ranges. */
export function findRegions(tokens: readonly Token[]): Regions {
  const n = tokens.length;
  let t2Start = findText(tokens, 0, n, /第二十条第\(一\)项|第二十条第一项/);
  if (t2Start < 0) t2Start = findText(tokens, 0, n, /信息内容|本年制发件数|本年新制作数量/);
  const t3Start = findText(tokens, Math.max(0, t2Start), n, /申请人情况|勾稽关系|本年新收/);
  const t4Start = findTable4(tokens, Math.max(0, t3Start, t2Start));
  const after4 = t4Start >= 0 ? findText(tokens, t4Start + 1, n, /^五、|存在的主要问题|主要问题|其他需要报告/) : -1;
  const regions: Regions = {};
  if (t2Start >= 0) regions.t2 = [t2Start, t3Start >= 0 ? t3Start : t4Start >= 0 ? t4Start : Math.min(n, t2Start + 200)];
  if (t3Start >= 0) regions.t3 = [t3Start, t4Start >= 0 ? t4Start : n];
  if (t4Start >= 0) regions.t4 = [t4Start, after4 >= 0 ? after4 : n];
  return regions;
}
