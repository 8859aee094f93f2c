/**
 * Benchmark runner. Each benchmark is a module bench/NAME.ts exporting `run(args)`, which prints its
 * figures and returns them. Record results in docs/BENCHMARKS.md with the machine and the command.
 */
import os from 'node:os';

const benchmarks: Record<string, () => Promise<{ run(args: readonly string[]): Promise<unknown> }>> = {
  report: () => import('./report.ts'),
  law: () => import('./law.ts'),
  batch: () => import('./batch.ts'),
  hostile: () => import('./hostile.ts'),
  'report-list': () => import('./report-list.ts'),
  applications: () => import('./applications.ts'),
  catalog: () => import('./catalog.ts'),
  supervision: () => import('./supervision.ts'),
  variants: () => import('./variants.ts'),
};

export async function runBenchmarks(argv: readonly string[]): Promise<number> {
  const names = argv.filter((a) => !a.startsWith('-'));
  const selected = names.length > 0 ? names : Object.keys(benchmarks);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`# machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  for (const name of selected) {
    const load = benchmarks[name];
    if (!load) {
      console.error(`未知基准：${name}（可用：${Object.keys(benchmarks).join('、')}）`);
      return 2;
    }
    console.log(`\n## ${name}`);
    await (await load()).run(argv.filter((a) => a.startsWith('-')));
  }
  return 0;
}
