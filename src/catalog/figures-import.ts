/**
 * Importing table 二's figures from a file (figures-file.ts reads it): every row is checked first — the
 * agency (its full name, an open agency), the year (not after this one, once per agency in the file),
 * the four figures (figures-input.ts) — and if any row is refused, nothing is stored and every refused
 * row is reported with its reason. Otherwise all rows are stored in one transaction, each audited.
 * A row replaces the agency's figures of that year, all four: a blank cell is “not entered” (null).
 */
import type { Acting } from '../platform/accounts/service.ts';
import { findOpenAgencyByName, type Agency } from '../platform/accounts/store.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import type { FigureLine } from './figures-file.ts';
import { parseFigures } from './figures-input.ts';
import { writableAgency, writeFigures } from './figures-service.ts';
import type { YearlyFigures } from './table2.ts';

/** A refused row: its line (or sheet row), the column, why. */
export interface RefusedFigureRow {
  line: number;
  field: string;
  message: string;
}

/** A stored row. */
export interface ImportedFigureRow {
  line: number;
  agencyId: number;
  agency: string;
  year: number;
  /** The agency had figures for the year before (now replaced). */
  replaced: boolean;
}

/**
 * Checks every row, then stores them all or none. Throws ValidationError `catalog.figures_import_refused`
 * with `details.rows` (every refused row) when any row is refused.
 */
export async function importFigures(services: Services, acting: Acting, lines: readonly FigureLine[], today: string): Promise<ImportedFigureRow[]> {
  const thisYear = Number(today.slice(0, 4));
  const refused: RefusedFigureRow[] = [];
  const accepted: { line: number; agency: Agency; year: number; figures: YearlyFigures }[] = [];
  const agencies = new Map<string, Agency | undefined>();
  const seen = new Map<string, number>();
  for (const row of lines) {
    if ('error' in row) {
      refused.push({ line: row.line, field: 'FILE', message: row.error });
      continue;
    }
    const problems: RefusedFigureRow[] = [];
    const name = row.value['agency'] === null || row.value['agency'] === undefined ? '' : String(row.value['agency']).trim();
    let agency: Agency | undefined;
    if (name === '') problems.push({ line: row.line, field: 'agency', message: '机关（agency）：必须填写机关全称' });
    else {
      if (!agencies.has(name)) agencies.set(name, await findOpenAgencyByName(services.db, name));
      agency = agencies.get(name);
      if (!agency) problems.push({ line: row.line, field: 'agency', message: `机关（agency）：没有名为“${name.slice(0, 60)}”的机关（名称须与 gongkai agency list 列出的完全一致）` });
    }
    const parsed = parseFigures(row.value);
    if (!parsed.ok) problems.push(...parsed.problems.map((p) => ({ line: row.line, ...p })));
    else if (parsed.year > thisYear) problems.push({ line: row.line, field: 'year', message: `年度（year）：不能填报今年（${thisYear} 年）以后的数字` });
    if (agency && parsed.ok) {
      const key = `${agency.id}:${parsed.year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) problems.push({ line: row.line, field: 'year', message: `年度（year）：与第 ${earlier} 行重复（同一机关同一年度只能有一行）` });
      else seen.set(key, row.line);
    }
    if (problems.length > 0) refused.push(...problems);
    else if (agency && parsed.ok) accepted.push({ line: row.line, agency, year: parsed.year, figures: parsed.figures });
  }
  if (refused.length > 0) {
    const lineCount = new Set(refused.map((r) => r.line)).size;
    const message = `有 ${lineCount} 行不能导入，所有行都未导入：请改正后重新导入整个文件。`;
    throw new ValidationError('catalog.figures_import_refused', message, { fields: [{ field: 'FILE', message }], rows: refused });
  }
  return withTransaction(services.db, async (tx) => {
    const out: ImportedFigureRow[] = [];
    for (const row of accepted) {
      await writableAgency(tx, acting, row.agency.id);
      const { before } = await writeFigures(tx, acting, row.agency.id, row.year, row.figures, { source: 'import' });
      out.push({ line: row.line, agencyId: row.agency.id, agency: row.agency.name, year: row.year, replaced: before !== undefined });
    }
    return out;
  });
}
