/**
 * The runner's two optional parts of a declaration, on a command table of its own: `loadHelp`
 * (more help, loaded only for --help) and `jsonErrors` (errors as one JSON line on stdout under
 * --json, even when the arguments themselves are what is wrong).
 */
import { describe, expect, it } from 'vitest';
import { runCommandLine } from './run.ts';
import { defineCommand, type CliContext, type Command } from './types.ts';

const OPTIONS = {
  when: { type: 'string', required: true, value: 'YYYY-MM-DD', description: '日期' },
  json: { type: 'boolean', description: '输出 JSON' },
} as const;

const loaded = { help: 0 };

function command(path: string, extra: Pick<Command, 'jsonErrors' | 'loadHelp'> = {}): Command {
  const declared = defineCommand({
    path: ['demo', path],
    summary: '演示',
    usage: `gongkai demo ${path} --when YYYY-MM-DD [--json]`,
    options: OPTIONS,
    load: async () => async ({ values }, io) => {
      if (values.when === 'throw') throw new Error('出了问题');
      io.stdout(`ok ${values.when}\n`);
      return 0;
    },
  });
  return { ...declared, ...extra };
}

const COMMANDS = [
  command('json', { jsonErrors: true, loadHelp: async () => { loaded.help++; return '输入：\n  a  必填。字符串。\n'; } }),
  command('text'),
];

const context: CliContext = { openServices: async () => { throw new Error('no database in this test'); }, actor: () => 'test' };

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCommandLine(COMMANDS, argv, {
    stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '',
  }, context);
  return { code, stdout, stderr };
}

describe('loadHelp', () => {
  it('appends its text after the options, loaded only when help is asked', async () => {
    const before = loaded.help;
    expect((await run(['demo', 'json', '--when', '2024-01-02'])).code).toBe(0);
    expect((await run(['help'])).code).toBe(0);
    expect(loaded.help).toBe(before);
    const help = await run(['demo', 'json', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/-h, --help .*\n\n输入：\n {2}a {2}必填。字符串。\n$/);
    expect(loaded.help).toBe(before + 1);
  });
});

describe('jsonErrors with --json: one JSON line on stdout, exit 2', () => {
  it.each([
    ['an unknown option', ['--when', '2024-01-02', '--jsno', '--json'], '--jsno', '未知选项：--jsno'],
    ['a required option missing', ['--json'], '--when', '--when：缺少此选项'],
    ['--json taken as the missing value', ['--when', '--json'], '--when', '--when：缺少取值'],
    ['a value given to --json', ['--when', '2024-01-02', '--json=yes'], '--json', '--json：此选项不带取值'],
    ['a surplus positional', ['x', '--when', '2024-01-02', '--json'], null, '多余的参数：x'],
    ['an error thrown by the command', ['--when', 'throw', '--json'], null, '出了问题'],
  ])('%s', async (_name, args, field, message) => {
    const r = await run(['demo', 'json', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trimEnd()).not.toContain('\n');
    const out = JSON.parse(r.stdout) as { error: { field: string | null; message: string } };
    expect(out.error.field).toBe(field);
    expect(out.error.message).toContain(message);
  });

  it('--json after -- is a positional, not a request for JSON', async () => {
    const r = await run(['demo', 'json', '--when', '2024-01-02', '--', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('多余的参数：--json');
  });

  it('without --json the errors stay Chinese text on stderr', async () => {
    const r = await run(['demo', 'json', '--jsno']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('未知选项：--jsno');
    expect(r.stderr).toContain('用法：gongkai demo json');
  });

  it('a command without jsonErrors keeps text errors even with --json', async () => {
    const r = await run(['demo', 'text', '--jsno', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('未知选项：--jsno');
  });
});
