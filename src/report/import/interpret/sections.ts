/**
 * The six sections (一、总体情况 … 六、其他需要报告的事项), found by their headings in document
 * order. Headings are recognised by their words, not their numerals: reports renumber them.
 */
import { SECTION_KEYS, SECTION_TITLES, type ParseWarning, type ReportSection, type SectionKey } from '../../model.ts';
import type { SourceDocument } from '../source.ts';
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

/** Sections in document order; a section not found is left out, with a warning. */
export function readSections(doc: SourceDocument, warnings: ParseWarning[]): ReportSection[] {
  const text = doc.lines.map((l) => l.cells.join(' ').normalize('NFKC')).join('\n');
  const headings: { key: SectionKey; title: string; start: number; end: number }[] = [];
  let from = 0;
  for (const key of SECTION_KEYS) {
    HEADING.lastIndex = from;
    for (let m = HEADING.exec(text); m !== null; m = HEADING.exec(text)) {
      const title = m[2]!;
      if (!SECTION_WORDS[key].test(title)) continue;
      const start = m.index + m[0].length - title.length;
      headings.push({ key, title, start, end: start + title.length });
      from = start + title.length;
      break;
    }
  }
  const sections: ReportSection[] = headings.map((h, i) => ({
    key: h.key,
    title: h.title,
    text: text.slice(h.end, headings[i + 1]?.start ?? text.length).trim(),
  }));
  const missing = SECTION_KEYS.filter((k) => !headings.some((h) => h.key === k));
  if (missing.length > 0) {
    warnings.push(warn('report.sections-missing', 'sections', `未找到以下部分的标题：${missing.map((k) => SECTION_TITLES[k]).join('；')}。`));
  }
  return sections;
}
