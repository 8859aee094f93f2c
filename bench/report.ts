/**
 * `npm run bench -- report`: import + validate throughput and peak memory per source form over the
 * dev corpus repeated to at least 10,000 documents (--docs=N to change; --form=html,text to run only
 * some forms), on one core (this process).
 * DOCX has no corpus file, so the seed's truth is rendered to DOCX once and that file is read.
 * Each form is warmed up for up to 2 s first; memory is sampled every 256 documents.
 */
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importReport, type ReportFile } from '../src/report/import/index.ts';
import { validateReport } from '../src/report/rules.ts';
import { renderReport } from '../src/report/render/index.ts';
import { parseCanonicalReport } from '../src/report/canonical.ts';

const corpusDir = fileURLToPath(new URL('../../shared/corpus/dev/', import.meta.url));

interface FormResult {
  form: string;
  files: number;
  documents: number;
  seconds: number;
  reportsPerSecond: number;
  peakRssMiB: number;
  heapAtQuartersMiB: number[];
}

/** The dev corpus's files by form; the DOCX (rendered, which takes a while) only when `forms` includes it or is not given. */
export async function corpusFiles(forms?: readonly string[]): Promise<Record<string, ReportFile[]>> {
  const byForm: Record<string, ReportFile[]> = { text: [], html: [], pdf: [], docx: [] };
  for (const name of (await readdir(corpusDir)).sort()) {
    const bytes = new Uint8Array(await readFile(corpusDir + name));
    if (/\.(txt|md)$/.test(name) && name !== 'README.md') byForm.text?.push({ name, bytes });
    else if (/\.html?$/.test(name)) byForm.html?.push({ name, bytes });
    else if (/\.pdf$/.test(name)) byForm.pdf?.push({ name, bytes });
  }
  if (forms && !forms.includes('docx')) return byForm;
  const truth = parseCanonicalReport(JSON.parse(await readFile(corpusDir + 'seed-taiping-wenlv-2023.truth.json', 'utf8')));
  if (truth.ok) byForm.docx?.push({ name: 'seed.docx', bytes: await renderReport(truth.report, 'docx') });
  return byForm;
}

async function benchForm(form: string, files: ReportFile[], documents: number): Promise<FormResult> {
  let peakRss = 0;
  const heapAtQuarters: number[] = [];
  const quarter = Math.floor(documents / 4);
  const started = process.hrtime.bigint();
  for (let i = 0; i < documents; i++) {
    const file = files[i % files.length] as ReportFile;
    const { report } = await importReport(file);
    validateReport(report);
    if (i % 256 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (quarter > 0 && (i + 1) % quarter === 0) heapAtQuarters.push(process.memoryUsage().heapUsed / 2 ** 20);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    form,
    files: files.length,
    documents,
    seconds: Number(seconds.toFixed(2)),
    reportsPerSecond: Math.round(documents / seconds),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    heapAtQuartersMiB: heapAtQuarters.map((m) => Math.round(m)),
  };
}

export async function run(args: readonly string[]): Promise<FormResult[]> {
  const docsArg = args.find((a) => a.startsWith('--docs='));
  const documents = docsArg ? Number(docsArg.slice(7)) : 10_000;
  const formArg = args.find((a) => a.startsWith('--form='));
  const onlyForms = formArg ? formArg.slice(7).split(',') : undefined;
  const byForm = await corpusFiles(onlyForms);
  const results: FormResult[] = [];
  for (const [form, files] of Object.entries(byForm)) {
    if (files.length === 0 || (onlyForms && !onlyForms.includes(form))) continue;
    // Warm up (lazy imports, JIT tiers) for up to 2 s before timing, so the figure is steady-state
    // throughput, not V8's compile time on the first documents.
    const warmUntil = performance.now() + 2000;
    for (let i = 0; i < 50 * files.length && performance.now() < warmUntil; i++) {
      validateReport((await importReport(files[i % files.length] as ReportFile)).report);
    }
    const result = await benchForm(form, files, documents);
    results.push(result);
    console.log(
      `${form.padEnd(5)} ${result.files} file(s) × ${documents} docs: ${result.reportsPerSecond} reports/s ` +
        `(${result.seconds} s), peak RSS ${result.peakRssMiB} MiB, heap at each quarter ${result.heapAtQuartersMiB.join(' / ')} MiB`,
    );
  }
  return results;
}
