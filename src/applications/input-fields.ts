/**
 * The pieces every input of the applications room is checked with: a problem naming its field in
 * officials' words, the parse that collects every problem at once, and the fields shared by the
 * application, its steps and a ledger row (text, dates, channel, phone, e-mail, vocabularies).
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../law/dates.ts';
import { FIRST_INPUT_DATE, LAST_INPUT_DATE } from '../law/deadline-input.ts';
import { CHANNEL_LABELS, CHANNELS, channelFromLabel, type Channel } from '../law/taxonomy.ts';
import type { IdType } from './id-numbers.ts';


/** One problem with an input: the JSON path of the field, and a Chinese message naming it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A parse result: the value, or every problem. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

// ---------- Vocabularies of the intake ----------

/** What a natural person may show; an organisation shows its 统一社会信用代码 (or another document). */
export const PERSON_ID_TYPES: readonly IdType[] = ['idCard', 'passport', 'hkMacauPermit', 'taiwanPermit', 'foreignPermanent', 'other'];
export const ORGANISATION_ID_TYPES: readonly IdType[] = ['creditCode', 'other'];

/** 提供形式 (第二十九条). */
export const PROVISIONS = ['paper', 'electronic'] as const;
export type Provision = (typeof PROVISIONS)[number];
export const PROVISION_LABELS: Record<Provision, string> = { paper: '纸质', electronic: '电子' };

/** 获取方式. */
export const DELIVERIES = ['post', 'email', 'pickup'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const DELIVERY_LABELS: Record<Delivery, string> = { post: '邮寄', email: '电子邮件', pickup: '自行领取' };

// ---------- Field labels ----------

/** The fields in officials' words, by JSON path (array indexes dropped). */
const FIELD_LABELS: Record<string, string> = {
  agencyId: '受理机关（agencyId）',
  applicant: '申请人',
  'applicant.kind': '申请人类型',
  'applicant.name': '申请人姓名或名称',
  'applicant.idType': '身份证明类型',
  'applicant.idNumber': '身份证明号码',
  'applicant.phone': '联系电话',
  'applicant.address': '通信地址',
  'applicant.email': '电子邮箱',
  description: '所需政府信息的描述',
  purpose: '用途',
  provision: '提供形式',
  delivery: '获取方式',
  channel: '提交渠道',
  submitted: '提交日期',
  confirmed: '收到申请之日（签收或确认日期）',
  ref: '登记编号',
  events: '办理过程',
  appeals: '行政复议、行政诉讼',
  repliedOn: '答复日期',
  outcome: '办理结果',
  type: '步骤类型',
  date: '日期',
  version: '版本号',
  note: '说明',
  receivedOn: '第三方收到征求意见书之日',
  workingDays: '延长的工作日数',
  amountFen: '收费金额（分）',
  onTheSpot: '当场答复',
  reasons: '理由',
  approved: '审核结论',
  method: '送达方式',
  kind: '类别',
  filedOn: '提起日期',
  decidedOn: '审结日期',
  result: '结果',
};

/** The label of a path: 'events[2].date' → '办理过程第 3 项的日期'. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const names: string[] = [];
  let key = '';
  for (const part of path) {
    if (typeof part === 'number') {
      names.push(`${FIELD_LABELS[key] ?? key}第 ${part + 1} 项`);
      key = '';
      continue;
    }
    key = key === '' ? String(part) : `${key}.${String(part)}`;
  }
  if (key !== '') {
    // Inside an array item, the item's own field ('events[0].date' → 'date').
    const own = names.length > 0 ? key.split('.').at(-1) ?? key : key;
    names.push(FIELD_LABELS[key] ?? FIELD_LABELS[own] ?? own);
  }
  return names.length === 0 ? '输入' : names.join('的');
}

/** 'a.b[0].c' from a zod path. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字', number: '数字', int: '整数', boolean: 'true 或 false', object: 'JSON 对象', array: '数组', null: 'null',
};

export const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** The problem of one zod issue, without the field's name (added by `parseInput`). */
function problemOf(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必须填写';
      return `应为${TYPE_NAMES[String(issue.expected)] ?? String(issue.expected)}，实际为 ${shown(issue.input)}`;
    case 'too_small':
      return issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? '必须填写' : `至少 ${String(issue.minimum)} 个字`) : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字` : issue.origin === 'array' ? `最多 ${String(issue.maximum)} 项` : `不能大于 ${String(issue.maximum)}`;
    default:
      return issue.message ?? '格式不对';
  }
}

/**
 * Parses with a schema: each problem as `{ field: 'applicant.idNumber', message: '身份证明号码：…' }`,
 * an unknown key as its own problem ('不是…的字段'), never a value on failure.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, what = '申请'): ParseResult<z.output<S>> {
  const result = schema.safeParse(raw, { error: (issue) => problemOf(issue) });
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { field: pathText(path), message: `${pathText(path)}：不是${what}的字段（字段名见接口说明 /api/openapi.json）` };
      });
    }
    return [{ field: pathText(issue.path), message: `${fieldLabel(issue.path)}：${issue.message}` }];
  });
  return { ok: false, problems };
}

// ---------- Field schemas ----------

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udfff]/;
export const storable = (v: string) => !CONTROL.test(v) && !LONE_SURROGATE.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

/** Required text, trimmed; line breaks allowed only where `multiline`. */
export const text = (max: number, multiline = false) =>
  z.string().trim().min(1).max(max)
    .refine((v) => storable(v) && (multiline || !/[\r\n\t]/.test(v)), { message: '含有不能保存的控制字符' });
/** Optional text: absent, null or blank is null. */
export const optionalText = (max: number, multiline = false) =>
  z.union([z.string(), z.null()]).optional().transform((v) => (v ?? '').trim()).pipe(
    z.string().max(max).refine((v) => storable(v) && (multiline || !/[\r\n\t]/.test(v)), { message: '含有不能保存的控制字符' }),
  ).transform((v) => (v === '' ? null : v));

/** A code of a vocabulary, or its Chinese name ('自然人', '纸质'). */
export function vocabulary<const T extends string>(codes: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}) {
  return z.string().transform((raw, ctx): T => {
    const typed = raw.trim();
    const found = codes.find((c) => c === typed || labels[c] === typed) ?? extra[typed];
    if (found !== undefined) return found;
    ctx.addIssue({ code: 'custom', message: `应为 ${codes.map((c) => `${c}（${labels[c]}）`).join('、')} 之一，实际为 ${shown(raw)}` });
    return z.NEVER;
  });
}

/** A legal date 'YYYY-MM-DD' inside the calendar the deadlines are counted on (as `gongkai law deadline` reads it). */
export const dateField = z.string().transform((raw, ctx): IsoDate => {
  const s = raw.trim();
  if (!isIsoDate(s)) {
    ctx.addIssue({ code: 'custom', message: `应为真实存在的日期，格式 YYYY-MM-DD（如 2023-10-09），实际为 ${shown(raw)}` });
    return z.NEVER;
  }
  if (s < FIRST_INPUT_DATE || s > LAST_INPUT_DATE) {
    ctx.addIssue({ code: 'custom', message: `日期 ${s} 超出日历范围（${FIRST_INPUT_DATE} 至 ${LAST_INPUT_DATE}）` });
    return z.NEVER;
  }
  return s;
});

/** 提交渠道 by its Chinese name (当面、邮寄、平常信函、网络、传真) or its code, as `gongkai law deadline` reads it. */
export const channelField = z.string().transform((raw, ctx): Channel => {
  const channel = channelFromLabel(raw.trim());
  if (channel) return channel;
  ctx.addIssue({ code: 'custom', message: `应为 ${CHANNELS.map((c) => CHANNEL_LABELS[c]).join('、')} 之一（也可写代码 ${CHANNELS.join('、')}），实际为 ${shown(raw)}` });
  return z.NEVER;
});

/** An agency's id: a positive integer (or its digits as text). */
export const agencyIdField = z.union([z.number(), z.string()]).transform((raw, ctx): number => {
  const n = typeof raw === 'number' ? raw : /^\s*[1-9][0-9]{0,15}\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= 1) return n;
  ctx.addIssue({ code: 'custom', message: `应为机关编号（正整数），实际为 ${shown(raw)}` });
  return z.NEVER;
});

/** Telephone numbers: digits with the usual separators; kept as digits (and a leading +) so that the status look-up matches however it is typed. */
export const phoneField = (required: boolean) =>
  z.union([z.string(), z.number(), z.null()]).optional().transform((raw, ctx): string | null => {
    const typed = raw === undefined || raw === null ? '' : String(raw).trim();
    if (typed === '') {
      if (required) ctx.addIssue({ code: 'custom', message: '必须填写（查询办理进度时要用到），如 13800138000 或 0418-1234567' });
      return null;
    }
    if (!/^\+?[0-9()（）\-－\s]+(转[0-9]+)?$/.test(typed)) {
      ctx.addIssue({ code: 'custom', message: `只能含数字、括号、+ 和 -（如 13800138000 或 0418-1234567），实际为 ${shown(typed)}` });
      return z.NEVER;
    }
    const normalized = normalizePhone(typed);
    const digits = normalized.replace(/\D/g, '').length;
    if (digits < 7 || digits > 20) {
      ctx.addIssue({ code: 'custom', message: `应为 7–20 位数字，实际为 ${digits} 位` });
      return z.NEVER;
    }
    return normalized;
  });

/** A telephone number as stored and compared: digits, a leading + and 转 (extension) kept, separators dropped. */
export function normalizePhone(typed: string): string {
  return typed.trim().replace(/[()（）\-－\s]/g, '');
}

export const emailField = optionalText(100).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: '格式不对（应形如 zhang@example.com）' });
