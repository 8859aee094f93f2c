/** The shared development corpus, found beside the repository (CI clones the repo with shared/ next to it). */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const corpusDir = path.resolve(fileURLToPath(new URL('../../../shared/corpus/dev/', import.meta.url)));

export function corpusPath(name: string): string {
  return path.join(corpusDir, name);
}
