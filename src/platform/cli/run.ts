/**
 * Runs a `gongkai` command line against a command table: finds the command by its words, prints
 * help, parses the arguments (args.ts), loads the implementation, runs it, maps failures to exit
 * codes: 0 ok, 1 a check found errors (the command says), 2 bad input or a file that cannot be read.
 * A command declared with `jsonErrors` and run with `--json` gets its errors as one JSON line on
 * stdout (json-error.ts) instead of Chinese text on stderr.
 */
import { asksForHelp, asksForJson, commandHelp, parseCommandArgs, UsageError } from './args.ts';
import { jsonErrorLine } from './json-error.ts';
import type { CliContext, CliIo, Command } from './types.ts';

/** The process's standard streams. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

/** The real database (started or connected on demand) and the actor named by the environment. */
export const processContext: CliContext = {
  // Operator commands share the running site's embedded database (issue 16 §4).
  openServices: async (overrides) => (await import('../services.ts')).createServices({ shareRunning: true, ...overrides }),
  actor: () => process.env['GONGKAI_ACTOR'] ?? process.env['USER'] ?? 'cli',
};

/** The command whose words start argv, the longest first. */
function findCommand(commands: readonly Command[], argv: readonly string[]): { command: Command; rest: readonly string[] } | undefined {
  let best: { command: Command; rest: readonly string[] } | undefined;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w) && (!best || n > best.command.path.length)) {
      best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

/** The commands under leading words of argv (`gongkai law` → the law commands). */
function commandsUnder(commands: readonly Command[], argv: readonly string[]): readonly Command[] {
  const end = argv.findIndex((a) => a.startsWith('-'));
  const words = end === -1 ? argv : argv.slice(0, end);
  if (words.length === 0) return [];
  return commands.filter((c) => c.path.length > words.length && words.every((w, i) => c.path[i] === w));
}

/** `gongkai help`: every command's usage and summary. */
export function overviewHelp(commands: readonly Command[]): string {
  const lines = ['用法：gongkai <命令> [参数]', '', '命令：'];
  for (const c of commands) lines.push(`  ${c.usage}\n      ${c.summary}`);
  lines.push('', '每个命令加 --help 显示其全部选项，如 gongkai report validate --help。');
  return lines.join('\n') + '\n';
}

/** Runs argv (without node and script) against the commands; resolves to the exit code. */
export async function runCommandLine(commands: readonly Command[], argv: readonly string[], io: CliIo, context: CliContext): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || (first === 'help' && argv.length === 1)) {
    io.stdout(overviewHelp(commands));
    return 0;
  }
  if (first === 'help') return runCommandLine(commands, [...argv.slice(1), '--help'], io, context);

  const found = findCommand(commands, argv);
  if (!found) {
    const group = commandsUnder(commands, argv);
    if (group.length > 0 && asksForHelp(argv)) {
      io.stdout(overviewHelp(group));
      return 0;
    }
    io.stderr(`未知命令：gongkai ${argv.join(' ')}\n\n${overviewHelp(group.length > 0 ? group : commands)}`);
    return 2;
  }
  const { command, rest } = found;
  if (asksForHelp(rest)) {
    io.stdout(commandHelp(command, command.loadHelp ? await command.loadHelp() : undefined));
    return 0;
  }
  // From the raw arguments: parsing them may be what fails (args.ts asksForJson).
  const json = command.jsonErrors === true && asksForJson(rest);
  let args;
  try {
    args = parseCommandArgs(command, rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (json) io.stdout(jsonErrorLine([{ field: error.field, message: error.message }]));
    else io.stderr(`${error.message}\n用法：${command.usage}\n（gongkai ${command.path.join(' ')} --help 显示全部选项）\n`);
    return 2;
  }
  try {
    const run = await command.load();
    return await run(args, io, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (json) io.stdout(jsonErrorLine([{ field: error instanceof UsageError ? error.field : null, message }]));
    else io.stderr(`错误：${message}\n`);
    return 2;
  }
}
