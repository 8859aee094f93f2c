/**
 * The command line as a whole: one strict parser for every command (an unknown or misspelt option
 * exits 2 naming it), `--help` on every command printing every declared option, and `help` fast
 * because the command table loads no command's implementation.
 */
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../src/app.ts';
import { corpusPath } from './support/corpus.ts';
import { runCli } from './support/cli.ts';
import { testDir } from './support/temp-dir.ts';

// Records when the report readers are first imported (the factory runs on the first import only).
const loaded = vi.hoisted(() => ({ readers: false }));
vi.mock('../src/report/import/index.ts', async (importOriginal) => {
  loaded.readers = true;
  return importOriginal();
});

describe('gongkai help', () => {
  it('lists every command without loading any implementation (the report readers stay unloaded)', async () => {
    const run = await runCli(['help']);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(command.usage);
    expect(loaded.readers).toBe(false);
    // The control: running a report command does load them, so the flag above would have seen it.
    const imported = await runCli(['report', 'import', corpusPath('seed-taiping-wenlv-2023.truth.json'), '--json']);
    expect(imported.code).toBe(0);
    expect(loaded.readers).toBe(true);
  });

  it.each([[[]], [['--help']], [['-h']]])('%j prints the same overview', async (argv) => {
    expect((await runCli(argv)).stdout).toBe((await runCli(['help'])).stdout);
  });
});

describe('--help on every command', () => {
  it.each(COMMANDS.map((c) => [c.path.join(' '), c] as const))('gongkai %s --help: usage and every declared option', async (_name, command) => {
    for (const argv of [[...command.path, '--help'], [...command.path, '-h'], ['help', ...command.path]]) {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`用法：${command.usage}`);
      for (const [name, spec] of Object.entries(command.options)) {
        expect(run.stdout).toContain(`--${name}`);
        expect(run.stdout).toContain(spec.description);
      }
      expect(run.stdout).toContain('--help');
    }
  });

  it('every declared option is shown in the command’s usage line', () => {
    for (const command of COMMANDS) {
      for (const [name, spec] of Object.entries(command.options)) {
        expect(command.usage, `${command.path.join(' ')} --${name}`).toMatch(new RegExp(`--${name}\\b${spec.short ? `|-${spec.short}\\b` : ''}`));
      }
    }
  });

  it('a group’s --help lists its commands', async () => {
    const run = await runCli(['law', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gongkai law deadline');
    expect(run.stdout).not.toContain('gongkai report import');
  });
});

describe('one strict parser: mistakes exit 2 with a Chinese message naming them', () => {
  it('a misspelt option names itself, the options there are, and the one meant', async () => {
    const run = await runCli(['law', 'deadline', '--jsno'], '{"channel":"当面","submitted":"2023-09-27"}');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('未知选项：--jsno（可用：--json --send-day-excluded --next-workday-receipt --db --help）');
    expect(run.stderr).toContain('是否想输入 --json？');
    expect(run.stderr).toContain('用法：gongkai law deadline');
  });

  it.each([
    ['an unknown option of report import', ['report', 'import', 'x.txt', '--previous', 'y.txt'], '未知选项：--previous'],
    ['an unknown short option', ['report', 'validate', 'x.txt', '-j'], '未知选项：-j'],
    ['a value missing at the end', ['report', 'validate', 'x.txt', '--previous'], '--previous：缺少取值'],
    ['an option where a value should be', ['law', 'publish-due', '--formed', '--db'], '--formed：缺少取值'],
    ['a value given to a flag', ['report', 'import', 'x.txt', '--json=yes'], '--json：此选项不带取值'],
    ['a required option missing', ['report', 'render', 'x.txt', '-o', 'out.html'], '--format：缺少此选项'],
    ['no file', ['report', 'validate', '--json'], '缺少参数 FILE…'],
    ['two files where one is read', ['report', 'render', 'a.txt', 'b.txt', '--format', 'json', '-o', 'out.json'], '多余的参数：b.txt'],
    ['a positional to a command that takes none', ['law', 'fee', 'input.json'], '多余的参数：input.json'],
    ['a positional to migrate', ['migrate', 'now'], '多余的参数：now'],
    ['a bad port', ['serve', '--port', '70000'], '--port 应为 0–65535 的整数'],
  ])('%s', async (_name, argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('an unknown command: exit 2 and the list of commands', async () => {
    const run = await runCli(['report', 'check', 'x.txt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知命令：gongkai report check x.txt');
    expect(run.stderr).toContain('gongkai report validate');
  });

  it('options keep their documented forms: --name value, --name=value, -o value, and -- before a file named like an option', async () => {
    const dir = await testDir('cli-forms');
    const seed = corpusPath('seed-taiping-wenlv-2023.truth.json');
    const out = `${dir}/seed.json`;
    expect((await runCli(['report', 'render', seed, '--format=json', '-o', out])).code).toBe(0);
    expect((await runCli(['report', 'render', '--format', 'json', `--output=${out}`, seed])).code).toBe(0);
    const run = await runCli(['report', 'import', '--json', '--', seed]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ agency: '阜新市太平区文化旅游和广播电视局' });
  });
});
