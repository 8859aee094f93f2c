/**
 * Many report files at once, for `gongkai report import|validate` and the evaluator's bulk check:
 * the arguments are expanded (a folder is read for report files, a quoted glob is matched), and the
 * files are read on every core — one worker thread per core (pool.ts), each taking the next file
 * when it is done with its last, so a large PDF does not hold up the small texts behind it. Results
 * come back in the order of the files. A file read in a worker that runs out of memory or time
 * fails alone, with its message; the others are still read.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { importReport, ReportReadError, type ImportResult } from './index.ts';
import { createImportPool, type ImportPool } from './pool.ts';

/** Extensions of the files a folder is searched for (the forms importReport reads). */
export const REPORT_EXTENSIONS = ['txt', 'md', 'markdown', 'html', 'htm', 'xhtml', 'pdf', 'docx', 'xlsx', 'json'] as const;

const GLOB_CHARS = /[*?[\]{}]/;

/** What an argument named: the files found, or why none was. */
export interface ExpandedInputs {
  files: string[];
  /** Arguments that named nothing to read (an empty folder, a glob matching nothing), in Chinese. */
  problems: { argument: string; message: string }[];
}

/**
 * Turns command-line arguments into files: a folder → the report files under it (recursively,
 * sorted), a glob (`'reports/**\/*.pdf'`, quoted so the shell leaves it) → the files it matches,
 * anything else → itself (a missing file is reported when it is read, as before).
 */
export async function expandInputs(args: readonly string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const problems: ExpandedInputs['problems'] = [];
  for (const argument of args) {
    const info = await stat(argument).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await reportFilesUnder(argument);
      if (found.length === 0) problems.push({ argument, message: `${argument}：目录中没有可读取的报告文件（${REPORT_EXTENSIONS.join('、')}）` });
      files.push(...found);
    } else if (info === undefined && GLOB_CHARS.test(argument)) {
      const found = (await glob(argument, { onlyFiles: true, expandDirectories: false, absolute: path.isAbsolute(argument) })).sort();
      if (found.length === 0) problems.push({ argument, message: `${argument}：没有与之匹配的文件` });
      files.push(...found);
    } else {
      files.push(argument);
    }
  }
  return { files, problems };
}

async function reportFilesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const extensions = new Set<string>(REPORT_EXTENSIONS);
  return entries
    .filter((e) => e.isFile() && extensions.has(path.extname(e.name).slice(1).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** One file's result: the import, or the reason it could not be read (Chinese, starting with the file). */
export type FileOutcome = { file: string; ok: true; result: ImportResult } | { file: string; ok: false; message: string };

export interface ImportManyOptions {
  /** Worker threads at most (default: the cores this process may use). */
  parallelism?: number;
  /** A file still being read after this long is stopped (default 300 s). */
  timeoutMs?: number;
  /** Heap limit of each worker in MiB (default 2048). */
  maxHeapMiB?: number;
}

/**
 * Imports `files`, yielding each outcome in the files' order. One file is read in this thread (a
 * worker's start-up would cost more than the file); several are read by up to one worker per core.
 */
export async function* importMany(files: readonly string[], options: ImportManyOptions = {}): AsyncGenerator<FileOutcome> {
  if (files.length <= 1) {
    for (const file of files) yield await importInThread(file);
    return;
  }
  const workers = Math.max(1, Math.min(options.parallelism ?? availableParallelism(), files.length));
  const pools: ImportPool[] = [];
  for (let i = 0; i < workers; i++) pools.push(createImportPool({ timeoutMs: options.timeoutMs ?? 300_000, maxHeapMiB: options.maxHeapMiB ?? 2048 }));
  const outcomes: Promise<FileOutcome>[] = [];
  const settle: ((outcome: FileOutcome) => void)[] = [];
  for (let i = 0; i < files.length; i++) outcomes.push(new Promise((resolve) => settle.push(resolve)));
  let next = 0;
  const drain = async (pool: ImportPool): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index] as string;
      (settle[index] as (o: FileOutcome) => void)(await importWith(pool, file));
    }
  };
  const running = Promise.all(pools.map(drain));
  try {
    for (const outcome of outcomes) yield await outcome;
    await running;
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

/** One file read in this thread (the previous-year file, a single file): its outcome. */
export async function importInThread(file: string): Promise<FileOutcome> {
  const bytes = await readBytes(file);
  if (typeof bytes === 'string') return { file, ok: false, message: bytes };
  try {
    return { file, ok: true, result: await importReport({ name: path.basename(file), bytes }) };
  } catch (error) {
    if (error instanceof ReportReadError) return { file, ok: false, message: `${file}：${error.message}` };
    throw error;
  }
}

async function importWith(pool: ImportPool, file: string): Promise<FileOutcome> {
  const bytes = await readBytes(file);
  if (typeof bytes === 'string') return { file, ok: false, message: bytes };
  try {
    return { file, ok: true, result: await pool.importFile({ name: path.basename(file), bytes }) };
  } catch (error) {
    // A file the readers refused, or one its worker had to stop (time, memory): that file's failure only.
    const reason = error instanceof Error ? error.message : String(error);
    return { file, ok: false, message: `${file}：${error instanceof ReportReadError ? reason : `读取时出现意外错误（${reason}）`}` };
  }
}

/** The file's bytes, or why they cannot be had (Chinese). */
async function readBytes(file: string): Promise<Uint8Array | string> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${file}：无法读取文件（${code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : code === 'EACCES' ? '没有读取权限' : String(code ?? error)}）`;
  }
}
