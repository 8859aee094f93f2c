/**
 * Temporary directories for tests: each is removed when the test that made it finishes, pass or
 * fail, so that a test run leaves nothing behind in the machine's temp folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A new directory under the temp folder, named `gongkai-PREFIX-…`; call it inside a test. */
export async function testDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `gongkai-${prefix}-`));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
