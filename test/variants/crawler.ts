/**
 * Class 3: the report as a site crawler saves it — the whole body on one line, each table row its
 * label followed by its cells run together (`801000081`), separated by single spaces, or mixed — and
 * variants with one table 三 cell changed so that a row total (and a column sum or the balance)
 * breaks. The cells a run leaves open (several readings satisfy the row's rule; or, for a row
 * printed with an error, several readings at all) are the variant's ambiguous cells.
 */
import { SECTION_KEYS, TABLE3_COLUMNS, TABLE3_OUTCOME_ROWS_2019, TABLE3_OUTCOME_ROWS_2021 } from '../../src/report/model.ts';
import type { AnnualReport, Cell, Table3RowKey } from '../../src/report/model.ts';
import {
  chance, cloneReport, intBetween, openColumns, pick, printCell, reportTitle, sectionText, sectionTitle, table2Blocks,
  table2ColumnLabel, table2RowLabel, table2Shape, table3GroupBefore, table3Label, table3RowHolds, table3RowKeys,
  table4Cells, table4Holds, unscoredCells, TABLE4_COLUMN_NAMES, type CellShape, type Expected, type InjectedError, type Rng, type Variant,
} from './common.ts';

export type Spacing = 'none' | 'space' | 'mixed';

/** The pieces a row's cells are printed as: joined, spaced, or spaced at random gaps. */
function piecesOf(cells: readonly string[], spacing: Spacing, rng: Rng): string[] {
  if (spacing === 'space') return [...cells];
  if (spacing === 'none') return [cells.join('')];
  const pieces: string[] = [cells[0] ?? ''];
  for (let i = 1; i < cells.length; i++) {
    if (chance(rng, 0.5)) pieces.push(cells[i]!);
    else pieces[pieces.length - 1] += cells[i]!;
  }
  return pieces;
}

/**
 * The columns a row's text leaves open. Where some cells are spaced and others run together, a
 * reader cannot trust the spaces (real crawler texts print spaces inside cells: `20 00 0 0 2` is
 * 2,0,0,0,0,0,2), so the readings of the run without its spaces count too.
 */
function open(pieces: readonly string[], shapes: readonly CellShape[], printed: readonly (Cell | string)[], holds: (v: (Cell | string)[]) => boolean): number[] {
  const spaced = openColumns(pieces, shapes, printed, holds);
  if (pieces.length <= 1 || pieces.length === shapes.length) return spaced;
  const joined = openColumns([pieces.join('')], shapes, printed, holds);
  return [...new Set([...spaced, ...joined])].sort((a, b) => a - b);
}

interface Row {
  label: string;
  pieces: string[];
}

function rowText(row: Row, rng: Rng): string {
  return `${row.label}${chance(rng, 0.5) ? ' ' : ''}${row.pieces.join(' ')}`;
}

/** Picks a table 三 cell whose change breaks rules that hold in the truth; undefined if none. */
function chooseError(report: AnnualReport, rng: Rng): { row: Table3RowKey; column: number; rules: string[] } | undefined {
  const rows = report.table3.rows;
  const keys = table3RowKeys(report.table3);
  const outcomeRows: readonly string[] = rows['otherDisposal'] ? TABLE3_OUTCOME_ROWS_2019 : TABLE3_OUTCOME_ROWS_2021;
  const column = (c: number, ks: readonly string[]): (Cell | undefined)[] => ks.map((k) => rows[k as Table3RowKey]?.[c]);
  const numbers = (vs: readonly (Cell | undefined)[]): vs is number[] => vs.every((v) => typeof v === 'number');
  const candidates: { row: Table3RowKey; column: number; rules: string[] }[] = [];
  for (const row of keys) {
    const cells = rows[row] ?? [];
    if (!numbers(cells) || !table3RowHolds(cells)) continue;
    for (let c = 0; c < TABLE3_COLUMNS.length; c++) {
      const rules = ['T3-ROW-TOTAL'];
      const outcomes = column(c, [...outcomeRows, 'totalProcessed']);
      if ((outcomeRows.includes(row) || row === 'totalProcessed') && numbers(outcomes)) {
        const total = outcomes.pop() as number;
        if (outcomes.reduce((a, b) => a + b, 0) === total) rules.push('T3-OUTCOME-TOTAL');
      }
      const balance = column(c, ['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward']);
      if (['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward'].includes(row) && numbers(balance)) {
        if (balance[0]! + balance[1]! === balance[2]! + balance[3]!) rules.push('T3-BALANCE');
      }
      candidates.push({ row, column: c, rules });
    }
  }
  return candidates.length === 0 ? undefined : pick(rng, candidates);
}

/**
 * A crawler-text variant of `truth`. With `withError`, one table 三 cell is raised by 1–3 (a cell
 * and a spacing chosen so that the row's text admits one reading: the error must reach the validator).
 */
export function crawlerVariant(name: string, truth: AnnualReport, rng: Rng, index: number, withError: boolean): Variant {
  const report = cloneReport(truth);
  const spacing: Spacing = pick(rng, ['none', 'space', 'mixed'] as const);
  const ambiguous: string[] = [];
  let injected: InjectedError | undefined;
  let errorRow: Table3RowKey | undefined;
  let errorSpacing: Spacing | undefined;
  if (withError) {
    for (let attempt = 0; attempt < 20 && injected === undefined; attempt++) {
      const choice = chooseError(report, rng);
      if (!choice) break;
      const cells = report.table3.rows[choice.row] as number[];
      const delta = intBetween(rng, 1, 3);
      const printed = cells.map((v, i) => (i === choice.column ? v + delta : v));
      const tries: Spacing[] = chance(rng, 0.5) ? ['none', 'space'] : ['space'];
      for (const s of tries) {
        const pieces = piecesOf(printed.map(String), s, rng);
        const shapes: CellShape[] = printed.map(() => 'count');
        if (openColumns(pieces, shapes, printed, table3RowHolds).length > 0) continue;
        const truthValue = cells[choice.column]!;
        report.table3.rows[choice.row] = printed;
        errorRow = choice.row;
        errorSpacing = s;
        injected = { cell: `t3.${choice.row}[${choice.column}]`, printed: truthValue + delta, truth: truthValue, rules: choice.rules };
        break;
      }
    }
  }

  const parts: string[] = [reportTitle(report), `发布机构: ${report.agency ?? ''}`, '==================== 正文 ====================',
  ];
  const body: string[] = [];
  const rowSpacing = (): Spacing => (spacing === 'mixed' ? pick(rng, ['none', 'space', 'mixed'] as const) : spacing);
  for (const key of SECTION_KEYS) {
    body.push(`${sectionTitle(key)}${chance(rng, 0.5) ? ' ' : ''}${sectionText(key, report.agency ?? '本机关')}`);
    if (key === 'proactive') {
      for (const block of table2Blocks(report.format)) {
        const rows = block.rows.filter((r) => report.table2[r as keyof typeof report.table2] !== undefined);
        if (rows.length === 0) continue;
        body.push(`${block.heading}信息内容${block.columns.map(table2ColumnLabel).join('')}`);
        for (const row of rows) {
          const values = block.columns.map((c) => report.table2[row as keyof typeof report.table2]?.[c] ?? null);
          const texts = values.map((v) => printCell(v));
          const pieces = piecesOf(texts, rowSpacing(), rng);
          body.push(rowText({ label: table2RowLabel(row), pieces }, rng));
          for (const c of open(pieces, block.columns.map(table2Shape), values, () => true)) ambiguous.push(`t2.${row}.${block.columns[c]!}`);
        }
      }
    }
    if (key === 'applications') {
      body.push('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他');
      for (const row of table3RowKeys(report.table3)) {
        const values = report.table3.rows[row] ?? [];
        const s = row === errorRow ? (errorSpacing as Spacing) : rowSpacing();
        const pieces = piecesOf(values.map((v) => printCell(v)), s, rng);
        const group = table3GroupBefore(row);
        const label = group === undefined ? table3Label(row) : `${group}${chance(rng, 0.3) ? ' ' : ''}${table3Label(row)}`;
        body.push(rowText({ label, pieces }, rng));
        if (row !== errorRow) {
          for (const c of open(pieces, values.map((): CellShape => 'count'), values, table3RowHolds)) ambiguous.push(`t3.${row}[${c}]`);
        }
      }
    }
    if (key === 'appeals') {
      body.push(`行政复议行政诉讼${TABLE4_COLUMN_NAMES.join('')}未经复议直接起诉复议后起诉${TABLE4_COLUMN_NAMES.join('')}${TABLE4_COLUMN_NAMES.join('')}`);
      const values = table4Cells(report.table4);
      const pieces = piecesOf(values.map((v) => printCell(v)), rowSpacing(), rng);
      body.push(pieces.join(' '));
      const names = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'];
      const cols = ['upheld', 'corrected', 'other', 'pending', 'total'];
      for (const c of open(pieces, values.map((): CellShape => 'count'), values, table4Holds)) {
        ambiguous.push(`t4.${names[Math.floor(c / 5)]!}.${cols[c % 5]!}`);
      }
    }
  }
  parts.push(body.join(chance(rng, 0.5) ? ' ' : ''));
  if (injected) {
    // A sum with an operand in a row the text leaves open cannot be checked (the importer may leave
    // that row blank, all of it): only the rules whose operand rows the text settles are required.
    const inj = injected;
    const outcomeRows: readonly string[] = report.table3.rows['otherDisposal'] ? TABLE3_OUTCOME_ROWS_2019 : TABLE3_OUTCOME_ROWS_2021;
    const settled = (rows: readonly string[]): boolean => rows.every((r) => !ambiguous.some((a) => a.startsWith(`t3.${r}[`)));
    inj.rules = inj.rules.filter((rule) => rule === 'T3-ROW-TOTAL'
      || (rule === 'T3-OUTCOME-TOTAL' && settled([...outcomeRows, 'totalProcessed']))
      || (rule === 'T3-BALANCE' && settled(['newReceived', 'carriedOver', 'totalProcessed', 'carriedForward'])));
  }
  const expected: Expected = {
    format: report.format, table2: report.table2, table3: report.table3, table4: report.table4, ambiguous, unscored: unscoredCells(name),
    ...(injected ? { injected } : {}),
  };
  const description = `crawler text, cells ${spacing}${injected ? `, error at ${injected.cell} (${injected.truth}→${injected.printed}, ${errorSpacing})` : ''}`;
  return {
    id: `crawler/${name}/${index}${withError ? 'e' : ''}`,
    layout: 'crawler',
    truth: name,
    description,
    file: { name: `${name}-${index}.txt`, bytes: new TextEncoder().encode(`${parts.join('\n')}\n`) },
    expected,
  };
}
