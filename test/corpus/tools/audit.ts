/**
 * Method 2 of the test corpus audit (see ../README.md): an independent, mechanical reading of the
 * tables of a crawler text whose cells run together, compared with the hand-read truth file.
 *
 * For every table 三 row: the template label is located (in template order), the digits up to the
 * next label are taken (the next label's own item number, `2.`, is not part of the run), and every
 * cut of that run into 7 cells (no leading zeros) whose six applicant cells add up to the total is
 * listed. For table 四: the digit run after the last header word 总计 and before 五、 is cut into 15
 * cells whose groups add up (upheld + corrected + other + pending = total). Table 二 runs are
 * printed with their number of possible cuts (nothing in the text settles them; see README).
 *
 * Usage: npx tsx test/corpus/tools/audit.ts test/corpus/NAME.txt [...]   (exit 1 on disagreement)
 * This is a tool of the corpus, not of the importer: it never decides anything the truth keeps.
 */
import { readFileSync } from 'node:fs';

type Row = [key: string, label: string];

// Labels as printed; a label that starts with `N.` is found with any item number and separator (1. 1． 1、).
const T3_HEAD: Row[] = [
  ['newReceived', '本年新收政府信息公开申请数量'],
  ['carriedOver', '上年结转政府信息公开申请数量'],
  ['granted', '予以公开'],
  ['partiallyGranted', '部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['denied.stateSecret', 'N.属于国家秘密'],
  ['denied.prohibitedByLaw', 'N.其他法律行政法规禁止公开'],
  ['denied.threeSecurityOneStability', 'N.危及“三安全一稳定”'],
  ['denied.thirdPartyRights', 'N.保护第三方合法权益'],
  ['denied.internalAffairs', 'N.属于三类内部事务信息'],
  ['denied.processInformation', 'N.属于四类过程性信息'],
  ['denied.enforcementFiles', 'N.属于行政执法案卷'],
  ['denied.administrativeQuery', 'N.属于行政查询事项'],
  ['unableToProvide.notHeld', 'N.本机关不掌握相关政府信息'],
  ['unableToProvide.needsCreation', 'N.没有现成信息需要另行制作'],
  ['unableToProvide.unclearAfterCorrection', 'N.补正后申请内容仍不明确'],
  ['notProcessed.complaint', 'N.信访举报投诉类申请'],
  ['notProcessed.duplicate', 'N.重复申请'],
  ['notProcessed.publication', 'N.要求提供公开出版物'],
  ['notProcessed.excessive', 'N.无正当理由大量反复申请'],
  ['notProcessed.confirmation', 'N.要求行政机关确认或重新出具已获取信息'],
];
const T3_OTHER_2021: Row[] = [
  ['otherDisposal.noCorrection', 'N.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
  ['otherDisposal.unpaidFee', 'N.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
  ['otherDisposal.other', 'N.其他'],
];
const T3_OTHER_2019: Row[] = [['otherDisposal', '（六）其他处理']];
const T3_TAIL: Row[] = [
  ['totalProcessed', '（七）总计'],
  ['carriedForward', '结转下年度继续办理'],
];

/** Where `label` occurs in `text` at or after `from`: [begin, end], or null. */
function locate(text: string, label: string, from: number): [number, number] | null {
  const escaped = label.replace(/^N\./u, '').replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const re = new RegExp(label.startsWith('N.') ? `[1-8][.．、]\\s*${escaped}` : escaped, 'gu');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? [m.index, m.index + m[0].length] : null;
}

/** Every way to cut `digits` into `n` non-negative integers written without leading zeros. */
export function cuts(digits: string, n: number): number[][] {
  if (n === 0) return digits === '' ? [[]] : [];
  const out: number[][] = [];
  for (let len = 1; len <= digits.length - (n - 1); len++) {
    const head = digits.slice(0, len);
    if (head.length > 1 && head.startsWith('0')) break;
    for (const rest of cuts(digits.slice(len), n - 1)) out.push([Number(head), ...rest]);
  }
  return out;
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/** Cuts of a table 三 run whose six applicant cells add up to the total. */
export function rowCuts(digits: string): number[][] {
  return cuts(digits, 7).filter((c) => sum(c.slice(0, 6)) === c[6]);
}

/** Cuts of a table 四 run into three groups of five whose first four add up to the fifth. */
export function table4Cuts(digits: string): number[][] {
  return cuts(digits, 15).filter((c) => [0, 5, 10].every((g) => sum(c.slice(g, g + 4)) === c[g + 4]));
}

/** The run of a row: the leading digits (and spaces) of the text between its label and the next. */
function runBetween(text: string): { raw: string; digits: string } {
  const raw = /^[\d\s\u3000]*/u.exec(text)?.[0] ?? '';
  return { raw, digits: raw.replace(/[\s\u3000]/gu, '') };
}

interface Truth {
  format: string;
  table3: { rows: Record<string, (number | null)[]> };
  table4: Record<string, Record<string, number | null>>;
  _unscored?: string[];
}

function audit(file: string): number {
  const text = readFileSync(file, 'utf8');
  const truth = JSON.parse(readFileSync(file.replace(/\.[^.]+$/u, '.truth.json'), 'utf8')) as Truth;
  const rows = [...T3_HEAD, ...(truth.format === '2019' ? T3_OTHER_2019 : T3_OTHER_2021), ...T3_TAIL];
  const start = text.indexOf('收到和处理政府信息公开申请情况', text.indexOf('第二十条第（一）项'));
  let at = start;
  const found: { key: string; begin: number; end: number }[] = [];
  for (const [key, label] of rows) {
    const hit = locate(text, label, at);
    if (hit === null) throw new Error(`${file}: label of ${key} (${label}) not found`);
    found.push({ key, begin: hit[0], end: hit[1] });
    at = hit[1];
  }
  const t4Start = text.indexOf('行政复议', at);
  let problems = 0;
  console.log(`\n== ${file} (${truth.format} template)`);
  // Each row's readings: the cuts whose six applicant cells add up; failing any, a run of exactly
  // 7 digits has one reading as printed (one digit a cell) that breaks the row sum.
  const readings = found.map((row, i) => {
    const stop = i + 1 < found.length ? found[i + 1]!.begin : t4Start;
    const { raw, digits } = runBetween(text.slice(row.end, stop));
    const options = rowCuts(digits);
    const asPrinted = options.length === 0 && digits.length === 7;
    return { key: row.key, raw, options: asPrinted ? [digits.split('').map(Number)] : options, asPrinted };
  });
  // Where a row has several readings, the column rules (outcomes add up to （七）总计; 一+二 = 三+四) choose.
  const outcomeKeys = readings.map((r) => r.key).filter((k) => k !== 'newReceived' && k !== 'carriedOver' && k !== 'totalProcessed' && k !== 'carriedForward');
  const consistent = (chosen: Map<string, number[]>): boolean =>
    [0, 1, 2, 3, 4, 5, 6].every((c) => {
      const v = (k: string): number => chosen.get(k)?.[c] ?? 0;
      return sum(outcomeKeys.map(v)) === v('totalProcessed') && v('newReceived') + v('carriedOver') === v('totalProcessed') + v('carriedForward');
    });
  const ambiguous = readings.filter((r) => r.options.length > 1);
  const settled = new Map<string, number[]>();
  if (ambiguous.length > 0 && ambiguous.length <= 6 && readings.every((r) => r.options.length >= 1)) {
    const combos: Map<string, number[]>[] = [];
    const walk = (i: number, chosen: Map<string, number[]>): void => {
      if (i === readings.length) {
        if (consistent(chosen)) combos.push(new Map(chosen));
        return;
      }
      for (const o of readings[i]!.options) walk(i + 1, new Map(chosen).set(readings[i]!.key, o));
    };
    walk(0, new Map());
    if (combos.length === 1) for (const r of ambiguous) settled.set(r.key, combos[0]!.get(r.key)!);
  }
  for (const r of readings) {
    const expected = truth.table3.rows[r.key];
    const chosen = r.options.length === 1 ? r.options[0] : settled.get(r.key);
    const agree = chosen !== undefined && JSON.stringify(chosen) === JSON.stringify(expected);
    let verdict = agree ? 'ok' : 'DISAGREE';
    if (agree && r.asPrinted) verdict = 'ok (7 digits, one cell each; the row sum is broken as printed)';
    if (agree && r.options.length > 1) verdict = 'ok (several row cuts; the column sums leave one)';
    if (!agree) problems++;
    console.log(`${r.key.padEnd(40)} ${JSON.stringify(r.raw).padEnd(16)} cuts=${JSON.stringify(r.options)} truth=${JSON.stringify(expected)} ${verdict}`);
  }
  const five = text.indexOf('五、', t4Start);
  const section4 = text.slice(t4Start, five);
  const lastTotal = section4.lastIndexOf('总计');
  const t4digits = section4.slice(lastTotal + 2).replace(/[\s\u3000]/gu, '');
  const t4options = /^\d+$/u.test(t4digits) ? table4Cuts(t4digits) : [];
  const t4truth = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'].flatMap((g) =>
    ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => truth.table4[g]?.[c]));
  const t4agree = t4options.length === 1 && JSON.stringify(t4options[0]) === JSON.stringify(t4truth);
  if (!t4agree) problems++;
  console.log(`table4 ${JSON.stringify(t4digits)} cuts=${JSON.stringify(t4options)} truth=${JSON.stringify(t4truth)} ${t4agree ? 'ok' : 'DISAGREE'}`);
  const t2 = text.slice(text.indexOf('第二十条第（一）项'), start);
  for (const m of t2.matchAll(/(规章|行政规范性文件|规范性文件|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购)\s*([\d\s\u3000.\-]+)/gu)) {
    const digits = m[2]!.replace(/[\s\u3000]/gu, '');
    console.log(`table2 ${m[1]!.padEnd(12)} ${JSON.stringify(m[2])} → cuts into 3: ${/^\d+$/u.test(digits) ? cuts(digits, 3).length : 'n/a'}`);
  }
  console.log(problems === 0 ? 'method 2 agrees with the truth on every table 三/四 row' : `${problems} disagreement(s)`);
  return problems;
}

const files = process.argv.slice(2);
let total = 0;
for (const f of files) total += audit(f);
process.exitCode = total === 0 ? 0 : 1;
