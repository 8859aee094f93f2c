/**
 * Facts about the report as a whole: agency, year, publication date, agency kind and template
 * generation, read from the title, the container's metadata and the template's own headers.
 */
import { inferAgencyKind, type AgencyKind } from '../../../law/agency-kinds.ts';
import { defaultFormatForYear, type ParseWarning, type ReportFormat } from '../../model.ts';
import type { SourceDocument } from '../source.ts';
import { normalizeText, type Token } from './tokens.ts';
import { stripWhitespace } from './cell-tokens.ts';
import { warn } from './warnings.ts';

/** Short forms agencies use in their own titles, and the full names (as in 机构编制 lists). */
const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/科委$/, '科学技术委员会'],
  [/发改委$/, '发展和改革委员会'],
  [/发改局$/, '发展和改革局'],
  [/卫健委$/, '卫生健康委员会'],
  [/经信委$/, '经济和信息化委员会'],
  [/国资委$/, '国有资产监督管理委员会'],
];

/**
 * A report title from its year on: what precedes the match is the text before the year. With no
 * leading `(.*?)` and the gap after the year bounded, a long line without a title is searched in
 * linear time (a leading lazy group made it quadratic: a 2 MB page took minutes).
 */
const TITLE = /(\d{4})年度?(.{0,100}?)(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度|年)?(?:报告|年报)/;
const PAGE_MARK = /^[-—\s]*\d+[-—\s]*$|^第\d+页/;

/**
 * The title text: container title, else the first lines of the body joined (a title may wrap).
 * Lazy: the first candidate usually names the agency, and crawler text is one long line.
 */
function* titleCandidates(doc: SourceDocument): Generator<string> {
  if (doc.meta.title) yield normalizeText(doc.meta.title);
  let joined = '';
  let taken = 0;
  for (const line of doc.lines) {
    const text = line.cells.join('').trim();
    if (text === '' || PAGE_MARK.test(text)) continue;
    joined += normalizeText(text);
    yield joined;
    if (++taken >= 4) break;
  }
}

/** Cleans what precedes the year in a title: drops labels like 正文 / 附件 / 标题: and punctuation. */
function cleanAgency(s: string): string {
  // A report sent as a letter is titled "X关于报送2020年度…年度报告的函": the agency is X.
  return s.replace(/^.*(?:正文|附件\d*|标题:|[:：，,。;；])/, '').replace(/[（(].*$/, '').replace(/关于(?:报送|上报|印发|公布|发布|公开)?$/, '').trim();
}

export interface ReportIdentity {
  agency: string | null;
  year: number | null;
  agencyKind?: AgencyKind;
  publishedOn?: string;
}

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const DATE_NEAR_TOP = /(?:发布|公开|成文)(?:日期|时间):?(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})/;
const SIGNED_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/g;

/** Line `i` with whitespace removed (its cells are NFKC already, so this is normalizeText of the line), computed once per line. */
function compactLine(cells: readonly (readonly string[])[], i: number, texts: Map<number, string>): string {
  let t = texts.get(i);
  if (t === undefined) texts.set(i, (t = stripWhitespace(cells[i]!.join(' '))));
  return t;
}

/**
 * Whether DATE_NEAR_TOP can match the line: it needs 日期 or 时间. Judged by single characters,
 * which removing whitespace cannot create, so a line failing this is skipped unread.
 */
function mayStateDate(cells: readonly string[]): boolean {
  return (containsChar(cells, '日') && containsChar(cells, '期')) || (containsChar(cells, '时') && containsChar(cells, '间'));
}

function containsChar(cells: readonly string[], ch: string): boolean {
  for (const c of cells) if (c.includes(ch)) return true;
  return false;
}

/** Publication date: container metadata, a 发布/公开日期 line near the top, or the date signed at the end. */
function findPublishedOn(doc: SourceDocument, year: number | null, cells: readonly (readonly string[])[]): string | undefined {
  if (doc.meta.publishedOn && /^\d{4}-\d{2}-\d{2}$/.test(doc.meta.publishedOn)) return doc.meta.publishedOn;
  // Only the first 30 and the last 6 lines are read. Their cells are in NFKC already, so the
  // compact text (normalizeText of the line) is the cells joined with whitespace removed.
  const count = cells.length;
  const texts = new Map<number, string>();
  const top = Math.min(30, count);
  for (let i = 0; i < top; i++) {
    if (!mayStateDate(cells[i]!)) continue;
    const m = DATE_NEAR_TOP.exec(compactLine(cells, i, texts));
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  const endLines: string[] = [];
  for (let i = Math.max(0, count - 6); i < count; i++) endLines.push(compactLine(cells, i, texts));
  const tail = endLines.join('').slice(-200);
  const dates = [...tail.matchAll(SIGNED_DATE)];
  const last = dates[dates.length - 1];
  if (last && (year === null || Number(last[1]) === year + 1 || Number(last[1]) === year)) {
    // A signed date closes the report; 统计期限 "至…12月31日" is not one.
    if (!/至$|止$/.test(tail.slice(0, last.index ?? 0)) && !(last[2] === '12' && last[3] === '31')) return isoDate(last[1]!, last[2]!, last[3]!);
  }
  return undefined;
}

/** Agency, year, kind and publication date of the report. */
export function readIdentity(doc: SourceDocument, warnings: ParseWarning[], cells: readonly (readonly string[])[]): ReportIdentity {
  let agency: string | null = null;
  let year: number | null = null;
  for (const title of titleCandidates(doc)) {
    const m = TITLE.exec(title);
    if (!m) continue;
    const after = cleanAgency(m[2] ?? '');
    const before = cleanAgency(title.slice(0, m.index));
    year = Number(m[1]);
    agency = after !== '' ? after : before !== '' ? before : null;
    if (agency) break;
  }
  if (year === null) {
    const all = doc.lines.slice(0, 40).map((l) => normalizeText(l.cells.join(''))).join('');
    const m = /统计(?:期限|周期|时限)[^。]*?(\d{4})年1月1日/.exec(all);
    if (m) year = Number(m[1]);
    else warnings.push(warn('report.year-not-found', 'year', '未能从标题或统计期限读出报告年度。'));
  }
  if (agency === null && doc.meta.publisher) agency = normalizeText(doc.meta.publisher);
  if (agency !== null) {
    for (const [short, full] of ABBREVIATIONS) {
      if (short.test(agency)) {
        const expanded = agency.replace(short, full);
        warnings.push(warn('report.agency-expanded', 'agency', `标题中的机关名称为简称「${agency}」，按常用全称读作「${expanded}」，请核对。`));
        agency = expanded;
        break;
      }
    }
  } else {
    warnings.push(warn('report.agency-not-found', 'agency', '未能从标题读出机关名称。'));
  }
  const identity: ReportIdentity = { agency, year };
  if (agency) identity.agencyKind = inferAgencyKind(agency);
  const publishedOn = findPublishedOn(doc, year, cells);
  if (publishedOn) identity.publishedOn = publishedOn;
  return identity;
}

/**
 * Column headers only one template prints: group 1 the 2019 template's, group 2 the 2021 template's.
 * One regex for both, so the text is scanned once; no header of one template overlaps a header of
 * the other, so each group's matches are those a scan for that template's headers alone finds.
 */
const SIGNS = /(本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|政府集中采购)|(本年制发件数|本年废止件数|本年废纸件数|现行有效件数|本年收费金额)/g;

/**
 * Template generation from 表二's column headers; else from whether （六）其他处理 has three rows;
 * else from the year (the 2021 template applies from report year 2021).
 */
export function detectFormat(tokens: readonly Token[], threeOther: boolean | undefined, year: number | null, warnings: ParseWarning[]): ReportFormat {
  // Built by concatenation, not map/join: no array of every token's text.
  let text = '';
  for (const t of tokens) text += t.kind === 'text' ? t.text : ' ';
  let n2019 = 0;
  let n2021 = 0;
  SIGNS.lastIndex = 0;
  for (let m = SIGNS.exec(text); m !== null; m = SIGNS.exec(text)) {
    if (m[1] !== undefined) n2019++;
    else n2021++;
  }
  if (n2019 !== n2021) return n2019 > n2021 ? '2019' : '2021';
  if (threeOther !== undefined) return threeOther ? '2021' : '2019';
  if (year !== null) return defaultFormatForYear(year);
  warnings.push(warn('report.format-guessed', 'format', '未能从表头或年度判断模板版本，按 2021 版读取。'));
  return '2021';
}
