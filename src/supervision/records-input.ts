/**
 * What the forms and the API give for a supervision record, checked with zod: every problem at once,
 * each naming its field in officials' words (`参加人次：应为 1 到 1000000 之间的整数`), the JSON name in
 * brackets for the API (pages drop it). Dates of things that happened may not be after `today`; a
 * reply comes with its date, never before the day the question arrived.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../law/dates.ts';
import { ValidationError } from '../platform/errors.ts';
import { isStorableText } from '../platform/storable-text.ts';
import {
  CHANNEL_LABELS, CHANNELS, CONSULTATION_KIND_LABELS, CONSULTATION_KINDS, type Channel, type ConsultationKind
} from './core/records.ts';

/** One problem: the field's JSON name and a message naming it. */
export interface FieldProblem {
  field: string;
  message: string;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** The fields in officials' words, per form. */
export const FIELD_LABELS = {
  training: { heldOn: '培训日期', title: '培训名称', attendees: '参加人次', note: '备注', version: '版本号' },
  inspection: { inspectedOn: '检查日期', inspector: '检查单位', subject: '检查内容', summary: '检查情况', version: '版本号' },
  finding: { problem: '发现的问题', deadline: '整改期限', version: '版本号' },
  rectification: { rectifiedOn: '整改完成日期', rectification: '整改情况', version: '版本号' },
  publicDay: { heldOn: '活动日期', title: '活动名称', description: '活动内容', version: '版本号' },
  consultation: { receivedOn: '收到日期', channel: '渠道', kind: '类别', subject: '内容摘要', reply: '答复内容', repliedOn: '答复日期', version: '版本号' },
} as const;
export type FormKind = keyof typeof FIELD_LABELS;

/** The earliest date a record may carry: the year the 条例 took effect (2008-05-01). */
const EARLIEST = '2008-01-01';
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const quoted = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};
const blank = (raw: unknown) => raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');

/** Text as typed, trimmed (CRLF → LF), or an issue: what every text field shares. */
function cleanText(raw: unknown, max: number, multiline: boolean, ctx: z.RefinementCtx): string | typeof z.NEVER {
  if (typeof raw !== 'string') {
    ctx.addIssue({ code: 'custom', message: `应为文字，实际为 ${quoted(raw)}` });
    return z.NEVER;
  }
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (!isStorableText(text) || CONTROL.test(text)) ctx.addIssue({ code: 'custom', message: '含有无法保存的字符，请删除后重新填写' });
  else if (!multiline && text.includes('\n')) ctx.addIssue({ code: 'custom', message: '应为一行，不能换行' });
  else if ([...text].length > max) ctx.addIssue({ code: 'custom', message: `最多 ${max} 个字，实际 ${[...text].length} 个字` });
  else return text;
  return z.NEVER;
}

/** A required text of `min`–`max` characters. */
const requiredText = (min: number, max: number, multiline = false) => z.unknown().transform((raw, ctx): string => {
  if (blank(raw)) {
    ctx.addIssue({ code: 'custom', message: '必须填写' });
    return z.NEVER;
  }
  const text = cleanText(raw, max, multiline, ctx);
  if (text !== z.NEVER && [...text].length < min) {
    ctx.addIssue({ code: 'custom', message: `至少 ${min} 个字` });
    return z.NEVER;
  }
  return text;
});

/** An optional text (blank: null). */
const optionalText = (max: number) => z.unknown().transform((raw, ctx): string | null => (blank(raw) ? null : cleanText(raw, max, true, ctx)));

/** A date 'YYYY-MM-DD' from 2008 to 2100 (blank: null when optional). */
function dateOf(raw: unknown, ctx: z.RefinementCtx): IsoDate | typeof z.NEVER {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (isIsoDate(text) && text >= EARLIEST && text <= '2100-12-31') return text;
  ctx.addIssue({ code: 'custom', message: isIsoDate(text) ? '应在 2008 年以后' : `应为真实存在的日期，格式 YYYY-MM-DD（如 2024-05-15），实际为 ${quoted(raw)}` });
  return z.NEVER;
}
const requiredDate = z.unknown().transform((raw, ctx): IsoDate => {
  if (blank(raw)) {
    ctx.addIssue({ code: 'custom', message: '必须填写' });
    return z.NEVER;
  }
  return dateOf(raw, ctx);
});
const optionalDate = z.unknown().transform((raw, ctx): IsoDate | null => (blank(raw) ? null : dateOf(raw, ctx)));

/** A whole number in a range, given as a number (API) or digits (forms). */
const wholeNumber = (min: number, max: number) => z.unknown().transform((raw, ctx): number => {
  if (blank(raw)) {
    ctx.addIssue({ code: 'custom', message: '必须填写' });
    return z.NEVER;
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d{1,9}\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  ctx.addIssue({ code: 'custom', message: `应为 ${min} 到 ${max} 之间的整数，实际为 ${quoted(raw)}` });
  return z.NEVER;
});

/** A word of a vocabulary: its code or its Chinese name. */
function vocabulary<const T extends string>(codes: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}) {
  return z.unknown().transform((raw, ctx): T => {
    const typed = typeof raw === 'string' ? raw.trim() : '';
    const found = codes.find((c) => c === typed || labels[c] === typed) ?? (Object.hasOwn(extra, typed) ? extra[typed] : undefined);
    if (found !== undefined) return found;
    ctx.addIssue({ code: 'custom', message: blank(raw) ? '必须选择' : `应为 ${codes.map((c) => labels[c]).join('、')} 之一，实际为 ${quoted(raw)}` });
    return z.NEVER;
  });
}

const version = wholeNumber(1, 2_000_000_000);

const SCHEMAS = {
  training: { heldOn: requiredDate, title: requiredText(2, 200), attendees: wholeNumber(1, 1_000_000), note: optionalText(2000) },
  inspection: { inspectedOn: requiredDate, inspector: requiredText(2, 100), subject: requiredText(2, 200), summary: optionalText(2000) },
  finding: { problem: requiredText(2, 1000, true), deadline: requiredDate },
  rectification: { rectifiedOn: requiredDate, rectification: requiredText(2, 2000, true) },
  publicDay: { heldOn: requiredDate, title: requiredText(2, 200), description: optionalText(2000) },
  consultation: {
    receivedOn: requiredDate, channel: vocabulary(CHANNELS, CHANNEL_LABELS, { '12345': 'hotline', '12345转办': 'hotline', '12345 转办': 'hotline' }),
    kind: vocabulary(CONSULTATION_KINDS, CONSULTATION_KIND_LABELS), subject: requiredText(2, 500, true), reply: optionalText(2000), repliedOn: optionalDate,
  },
} as const;

/** 培训 as given. */
export interface TrainingInput { heldOn: IsoDate; title: string; attendees: number; note: string | null }
/** 检查 as given. */
export interface InspectionInput { inspectedOn: IsoDate; inspector: string; subject: string; summary: string | null }
/** A finding as given. */
export interface FindingInput { problem: string; deadline: IsoDate }
/** A finding's 整改 as given. */
export interface RectificationInput { rectifiedOn: IsoDate; rectification: string }
/** “5·15” event as given. */
export interface PublicDayInput { heldOn: IsoDate; title: string; description: string | null }
/** 咨询/建议 as given. */
export interface ConsultationInput { receivedOn: IsoDate; channel: Channel; kind: ConsultationKind; subject: string; reply: string | null; repliedOn: IsoDate | null }

/** What each form gives once checked. */
export interface InputOf {
  training: TrainingInput;
  inspection: InspectionInput;
  finding: FindingInput;
  rectification: RectificationInput;
  publicDay: PublicDayInput;
  consultation: ConsultationInput;
}

/** The dates of each form that record something that has happened (not after today). */
const PAST_DATES: Record<FormKind, readonly string[]> = {
  training: ['heldOn'], inspection: ['inspectedOn'], finding: [], rectification: ['rectifiedOn'], publicDay: ['heldOn'], consultation: ['receivedOn', 'repliedOn'],
};

const labelled = (kind: FormKind, field: string, message: string): FieldProblem => {
  const label = (FIELD_LABELS[kind] as Record<string, string>)[field];
  return { field, message: label ? `${label}（${field}）：${message}` : `${field}：${message}` };
};

/**
 * Parses a form or a JSON body of `kind` (`edit`: with the `version` the person saw). Every problem
 * at once, each naming its field.
 */
export function parseRecordInput<K extends FormKind>(kind: K, raw: unknown, options: { today: IsoDate; edit: boolean }): Parsed<InputOf[K] & { version?: number }> {
  const shape: Record<string, z.ZodType> = { ...SCHEMAS[kind] };
  if (options.edit) shape['version'] = version;
  // Every field is present for its own check (a missing one is 必须填写, not zod's own message).
  const given = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...Object.fromEntries(Object.keys(shape).map((k) => [k, undefined])), ...raw } : raw;
  const result = z.object(shape).strict().safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue): FieldProblem[] => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: key, message: `${key}：不是这项记录的字段（字段名见接口说明 /api/openapi.json）` }));
      if (issue.path.length === 0) return [{ field: '', message: `应为对象，实际为 ${quoted(raw)}` }];
      return [labelled(kind, String(issue.path[0]), issue.message)];
    });
    return { ok: false, problems };
  }
  const value = result.data as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const field of PAST_DATES[kind]) {
    const date = value[field];
    if (typeof date === 'string' && date > options.today) problems.push(labelled(kind, field, `不能晚于今天（${options.today}）`));
  }
  if (kind === 'consultation') {
    const c = value as unknown as ConsultationInput;
    if (c.reply !== null && c.repliedOn === null) problems.push(labelled(kind, 'repliedOn', '填写了答复内容，请填写答复日期'));
    if (c.reply === null && c.repliedOn !== null) problems.push(labelled(kind, 'reply', '填写了答复日期，请填写答复内容'));
    if (c.repliedOn !== null && c.repliedOn < c.receivedOn) problems.push(labelled(kind, 'repliedOn', `不能早于收到日期（${c.receivedOn}）`));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: value as unknown as InputOf[K] & { version?: number } };
}

/** A problem found beyond the form (a finding's deadline before its inspection), labelled like the rest. */
export function fieldProblem(kind: FormKind, field: string, message: string): FieldProblem {
  return labelled(kind, field, message);
}

/** The 422 of a parse's problems. */
export function invalid(problems: readonly FieldProblem[]): ValidationError {
  return new ValidationError('supervision.invalid', problems.map((p) => p.message).join('；'), { fields: problems }, 422);
}
