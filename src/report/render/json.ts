/**
 * Canonical JSON of a report (shared/spec/annual-report.md): stable key order as in the spec
 * example (agency, year, format, agencyKind, publishedOn, table2, table3, table4, then sections),
 * rows and columns in template order, importer `warnings` left out. Pure.
 */
import type { AnnualReport, Table2, Table3, Table4 } from '../model.ts';
import { TABLE4_COLUMNS, TABLE4_GROUPS } from '../model.ts';
import { TABLE2_ALL_ROWS, TABLE3_ALL_ROWS, table2ColumnOrder } from './row-order.ts';

/** A report as canonical JSON holds it: no importer warnings. */
export type CanonicalReport = Omit<AnnualReport, 'warnings'>;

function canonicalTable2(report: AnnualReport): Table2 {
  const out: Record<string, Record<string, number | string | null>> = {};
  const source = report.table2 as Record<string, Record<string, number | string | null> | undefined>;
  const rows = [...TABLE2_ALL_ROWS, ...Object.keys(source).filter((r) => !TABLE2_ALL_ROWS.includes(r))];
  for (const row of rows) {
    const values = source[row];
    if (values === undefined) continue;
    const order = table2ColumnOrder(report.format, row);
    const columns = [...order.filter((c) => c in values), ...Object.keys(values).filter((c) => !order.includes(c))];
    out[row] = Object.fromEntries(columns.map((c) => [c, values[c] ?? null]));
  }
  return out as Table2;
}

function canonicalTable3(table3: Table3): Table3 {
  const rows: Table3['rows'] = {};
  for (const row of TABLE3_ALL_ROWS) {
    const cells = table3.rows[row];
    if (cells !== undefined) rows[row] = [...cells];
  }
  return { columns: [...table3.columns], rows };
}

function canonicalTable4(table4: Table4): Table4 {
  const out: Table4 = {};
  for (const group of TABLE4_GROUPS) {
    const values = table4[group];
    if (values === undefined) continue;
    out[group] = Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, values[c] ?? null])) as Record<(typeof TABLE4_COLUMNS)[number], number | null>;
  }
  return out;
}

/** The report with its keys in canonical order and without `warnings` (nor any key the spec does not name). */
export function toCanonicalReport(report: AnnualReport): CanonicalReport {
  return {
    agency: report.agency,
    year: report.year,
    format: report.format,
    ...(report.agencyKind === undefined ? {} : { agencyKind: report.agencyKind }),
    ...(report.publishedOn === undefined ? {} : { publishedOn: report.publishedOn }),
    table2: canonicalTable2(report),
    table3: canonicalTable3(report.table3),
    table4: canonicalTable4(report.table4),
    ...(report.sections === undefined ? {} : { sections: report.sections.map((s) => ({ key: s.key, title: s.title, text: s.text })) }),
  };
}

/** Canonical JSON text, pretty-printed (2 spaces), with a final newline. */
export function renderJson(report: AnnualReport): string {
  return `${JSON.stringify(toCanonicalReport(report), null, 2)}\n`;
}
