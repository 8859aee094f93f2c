/**
 * `npm run bench -- batch`: an evaluator's bulk check — `gongkai report validate DIR` of 1,000 mixed
 * reports (--docs=N to change): the dev corpus (text, crawler text, markdown, HTML, PDF) plus the
 * seed rendered as DOCX and XLSX, copied into a folder in turn, then read with importMany (one
 * worker per core) and validated, with 1 worker and with every core. The time includes each
 * worker's start-up. Per-core throughput times 16 gives the estimate for a 16-core machine.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandInputs, importMany } from '../src/report/import/batch.ts';
import { validateReport } from '../src/report/rules.ts';
import { renderReport } from '../src/report/render/index.ts';
import { parseCanonicalReport } from '../src/report/canonical.ts';

const corpusDir = fileURLToPath(new URL('../../shared/corpus/dev/', import.meta.url));

async function sources(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const list: { name: string; bytes: Uint8Array }[] = [];
  for (const name of (await readdir(corpusDir)).sort()) {
    if (name === 'README.md' || name.endsWith('.json')) continue;
    list.push({ name, bytes: new Uint8Array(await readFile(corpusDir + name)) });
  }
  const truth = parseCanonicalReport(JSON.parse(await readFile(corpusDir + 'seed-taiping-wenlv-2023.truth.json', 'utf8')));
  if (truth.ok) {
    list.push({ name: 'seed.docx', bytes: await renderReport(truth.report, 'docx') });
    list.push({ name: 'seed.xlsx', bytes: await renderReport(truth.report, 'xlsx') });
  }
  return list;
}

async function timeRun(folder: string, parallelism: number): Promise<{ seconds: number; read: number; failed: number }> {
  const started = performance.now();
  const { files } = await expandInputs([folder]);
  let read = 0;
  let failed = 0;
  for await (const outcome of importMany(files, { parallelism })) {
    if (outcome.ok) {
      validateReport(outcome.result.report);
      read++;
    } else failed++;
  }
  return { seconds: (performance.now() - started) / 1000, read, failed };
}

export async function run(args: readonly string[]): Promise<unknown> {
  const docsArg = args.find((a) => a.startsWith('--docs='));
  const documents = docsArg ? Number(docsArg.slice(7)) : 1000;
  const list = await sources();
  const folder = await mkdtemp(path.join(tmpdir(), 'gongkai-bench-batch-'));
  try {
    for (let i = 0; i < documents; i++) {
      const source = list[i % list.length] as { name: string; bytes: Uint8Array };
      await writeFile(path.join(folder, `${String(i).padStart(5, '0')}-${source.name}`), source.bytes);
    }
    const forms = new Map<string, number>();
    for (const s of list) forms.set(path.extname(s.name), (forms.get(path.extname(s.name)) ?? 0) + 1);
    console.log(`${documents} files cycling ${list.length} sources (${[...forms].map(([e, n]) => `${n} ${e}`).join(', ')})`);
    const results: Record<string, unknown> = {};
    for (const workers of [...new Set([1, availableParallelism()])]) {
      const r = await timeRun(folder, workers);
      const perSecond = r.read / r.seconds;
      results[`workers${workers}`] = { ...r, perSecond };
      console.log(
        `${workers} worker(s): ${r.read} read, ${r.failed} failed in ${r.seconds.toFixed(1)} s = ${Math.round(perSecond)} reports/s` +
          ` (${Math.round(perSecond / workers)} per worker; 16 cores ≈ ${(documents / ((perSecond / workers) * 16)).toFixed(1)} s for ${documents})`,
      );
    }
    return results;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
