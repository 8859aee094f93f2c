/**
 * Large hostile inputs are read in time linear in their size: a quadratic step lets a 2 MB file
 * block a worker for minutes. Each input below took 15 s to minutes before the step it names was
 * made linear; the check is that twice the input takes about twice the time (test/support/growth.ts),
 * which holds on a loaded machine where a wall-clock bound would not.
 */
import { describe, expect, it } from 'vitest';
import { expectLinearGrowth } from '../../../test/support/growth.ts';
import { importReport, ReportReadError } from './index.ts';

async function importText(name: string, text: string): Promise<void> {
  try {
    await importReport({ name, bytes: new Uint8Array(Buffer.from(text)) });
  } catch (error) {
    // Not a report: a clear error, not a crash.
    expect(error).toBeInstanceOf(ReportReadError);
  }
}

describe('large hostile inputs', () => {
  it('a table cell broken by 100,000 <br>s (cell pieces joined in linear time)', async () => {
    await expectLinearGrowth('brs', (n) => importText('brs.html', `<table><tr><td>${'甲<br>'.repeat(n)}</td><td>1</td></tr></table>`), 50_000);
  });

  it('a first line of 150,000 characters with no title in it (title search without a leading lazy group)', async () => {
    await expectLinearGrowth('spans', (n) => importText('spans.html', `<p>${'<span style="x">数</span>'.repeat(n)}</p>`), 75_000);
  });

  it('a first line naming a year 100,000 times, with no title after any of them (the gap after the year is bounded)', async () => {
    await expectLinearGrowth('years', (n) => importText('years.txt', '2019年收到申请12件，'.repeat(n)), 50_000);
  });

  it('a table of 200,000 rows reads to its end', async () => {
    const rows = '<tr><td>本年新收政府信息公开申请数量</td><td>1</td></tr>'.repeat(200_000);
    await importText('rows.html', `<p>一、总体情况</p><table>${rows}</table>`);
    await expectLinearGrowth('rows', (n) => importText('rows.html', `<p>一、总体情况</p><table>${'<tr><td>本年新收政府信息公开申请数量</td><td>1</td></tr>'.repeat(n)}</table>`), 50_000, { tries: 2 });
  });
});
