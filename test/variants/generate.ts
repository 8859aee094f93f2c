/**
 * The layout-variation generator (issue 20): from every truth file of the dev corpus, `count`
 * variants spread over the layouts asked for, in a fixed order, each made from its own seed
 * (the run's seed and the variant's id): the same seed gives the same variants, byte for byte
 * (PDFs aside from pdfkit's creation date, which the importer does not read).
 *
 * Per truth, in turn: markdown in pieces; crawler text; crawler text with an injected error; a PDF
 * with table 三 broken after row 1, 2, … (every row boundary in turn, cycling).
 */
import { loadTruth, truthNames } from '../support/truth.ts';
import type { AnnualReport } from '../../src/report/model.ts';
import { createRng, variantSeed, type Layout, type Variant } from './common.ts';
import { crawlerVariant } from './crawler.ts';
import { markdownVariant } from './markdown.ts';
import { pdfVariant } from './pdf.ts';

export interface VariantSpec {
  id: string;
  layout: Layout;
  truth: string;
  index: number;
  withError: boolean;
  /** PDF: the number of table 三 rows before the page break. */
  breakAfter: number;
}

/** The kinds of variant made per truth, in turn. */
const KINDS: readonly { layout: Layout; withError: boolean }[] = [
  { layout: 'markdown', withError: false },
  { layout: 'crawler', withError: false },
  { layout: 'crawler', withError: true },
  { layout: 'pdf', withError: false },
];

/**
 * `count` variant specs over `layouts`, spread evenly over the truths (round robin), so that a small
 * count still covers every truth and layout.
 */
export function variantSpecs(count: number, layouts: readonly Layout[] = ['markdown', 'crawler', 'pdf']): VariantSpec[] {
  const names = truthNames();
  const kinds = KINDS.filter((k) => layouts.includes(k.layout));
  const rowCounts = new Map(names.map((n) => [n, Object.keys(loadTruth(n).table3.rows).length]));
  const specs: VariantSpec[] = [];
  const perKind = new Map<string, number>();
  for (let i = 0; specs.length < count && kinds.length > 0; i++) {
    const kind = kinds[i % kinds.length]!;
    const truth = names[Math.floor(i / kinds.length) % names.length]!;
    const key = `${kind.layout}${kind.withError ? 'e' : ''}/${truth}`;
    const index = perKind.get(key) ?? 0;
    perKind.set(key, index + 1);
    const rows = rowCounts.get(truth) ?? 2;
    const breakAfter = 1 + (index % Math.max(1, rows - 1));
    const id = `${kind.layout}/${truth}/${index}${kind.withError ? 'e' : ''}`;
    specs.push({ id, layout: kind.layout, truth, index, withError: kind.withError, breakAfter });
  }
  return specs;
}

const truths = new Map<string, AnnualReport>();

/** Makes the variant a spec names (from the run's seed and its id alone). */
export async function makeVariant(spec: VariantSpec, seed: number): Promise<Variant> {
  let truth = truths.get(spec.truth);
  if (!truth) truths.set(spec.truth, (truth = loadTruth(spec.truth)));
  const rng = createRng(variantSeed(seed, spec.id));
  switch (spec.layout) {
    case 'markdown':
      return markdownVariant(spec.truth, truth, rng, spec.index);
    case 'crawler':
      return crawlerVariant(spec.truth, truth, rng, spec.index, spec.withError);
    case 'pdf':
      return pdfVariant(spec.truth, truth, rng, spec.index, spec.breakAfter);
  }
}
