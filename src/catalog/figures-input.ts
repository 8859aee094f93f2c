/**
 * The figures of table 二 a person enters (the form) or imports (a file's row): the decision counts of
 * 行政许可、行政处罚、行政强制 and the 行政事业性收费 amount in 万元, for an agency and a year. Read with
 * zod; each problem names its field in Chinese. A blank is null (not entered), never 0.
 */
import { z } from 'zod';
import { fenOfWan, MAX_FEES_FEN, type YearlyFigures } from './table2.ts';

/** The fields, with their Chinese names (as the form and the import's headings say them). */
export const FIGURE_FIELDS = ['licensing', 'punishment', 'enforcement', 'feesWan'] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
export const FIGURE_LABELS: Record<FigureField | 'agency' | 'agencyId' | 'year', string> = {
  agency: '机关',
  agencyId: '机关',
  year: '年度',
  licensing: '行政许可决定数',
  punishment: '行政处罚决定数',
  enforcement: '行政强制决定数',
  feesWan: '行政事业性收费金额（万元）',
};

/** Years a figure may be entered for (the catalog_yearly_figures check). */
export const FIRST_YEAR = 2008;
export const LAST_YEAR = 2100;
/** The largest count PostgreSQL's integer holds. */
const MAX_COUNT = 2_147_483_647;

/** A problem with one field: `field` is the input's name, `message` says which and why in Chinese. */
export interface FigureProblem {
  field: string;
  message: string;
}

const shown = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 30 ? `“${text.slice(0, 30)}…”` : `“${text}”`;
};
const blank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
const cellInput = z.union([z.string(), z.number(), z.null(), z.undefined()]);

/** A count: blank → null; digits (or an integer number) ≥ 0. */
const countField = cellInput.transform((raw, ctx): number | null => {
  if (blank(raw)) return null;
  const n = typeof raw === 'number' ? raw : /^\s*\d{1,10}\s*$/.test(raw!) ? Number(raw) : Number.NaN;
  if (Number.isInteger(n) && n >= 0 && n <= MAX_COUNT) return n;
  ctx.addIssue({ code: 'custom', message: `应为不小于 0 的整数（不填表示未填报），实际为${shown(raw)}` });
  return z.NEVER;
});

/** An amount in 万元: blank → null; else fen. */
const feesField = cellInput.transform((raw, ctx): number | null => {
  if (blank(raw)) return null;
  const read = fenOfWan(raw!);
  if ('fen' in read && read.fen <= MAX_FEES_FEN) return read.fen;
  ctx.addIssue({ code: 'custom', message: `${'problem' in read ? read.problem : '金额过大'}，实际为${shown(raw)}` });
  return z.NEVER;
});

/** A year, 2008–2100 (digits or a number). */
export const yearField = z.union([z.string(), z.number()]).transform((raw, ctx): number => {
  const n = typeof raw === 'number' ? raw : /^\s*\d{4}\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isInteger(n) && n >= FIRST_YEAR && n <= LAST_YEAR) return n;
  ctx.addIssue({ code: 'custom', message: `应为 ${FIRST_YEAR}–${LAST_YEAR} 之间的 4 位年份，如 2024，实际为${shown(raw)}` });
  return z.NEVER;
});

const figuresSchema = z.object({
  year: yearField,
  licensing: countField,
  punishment: countField,
  enforcement: countField,
  feesWan: feesField,
});

/** The year and figures of a form or a row, or every problem. */
export type FiguresResult = { ok: true; year: number; figures: YearlyFigures } | { ok: false; problems: FigureProblem[] };

/** Reads the year and the four figures of `raw` (other keys are the caller's: agency, _csrf …). */
export function parseFigures(raw: Record<string, unknown>): FiguresResult {
  const picked = Object.fromEntries(['year', ...FIGURE_FIELDS].map((k) => [k, raw[k]]));
  const result = figuresSchema.safeParse(picked, {
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '必须填写' : issue.code === 'invalid_type' ? `格式不对，实际为${shown(issue.input)}` : undefined),
  });
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        return { field, message: `${FIGURE_LABELS[field as FigureField] ?? field}（${field}）：${issue.message}` };
      }),
    };
  }
  const { year, licensing, punishment, enforcement, feesWan } = result.data;
  return { ok: true, year, figures: { licensing, punishment, enforcement, feesFen: feesWan } };
}
