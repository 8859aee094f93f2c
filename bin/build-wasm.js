#!/usr/bin/env node
// `npm run build:wasm`: compiles html-markup.as.ts and writes html-markup.wasm.ts (test/support/markup-wasm.ts).
import { writeFile } from 'node:fs/promises';
import { register } from 'tsx/esm/api';

register();
const { buildMarkupWasm, markupModuleSource, MARKUP_MODULE } = await import('../test/support/markup-wasm.ts');
const binary = await buildMarkupWasm();
await writeFile(MARKUP_MODULE, markupModuleSource(binary));
console.log(`${MARKUP_MODULE}：${binary.length} 字节`);
