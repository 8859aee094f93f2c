/**
 * The import contract: every report of the development corpus (../shared/corpus/dev), imported
 * through importReport whatever its form, matches its `.truth.json` cell by cell — agency, year,
 * format, every cell of tables 二, 三 and 四, nulls included (and agencyKind / publishedOn where
 * the truth states them). `_unscored` cells may read either way but must carry a warning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusDir } from '../../../test/support/corpus.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { importReport } from './index.ts';
import type { AnnualReport } from '../model.ts';


interface Truth {
  agency: string;
  year: number;
  format: string;
  agencyKind?: string;
  publishedOn?: string;
  table2: Record<string, Record<string, number | string | null>>;
  table3: { rows: Record<string, (number | null)[]> };
  table4: Record<string, Record<string, number | null>>;
  _unscored?: string[];
}

/**
 * Table 二 has no row total, so a run of digits with its cells joined (`8814314`) may admit several
 * readings that nothing in the text settles (the corpus README: the truth of such runs was read from
 * the archived web page, which is not in the corpus). Leaving such a cell blank with a warning on
 * its row is right; a number that is not the truth is wrong. Table 三 and 四 rows have row and
 * group totals, and every one of their cells must be read exactly.
 */
function mayBeDeclined(cellPath: string): boolean {
  return cellPath.startsWith('t2.');
}

/** Per file, in tests that ran: cells matching, cells declined (blank with a warning), cells scored. */
const accuracy: Record<string, [number, number, number]> = {};

const documents = readdirSync(corpusDir)
  .filter((name) => name !== 'README.md' && !name.endsWith('.json'))
  .sort();

function scoredCells(truth: Truth): [string, unknown][] {
  const cells: [string, unknown][] = [['agency', truth.agency], ['year', truth.year], ['format', truth.format]];
  if (truth.agencyKind !== undefined) cells.push(['agencyKind', truth.agencyKind]);
  if (truth.publishedOn !== undefined) cells.push(['publishedOn', truth.publishedOn]);
  for (const [row, cols] of Object.entries(truth.table2)) for (const [col, v] of Object.entries(cols)) cells.push([`t2.${row}.${col}`, v]);
  for (const [row, values] of Object.entries(truth.table3.rows)) values.forEach((v, i) => cells.push([`t3.${row}[${i}]`, v]));
  for (const [group, cols] of Object.entries(truth.table4)) for (const [col, v] of Object.entries(cols)) cells.push([`t4.${group}.${col}`, v]);
  return cells;
}

function valueAt(report: AnnualReport, cellPath: string): unknown {
  if (cellPath === 'agency' || cellPath === 'year' || cellPath === 'format' || cellPath === 'agencyKind' || cellPath === 'publishedOn') return report[cellPath];
  const t3 = /^t3\.(.+)\[(\d)\]$/.exec(cellPath);
  if (t3) return (report.table3.rows as Record<string, (number | null)[] | undefined>)[t3[1]!]?.[Number(t3[2])];
  const [table, row, col] = cellPath.split('.') as [string, string, string];
  const source = (table === 't2' ? report.table2 : report.table4) as Record<string, Record<string, unknown> | undefined>;
  return source[row]?.[col];
}

function rowOf(cellPath: string): string {
  return cellPath.replace(/\[\d\]$/, '').replace(/^(t[24]\.[^.]+)\..+$/, '$1');
}

describe('dev corpus through importReport', () => {
  it('has documents with truth files', () => {
    expect(documents.length).toBeGreaterThanOrEqual(8);
  });

  it.each(documents)('%s matches its truth cell by cell', async (name) => {
    const truth = JSON.parse(readFileSync(path.join(corpusDir, name.replace(/\.[^.]+$/, '.truth.json')), 'utf8')) as Truth;
    const { report } = await importReport({ name, bytes: new Uint8Array(readFileSync(path.join(corpusDir, name))) });
    const warned = new Set((report.warnings ?? []).flatMap((w) => (w.path ? [w.path, rowOf(w.path)] : [])));
    const mismatches: string[] = [];
    let matching = 0;
    let declined = 0;
    let scored = 0;
    for (const [cellPath, expected] of scoredCells(truth)) {
      const got = valueAt(report, cellPath);
      if (truth._unscored?.includes(cellPath)) {
        expect(warned.has(cellPath) || warned.has(rowOf(cellPath)), `${cellPath} is unscored and must carry a warning`).toBe(true);
        continue;
      }
      scored++;
      if (JSON.stringify(got) === JSON.stringify(expected)) {
        matching++;
        continue;
      }
      if (got === null && mayBeDeclined(cellPath) && warned.has(rowOf(cellPath))) {
        declined++;
        continue;
      }
      mismatches.push(`${cellPath}: got ${JSON.stringify(got)}, truth ${JSON.stringify(expected)}`);
    }
    accuracy[name] = [matching, declined, scored];
    // The template's rows, no more: a row the truth does not have is an error too.
    expect(Object.keys(report.table3.rows).sort()).toEqual(Object.keys(truth.table3.rows).sort());
    expect(mismatches).toEqual([]);
  });

  afterAll(() => {
    const lines = Object.entries(accuracy).map(([name, [ok, declined, all]]) => `  ${name.padEnd(34)} ${ok}/${all}${declined ? `, ${declined} declined` : ''}`);
    if (lines.length > 0) console.log(`corpus accuracy (cells matching / scored; declined = blank with a warning):\n${lines.join('\n')}`);
  });
});
