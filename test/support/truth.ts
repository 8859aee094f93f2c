/**
 * Test fixtures of the render room: the dev corpus truth files as AnnualReports (resolved
 * relative to the repository, never an absolute path), and the seed report with its six
 * sections taken from the seed text. For tests only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { corpusDir } from './corpus.ts';
import type { AnnualReport, ReportSection, SectionKey } from '../../src/report/model.ts';
import { SECTION_KEYS } from '../../src/report/model.ts';

/** shared/corpus/dev/ next to the repository, with a trailing separator. */
export const CORPUS_DIR = `${corpusDir}/`;

/** Names of the truth files (e.g. 'seed-taiping-wenlv-2023'), sorted. */
export function truthNames(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => f.slice(0, -'.truth.json'.length))
    .sort();
}

/** A truth file as a report: `_unscored` and `notes` (corpus annotations) dropped. */
export function loadTruth(name: string): AnnualReport {
  const raw = JSON.parse(readFileSync(`${CORPUS_DIR}${name}.truth.json`, 'utf8')) as Record<string, unknown>;
  delete raw._unscored;
  delete raw.notes;
  return raw as unknown as AnnualReport;
}

/**
 * The seed report's six sections as its text prints them: the lines after each heading
 * 一、…六、, without the tab-separated table lines.
 */
export function seedSections(): ReportSection[] {
  const lines = readFileSync(`${CORPUS_DIR}seed-taiping-wenlv-2023.txt`, 'utf8').split(/\r?\n/u);
  const sections: ReportSection[] = [];
  let current: ReportSection | undefined;
  for (const line of lines) {
    const heading = line.includes('\t') ? null : /^([一二三四五六])、\S/u.exec(line);
    if (heading !== null && '一二三四五六'.indexOf(heading[1] ?? '') === sections.length) {
      const key = SECTION_KEYS['一二三四五六'.indexOf(heading[1] ?? '')] as SectionKey;
      current = { key, title: line.trim(), text: '' };
      sections.push(current);
      continue;
    }
    if (current === undefined || line.includes('\t') || line.trim() === '') continue;
    current.text = current.text === '' ? line.trim() : `${current.text}\n${line.trim()}`;
  }
  return sections;
}

/** The seed truth with its sections and a publication date: a complete published report. */
export function seedWithSections(): AnnualReport {
  return { ...loadTruth('seed-taiping-wenlv-2023'), sections: seedSections(), publishedOn: '2024-01-20' };
}
