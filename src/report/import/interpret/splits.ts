/**
 * Readings of damaged rows: digits printed without separators (crawler text `801000081`), a cell
 * lost or a cell added in extraction. Each function lists every reading the table rules allow;
 * the caller uses a reading only when it is the only one, and says so.
 *
 * Every search is bounded: a row's total is never searched but read off as the sum of its other
 * cells, and a step budget caps the rest, so no input can make the importer slow.
 */

/** Readings found, and whether the search stopped early (then the row must be treated as ambiguous). */
export interface Readings {
  readings: number[][];
  exhausted: boolean;
}

const STEP_BUDGET = 50_000;
/** No count in tables 三 and 四 runs to more than 8 digits (a whole province receives fewer than 10⁸ applications). */
const MAX_PART_DIGITS = 8;

const VALID_PART = /^(0|[1-9]\d*)(\.\d+)?$/;

function isWellFormed(part: string): boolean {
  return part.length > 0 && part.length <= MAX_PART_DIGITS && (part === '0' || part[0] !== '0');
}

/**
 * Splits `digits` into `rows` consecutive rows of `width` numbers each, where in every row the
 * last number is the sum of the others (表三 row total; 表四 group total). Depth-first over digit
 * positions; the last cell of a row is checked, not searched.
 *
 * @example splitRowsWithTotals('801000081', 1, 7) → [[80, 1, 0, 0, 0, 0, 81]]
 */
export function splitRowsWithTotals(digits: string, rows: number, width: number, limit = 16): Readings {
  const codes: number[] = [];
  let plain = true;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    plain &&= d >= 0 && d <= 9;
    codes.push(d);
  }
  const search: RowSearch = { digits, codes, plain, rows, width, limit, out: [], steps: 0, exhausted: false, cells: new Array<number>(rows * width).fill(0) };
  walkRows(search, 0, 0, 0, 0);
  if (search.out.length > limit) search.exhausted = true;
  return { readings: search.out, exhausted: search.exhausted };
}

/** State of one `splitRowsWithTotals` search (a plain object and a module function: no closure per call). */
interface RowSearch {
  digits: string;
  /** Digit values of `digits`; `plain` when every character is a digit (then parts are built from them, not sliced and parsed). */
  codes: number[];
  plain: boolean;
  rows: number;
  width: number;
  limit: number;
  out: number[][];
  steps: number;
  exhausted: boolean;
  /** The cells chosen so far, by position in the reading. */
  cells: number[];
}

/** Depth-first over digit positions; the last cell of a row is checked, not searched. */
function walkRows(s: RowSearch, pos: number, row: number, col: number, sum: number): void {
  if (s.exhausted || s.out.length > s.limit) return;
  if (++s.steps > STEP_BUDGET) {
    s.exhausted = true;
    return;
  }
  const L = s.digits.length;
  if (row === s.rows) {
    if (pos === L) s.out.push(s.cells.slice());
    return;
  }
  const cellsLeft = (s.rows - row) * s.width - col;
  if (L - pos < cellsLeft || L - pos > cellsLeft * MAX_PART_DIGITS) return;
  const at = row * s.width + col;
  if (col === s.width - 1) {
    const total = String(sum);
    if (s.digits.startsWith(total, pos)) {
      s.cells[at] = sum;
      walkRows(s, pos + total.length, row + 1, 0, 0);
    }
    return;
  }
  let value = 0;
  for (let len = 1; len <= MAX_PART_DIGITS && pos + len <= L - (cellsLeft - 1); len++) {
    // A part is well formed: no leading zero (a lone 0 is), at most MAX_PART_DIGITS digits.
    if (s.plain) {
      if (len > 1 && s.codes[pos] === 0) break;
      value = value * 10 + s.codes[pos + len - 1]!;
    } else {
      const part = s.digits.slice(pos, pos + len);
      if (!isWellFormed(part)) break;
      value = Number(part);
    }
    s.cells[at] = value;
    walkRows(s, pos + len, row, col + 1, sum + value);
  }
}

function totalsHold(cells: readonly number[], groupWidth: number): boolean {
  for (let g = 0; g + groupWidth <= cells.length; g += groupWidth) {
    let sum = 0;
    for (let i = g; i < g + groupWidth - 1; i++) sum += cells[i]!;
    if (sum !== cells[g + groupWidth - 1]) return false;
  }
  return true;
}

/** Adds `cells` to `out` unless an equal reading is there (the lists hold a handful). */
function addDistinct(out: number[][], cells: number[]): void {
  if (!out.some((r) => r.every((v, i) => v === cells[i]))) out.push(cells);
}

/**
 * Readings of a row of `groups` × `groupWidth` cells that lost one cell: the lost cell may be
 * at any position, and its value follows from its group's total; every group's total must then
 * hold. Only non-negative integers are kept; duplicate readings merge.
 *
 * @example readingsWithOneLost([0, 0, 0, 0, 0, 0], 1, 7) → [[0, 0, 0, 0, 0, 0, 0]] (the seed's rows)
 */
export function readingsWithOneLost(values: readonly number[], groups: number, groupWidth: number): number[][] {
  const width = groups * groupWidth;
  const out: number[][] = [];
  if (values.length !== width - 1) return [];
  for (let lost = 0; lost < width; lost++) {
    const cells = new Array<number>(width);
    for (let i = 0, j = 0; i < width; i++) cells[i] = i === lost ? 0 : values[j++]!;
    const g0 = lost - (lost % groupWidth);
    const totalAt = g0 + groupWidth - 1;
    let others = 0;
    for (let i = g0; i < totalAt; i++) if (i !== lost) others += cells[i]!;
    const v = lost === totalAt ? others : cells[totalAt]! - others;
    if (!Number.isInteger(v) || v < 0) continue;
    cells[lost] = v;
    if (totalsHold(cells, groupWidth)) addDistinct(out, cells);
  }
  return out;
}

/** Readings of a row with one cell too many: drop each cell in turn, keep those whose totals hold. */
export function readingsWithOneExtra(values: readonly number[], groups: number, groupWidth: number): number[][] {
  const out: number[][] = [];
  if (values.length !== groups * groupWidth + 1) return [];
  for (let extra = 0; extra < values.length; extra++) {
    const cells = values.filter((_, i) => i !== extra);
    if (totalsHold(cells, groupWidth)) addDistinct(out, cells);
  }
  return out;
}

/**
 * Readings of a run whose printed pieces (numbers set apart by spaces or cell boundaries) are
 * kept whole as boundaries: each piece is one cell or several cells run together, and the row
 * has `width` cells. No rule checks the values: this is how the row is printed, used when no
 * reading satisfies the row totals (the agency's own arithmetic is then broken). A run of exactly
 * `width` digits has one reading (a digit per cell), and so has a row printed with `width` pieces.
 *
 * @example splitPieces(['12', '0', '3', '0', '0', '0', '16'], 7) → [[12, 0, 3, 0, 0, 0, 16]]
 * @example splitPieces(['120', '3', '0', '0', '0', '16'], 7) → 1|20|… and 12|0|… (two readings)
 */
export function splitPieces(pieces: readonly string[], width: number, limit = 16): Readings {
  const out: number[][] = [];
  const cells: number[] = [];
  let steps = 0;
  let exhausted = false;
  const total = pieces.reduce((n, p) => n + p.length, 0);
  if (pieces.some((p) => !/^\d+$/.test(p)) || total < width || total > width * MAX_PART_DIGITS) return { readings: [], exhausted: false };
  /** Cells of piece `p` from its digit `pos` on. */
  const walk = (p: number, pos: number): void => {
    if (exhausted || out.length > limit) return;
    if (++steps > STEP_BUDGET) {
      exhausted = true;
      return;
    }
    if (p === pieces.length) {
      if (cells.length === width) out.push(cells.slice());
      return;
    }
    const piece = pieces[p]!;
    if (pos === piece.length) {
      walk(p + 1, 0);
      return;
    }
    if (cells.length >= width) return;
    for (let len = 1; len <= MAX_PART_DIGITS && pos + len <= piece.length; len++) {
      if (len > 1 && piece[pos] === '0') break;
      cells.push(Number(piece.slice(pos, pos + len)));
      walk(p, pos + len);
      cells.pop();
    }
  };
  walk(0, 0);
  if (out.length > limit) exhausted = true;
  return { readings: out, exhausted };
}

const SIGNED_PART = /^-[1-9]\d*$/;

/**
 * Splits the printed pieces of a 表二 row into `parts` cells, with no rule to check them against:
 * each piece is one cell or several run together (a cell never spans two pieces), a minus sign
 * starts a cell and only the column `signedColumn` (本年增/减, 2019 template) may hold it, and
 * only the last column may carry a decimal point. Pass the whole run as one piece where spaces
 * are not cell boundaries; a sign still cuts it (`piecesAtSigns`).
 *
 * @example splitTable2(['1', '-10'], 1, 3) → [['1', '-1', '0']]
 * @example splitTable2(['46', '-380'], 1, 3) → 46|-3|80 and 46|-38|0 (ambiguous)
 */
export function splitTable2(pieces: readonly string[], signedColumn: number, parts: number, limit = 2): { readings: string[][]; exhausted: boolean } {
  const out: string[][] = [];
  const acc: string[] = [];
  let steps = 0;
  let exhausted = false;
  const walk = (p: number, pos: number): void => {
    if (out.length >= limit || exhausted) return;
    if (++steps > STEP_BUDGET) {
      exhausted = true;
      return;
    }
    if (p === pieces.length) {
      if (acc.length === parts) out.push(acc.slice());
      return;
    }
    const piece = pieces[p]!;
    if (pos === piece.length) {
      walk(p + 1, 0);
      return;
    }
    const col = acc.length;
    if (col >= parts) return;
    const signed = piece[pos] === '-';
    if (signed && col !== signedColumn) return;
    for (let end = pos + (signed ? 2 : 1); end <= piece.length; end++) {
      const part = piece.slice(pos, end);
      if (signed ? !SIGNED_PART.test(part) : !VALID_PART.test(part) || (part.includes('.') && col !== parts - 1)) continue;
      acc.push(part);
      walk(p, end);
      acc.pop();
    }
  };
  if (pieces.reduce((n, x) => n + x.length, 0) <= 64) walk(0, 0);
  else exhausted = true;
  return { readings: out, exhausted };
}

/** A run cut where a minus sign starts a cell: `46-380` → ['46', '-380']. */
export function piecesAtSigns(run: string): string[] {
  return run.split(/(?=-)/).filter((p) => p !== '');
}
