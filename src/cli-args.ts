/**
 * A small argv parser shared by the CLI commands: positionals, boolean flags and valued options.
 * Unknown options are errors (a typo must not silently change what a script does).
 */
export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

export interface ArgSpec {
  /** Options without a value, e.g. ['json']. */
  flags?: readonly string[];
  /** Options with a value, e.g. ['format', 'o', 'previous']. */
  options?: readonly string[];
}

export class ArgError extends Error {
  override name = 'ArgError';
}

/** Parses `--flag`, `--opt value`, `--opt=value`, `-o value`. */
export function parseArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    const match = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(arg);
    if (!match) {
      positionals.push(arg);
      continue;
    }
    const name = match[1] as string;
    if (spec.flags?.includes(name)) {
      if (match[2] !== undefined) throw new ArgError(`选项 --${name} 不带值`);
      flags.add(name);
    } else if (spec.options?.includes(name)) {
      const value = match[2] ?? args[++i];
      if (value === undefined) throw new ArgError(`选项 --${name} 需要一个值`);
      options.set(name, value);
    } else {
      throw new ArgError(`未知选项：${arg}`);
    }
  }
  return { positionals, flags, options };
}
