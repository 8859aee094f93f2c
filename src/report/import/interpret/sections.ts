/**
 * The six sections (一、总体情况 … 六、其他需要报告的事项), found by their headings in document
 * order. Headings are recognised by their words, not their numerals: reports renumber them.
 *
 * A section's text is its running text: the rows of the data tables printed inside sections
 * 二–四 are the tables, not text, and the agency name and date signed under the report (read as
 * publishedOn) are not part of section 六.
 */
import { SECTION_KEYS, SECTION_TITLES, type ParseWarning, type ReportSection, type SectionKey } from '../../model.ts';
import type { SourceDocument } from '../source.ts';
import { tableLines } from './section-lines.ts';
import { withoutSignature } from './signature.ts';
import { warn } from './warnings.ts';

const SECTION_WORDS: Record<SectionKey, RegExp> = {
  overview: /总体情况|概述/,
  proactive: /主动公开/,
  applications: /收到和处理|依申请公开/,
  appeals: /行政复议/,
  problems: /存在的主要问题|主要问题|问题及改进/,
  other: /其他需要报告/,
};

// Crawler text runs headings into the text before and after them, so a heading is known by its
// numeral, its words and its ending, not by a line of its own.
const HEADING = /()([一二三四五六七八九十]、[^\s。，,;；\n]{1,30}?(?:问题及改进情况|情况|事项|问题|概述))/g;
/** HEADING tried at one position only (sticky). */
const HEADING_AT = new RegExp(HEADING.source, 'y');

interface Heading {
  key: SectionKey;
  title: string;
  start: number;
  end: number;
}

/**
 * The next match of HEADING at or after `from`, as `HEADING.exec` with `lastIndex = from` finds
 * it. A heading's numeral is followed by 、, so only the positions before a 、 are tried: a
 * search for one character instead of trying the regex at every position of a long text.
 */
function nextHeading(text: string, from: number): RegExpExecArray | null {
  for (let i = text.indexOf('、', from + 1); i >= 0; i = text.indexOf('、', i + 1)) {
    if (!isNumeral(text.charCodeAt(i - 1))) continue;
    HEADING_AT.lastIndex = i - 1;
    const m = HEADING_AT.exec(text);
    if (m !== null) return m;
  }
  return null;
}

/** 一二三四五六七八九十 */
function isNumeral(c: number): boolean {
  return c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94 || c === 0x516d || c === 0x4e03 || c === 0x516b || c === 0x4e5d || c === 0x5341;
}

/** The headings of the six sections in `text`, in order (each found after the previous one). */
function findHeadings(text: string): Heading[] {
  const headings: Heading[] = [];
  let from = 0;
  for (const key of SECTION_KEYS) {
    for (let m = nextHeading(text, from); m !== null; m = nextHeading(text, m.index + m[0].length)) {
      const title = m[2]!;
      if (!SECTION_WORDS[key].test(title)) continue;
      const start = m.index + m[0].length - title.length;
      headings.push({ key, title, start, end: start + title.length });
      from = start + title.length;
      break;
    }
  }
  return headings;
}

/**
 * Sections in document order; a section not found is left out, with a warning.
 * `cells`: each line's cells in NFKC (as the tokenizer has them); `agency`: the report's agency,
 * to recognise the signature under the last section.
 */
export function readSections(doc: SourceDocument, cells: readonly (readonly string[])[], agency: string | null, warnings: ParseWarning[]): ReportSection[] {
  // Most lines are one cell: `join` is skipped for them.
  const lineTexts: string[] = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    lineTexts[i] = c.length === 1 ? c[0]! : c.join(' ');
  }
  const text = lineTexts.join('\n');
  const headings = findHeadings(text);
  const skip = tableLines(doc, cells);
  // Line i spans [starts[i], starts[i] + lineTexts[i].length) of `text`.
  const starts: number[] = new Array<number>(lineTexts.length);
  for (let i = 0, at = 0; i < lineTexts.length; i++) {
    starts[i] = at;
    at += lineTexts[i]!.length + 1;
  }
  let line = 0;
  const sections: ReportSection[] = headings.map((h, i) => {
    const end = headings[i + 1]?.start ?? text.length;
    const pieces: string[] = [];
    while (line < lineTexts.length && starts[line]! + lineTexts[line]!.length < h.end) line++;
    for (let l = line; l < lineTexts.length && starts[l]! < end; l++) {
      if (skip[l]) continue;
      pieces.push(text.slice(Math.max(starts[l]!, h.end), Math.min(starts[l]! + lineTexts[l]!.length, end)));
    }
    const kept = i === headings.length - 1 ? withoutSignature(pieces, agency) : pieces;
    return { key: h.key, title: h.title, text: kept.join('\n').trim() };
  });
  const missing = SECTION_KEYS.filter((k) => !headings.some((h) => h.key === k));
  if (missing.length > 0) {
    warnings.push(warn('report.sections-missing', 'sections', `未找到以下部分的标题：${missing.map((k) => SECTION_TITLES[k]).join('；')}。`));
  }
  return sections;
}
