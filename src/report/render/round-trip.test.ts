/**
 * Round trip: render a report to each form, import it back like any published report
 * (importReport dispatches by extension), and get the same canonical JSON: agency, year, format,
 * publishedOn, table2, table3, table4, and sections when the input had them (section texts
 * compared after NFKC and whitespace normalisation, which every reader applies to what it reads).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importReport } from '../import/index.ts';
import type { AnnualReport } from '../model.ts';
import { arbitraryValidReport } from '../../../test/support/report/generate.ts';
import { renderReport, RENDER_FORMATS } from './index.ts';
import type { RenderFormat } from './index.ts';
import { toCanonicalReport } from './json.ts';
import { loadTruth, seedWithSections, truthNames } from '../../../test/support/truth.ts';

function normalizeText(text: string): string {
  return text.normalize('NFKC').split('\n').map((line) => line.replace(/\s+/gu, ' ').trim()).filter((line) => line !== '').join('\n');
}

/** What a round trip must give back. */
function comparable(report: AnnualReport, withSections: boolean): Record<string, unknown> {
  const c = toCanonicalReport(report);
  return {
    agency: c.agency,
    year: c.year,
    format: c.format,
    publishedOn: c.publishedOn ?? null,
    table2: c.table2,
    table3: c.table3,
    table4: c.table4,
    ...(withSections
      ? { sections: (c.sections ?? []).map((s) => ({ key: s.key, title: normalizeText(s.title), text: normalizeText(s.text) })) }
      : {}),
  };
}

async function roundTrip(report: AnnualReport, format: RenderFormat): Promise<AnnualReport> {
  const bytes = await renderReport(report, format);
  const { report: imported } = await importReport({ name: `x.${format}`, bytes });
  return imported;
}

async function expectRoundTrip(report: AnnualReport, format: RenderFormat, label: string): Promise<void> {
  const withSections = report.sections !== undefined;
  const back = await roundTrip(report, format);
  expect(comparable(back, withSections), `${label} via ${format}`).toEqual(comparable(report, withSections));
}

describe.each(RENDER_FORMATS)('round trip via %s', (format) => {
  it.each(truthNames())('gives back the corpus report %s', async (name) => {
    await expectRoundTrip(loadTruth(name), format, name);
  });

  it('gives back the seed report with its sections and publication date', async () => {
    await expectRoundTrip(seedWithSections(), format, 'seed with sections');
  });

  it.each(['2019', '2021'] as const)('gives back generated valid reports (%s format)', async (reportFormat) => {
    await fc.assert(
      fc.asyncProperty(arbitraryValidReport({ format: reportFormat }), async (report) => {
        await expectRoundTrip(report, format, `generated ${report.agency ?? ''} ${report.year ?? ''}`);
      }),
      { numRuns: 30, seed: 20240120 },
    );
  }, 180_000);
});
