/**
 * The one CLI, `gongkai`: runs argv against the composition root's command table (src/app.ts).
 * Exit codes: 0 ok, 1 a check found errors, 2 bad input or a file that cannot be read.
 */
import { COMMANDS } from './app.ts';
import { processContext, processIo, runCommandLine } from './platform/cli/run.ts';
import type { CliContext, CliIo } from './platform/cli/types.ts';

/** Runs the CLI with argv (without node and script), returns the exit code. */
export function main(argv: readonly string[], io: CliIo = processIo, context: CliContext = processContext): Promise<number> {
  return runCommandLine(COMMANDS, argv, io, context);
}
