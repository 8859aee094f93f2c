/**
 * The report as the workspace shows it and the rules check it: the drafted sentences with the staff's
 * edits, the tables from the records (or, for a year before the platform, the numbers entered by hand
 * with their reasons), in the canonical JSON of shared/spec/annual-report.md. Pure.
 */
import type { AnnualReport } from '../../report/index.ts';
import { SECTION_KEYS, SECTION_TITLES, TABLE2_2021, TABLE3_COLUMNS, TABLE3_ROWS_2021, TABLE4_COLUMNS, TABLE4_GROUPS } from '../../report/index.ts';
import type { ReportFacts } from './facts.ts';
import type { DraftSections, DraftSentence } from './sentences.ts';

/** A person's edit of a drafted sentence: the text, and the drafted text it replaced (to notice a re-draft). */
export interface SentenceEdit {
  text: string;
  basedOn: string;
  by: string;
  at: string;
}

/** A number entered by hand (a year before the platform), with the reason. */
export interface ManualCell {
  value: number | null;
  reason: string;
  by: string;
  at: string;
}

/** A sentence as the workspace shows it: drafted, possibly edited, and whether the records changed since the edit. */
export interface WorkspaceSentence extends DraftSentence {
  drafted: string;
  edited: boolean;
  /** Edited, and the drafted text has changed since: the person should look again. */
  stale: boolean;
}

/** The sentences of each section with the edits applied. */
export function applyEdits(drafted: DraftSections, edits: Readonly<Record<string, SentenceEdit>>): Record<keyof DraftSections, WorkspaceSentence[]> {
  const out = {} as Record<keyof DraftSections, WorkspaceSentence[]>;
  for (const key of SECTION_KEYS) {
    out[key] = drafted[key].map((s) => {
      const edit = edits[s.id];
      return edit
        ? { ...s, text: edit.text, drafted: s.text, edited: true, stale: edit.basedOn !== s.text }
        : { ...s, drafted: s.text, edited: false, stale: false };
    });
  }
  return out;
}

/** Every cell path of the 2021 template's tables, in order: the paths a manual entry may name. */
export function tableCellPaths(): string[] {
  const paths: string[] = [];
  for (const [row, columns] of Object.entries(TABLE2_2021)) for (const c of columns) paths.push(`t2.${row}.${c}`);
  for (const row of TABLE3_ROWS_2021) TABLE3_COLUMNS.forEach((_, i) => paths.push(`t3.${row}[${i}]`));
  for (const g of TABLE4_GROUPS) for (const c of TABLE4_COLUMNS) paths.push(`t4.${g}.${c}`);
  return paths;
}

const T3_PATH = /^t3\.(.+)\[(\d)\]$/;
const DOTTED = /^t([24])\.([A-Za-z]+)\.([A-Za-z]+)$/;

/** The report of a year in canonical JSON. */
export function assembleReport(
  facts: ReportFacts, sentences: Record<keyof DraftSections, WorkspaceSentence[]>, manual: Readonly<Record<string, ManualCell>>, publishedOn?: string,
): AnnualReport {
  const table2: Record<string, Record<string, number | null>> = {};
  for (const [row, columns] of Object.entries(TABLE2_2021)) table2[row] = Object.fromEntries(columns.map((c) => [c, facts.table2[row]?.[c] ?? null]));
  const rows: Record<string, (number | null)[]> = {};
  for (const row of TABLE3_ROWS_2021) rows[row] = [...(facts.table3[row] ?? TABLE3_COLUMNS.map(() => 0))];
  const table4: Record<string, Record<string, number | null>> = {};
  for (const g of TABLE4_GROUPS) table4[g] = { ...facts.table4[g] };
  for (const [path, cell] of Object.entries(manual)) {
    const t3 = T3_PATH.exec(path);
    if (t3 && rows[t3[1]!]) rows[t3[1]!]![Number(t3[2])] = cell.value;
    const dotted = DOTTED.exec(path);
    if (dotted) (dotted[1] === '2' ? table2 : table4)[dotted[2]!]![dotted[3]!] = cell.value;
  }
  return {
    agency: facts.agency,
    year: facts.year,
    format: '2021',
    agencyKind: facts.agencyKind,
    ...(publishedOn ? { publishedOn } : {}),
    sections: SECTION_KEYS.map((key) => ({
      key, title: SECTION_TITLES[key], text: sentences[key].map((s) => s.text.trim()).filter((t) => t !== '').join('\n'),
    })),
    table2,
    table3: { columns: [...TABLE3_COLUMNS], rows },
    table4,
  } as AnnualReport;
}
