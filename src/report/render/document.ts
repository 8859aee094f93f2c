/**
 * The running text of a published report, shared by the HTML, DOCX and XLSX renderers: title,
 * introduction, the six sections (条例第五十条) and the date line. Pure.
 */
import type { AnnualReport, SectionKey } from '../model.ts';
import { SECTION_KEYS, SECTION_TITLES } from '../model.ts';

/** A section as printed: its heading and its paragraphs (one per line of the text). */
export interface PrintedSection {
  key: SectionKey;
  title: string;
  paragraphs: string[];
}

/** The sections in which the template puts a table (section key → table). */
export const SECTION_TABLES: Partial<Record<SectionKey, 'table2' | 'table3' | 'table4'>> = {
  proactive: 'table2',
  applications: 'table3',
  appeals: 'table4',
};

/** "<agency><year>年政府信息公开工作年度报告", as reports title themselves. */
export function reportTitle(report: AnnualReport): string {
  return `${report.agency ?? ''}${report.year === null ? '' : `${report.year}年`}政府信息公开工作年度报告`;
}

/** The template notice each format was issued with (the introduction cites it). */
const TEMPLATE_NOTICE = {
  '2019': '国办公开办函〔2019〕60号',
  '2021': '国办公开办函〔2021〕30号',
} as const;

/**
 * The introduction printed before section 一: the legal basis and the statistics period, as
 * published reports open. The report model holds no introduction of its own.
 */
export function introText(report: AnnualReport): string {
  const basis = `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和政府信息公开工作年度报告格式（${TEMPLATE_NOTICE[report.format]}）要求编制`;
  if (report.year === null) return `${basis}。`;
  return `${basis}，报告中所列数据的统计期限为${report.year}年1月1日至${report.year}年12月31日。`;
}

/**
 * The six sections in order: the report's own title and text where it has the section, the
 * template title and no paragraph where it does not (the heading is always printed).
 */
export function printedSections(report: AnnualReport): PrintedSection[] {
  return SECTION_KEYS.map((key) => {
    const own = report.sections?.find((s) => s.key === key);
    const paragraphs = (own?.text ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
    return { key, title: own?.title ?? SECTION_TITLES[key], paragraphs };
  });
}

/** 'YYYY-MM-DD' → 'YYYY年M月D日' (the form of the date line under a report); other text as is. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (m === null) return isoDate;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
