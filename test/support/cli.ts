/** Runs the `gongkai` CLI in-process (the composition root's command table), collecting what it prints. */
import { main } from '../../src/cli.ts';
import { processContext } from '../../src/platform/cli/run.ts';
import type { CliContext } from '../../src/platform/cli/types.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs argv with `stdin` as standard input; `context` replaces the database access (e.g. one that fails). */
export async function runCli(argv: readonly string[], stdin = '', context: Partial<CliContext> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
  }, { ...processContext, ...context });
  return { code, stdout, stderr };
}
