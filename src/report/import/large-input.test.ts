/**
 * Large hostile inputs are read in time linear in their size: an upload is read in the server's
 * one thread, so a quadratic step lets a 2 MB file block every user for minutes. Each input below
 * took 15 s to minutes before the step it names was made linear, and takes well under a second
 * now; the 5 s bound leaves room for a slow machine without letting a quadratic step back in.
 */
import { describe, expect, it } from 'vitest';
import { importReport, ReportReadError } from './index.ts';

const BOUND_MS = 5000;

async function importTimed(name: string, text: string): Promise<number> {
  const started = performance.now();
  try {
    await importReport({ name, bytes: new Uint8Array(Buffer.from(text)) });
  } catch (error) {
    // Not a report: a clear error, not a crash.
    expect(error).toBeInstanceOf(ReportReadError);
  }
  return performance.now() - started;
}

describe('large hostile inputs', () => {
  it('a table cell broken by 100,000 <br>s (cell pieces joined in linear time)', async () => {
    expect(await importTimed('brs.html', `<table><tr><td>${'甲<br>'.repeat(100_000)}</td><td>1</td></tr></table>`)).toBeLessThan(BOUND_MS);
  });

  it('a first line of 150,000 characters with no title in it (title search without a leading lazy group)', async () => {
    expect(await importTimed('spans.html', `<p>${'<span style="x">数</span>'.repeat(150_000)}</p>`)).toBeLessThan(BOUND_MS);
  });

  it('a first line naming a year 100,000 times, with no title after any of them (the gap after the year is bounded)', async () => {
    expect(await importTimed('years.txt', '2019年收到申请12件，'.repeat(100_000))).toBeLessThan(BOUND_MS);
  });

  it('a table of 200,000 rows reads to its end', async () => {
    const rows = '<tr><td>本年新收政府信息公开申请数量</td><td>1</td></tr>'.repeat(200_000);
    expect(await importTimed('rows.html', `<p>一、总体情况</p><table>${rows}</table>`)).toBeLessThan(BOUND_MS * 2);
  });
});
