/**
 * The input help of `law deadline`, `law fee` and `law calendar`: every key of the zod schema (a
 * field added later included) has its line in `--help`, and every example printed there runs, as
 * pasted, through the CLI with exit 0 (the calendar import against a fresh test database).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../../test/support/cli.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { testDir } from '../../../test/support/temp-dir.ts';
import { calendarImportSchema } from '../calendar-import.ts';
import { deadlineInputSchema } from '../deadline-input.ts';
import { feeInputSchema } from '../fee-input.ts';

const COMMANDS = [
  ['deadline', deadlineInputSchema],
  ['fee', feeInputSchema],
  ['calendar', calendarImportSchema],
] as const;

/** Every field path of a schema, as the help writes it: `correction.notifiedOn`, `holidays[].from`. */
function fieldPaths(schema: z.core.$ZodType, prefix = ''): string[] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.core.$ZodType>).flatMap(([key, value]) => {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      return [path, ...fieldPaths(value, path)];
    });
  }
  if (schema instanceof z.ZodArray) return fieldPaths(schema.element, `${prefix}[]`);
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((o) => fieldPaths(o, prefix));
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) return fieldPaths(schema.unwrap(), prefix);
  if (schema instanceof z.ZodPipe) return fieldPaths(schema.in, prefix);
  return [];
}

async function helpOf(command: string): Promise<string> {
  const r = await runCli(['law', command, '--help']);
  expect(r.code).toBe(0);
  return r.stdout;
}

/** One pasted example: files it writes (`echo '…' > FILE`) and the gongkai runs (argv and stdin). */
interface Example {
  title: string;
  files: Map<string, string>;
  runs: { argv: string[]; stdin: string }[];
}

/** The examples of a help text, read as a shell would: `echo '…' | gongkai …`, `echo '…' > FILE`, `gongkai …`. */
function examplesOf(help: string): Example[] {
  const section = help.split('示例（可直接粘贴到 shell 运行）：\n')[1];
  if (section === undefined) throw new Error('no examples in the help');
  return section.trimEnd().split('\n\n').map((block) => {
    const lines = block.split('\n').map((l) => l.replace(/^ {2}/, ''));
    const title = lines.shift()?.replace(/^# /, '') ?? '';
    const example: Example = { title, files: new Map(), runs: [] };
    let script = lines.join('\n');
    while (script !== '') {
      const echo = /^echo '([^']*)' (\| gongkai ([^\n]+)|> (\S+))(\n|$)/.exec(script);
      const plain = /^gongkai ([^\n]+)(\n|$)/.exec(script);
      const match = echo ?? plain;
      if (!match) throw new Error(`not an example command: ${script}`);
      if (echo && echo[4] !== undefined) example.files.set(echo[4], echo[1]!);
      else if (echo) example.runs.push({ argv: echo[3]!.split(' '), stdin: echo[1]! });
      else example.runs.push({ argv: plain![1]!.split(' '), stdin: '' });
      script = script.slice(match[0].length);
    }
    return example;
  });
}

describe('--help lists every field of the input schema', () => {
  it.each(COMMANDS)('gongkai law %s --help', async (command, schema) => {
    const help = await helpOf(command);
    const paths = fieldPaths(schema);
    expect(paths.length).toBeGreaterThanOrEqual(4);
    for (const path of paths) {
      const line = help.split('\n').find((l) => l.startsWith(`  ${path} `));
      expect(line, path).toBeDefined();
      // '必填。类型。含义': the meaning is not empty.
      expect(line!.trim(), path).toMatch(/。[^。]+。\S/);
    }
  });

  it('law fee: both modes are explained, and which fields each uses', async () => {
    const help = await helpOf('fee');
    expect(help).toContain('“按件”');
    expect(help).toContain('“按量”');
    expect(help).toMatch(/pages +按量时必填/);
    expect(help).toMatch(/applicationsInBatch +按件时可选，默认 1/);
  });

  it('law deadline: defaults and the cases where an optional field is needed', async () => {
    const help = await helpOf('deadline');
    expect(help).toMatch(/extensionWorkingDays +可选，默认 0。整数 0–20。/);
    expect(help).toMatch(/confirmed +邮寄、平常信函、网络、传真必填。日期 YYYY-MM-DD 或 null。/);
  });
});

describe('the examples of --help work as pasted', () => {
  it.each(COMMANDS.map(([command]) => [command] as const))('gongkai law %s', async (command) => {
    const examples = examplesOf(await helpOf(command));
    expect(examples.length).toBeGreaterThanOrEqual(1);
    const dir = await testDir(`input-help-${command}`);
    for (const example of examples) {
      expect(example.runs.length, example.title).toBeGreaterThanOrEqual(1);
      for (const [name, text] of example.files) await writeFile(join(dir, name), text);
      for (const { argv, stdin } of example.runs) {
        expect(argv.slice(0, 2), example.title).toEqual(['law', command]);
        const args = argv.map((a) => (example.files.has(a) ? join(dir, a) : a));
        const r = await runCli(args, stdin, { openServices: async () => createTestServices() });
        expect({ title: example.title, code: r.code, stderr: r.stderr }).toEqual({ title: example.title, code: 0, stderr: '' });
        if (args.includes('--json')) expect(JSON.parse(r.stdout)).not.toHaveProperty('error');
      }
    }
  });

  it('law fee: an example of each mode', async () => {
    const modes = examplesOf(await helpOf('fee')).flatMap((e) => e.runs.map((r) => (JSON.parse(r.stdin) as { mode: string }).mode));
    expect(modes).toEqual(expect.arrayContaining(['按件', '按量']));
  });
});
