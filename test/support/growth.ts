/**
 * Speed checks that hold on a loaded machine: instead of a wall-clock bound (which fails when the
 * other core is busy), the time for an input twice as large is compared with the time for the
 * input itself. A linear step gives a ratio near 2, a quadratic one near 4, and the quadratic steps
 * these tests guard against gave 10 to 1,000; `factor` (default 3.5) sits between. Each size is
 * timed `tries` times and the fastest run counts, so one pause of the machine does not decide.
 */
import { expect } from 'vitest';

/** The fastest of `tries` runs, in ms. */
export async function fastestRun(run: () => unknown, tries = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Expects `run(2n)` to take at most `factor` times as long as `run(n)` (plus `floorMs`, so that
 * sub-millisecond timings do not decide). `label` names the input in the failure message.
 */
export async function expectLinearGrowth(label: string, run: (n: number) => unknown, n: number, options: { factor?: number; floorMs?: number; tries?: number } = {}): Promise<void> {
  const { factor = 3.5, floorMs = 20, tries = 3 } = options;
  await run(n); // warm up: lazy imports, JIT
  const once = await fastestRun(() => run(n), tries);
  const twice = await fastestRun(() => run(2 * n), tries);
  expect(twice, `${label}: ${Math.round(once)} ms for n=${n}, ${Math.round(twice)} ms for 2n`).toBeLessThan(factor * once + floorMs);
}
