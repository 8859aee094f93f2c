/**
 * Layout variants at full size (issue 20): `--count=N` (default 3000) seeded variants of every dev
 * corpus truth — markdown cut into pieces, crawler text (with injected errors), PDFs with table 三
 * across pages — made and read one after another on one core; prints per layout class the cells
 * exact, WRONG (must be 0), declined (where the variant makes the cell ambiguous, and where it
 * does not, by warning code), blanks without a warning, injected errors reported, and the variants
 * with a wrong number.
 *
 *   npm run bench -- variants --count=3000 --seed=20     (`=`: the runner passes on only arguments starting with '-')
 */
import { parseArgs } from 'node:util';
import { LAYOUTS, type Layout } from '../test/variants/common.ts';
import { cjkFontAvailable } from '../test/variants/pdf.ts';
import { makeVariant, variantSpecs } from '../test/variants/generate.ts';
import { addScore, emptyTally, formatTally, scoreVariant, type Tally } from '../test/variants/score.ts';

export async function run(args: readonly string[]): Promise<Record<string, Tally>> {
  const { values } = parseArgs({
    args: [...args], options: { count: { type: 'string', default: '3000' }, seed: { type: 'string', default: '20' } }, strict: false,
  });
  const count = typeof values.count === 'string' ? Number(values.count) : 3000;
  const seed = typeof values.seed === 'string' ? Number(values.seed) : 20;
  const layouts: Layout[] = cjkFontAvailable ? [...LAYOUTS] : LAYOUTS.filter((l) => l !== 'pdf');
  if (!cjkFontAvailable) console.log('(no CJK font: PDF variants skipped)');
  const tallies: Record<string, Tally> = Object.fromEntries([...layouts, 'all'].map((l) => [l, emptyTally()]));
  const wrong: string[] = [];
  const missed: string[] = [];
  const started = performance.now();
  for (const spec of variantSpecs(count, layouts)) {
    const variant = await makeVariant(spec, seed);
    const score = await scoreVariant(variant);
    addScore(tallies[variant.layout]!, score, variant);
    addScore(tallies.all!, score, variant);
    for (const w of score.wrong) wrong.push(`${variant.id} (${variant.description}): ${w}`);
    if (score.missedRules.length > 0) missed.push(`${variant.id}: ${score.missedRules.join(', ')}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${count} variants, seed ${seed}, ${seconds.toFixed(1)} s (made and read on one core)`);
  for (const [name, t] of Object.entries(tallies)) console.log(formatTally(name, t));
  if (wrong.length > 0) console.log(`WRONG numbers (${wrong.length}):\n  ${wrong.slice(0, 50).join('\n  ')}`);
  if (missed.length > 0) console.log(`injected errors not reported (${missed.length}):\n  ${missed.slice(0, 20).join('\n  ')}`);
  return tallies;
}
