/**
 * Table 三 of an official PDF that runs over pages, with a city's counts (4–6 digits): PDFs built
 * with pdfkit and the embedded CJK font (pdf-testing.ts), each in one layout real reports use,
 * read through importReport and compared cell by cell with what was printed.
 */
import { describe, expect, it } from 'vitest';
import { importReport } from '../../index.ts';
import { TABLE3_ROWS_2021, type Cell, type Table3RowKey } from '../../../model.ts';
import { hasCjkFont, table3Pdf, type Table3PdfOptions } from './pdf-testing.ts';

/** Seeded counts in the thousands: 自然人 4–5 digits, 商业企业 up to 4, the rest small; the total their sum. */
function cityRows(seed: number, blank: (key: Table3RowKey, column: number) => boolean = () => false): Record<Table3RowKey, Cell[]> {
  let s = seed;
  const next = (n: number): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const rows = {} as Record<Table3RowKey, Cell[]>;
  for (const key of TABLE3_ROWS_2021) {
    const cells: Cell[] = [next(99000) + 1000, next(9000), next(60), next(400), next(12), next(150)].map((v, c) => (blank(key, c) ? null : v));
    cells.push(cells.reduce<number>((a, b) => a + (b ?? 0), 0));
    rows[key] = cells;
  }
  return rows;
}

async function readBack(options: Table3PdfOptions): Promise<{ rows: Partial<Record<Table3RowKey, Cell[]>>; warnings: string[] }> {
  const { report } = await importReport({ name: 'report.pdf', bytes: await table3Pdf(options) });
  return { rows: report.table3.rows, warnings: (report.warnings ?? []).map((w) => w.code) };
}

/** Every cell of every row as printed (a blank cell null). */
function expectEveryCell(got: Partial<Record<Table3RowKey, Cell[]>>, printed: Record<Table3RowKey, Cell[]>): void {
  for (const key of TABLE3_ROWS_2021) expect({ key, cells: got[key] }).toEqual({ key, cells: printed[key] });
}

describe.skipIf(!hasCjkFont)('table 三 over PDF pages with 4–6 digit counts', () => {
  it('reads right-aligned numbers (their centres move with their width) on both pages, with the header repeated and a running header and footer', async () => {
    const rows = cityRows(1);
    const { rows: got, warnings } = await readBack({ rows, align: 'right', repeatHeader: true, runningHeader: '某市人民政府办公室', footer: '第{n}页 共{m}页' });
    expectEveryCell(got, rows);
    expect(warnings).not.toContain('table3.row-unreadable');
  }, 30_000);

  it.each(['carriedOver', 'denied.stateSecret', 'unableToProvide.notHeld', 'notProcessed.excessive', 'otherDisposal.other', 'carriedForward'] as const)(
    'reads left-aligned numbers when the table breaks before %s, page number footer between the parts', async (key) => {
      const rows = cityRows(key.length);
      const { rows: got } = await readBack({ rows, align: 'left', breakBefore: [key], repeatHeader: key.length % 2 === 0, footer: '- {n} -' });
      expectEveryCell(got, rows);
    }, 30_000);

  it.each([
    ['denied.enforcementFiles', 'first'],
    ['notProcessed.confirmation', 'rest'],
    ['otherDisposal.unpaidFee', 'first'],
  ] as const)('reads a row whose label wraps across the page break (%s, numbers with the %s part)', async (key, numbersWith) => {
    const rows = cityRows(7);
    const { rows: got } = await readBack({ rows, align: 'right', splitRow: key, numbersWith, repeatHeader: true, footer: '{n}' });
    expectEveryCell(got, rows);
  }, 30_000);

  it('places the numbers of rows with blank cells, and a column blank in every row, from the column positions on both pages', async () => {
    const rows = cityRows(3, (key, c) => c === 2 || (c === 4 && key.length % 3 === 0));
    for (const align of ['right', 'center'] as const) {
      const { rows: got } = await readBack({ rows, align, breakBefore: ['notProcessed.complaint'], repeatHeader: true, runningHeader: '某市人民政府办公室', footer: '第{n}页 共{m}页' });
      expectEveryCell(got, rows);
    }
  }, 30_000);

  it('reads the table when the footer sits above the page margin (not dropped as a running footer)', async () => {
    const rows = cityRows(5);
    const { rows: got } = await readBack({ rows, align: 'center', footer: '第{n}页', marginText: 75, breakBefore: ['denied.internalAffairs'] });
    expectEveryCell(got, rows);
  }, 30_000);
});
