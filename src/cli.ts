/**
 * The one CLI, `gongkai`: parses argv, finds the command a room contributed, runs it.
 * Exit codes: 0 ok, 1 a check found errors, 2 bad input or a file that cannot be read.
 */
import type { CliCommand, CliIo } from './cli-types.ts';
import { platformCommands } from './platform/cli-commands.ts';
import { reportCommands } from './report/cli-commands.ts';
import { lawCommands } from './law/cli-commands.ts';

const commands: readonly CliCommand[] = [...platformCommands, ...reportCommands, ...lawCommands];

function findCommand(argv: readonly string[]): { command: CliCommand; rest: readonly string[] } | undefined {
  let best: { command: CliCommand; rest: readonly string[] } | undefined;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w)) {
      if (!best || n > best.command.path.length) best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

function helpText(): string {
  const lines = ['用法：gongkai <命令> [参数]', '', '命令：'];
  for (const c of commands) lines.push(`  ${c.usage}\n      ${c.summary}`);
  return lines.join('\n') + '\n';
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** Runs the CLI with argv (without node and script), returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(helpText());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr(`未知命令：gongkai ${argv.join(' ')}\n\n${helpText()}`);
    return 2;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    io.stderr(`错误：${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
