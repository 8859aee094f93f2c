/**
 * 索引号 (the national 政府信息公开目录 guidance): generated once when an item is drafted, never changed,
 * and the item's public address (/items/{索引号}). An agency may set its own pattern; the default is
 * `{统一社会信用代码}/{年份}-{流水号:5}`, e.g. 11211000MB1234567X/2024-00005.
 *
 * Tokens:
 * - `{统一社会信用代码}` the agency's 统一社会信用代码; an agency without one (not yet entered) uses
 *   `GK` and its number in the system padded to 6 digits (GK000012): unique, and plainly not a real code.
 * - `{机关编号}` the agency's number in the system (12).
 * - `{年份}` the year of the item's 成文日期 (the year it was formed, so imported old items keep theirs).
 * - `{流水号}` or `{流水号:N}` the item's serial number in the agency and year, padded to N digits
 *   (1–8, default 5); a serial beyond N digits is written in full.
 * Between the tokens: letters, digits and - / _ . (no spaces: the number is part of an address).
 * A pattern has one serial, the year and the agency (else two items would get one number). Pure.
 */

export const DEFAULT_INDEX_PATTERN = '{统一社会信用代码}/{年份}-{流水号:5}';

/** The tokens a pattern may use, with what they stand for (the settings page lists them). */
export const INDEX_TOKENS = {
  统一社会信用代码: '本机关的统一社会信用代码（未填写的机关用 GK 加 6 位机关编号，如 GK000012）',
  机关编号: '本机关在本系统中的编号',
  年份: '成文日期的年份（4 位）',
  流水号: '本机关当年的流水号；{流水号:5} 表示补足 5 位（1–8 位，默认 5 位）',
} as const;
type TokenName = keyof typeof INDEX_TOKENS;

/** A pattern's parts: literal text, or a token (the serial with its width). */
export type PatternPart = { literal: string } | { token: Exclude<TokenName, '流水号'> } | { token: '流水号'; width: number };

/** What an item's number is made of. */
export interface IndexFacts {
  creditCode: string | null;
  agencyId: number;
  year: number;
  serial: number;
}

/** Longest 索引号 stored (the table's check). */
export const MAX_INDEX_LENGTH = 60;
const LITERAL = /^[A-Za-z0-9\-/_.]*$/;

/** Parses a pattern, or says what is wrong with it (in officials' words). */
export function parseIndexPattern(pattern: string): { ok: true; parts: PatternPart[] } | { ok: false; message: string } {
  const parts: PatternPart[] = [];
  const seen = new Set<string>();
  let rest = pattern.trim();
  if (rest === '') return { ok: false, message: '索引号格式不能为空' };
  while (rest !== '') {
    const open = rest.indexOf('{');
    const literal = open < 0 ? rest : rest.slice(0, open);
    if (literal !== '') {
      if (!LITERAL.test(literal) || literal.includes('}')) return { ok: false, message: `“${literal.slice(0, 20)}”：标记之间只能用字母、数字和 - / _ .（不能有空格或汉字）` };
      parts.push({ literal });
    }
    if (open < 0) break;
    const close = rest.indexOf('}', open);
    if (close < 0) return { ok: false, message: '有一个“{”没有对应的“}”' };
    const inner = rest.slice(open + 1, close).trim();
    const [name, width] = inner.split(/[:：]/) as [string, string | undefined];
    if (!Object.hasOwn(INDEX_TOKENS, name)) return { ok: false, message: `不认识的标记“{${inner.slice(0, 20)}}”：可用 ${Object.keys(INDEX_TOKENS).map((t) => `{${t}}`).join('、')}` };
    if (seen.has(name)) return { ok: false, message: `标记“{${name}}”只能出现一次` };
    seen.add(name);
    if (name === '流水号') {
      const w = width === undefined ? 5 : /^[1-8]$/.test(width.trim()) ? Number(width.trim()) : Number.NaN;
      if (Number.isNaN(w)) return { ok: false, message: `流水号的位数应为 1–8，如 {流水号:5}，实际为“${width ?? ''}”` };
      parts.push({ token: '流水号', width: w });
    } else if (width !== undefined) {
      return { ok: false, message: `标记“{${name}}”不带位数` };
    } else {
      parts.push({ token: name as Exclude<TokenName, '流水号'> });
    }
    rest = rest.slice(close + 1);
  }
  if (!seen.has('流水号')) return { ok: false, message: '索引号格式须含流水号 {流水号}' };
  if (!seen.has('年份')) return { ok: false, message: '索引号格式须含年份 {年份}（流水号按年编排）' };
  if (!seen.has('统一社会信用代码') && !seen.has('机关编号')) return { ok: false, message: '索引号格式须含 {统一社会信用代码} 或 {机关编号}（各机关的索引号不能相同）' };
  const longest = formatIndexNumber(parts, { creditCode: 'X'.repeat(18), agencyId: 999_999, year: 2099, serial: 1 });
  if (longest.length > MAX_INDEX_LENGTH) return { ok: false, message: `按这个格式生成的索引号超过 ${MAX_INDEX_LENGTH} 个字符` };
  return { ok: true, parts };
}

/** The parts of the default pattern. */
export function defaultIndexParts(): PatternPart[] {
  return (parseIndexPattern(DEFAULT_INDEX_PATTERN) as { ok: true; parts: PatternPart[] }).parts;
}

/** The code an agency's 索引号 carries: its 统一社会信用代码, or GK and its number (GK000012). */
export function agencyCodeOf(creditCode: string | null, agencyId: number): string {
  return creditCode !== null && creditCode.trim() !== '' ? creditCode.trim() : `GK${String(agencyId).padStart(6, '0')}`;
}

/**
 * An item's 索引号 from a parsed pattern.
 *
 * @example formatIndexNumber(parse(DEFAULT_INDEX_PATTERN), { creditCode: '11211000MB1234567X', agencyId: 3, year: 2024, serial: 5 }) // '11211000MB1234567X/2024-00005'
 */
export function formatIndexNumber(parts: readonly PatternPart[], facts: IndexFacts): string {
  return parts.map((part) => {
    if ('literal' in part) return part.literal;
    switch (part.token) {
      case '统一社会信用代码':
        return agencyCodeOf(facts.creditCode, facts.agencyId);
      case '机关编号':
        return String(facts.agencyId);
      case '年份':
        return String(facts.year);
      case '流水号':
        return String(facts.serial).padStart(part.width, '0');
    }
  }).join('');
}

/**
 * The 索引号 as one segment of an address: percent-encoded, its slash as %2F
 * (/items/11211000MB1234567X%2F2024-00005); the routes take a raw slash as well.
 */
export function indexNoPath(indexNo: string): string {
  return encodeURIComponent(indexNo);
}

/** A 索引号 given with an item (an import keeps the old site's): 5–60 characters without spaces or control characters. */
export function checkGivenIndexNo(indexNo: string): string | undefined {
  const text = indexNo.trim();
  if (text.length < 5 || text.length > MAX_INDEX_LENGTH) return `索引号应为 5–${MAX_INDEX_LENGTH} 个字符，实际为 ${text.length} 个`;
  if (/[\s\p{Cc}?#%\\]/u.test(text)) return '索引号不能含空格、控制字符或 ? # % \\';
  if (text.startsWith('/') || text.endsWith('/') || text.includes('//')) return '索引号不能以“/”开头或结尾，也不能有连续的“/”';
  return undefined;
}
