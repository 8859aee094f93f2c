/** One sub-command of the `gongkai` CLI, contributed by a room (src/<room>/cli-commands.ts). */
export interface CliCommand {
  /** Words that select the command, e.g. ['report', 'import']. */
  readonly path: readonly string[];
  /** One line in Chinese, shown by `gongkai help`. */
  readonly summary: string;
  /** Usage line, e.g. 'gongkai report import FILE… [--json]'. */
  readonly usage: string;
  /** Runs the command with the remaining arguments; resolves to the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** The streams a command talks to, so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input as UTF-8. */
  readonly readStdin: () => Promise<string>;
}
