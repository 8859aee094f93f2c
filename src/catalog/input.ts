/**
 * What the API, the forms and an import row give for an item, checked with zod: every problem at once,
 * each naming its field in officials' words (`标题：至少 2 个字`), the JSON name in brackets for the API
 * (pages drop it). Also one review step as the API takes it.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../law/dates.ts';
import { ARTICLE20_ITEMS, ARTICLE20_LABELS, ARTICLE21_INFO, ARTICLE21_ITEMS, type Article20Item, type Article21Item } from '../law/taxonomy.ts';
import { ValidationError } from '../platform/errors.ts';
import { MAX_BODY_LENGTH } from './body-html.ts';
import { ATTRIBUTES, GENRES, TOPICS, VALIDITIES, VALIDITY_LABELS, type Attribute, type Genre, type Topic, type Validity } from './model.ts';
import { MAX_REASON_LENGTH, WORKFLOW_STEP_TYPES, type Step } from './workflow.ts';

/** One problem: the field's JSON name and a message naming it. */
export interface FieldProblem {
  field: string;
  message: string;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** The fields in officials' words. */
export const FIELD_LABELS: Record<string, string> = {
  agencyId: '发布机关（agencyId）', title: '标题（title）', docNo: '文号（docNo）', publisher: '发布机构（publisher）',
  formedOn: '成文日期（formedOn）', body: '正文（body）', article20Item: '条例第二十条事项（article20Item）',
  article21Item: '条例第二十一条事项（article21Item）', topic: '主题分类（topic）', genre: '体裁（genre）',
  disclosureMode: '公开方式（disclosureMode）', disclosureScope: '公开范围（disclosureScope）', version: '版本号（version）',
  type: '步骤（type）', decision: '公开属性（decision）', reason: '理由（reason）', justification: '个人信息公开理由（justification）',
  validity: '有效性（validity）', date: '日期（date）', indexNo: '索引号（indexNo）', publishedOn: '发布日期（publishedOn）',
  validityChangedOn: '有效性变更日期（validityChangedOn）', personalDataJustification: '个人信息公开理由（personalDataJustification）',
  relatedIds: '相关信息（relatedIds）',
};

const quoted = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** Parses with a schema; each issue becomes a problem naming its field. */
export function parseWith<S extends z.ZodType>(schema: S, raw: unknown, what: string): Parsed<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: key, message: `${key}：不是${what}的字段（字段名见接口说明 /api/openapi.json）` }));
    const field = issue.path.map(String).join('.');
    const label = FIELD_LABELS[String(issue.path[0] ?? '')] ?? (field || what);
    let message = issue.message;
    if (issue.code === 'invalid_type') message = (issue as { input?: unknown }).input === undefined ? '必须填写' : `应为${issue.expected === 'string' ? '文字' : issue.expected === 'number' ? '数字' : issue.expected}，实际为 ${quoted((issue as { input?: unknown }).input)}`;
    if (issue.code === 'too_small') message = issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? '必须填写' : `至少 ${String(issue.minimum)} 个字`) : `不能小于 ${String(issue.minimum)}`;
    if (issue.code === 'too_big') message = issue.origin === 'string' ? `最多 ${String(issue.maximum)} 个字` : `不能大于 ${String(issue.maximum)}`;
    return [{ field, message: `${label}：${message}` }];
  });
  return { ok: false, problems };
}

/** The 422 of a parse's problems. */
export function invalid(problems: readonly FieldProblem[], code = 'catalog.invalid'): ValidationError {
  return new ValidationError(code, problems.map((p) => p.message).join('；'), { fields: problems }, 422);
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** One line of text, trimmed, min–max characters. */
const line = (min: number, max: number) => z.string().trim().min(min).max(max).refine((v) => !CONTROL.test(v) && !/[\r\n]/.test(v), '不能含换行或控制字符');
/** Optional text: absent, null or blank is null. */
const optionalLine = (min: number, max: number) => z.union([z.string(), z.null()]).optional()
  .transform((v) => (v ?? '').trim()).pipe(z.union([z.literal(''), line(min, max)])).transform((v) => (v === '' ? null : v));

/** A date 'YYYY-MM-DD'. */
export const dateField = z.string().transform((raw, ctx): IsoDate => {
  const s = raw.trim();
  if (isIsoDate(s) && s >= '1949-10-01' && s <= '2100-12-31') return s;
  ctx.addIssue({ code: 'custom', message: `应为真实存在的日期，格式 YYYY-MM-DD（如 2024-03-15），实际为 ${quoted(raw)}` });
  return z.NEVER;
});

/** A word of a vocabulary (its code or its Chinese name). */
function vocabularyField<const T extends string>(codes: readonly T[], label: (code: T) => string, hint: string) {
  return z.string().transform((raw, ctx): T => {
    const typed = raw.trim();
    const found = codes.find((c) => c === typed || label(c) === typed);
    if (found !== undefined) return found;
    ctx.addIssue({ code: 'custom', message: `应为 ${hint}，实际为 ${quoted(raw)}` });
    return z.NEVER;
  });
}

/** 第二十条 item: 1–15 (the API's number), the item's code, or its label (（十一）…). */
const article20Field = z.union([z.number(), z.string(), z.null()]).optional().transform((raw, ctx): Article20Item | null => {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  const typed = typeof raw === 'number' ? String(raw) : raw.trim();
  const byNumber = /^\d{1,2}$/.test(typed) ? ARTICLE20_ITEMS[Number(typed) - 1] : undefined;
  const found = byNumber ?? ARTICLE20_ITEMS.find((c) => c === typed || ARTICLE20_LABELS[c] === typed || ARTICLE20_LABELS[c].startsWith(typed) && /^（[一二三四五六七八九十]+）$/.test(typed));
  if (found !== undefined) return found;
  ctx.addIssue({ code: 'custom', message: `应为 1–15（第二十条第（一）至（十五）项）或 null，实际为 ${quoted(raw)}` });
  return z.NEVER;
});

const article21Field = z.union([vocabularyField(ARTICLE21_ITEMS, (c) => ARTICLE21_INFO[c].label, `${ARTICLE21_ITEMS.map((c) => `${c}（${ARTICLE21_INFO[c].label}）`).join('、')} 之一或 null`), z.null()])
  .optional().transform((v): Article21Item | null => v ?? null);
const topicField = z.union([vocabularyField(TOPICS, (t) => t, `主题分类之一（${TOPICS.slice(0, 3).join('、')}……，见 /api/openapi.json）或 null`), z.null()])
  .optional().transform((v): Topic | null => v ?? null);
const genreField = vocabularyField(GENRES, (g) => g, `${GENRES.join('、')} 之一`);

/** The content fields of an item (without the agency). */
export const contentShape = {
  title: line(2, 200),
  docNo: optionalLine(2, 60),
  publisher: optionalLine(2, 100),
  formedOn: dateField,
  body: z.string().max(MAX_BODY_LENGTH).optional().transform((v) => v ?? ''),
  article20Item: article20Field,
  article21Item: article21Field,
  topic: topicField,
  genre: genreField.optional().transform((g): Genre => g ?? '其他文件'),
  disclosureMode: optionalLine(1, 50),
  disclosureScope: optionalLine(1, 50),
};

/** An item's content as given (publisher null: the agency's name). */
export interface ContentInput {
  title: string;
  docNo: string | null;
  publisher: string | null;
  formedOn: IsoDate;
  body: string;
  article20Item: Article20Item | null;
  article21Item: Article21Item | null;
  topic: Topic | null;
  genre: Genre;
  disclosureMode: string | null;
  disclosureScope: string | null;
}

const agencyIdField = z.union([z.number(), z.string()]).transform((raw, ctx): number => {
  const n = typeof raw === 'number' ? raw : /^\s*[1-9]\d{0,15}\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= 1) return n;
  ctx.addIssue({ code: 'custom', message: `应为机关编号（正整数），实际为 ${quoted(raw)}` });
  return z.NEVER;
});
const idList = z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).max(20).optional().transform((v) => [...new Set(v ?? [])]);

const createSchema = z.object({ agencyId: agencyIdField, ...contentShape, relatedIds: idList }).strict();
const editSchema = z.object({ ...contentShape, version: z.number().int().min(0).optional() }).strict();

/** A new item (`POST /api/v1/items`, the new-item form). */
export function parseCreate(raw: unknown): Parsed<ContentInput & { agencyId: number; relatedIds: number[] }> {
  return parseWith(createSchema, raw, '信息');
}

/** A changed draft (the edit form). */
export function parseEdit(raw: unknown): Parsed<ContentInput & { version?: number | undefined }> {
  return parseWith(editSchema, raw, '信息');
}

const reason = z.union([z.string(), z.null()]).optional().transform((v) => (v ?? '').trim()).pipe(z.string().max(MAX_REASON_LENGTH))
  .transform((v) => (v === '' ? null : v));

const stepSchema = z.object({
  type: z.enum(WORKFLOW_STEP_TYPES as [Step['type'], ...Step['type'][]], { error: `应为 ${WORKFLOW_STEP_TYPES.join('、')} 之一` }),
  decision: z.union([z.enum(ATTRIBUTES, { error: `应为 ${ATTRIBUTES.join('、')} 之一` }), z.null()]).optional(),
  reason,
  justification: reason,
  validity: vocabularyField(VALIDITIES, (v) => VALIDITY_LABELS[v], `${VALIDITIES.map((v) => `${v}（${VALIDITY_LABELS[v]}）`).join('、')} 之一`).optional(),
  date: z.union([dateField, z.null()]).optional(),
  version: z.number().int().min(0).optional(),
}).strict();

/** A review step as the API and the forms give it, with the version the person saw. */
export function parseStep(raw: unknown): Parsed<{ step: Step; version: number | undefined }> {
  const parsed = parseWith(stepSchema, raw, '步骤');
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const r = v.reason ?? null;
  switch (v.type) {
    case 'submitted':
    case 'signed':
      return { ok: true, value: { step: { type: v.type }, version: v.version } };
    case 'returned':
    case 'withdrawn':
      return { ok: true, value: { step: { type: v.type, reason: r }, version: v.version } };
    case 'attributeReviewed':
      return { ok: true, value: { step: { type: v.type, decision: (v.decision ?? null) as Attribute | null, reason: r }, version: v.version } };
    case 'secrecyChecked':
      return { ok: true, value: { step: { type: v.type, reason: r, justification: v.justification ?? null }, version: v.version } };
    case 'validityChanged':
      if (v.validity === undefined) return { ok: false, problems: [{ field: 'validity', message: `${FIELD_LABELS['validity']}：变更有效性须填写（valid 有效、expired 失效、repealed 废止）` }] };
      return { ok: true, value: { step: { type: v.type, validity: v.validity as Validity, date: v.date ?? null }, version: v.version } };
  }
}
