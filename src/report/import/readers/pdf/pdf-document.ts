/**
 * The document pass of the PDF reader, pure: page numbers and running headers/footers
 * dropped, pages laid out (pdf-layout.ts), tables marked, table rows carried across page
 * breaks (a repeated header row dropped, with a warning), blank cells restored from column
 * positions, wrapped paragraph lines joined.
 */
import type { SourceDocument, SourceLine } from '../../source.ts';
import { alignTableColumns } from './pdf-columns.ts';
import { layOutPage, type LaidLine, type PdfFragment } from './pdf-layout.ts';
import { isValueText, joinBrokenLines } from '../lines/normalize.ts';

type Warning = SourceDocument['warnings'][number];

/** One page: its fragments (origin bottom-left of the page box) and its size. */
export interface PdfPage {
  fragments: PdfFragment[];
  width: number;
  height: number;
}

/** A laid-out line with its page (1-based) and whether it is a table row. */
export interface DocLine {
  page: number;
  laid: LaidLine;
  isTable: boolean;
}

const MARGIN = 0.08;
const PAGE_NUMBER = /^(?:[-–—－]\s*\d{1,4}\s*[-–—－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|\d{1,4}|[-–—－]?\s*[ivxlc]{1,6}\s*[-–—－]?)$/iu;

/** Lays out a whole PDF into SourceDocument lines and warnings. */
export function layOutDocument(pages: readonly PdfPage[]): { lines: SourceLine[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const kept = dropMargins(pages);
  const bodyFontSize = dominantFontSize(kept);
  let lines: DocLine[] = kept.flatMap((fragments, i) => layOutPage(fragments, { bodyFontSize }).map((laid) => ({ page: i + 1, laid, isTable: false })));
  markTables(lines);
  lines = carryAcrossPages(lines, warnings);
  alignTableColumns(lines, warnings);
  return { lines: joinParagraphs(lines, pages), warnings };
}

/** Drops page numbers and text repeated in the same margin position on several pages. */
function dropMargins(pages: readonly PdfPage[]): PdfFragment[][] {
  const inMargin = (f: PdfFragment, page: PdfPage): boolean => f.y < page.height * MARGIN || f.y > page.height * (1 - MARGIN);
  const key = (f: PdfFragment): string => `${f.text.replace(/\d+/gu, '#').trim()}@${Math.round(f.y / 4)}`;
  const seen = new Map<string, number>();
  for (const page of pages) {
    for (const k of new Set(page.fragments.filter((f) => inMargin(f, page)).map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const repeatedMin = Math.max(2, Math.ceil(pages.length / 2));
  const droppable = (f: PdfFragment, page: PdfPage): boolean => inMargin(f, page)
    && (PAGE_NUMBER.test(f.text.normalize('NFKC').trim())
      || (pages.length >= 2 && !isValueText(f.text) && (seen.get(key(f)) ?? 0) >= repeatedMin));
  // Dropped only when everything on its baseline goes too: a table's last row in the margin stays.
  return pages.map((page) => page.fragments.filter((f) => !droppable(f, page)
    || page.fragments.some((o) => Math.abs(o.y - f.y) <= 0.5 * f.fontSize && o.text.trim() !== '' && !droppable(o, page))));
}

/** The font size carrying most characters: the body text size. */
function dominantFontSize(pages: readonly PdfFragment[][]): number {
  const weight = new Map<number, number>();
  for (const f of pages.flat()) {
    const size = Math.round(f.fontSize * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + f.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

/** A line of ≥2 cells is a table row; so is a one-cell line between two table rows (a merged group label). */
function markTables(lines: DocLine[]): void {
  for (const line of lines) line.isTable = line.laid.cells.length >= 2;
  lines.forEach((line, i) => {
    const before = lines[i - 1];
    const after = lines[i + 1];
    if (!line.isTable && before && after && before.laid.cells.length >= 2 && after.laid.cells.length >= 2
      && line.laid.fontSize <= Math.max(before.laid.fontSize, after.laid.fontSize) + 0.5) line.isTable = true;
  });
}

/**
 * Where a table runs on over a page break: warns, and drops the new page's leading rows that
 * repeat the table's header rows (rows without values before its first row with values).
 */
function carryAcrossPages(lines: DocLine[], warnings: Warning[]): DocLine[] {
  const out: DocLine[] = [];
  let header: string[] = [];
  let inHeader = false;
  let warnedPage = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) continue;
    const previous = out.at(-1);
    if (!line.isTable) {
      header = [];
      inHeader = false;
      out.push(line);
      continue;
    }
    if (!previous?.isTable) {
      header = [];
      inHeader = true;
    }
    const hasValues = line.laid.cells.some((c) => c.value);
    if (previous?.isTable && previous.page !== line.page && warnedPage !== line.page) {
      warnedPage = line.page;
      warnings.push({ code: 'pdf.table-page-break', path: `page[${line.page}]`, message: `表格跨页：第${previous.page}页末行与第${line.page}页首行按同一表格续接，请核对分页处的行。` });
      let j = i;
      while (j < lines.length && lines[j]?.page === line.page && header.includes(keyOf(lines[j]))) j += 1;
      if (j > i) {
        warnings.push({ code: 'pdf.repeated-header', path: `page[${line.page}]`, message: `第${line.page}页开头重复的表头（${j - i}行）已略去。` });
        i = j - 1;
        continue;
      }
    }
    if (inHeader && !hasValues) header.push(keyOf(line));
    if (hasValues) inHeader = false;
    out.push(line);
  }
  return out;
}

function keyOf(line: DocLine | undefined): string {
  return line ? line.laid.cells.map((c) => c.text).join('|') : '';
}

/**
 * Joins running-text lines that wrap: the line before reaches the right margin and the next
 * starts at the left margin (a new paragraph is indented), same font size.
 */
function joinParagraphs(lines: readonly DocLine[], pages: readonly PdfPage[]): SourceLine[] {
  // A loop, not Math.max(...lines): V8 caps a call's arguments, and a long document has more lines.
  let right = 0;
  let left = Infinity;
  for (const l of lines) {
    if (l.isTable) continue;
    right = Math.max(right, l.laid.cells.at(-1)?.x1 ?? 0);
    left = Math.min(left, l.laid.cells[0]?.x0 ?? Infinity);
  }
  const out: SourceLine[] = [];
  // The lines of the paragraph being joined (the last of `out`): joined once it ends, in linear time.
  let paragraph: string[] = [];
  let previous: DocLine | undefined;
  for (const line of lines) {
    const cells = line.laid.cells.map((c) => c.text);
    const last = out.at(-1);
    if (last && previous && !previous.isTable && !line.isTable && cells.length === 1 && previous.laid.cells.length === 1
      && wraps(previous, line, left, right) && pages.length > 0) {
      if (paragraph.length === 0) paragraph.push(last.cells[0] ?? '');
      paragraph.push(cells[0] ?? '');
    } else {
      if (last && paragraph.length > 0) last.cells[0] = joinBrokenLines(paragraph);
      paragraph = [];
      out.push({ cells, isTableRow: line.isTable, page: line.page });
    }
    previous = line;
  }
  const last = out.at(-1);
  if (last && paragraph.length > 0) last.cells[0] = joinBrokenLines(paragraph);
  return out;
}

function wraps(previous: DocLine, next: DocLine, left: number, right: number): boolean {
  const a = previous.laid.cells[0];
  const b = next.laid.cells[0];
  if (!a || !b) return false;
  const fs = previous.laid.fontSize;
  return Math.abs(fs - next.laid.fontSize) < 0.5 && a.x1 >= right - 1.5 * fs && b.x0 <= left + 0.5 * fs
    && (next.page === previous.page ? previous.laid.center - next.laid.center < 2.2 * fs : next.page === previous.page + 1);
}
