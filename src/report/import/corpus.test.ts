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
import { rowOf, scoredCells, valueAt, type Truth } from '../../../test/support/truth-cells.ts';



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
