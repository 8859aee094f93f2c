/**
 * Reading canonical JSON (shared/spec/annual-report.md) into an `AnnualReport`, with zod, so
 * that a stored report, an imported .json file and a hand-written test case reach the validator
 * through one path. Shape only: a negative or fractional count parses (T3-CELL reports it), a
 * missing template row parses (STRUCT-TABLES reports it); what cannot be represented as an
 * `AnnualReport` is refused with Chinese messages naming the field.
 *
 * Unknown top-level keys (`_unscored`, `notes`, source positions …) are ignored and dropped.
 */
import { z } from 'zod';
import { AGENCY_KINDS } from '../law/agency-kinds.ts';
import {
  REPORT_FORMATS, SECTION_KEYS, TABLE2_2019, TABLE2_2021, TABLE3_COLUMNS, TABLE3_ROWS_2021, TABLE4_COLUMNS, TABLE4_GROUPS,
} from './model.ts';
import type { AnnualReport } from './model.ts';
import { unstorableTextPaths } from './text-safety.ts';

/** One reason a JSON value is not a canonical report. */
export interface CanonicalError {
  /** Field path, e.g. `table3.rows.granted`, `table4.reconsideration.total`, `sections[2].key`. */
  path: string;
  /** Chinese, naming the field: what was expected, what was found. */
  message: string;
}

export type CanonicalParseResult = { ok: true; report: AnnualReport } | { ok: false; errors: CanonicalError[] };

/** How a found value reads in a message. */
function describe(input: unknown): string {
  if (input === undefined) return '缺失';
  if (input === null) return 'null';
  if (Array.isArray(input)) return `数组（${input.length} 项）`;
  if (typeof input === 'string') return `文字「${input.length > 20 ? `${input.slice(0, 20)}…` : input}」`;
  if (typeof input === 'number' || typeof input === 'boolean') return `${typeof input === 'number' ? '数值' : '布尔值'} ${String(input)}`;
  return '对象';
}

/** An error callback: “应为 X，实际为 Y”. */
const expect = (what: string) => (issue: { input?: unknown }): string =>
  issue.input === undefined ? `缺少此项（应为${what}）` : `应为${what}，实际为${describe(issue.input)}`;

const cell = z.number({ error: expect('数值或 null') }).nullable();
const table2Cell = z.union([z.number(), z.string(), z.null()], { error: expect('数值、文字或 null') });

const table3RowKeys = [...TABLE3_ROWS_2021, 'otherDisposal'] as const;
const table3Row = z.array(cell, { error: expect('7 个数值或 null 的数组') })
  .refine((cells) => cells.length === TABLE3_COLUMNS.length, {
    error: (issue) => `应为 7 个数值或 null 的数组，实际为 ${(issue.input as unknown[]).length} 个`,
  });

const table2RowKeys = [...new Set([...Object.keys(TABLE2_2021), ...Object.keys(TABLE2_2019)])] as [string, ...string[]];
const table2 = z.partialRecord(z.enum(table2RowKeys), z.record(z.string(), table2Cell, { error: expect('对象（列名 → 数值）') }), { error: expect('对象') });

const table3Rows = z.partialRecord(z.enum(table3RowKeys), table3Row, { error: expect('对象（行名 → 7 个数值）') });

/** Where unknown keys are refused, what they should have been. */
function unknownKeyMessage(parent: string): string {
  if (parent === 'table2') return `不是表二的行（应为 ${table2RowKeys.join('、')} 之一）`;
  if (parent === 'table3.rows') return '不是表三的行（行名见 shared/spec/annual-report.md 表三）';
  return '不是规范年报的字段';
}

const table4Group = z.object(
  Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, cell])) as Record<(typeof TABLE4_COLUMNS)[number], typeof cell>,
  { error: expect('对象（结果维持、结果纠正、其他结果、尚未审结、总计）') },
);

const isoDate = z.string({ error: expect('日期文字 YYYY-MM-DD') }).refine(
  (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  { error: (issue) => `应为有效日期 YYYY-MM-DD，实际为${describe(issue.input)}` },
);

const schema = z.object({
  agency: z.string({ error: expect('机关名称文字或 null') }).nullable(),
  year: z.number({ error: expect('年度（整数）或 null') }).int({ error: expect('整数年度') }).nullable(),
  format: z.enum(REPORT_FORMATS, { error: (issue) => issue.input === undefined ? '缺少此项（应为 "2019" 或 "2021"）' : `应为 "2019" 或 "2021"（格式版本，文字），实际为${describe(issue.input)}` }),
  agencyKind: z.enum(AGENCY_KINDS, { error: (issue) => `应为 "department" 或 "government"，实际为${describe(issue.input)}` }).optional(),
  publishedOn: isoDate.optional(),
  sections: z.array(z.object({
    key: z.enum(SECTION_KEYS, { error: (issue) => `应为 ${SECTION_KEYS.join('、')} 之一，实际为${describe(issue.input)}` }),
    title: z.string({ error: expect('标题文字') }),
    text: z.string({ error: expect('正文文字') }),
  }, { error: expect('对象（key、title、text）') }), { error: expect('数组') }).optional(),
  table2,
  table3: z.object({
    columns: z.array(z.enum(TABLE3_COLUMNS, { error: (issue) => `应为 ${TABLE3_COLUMNS.join('、')} 之一，实际为${describe(issue.input)}` }), { error: expect('列名数组') }),
    rows: table3Rows,
  }, { error: expect('对象（columns、rows）') }),
  table4: z.object(
    Object.fromEntries(TABLE4_GROUPS.map((g) => [g, table4Group.optional()])) as Record<(typeof TABLE4_GROUPS)[number], z.ZodOptional<typeof table4Group>>,
    { error: expect('对象（reconsideration、litigationDirect、litigationAfterReconsideration）') },
  ),
  warnings: z.array(z.object({
    code: z.string({ error: expect('文字') }),
    path: z.string({ error: expect('文字') }).optional(),
    message: z.string({ error: expect('文字') }),
  }, { error: expect('对象（code、message）') }), { error: expect('数组') }).optional(),
}, { error: expect('规范年报的 JSON 对象') });

/** `table3.rows.granted`, `sections[2].key`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Parses canonical JSON (already `JSON.parse`d) into a report, or lists every problem.
 * Example error: `{ path: 'table3.rows.granted', message: 'table3.rows.granted：应为 7 个数值或 null 的数组，实际为 6 个' }`.
 */
export function parseCanonicalReport(json: unknown): CanonicalParseResult {
  // A NUL or a lone surrogate cannot be stored: refused here, naming the field, not at the database.
  const unstorable = unstorableTextPaths(json);
  if (unstorable.length > 0) {
    return { ok: false, errors: unstorable.map((path) => ({ path, message: `${path}：含有无法保存的字符（空字符 NUL 或不成对的 UTF-16 代理项），请删除后再提交` })) };
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) {
    const report = result.data as AnnualReport;
    return { ok: true, report: withoutUndefined(report) };
  }
  const errors = result.error.issues.flatMap((issue): CanonicalError[] => {
    const parent = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = formatPath([...issue.path, key]);
        return { path, message: `${path}：${unknownKeyMessage(parent)}` };
      });
    }
    return [{ path: parent, message: parent === '' ? issue.message : `${parent}：${issue.message}` }];
  });
  return { ok: false, errors };
}

/** Drops optional keys that are absent, so the report compares equal to one built by hand. */
function withoutUndefined(report: AnnualReport): AnnualReport {
  const out = { ...report };
  for (const key of ['agencyKind', 'publishedOn', 'sections', 'warnings'] as const) {
    if (out[key] === undefined) delete out[key];
  }
  const table4 = { ...out.table4 };
  for (const group of TABLE4_GROUPS) if (table4[group] === undefined) delete table4[group];
  out.table4 = table4;
  return out;
}

/**
 * Sniffs whether a text is canonical report JSON (a JSON object with `table3` and a `format` or
 * `table4` key) rather than a document to import. Does not validate: parse for that.
 */
export function isCanonicalReportJson(text: string): boolean {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      && 'table3' in value && ('format' in value || 'table4' in value);
  } catch {
    return false;
  }
}
