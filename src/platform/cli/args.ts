/**
 * The one argument parser of the `gongkai` commands: `node:util` parseArgs in strict mode on the
 * options a command declares, plus `-h`/`--help` on every command. A misspelt or unknown option,
 * a missing value or a surplus argument is a UsageError with a Chinese message naming it (exit 2):
 * a typo must never silently change what a script does. A UsageError names the option (or
 * positional) at fault in `field`, for the `--json` error line (json-error.ts).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../errors.ts';
import type { Command, CommandArgs, OptionSpec, OptionSpecs } from './types.ts';

/** Bad arguments on the command line. */
export class UsageError extends AppError {
  /** The option as typed (`--jsno`, `-j`), the positional (`FILE…`), or null. */
  readonly field: string | null;

  constructor(message: string, field: string | null = null) {
    super('cli.usage', message, { status: 400 });
    this.name = 'UsageError';
    this.field = field;
  }
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: '显示此命令的用法和全部选项' };

/** The command's options with --help. */
function optionsOf(command: Command): OptionSpecs {
  return { ...command.options, help: HELP_OPTION };
}

/** `--name` (and `-x, --name VALUE` with a short form and a value). */
function optionLabel(name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.value ?? '值'}` : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : long;
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

function unknownOption(rawName: string, options: OptionSpecs): UsageError {
  const names = Object.keys(options);
  const typed = rawName.replace(/^-+/, '');
  const near = names.filter((n) => distance(typed, n) <= Math.max(1, Math.floor(n.length / 3)));
  const hint = near.length > 0 ? `是否想输入 ${near.map((n) => `--${n}`).join(' 或 ')}？` : '';
  return new UsageError(`未知选项：${rawName}（可用：${names.map((n) => `--${n}`).join(' ')}）${hint}`, rawName);
}

/** The parseArgs configuration of the declared options (descriptions and placeholders left out). */
function parseConfig(options: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(options)) {
    config[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  return config;
}

/** Checks the tokens one by one, so each problem is named in Chinese (parseArgs's own messages are English). */
function checkTokens(command: Command, args: readonly string[], options: OptionSpecs): void {
  const { tokens } = parseArgs({ args: [...args], options: parseConfig(options), strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) throw unknownOption(token.rawName, options);
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw new UsageError(`${token.rawName}：缺少取值，应为 ${spec.value ?? '一个值'}（以 - 开头的值请写成 ${token.rawName}=值）`, token.rawName);
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`${token.rawName}：此选项不带取值，实际为 ${token.rawName}=${token.value}`, token.rawName);
    }
  }
  for (const [name, spec] of Object.entries(options)) {
    if (spec.required && !tokens.some((t) => t.kind === 'option' && t.name === name)) {
      throw new UsageError(`--${name}：缺少此选项（${spec.description}${spec.value ? `，${spec.value}` : ''}）`, `--${name}`);
    }
  }
  const expected = command.positionals;
  if (!expected) {
    if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(' ')}（此命令不接受位置参数）`);
    return;
  }
  if (positionals.length < expected.min) throw new UsageError(`缺少参数 ${expected.name}（${expected.description}）`, expected.name);
  if (expected.max !== undefined && positionals.length > expected.max) {
    throw new UsageError(`多余的参数：${positionals.slice(expected.max).join(' ')}（${expected.name} 最多 ${expected.max} 个）`, expected.name);
  }
}

/** The arguments before `--` (after it, everything is a positional). */
function beforeDashDash(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
}

/** Whether the arguments ask for the command's help (`-h` or `--help` anywhere before `--`). */
export function asksForHelp(args: readonly string[]): boolean {
  return beforeDashDash(args).some((a) => a === '--help' || a === '-h');
}

/**
 * Whether the arguments ask for JSON output (`--json` anywhere before `--`), read from the raw
 * arguments because it must be known when parsing them fails: `--formed --json` (the flag taken
 * for a missing value) or `--json=yes` still ask for JSON, so their error is printed as JSON.
 */
export function asksForJson(args: readonly string[]): boolean {
  return beforeDashDash(args).some((a) => a === '--json' || a.startsWith('--json='));
}

/** Parses a command's arguments against its declaration; throws UsageError. */
export function parseCommandArgs(command: Command, args: readonly string[]): CommandArgs<OptionSpecs> {
  const options = optionsOf(command);
  checkTokens(command, args, options);
  try {
    const { values, positionals } = parseArgs({
      args: [...args], options: parseConfig(options), strict: true, allowPositionals: command.positionals !== undefined,
    });
    delete values['help'];
    // parseArgs typed the values by the configuration built at run time; they are the declared options.
    return { values: values as CommandArgs<OptionSpecs>['values'], positionals };
  } catch (error) {
    // checkTokens has named every problem parseArgs knows of; this is a safety net.
    throw new UsageError(`参数有误：${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `gongkai <command> --help`: usage, summary, positionals and every option from the declaration,
 * then `more` (the command's `loadHelp`, e.g. the fields of the JSON it reads) if given.
 */
export function commandHelp(command: Command, more?: string): string {
  const options = optionsOf(command);
  const rows: [string, string][] = [];
  if (command.positionals) rows.push([command.positionals.name, command.positionals.description]);
  for (const [name, spec] of Object.entries(options)) rows.push([optionLabel(name, spec), `${spec.required ? '必填。' : ''}${spec.description}`]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [`用法：${command.usage}`, '', command.summary, ''];
  if (command.positionals) lines.push('参数：', `  ${rows[0]![0].padEnd(width)}${rows[0]![1]}`);
  lines.push('选项：', ...rows.slice(command.positionals ? 1 : 0).map(([label, text]) => `  ${label.padEnd(width)}${text}`));
  if (more !== undefined) lines.push('', more.trimEnd());
  return lines.join('\n') + '\n';
}
