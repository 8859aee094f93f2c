/**
 * The lint rules of eslint.config.js that keep dependencies pointing inwards and pure cores pure,
 * proved to fire: ESLint's Node API lints small snippets placed at virtual paths in the tree. The
 * files they import are real (checked below), so an "allowed" case cannot pass for want of a target.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The problems ESLint reports for `code` as if it were the file at `filePath` (relative to the project). */
async function lint(filePath: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}

/** The files a snippet imports, resolved from where it is placed. */
function importedFiles(filePath: string, code: string): string[] {
  return [...code.matchAll(/(?:from |import\()'(\.[^']+)'/g)].map((m) => path.join(ROOT, path.dirname(filePath), m[1]!));
}

const BOUNDARIES = 'boundaries/dependencies';

describe('dependencies point inwards (eslint-plugin-boundaries)', () => {
  it.each([
    ['platform imports a room', 'src/platform/x.ts', "import { reportRoom } from '../report/room.ts';", '平台（src/platform）不得导入任何房间'],
    ['platform imports the composition root', 'src/platform/http/x.ts', "import { createApp } from '../../app.ts';", '平台（src/platform）不得导入任何房间'],
    ['platform imports the law room', 'src/platform/db/x.ts', "import { isIsoDate } from '../../law/dates.ts';", '平台（src/platform）不得导入任何房间'],
    ['the law core imports a room', 'src/law/x.ts', "import { TABLE3_COLUMNS } from '../report/model.ts';", '法律核心（src/law）只依赖自身'],
    ['the law core imports the platform', 'src/law/x.ts', "import { AppError } from '../platform/errors.ts';", '法律核心（src/law）只依赖自身'],
    ['the law core imports its own edge', 'src/law/x.ts', "import { lawCommands } from './edge/commands.ts';", '法律核心（src/law）只依赖自身'],
    ['the law edge imports a room', 'src/law/edge/x.ts', "import { reportRoom } from '../../report/room.ts';", '法律房间的边缘（src/law/edge）只可依赖法律核心和平台'],
    ['a room imports another room’s internals', 'src/applications/x.ts', "import { validateReport } from '../report/rules.ts';", '一个房间只能通过另一个房间的 index.ts 使用它（report 的内部文件不对外）'],
    ['a room loads another room’s internals lazily', 'src/applications/x.ts', "export const load = () => import('../report/routes.tsx');", '一个房间只能通过另一个房间的 index.ts 使用它'],
    ['a room re-exports another room’s internals', 'src/supervision/x.ts', "export { AnnualReport } from '../report/model.ts';", '一个房间只能通过另一个房间的 index.ts 使用它'],
    ['a room imports the composition root', 'src/report/x.ts', "import { ROOMS } from '../app.ts';", '房间不得导入组合根 src/app.ts'],
    ['a room imports the law room’s edge', 'src/report/x.ts', "import { listImportedYears } from '../law/edge/calendar-store.ts';", '房间不得导入法律房间边缘 src/law/edge 的内部文件'],
  ])('refused: %s', async (_name, filePath, code, message) => {
    for (const file of importedFiles(filePath, code)) expect(existsSync(file), file).toBe(true);
    const problems = await lint(filePath, `${code}\n`);
    expect(problems).toContainEqual({ rule: BOUNDARIES, message: expect.stringContaining(message) });
  });

  it.each([
    ['the composition root imports the rooms', 'src/app.ts', "import { reportRoom } from './report/room.ts';\nexport const rooms = [reportRoom];"],
    ['the law core imports itself', 'src/law/x.ts', "import { isIsoDate } from './dates.ts';\nexport const check = isIsoDate;"],
    ['the law edge imports the law core and the platform', 'src/law/edge/x.ts', "import { isIsoDate } from '../dates.ts';\nimport { AppError } from '../../platform/errors.ts';\nexport const both = [isIsoDate, AppError];"],
    ['a room imports the law core and the platform', 'src/report/x.ts', "import { isIsoDate } from '../law/dates.ts';\nimport { AppError } from '../platform/errors.ts';\nexport const both = [isIsoDate, AppError];"],
    ['a room reads the working calendar through the law edge’s index.ts', 'src/report/x.ts', "import { loadCalendar } from '../law/edge/index.ts';\nexport const load = loadCalendar;"],
    ['a room uses another room through its index.ts', 'src/supervision/x.ts', "import { validateReport } from '../report/index.ts';\nexport const check = validateReport;"],
    ['a room imports its own files', 'src/report/x.ts', "import { validateReport } from './rules.ts';\nexport const check = validateReport;"],
  ])('allowed: %s', async (_name, filePath, code) => {
    for (const file of importedFiles(filePath, code)) expect(existsSync(file), file).toBe(true);
    expect(await lint(filePath, `${code}\n`)).toEqual([]);
  });
});

describe('pure cores do no I/O (no-restricted-imports, -globals, -syntax)', () => {
  it.each([
    ['the file system in the law core', 'src/law/x.ts', "import { readFile } from 'node:fs/promises';\nexport const read = readFile;", 'no-restricted-imports', '纯核心不得做 I/O'],
    ['the database in a rule', 'src/report/rules/x.ts', "import pg from 'pg';\nexport const db = pg;", 'no-restricted-imports', '纯核心不得做 I/O'],
    ['hono in the interpreter', 'src/report/import/interpret/x.ts', "import { Hono } from 'hono';\nexport const app = Hono;", 'no-restricted-imports', '纯核心不得做 I/O'],
    ['a store in a model', 'src/report/model.ts', "import { getCheckedReport } from './store.ts';\nexport const get = getCheckedReport;", 'no-restricted-imports', '纯核心不得依赖存储或路由'],
    ['the platform in a future lifecycle', 'src/applications/lifecycle.ts', "import { AppError } from '../platform/errors.ts';\nexport const E = AppError;", 'no-restricted-imports', '纯核心不得依赖存储或路由'],
    ['the environment in rules.ts', 'src/report/rules.ts', 'export const level = process.env.LEVEL;', 'no-restricted-globals', '纯核心不得读取环境'],
    ['the clock in the law core', 'src/law/x.ts', 'export const today = () => new Date();', 'no-restricted-syntax', '纯核心不得读取时钟'],
    ['Date.now in a rule', 'src/report/rules/x.ts', 'export const now = () => Date.now();', 'no-restricted-syntax', '纯核心不得读取时钟'],
    ['randomness in the interpreter', 'src/report/import/interpret/x.ts', 'export const pick = () => Math.random();', 'no-restricted-syntax', '纯核心必须可重复'],
  ])('refused: %s', async (_name, filePath, code, rule, message) => {
    expect(await lint(filePath, `${code}\n`)).toContainEqual({ rule, message: expect.stringContaining(message) });
  });

  it.each([
    ['the law edge reads files', 'src/law/edge/x.ts', "import { readFile } from 'node:fs/promises';\nexport const read = readFile;"],
    ['a store reads the clock', 'src/report/store.ts', 'export const now = () => new Date();'],
    ['a test of the law core', 'src/law/x.test.ts', 'export const today = () => new Date();'],
  ])('allowed outside the cores: %s', async (_name, filePath, code) => {
    expect(await lint(filePath, `${code}\n`)).toEqual([]);
  });
});
