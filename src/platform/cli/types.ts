/**
 * The shape of a `gongkai` command. A room declares its commands with `defineCommand`: the words
 * that select it, a summary, a usage line, every option it accepts (each with a Chinese
 * description), its positionals, and `load`, which imports the implementation only when the
 * command runs (so `gongkai help` loads no room's code); optionally `loadHelp`, more help text
 * loaded the same way, and `jsonErrors`, errors as JSON under `--json`.
 */
import type { ServiceOverrides, Services } from '../services.ts';

/** The streams a command talks to, so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input as UTF-8. */
  readonly readStdin: () => Promise<string>;
}

/** What a command may use besides its arguments (injected, so tests can replace the database). */
export interface CliContext {
  /** Starts (or connects to) the database and returns the services; the command closes them. */
  readonly openServices: (overrides?: ServiceOverrides) => Promise<Services>;
  /** Who is recorded in audit_log for a change made from the command line. */
  readonly actor: () => string;
}

/** One option, as `node:util` parseArgs takes it, plus what `--help` prints. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** One letter, e.g. 'o' for `-o`. */
  readonly short?: string;
  /** May be given more than once (the values are collected in order). */
  readonly multiple?: boolean;
  /** The command cannot run without it. */
  readonly required?: boolean;
  /** Placeholder of the value in help and messages, e.g. 'FILE' or 'YYYY-MM-DD'. */
  readonly value?: string;
  /** One line in Chinese. */
  readonly description: string;
}

/** A command's options by long name (`--name`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The positional arguments of a command (none when a command declares none). */
export interface PositionalSpec {
  /** As shown in usage, e.g. 'FILE…'. */
  readonly name: string;
  readonly min: number;
  readonly max?: number;
  readonly description: string;
}

type OptionValue<S extends OptionSpec> = S['type'] extends 'string'
  ? (S['multiple'] extends true ? string[] : string)
  : (S['multiple'] extends true ? boolean[] : boolean);

type RequiredKeys<O extends OptionSpecs> = { [K in keyof O]: O[K]['required'] extends true ? K : never }[keyof O];

/** The parsed options: each declared option, absent when not given unless it is required. */
export type OptionValues<O extends OptionSpecs> =
  & { [K in Exclude<keyof O, RequiredKeys<O>>]?: OptionValue<O[K]> }
  & { [K in RequiredKeys<O>]: OptionValue<O[K]> };

/** A command's parsed arguments. */
export interface CommandArgs<O extends OptionSpecs> {
  readonly values: OptionValues<O>;
  readonly positionals: readonly string[];
}

/** A command's implementation; resolves to the process exit code (0 ok, 1 a check found errors, 2 bad input). */
export type CommandRun<O extends OptionSpecs> = (args: CommandArgs<O>, io: CliIo, context: CliContext) => Promise<number>;

/** A command as declared, with its options' types. */
export interface CommandSpec<O extends OptionSpecs> {
  /** Words that select the command, e.g. ['report', 'import']. */
  readonly path: readonly string[];
  /** One line in Chinese, shown by `gongkai help`. */
  readonly summary: string;
  /** Usage line, e.g. 'gongkai report import FILE… [--json]'. */
  readonly usage: string;
  readonly options: O;
  readonly positionals?: PositionalSpec;
  /** Imports the implementation. */
  readonly load: () => Promise<CommandRun<O>>;
  /**
   * More of `--help`, printed after the options: e.g. every field of the JSON the command reads,
   * with examples to paste. Imported only when help is asked, like `load`.
   */
  readonly loadHelp?: () => Promise<string>;
  /**
   * With `--json` among the arguments, errors are one line `{"error":{"field","message"}}` on
   * stdout (json-error.ts), exit 2 — bad arguments too, which the runner prints so; the command
   * prints its own errors the same way.
   */
  readonly jsonErrors?: boolean;
}

/** A command in the command table (its options' types erased). */
export type Command = CommandSpec<OptionSpecs>;

/**
 * Declares a command. The parser (args.ts) gives `run` exactly the options declared here, so the
 * table may hold commands of different option types under one type.
 */
export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  return spec as unknown as Command;
}
