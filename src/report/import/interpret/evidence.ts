/**
 * Evidence from the report itself for a 表二 run that splits several ways (`584470`): a count the
 * narrative plainly states (“制发行政规范性文件58件”, read by rules/text-counts.ts, the project's
 * conservative narrative reading), and the previous year's report when given (现行有效 = last
 * year's 现行有效 + 本年制发 − 本年废止). Each piece of evidence keeps the readings it agrees
 * with; a reading is chosen only when the evidence leaves exactly one, and the warning names it.
 * Evidence that agrees with no reading says nothing about this run (a sentence about another
 * scope) and is passed over; two pieces of evidence that pick different readings leave it open.
 *
 * The column's order of magnitude in the same table is not used: it can only make a reading
 * likelier, never settle it, and a likely number is still a guess (issue 20: no wrong number).
 */
import type { AnnualReport, Table2RowKey } from '../../model.ts';
import { extractStatedDocumentCounts, type StatedDocumentCount } from '../../rules/text-counts.ts';

/** What the importer knows beyond the run: the narrative and, when given, last year's report. */
export interface Table2Evidence {
  /** The report's narrative (its sections' text). */
  narrative: string;
  year: number | null;
  previous?: AnnualReport;
}

/** The readings the evidence leaves (one: it chose), and the evidence that narrowed them, in words for the warning. */
export interface EvidenceChoice {
  open: string[][];
  because: string[];
}

/** Template columns the narrative counts map to, per template (2021: issued …; 2019: made …, no 废止/现行有效 columns). */
const COLUMN_OF: Record<StatedDocumentCount['measure'], readonly string[]> = {
  issued: ['issued', 'made'],
  repealed: ['repealed'],
  inForce: ['inForce'],
};

/** One piece of evidence: which readings it agrees with, and how to say it. */
interface Piece {
  agrees: (reading: readonly string[]) => boolean;
  says: string;
}

function narrativePieces(key: Table2RowKey, columns: readonly string[], counts: readonly StatedDocumentCount[]): Piece[] {
  const out: Piece[] = [];
  for (const c of counts) {
    if (c.row !== key) continue;
    const col = columns.findIndex((x) => COLUMN_OF[c.measure].includes(x));
    if (col < 0) continue;
    out.push({ agrees: (r) => Number(r[col]) === c.value, says: `报告正文“${c.clause}”` });
  }
  return out;
}

function previousPieces(key: Table2RowKey, columns: readonly string[], previous: AnnualReport | undefined, year: number | null): Piece[] {
  if (!previous || (key !== 'regulations' && key !== 'normativeDocuments')) return [];
  if (year !== null && previous.year !== null && previous.year !== year - 1) return [];
  const last = previous.table2[key]?.inForce;
  const [issued, repealed, inForce] = ['issued', 'repealed', 'inForce'].map((c) => columns.indexOf(c));
  if (typeof last !== 'number' || issued! < 0 || repealed! < 0 || inForce! < 0) return [];
  return [{
    agrees: (r) => last + Number(r[issued!]) - Number(r[repealed!]) === Number(r[inForce!]),
    says: `上一年度报告（上年现行有效 ${last} + 本年制发 − 本年废止 = 本年现行有效）`,
  }];
}

/**
 * The readings of `readings` the evidence leaves, with the evidence that ruled the others out;
 * undefined when no evidence narrowed them (or two pieces of evidence disagree). `counts`: the narrative's
 * stated document counts (found once per report by `statedCounts`).
 */
export function chooseByEvidence(key: Table2RowKey, columns: readonly string[], readings: readonly string[][], counts: readonly StatedDocumentCount[], evidence: Table2Evidence): EvidenceChoice | undefined {
  const pieces = [...narrativePieces(key, columns, counts), ...previousPieces(key, columns, evidence.previous, evidence.year)];
  let open = readings;
  const because: string[] = [];
  for (const p of pieces) {
    const agreeing = readings.filter(p.agrees);
    if (agreeing.length === 0) continue;
    const narrowed = open.filter(p.agrees);
    if (narrowed.length === 0) return undefined;
    if (narrowed.length < open.length) because.push(p.says);
    open = narrowed;
  }
  return because.length > 0 ? { open: [...open], because } : undefined;
}

/** The narrative's stated counts of 规章 and 行政规范性文件 (once per report). */
export function statedCounts(evidence: Table2Evidence | undefined): StatedDocumentCount[] {
  return evidence ? extractStatedDocumentCounts(evidence.narrative, evidence.year ?? undefined) : [];
}
