/**
 * Every document readPdf opens with pdf.js is destroyed when it is done, read or not: a server
 * reads thousands of uploads in one process, and a document left open keeps its objects, fonts
 * and caches in pdf.js's worker side for ever.
 */
import { readFileSync } from 'node:fs';
import type * as Unpdf from 'unpdf';
import { describe, expect, it, vi } from 'vitest';
import { corpusPath } from '../../../../../test/support/corpus.ts';
import { SourceReadError } from '../read-error.ts';
import { readPdf } from './pdf.ts';

interface Task {
  destroyed: boolean;
}

const tasks = vi.hoisted((): Task[] => []);

vi.mock('unpdf', async (importOriginal) => {
  const unpdf = await importOriginal<typeof Unpdf>();
  return {
    ...unpdf,
    getResolvedPDFJS: async () => {
      const pdfjs = await unpdf.getResolvedPDFJS();
      return {
        ...pdfjs,
        getDocument: (...args: Parameters<typeof pdfjs.getDocument>) => {
          const task = pdfjs.getDocument(...args);
          tasks.push(task);
          return task;
        },
      };
    },
  };
});

describe('readPdf and pdf.js documents', () => {
  it('destroys each document after reading it, and after failing to', async () => {
    const bytes = new Uint8Array(readFileSync(corpusPath('hongze-2024.pdf')));
    const inputs = [bytes, bytes.subarray(0, 1_000), new TextEncoder().encode('%PDF-1.7 not really'), bytes];
    let failed = 0;
    for (const input of inputs) await readPdf(input).catch((error: unknown) => {
      expect(error).toBeInstanceOf(SourceReadError);
      failed += 1;
    });
    expect(failed).toBe(2);
    expect(tasks.length).toBe(inputs.length);
    expect(tasks.every((t) => t.destroyed)).toBe(true);
  });
});
