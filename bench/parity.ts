/**
 * Parity record: what the importer and the validator give on every input the readers' checks use —
 * the dev corpus, the test fixtures, every truth file rendered as HTML, DOCX and XLSX, a GBK page,
 * and seeded mutations of each. One JSON line per input: the canonical report, its parse warnings
 * and the findings, or the read error. Two records (before and after a change of a reader) are
 * compared with `--compare A B`, which lists the inputs whose output changed.
 *
 *   npx tsx bench/parity.ts --out .tmp/parity-before.jsonl      (inputs kept in .tmp/parity-inputs/)
 *   npx tsx bench/parity.ts --compare .tmp/parity-before.jsonl --compare .tmp/parity-after.jsonl
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { importReport, ReportReadError } from '../src/report/import/index.ts';
import { renderReport } from '../src/report/render/index.ts';
import { toCanonicalReport } from '../src/report/render/json.ts';
import { validateReport } from '../src/report/rules.ts';
import { corpusDir } from '../test/support/corpus.ts';
import { loadTruth, truthNames } from '../test/support/truth.ts';
import { createRng } from '../test/support/report/generate.ts';
import { mutateBytes } from '../test/support/mutate.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures');

interface Input {
  name: string;
  file: string;
  bytes: Uint8Array;
}


async function inputs(mutationsPerFile: number): Promise<Input[]> {
  const list: Input[] = [];
  for (const name of readdirSync(corpusDir).sort()) {
    if (name === 'README.md') continue;
    list.push({ name: `corpus/${name}`, file: name, bytes: new Uint8Array(readFileSync(path.join(corpusDir, name))) });
  }
  for (const name of readdirSync(FIXTURES).sort()) {
    if (name.endsWith('.md')) continue;
    list.push({ name: `fixtures/${name}`, file: name, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))) });
  }
  for (const truth of truthNames()) {
    const report = loadTruth(truth);
    for (const format of ['html', 'docx', 'xlsx'] as const) {
      const base = truth.replace(/\.truth\.json$/, '');
      list.push({ name: `rendered/${base}.${format}`, file: `${base}.${format}`, bytes: await renderReport(report, format) });
    }
  }
  const html = readFileSync(path.join(corpusDir, 'shanghai-office-2019.html'), 'utf8');
  const gbk = html.replace(/charset=["']?utf-8["']?/i, 'charset=gbk');
  list.push({ name: 'variant/shanghai-office-2019.gbk.html', file: 'gbk.html', bytes: new Uint8Array(iconv.encode(gbk, 'gbk')) });

  const random = createRng(20261206);
  const bases = list.filter((i) => /\.(html|pdf|docx|xlsx)$/.test(i.file));
  for (const base of bases) {
    for (let k = 0; k < mutationsPerFile; k += 1) {
      list.push({ name: `mutated/${base.name}#${k}`, file: base.file, bytes: mutateBytes(base.bytes, random) });
    }
  }
  return list;
}

async function outcome(input: Input): Promise<unknown> {
  try {
    const { report, sourceKind } = await importReport({ name: input.file, bytes: input.bytes });
    const findings = validateReport(report).map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells }));
    return { sourceKind, report: toCanonicalReport(report), warnings: report.warnings, findings };
  } catch (error) {
    if (error instanceof ReportReadError) return { error: error.message };
    return { crash: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/**
 * The inputs, kept in a folder after the first run: a rendered DOCX or XLSX carries its time of
 * making, so rendering again would give other bytes (and other mutations) on each run.
 */
async function cachedInputs(dir: string, mutations: number): Promise<Input[]> {
  const index = path.join(dir, 'index.json');
  if (existsSync(index)) {
    const names = JSON.parse(readFileSync(index, 'utf8')) as { name: string; file: string }[];
    return names.map((n, i) => ({ ...n, bytes: new Uint8Array(readFileSync(path.join(dir, String(i)))) }));
  }
  const list = await inputs(mutations);
  mkdirSync(dir, { recursive: true });
  list.forEach((input, i) => writeFileSync(path.join(dir, String(i)), input.bytes));
  writeFileSync(index, JSON.stringify(list.map(({ name, file }) => ({ name, file }))));
  return list;
}

async function record(out: string, mutations: number, inputDir: string): Promise<void> {
  const lines: string[] = [];
  const list = await cachedInputs(inputDir, mutations);
  const started = performance.now();
  for (const input of list) lines.push(JSON.stringify({ input: input.name, outcome: await outcome(input) }));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${list.length} inputs in ${Math.round(performance.now() - started)} ms → ${out}`);
}

function compare(a: string, b: string): void {
  const load = (file: string) => new Map(readFileSync(file, 'utf8').trim().split('\n').map((l) => {
    const { input, outcome } = JSON.parse(l) as { input: string; outcome: unknown };
    return [input, JSON.stringify(outcome)] as const;
  }));
  const before = load(a);
  const after = load(b);
  let same = 0;
  const changed: string[] = [];
  for (const [input, out] of before) {
    if (after.get(input) === out) same += 1;
    else changed.push(input);
  }
  console.log(`${same} of ${before.size} inputs give the same output; ${changed.length} differ`);
  for (const input of changed) {
    const x = JSON.parse(before.get(input) ?? 'null') as Record<string, unknown> | null;
    const y = JSON.parse(after.get(input) ?? 'null') as Record<string, unknown> | null;
    const brief = (o: Record<string, unknown> | null) =>
      o === null ? 'missing' : 'error' in o ? `error: ${String(o.error).slice(0, 120)}` : 'crash' in o ? `crash: ${String(o.crash)}` : `report (${(o.findings as unknown[]).length} findings, ${((o.warnings ?? []) as unknown[]).length} warnings)`;
    console.log(`- ${input}\n    before: ${brief(x)}\n    after:  ${brief(y)}`);
  }
}

const { values } = parseArgs({
  options: { out: { type: 'string' }, compare: { type: 'string', multiple: true }, mutations: { type: 'string', default: '40' }, inputs: { type: 'string', default: '.tmp/parity-inputs' } },
  allowPositionals: true,
  strict: true,
});
if (values.compare) {
  const [a, b] = values.compare.length === 2 ? values.compare : [];
  if (!a || !b) throw new Error('--compare A --compare B');
  compare(a, b);
} else {
  await record(values.out ?? '.tmp/parity.jsonl', Number(values.mutations), values.inputs);
}
