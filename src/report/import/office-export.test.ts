/**
 * Our DOCX as LibreOffice opens it and exports it again (test/fixtures/README.md): the same
 * report must come back, every cell. LibreOffice writes CJK text in Type1 subsets without an
 * /Encoding, which the PDF reader must not read with the font programs hidden.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReport } from './index.ts';
import { seedTruth } from '../../../test/support/fixtures.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url)));

describe('reports exported by LibreOffice from our DOCX', () => {
  for (const name of ['seed-docx-libreoffice.pdf', 'seed-docx-libreoffice.html']) {
    it(`${name} imports to the seed's canonical report`, async () => {
      const { report } = await importReport({ name, bytes: fixture(name) });
      const truth = seedTruth();
      expect({ agency: report.agency, year: report.year, format: report.format }).toEqual({ agency: truth.agency, year: truth.year, format: truth.format });
      expect(report.table2).toEqual(truth.table2);
      expect(report.table3).toEqual(truth.table3);
      expect(report.table4).toEqual(truth.table4);
      expect(report.warnings ?? []).toEqual([]);
    });
  }

  it('the HTML keeps the merged table headers LibreOffice read from the DOCX', () => {
    const html = new TextDecoder().decode(fixture('seed-docx-libreoffice.html'));
    expect(html.match(/rowspan="\d+"/gu)?.length).toBeGreaterThan(10);
    expect(html.match(/colspan="\d+"/gu)?.length).toBeGreaterThan(20);
  });
});
