/**
 * Parsing untrusted input with zod into values, with Chinese messages that name the field
 * (e.g. 'correction.correctedReceivedOn：…'). Expected failures are values, never throws.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './dates.ts';

/** One problem with an input: the field's JSON path and a Chinese message. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** A parse result: the value, or every problem found. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

const TYPE_NAMES: Record<string, string> = {
  string: '字符串', number: '数字', int: '整数', boolean: 'true 或 false', object: 'JSON 对象', array: '数组', null: 'null',
};

type RawIssue = z.core.$ZodRawIssue;

/** Chinese message for one zod issue (used as a per-parse error map). */
function chineseMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '缺少此字段';
      const expected = String(issue.expected);
      return `应为${TYPE_NAMES[expected] ?? expected}，实际为 ${JSON.stringify(issue.input) ?? String(issue.input)}`;
    }
    case 'invalid_value':
      return `应为以下之一：${issue.values.map((v) => String(v)).join('、')}；实际为 ${JSON.stringify(issue.input)}`;
    case 'too_small':
      return issue.origin === 'array' ? `至少应有${String(issue.minimum)}项` : issue.origin === 'string' ? '不能为空' : `不能小于${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `最多${String(issue.maximum)}项` : issue.origin === 'string' ? `不能超过${String(issue.maximum)}个字符` : `不能大于${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `未知字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '格式不符';
    default:
      return issue.message ?? '格式不符';
  }
}

/** 'a.b[0].c' from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

/** Parses with a schema; issues become FieldErrors with Chinese messages. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input, { error: (issue) => chineseMessage(issue) });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({ path: i.path.length === 0 ? '（整个输入）' : formatPath(i.path), message: i.message })),
  };
}

/** A real calendar date 'YYYY-MM-DD' (rejects 2023-02-30). */
export const isoDateSchema = z.string().refine(isIsoDate, { message: '应为真实存在的日期，格式 YYYY-MM-DD（如 2023-10-09）' })
  .transform((s) => s as IsoDate);

/** Renders errors as lines 'path：message'. */
export function formatErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.path}：${e.message}`).join('\n');
}
