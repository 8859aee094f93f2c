import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMarkupWasm, MARKUP_MODULE, markupModuleSource } from '../../../../../test/support/markup-wasm.ts';

describe('the markup scanner (WebAssembly)', () => {
  it('is committed as the build of its AssemblyScript source (run `npm run build:wasm` after changing html-markup.as.ts)', async () => {
    const built = markupModuleSource(await buildMarkupWasm());
    expect(readFileSync(MARKUP_MODULE, 'utf8') === built).toBe(true);
  }, 60_000);
});
