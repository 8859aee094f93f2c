/**
 * Parse warnings: every doubt of the interpreter, with a stable code, the row or cell it is about
 * and a Chinese message a reviewing official can act on.
 */
import type { ParseWarning } from '../../model.ts';

/** Builds a warning (the path is left out when there is none). */
export function warn(code: string, path: string | undefined, message: string): ParseWarning {
  return path === undefined ? { code, message } : { code, path, message };
}
