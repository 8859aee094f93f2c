/**
 * What the applications room reads from outside, checked with zod: an application (public form, staff
 * entry, a ledger row) and one lifecycle step. Every problem names its field in officials' words
 * (`field` stays the JSON path for programs); all problems are found at once; nothing is stored on
 * a refusal (the service parses before it opens a transaction).
 */
import { z } from 'zod';
import { APPLICANT_KIND_LABELS, APPLICANT_KINDS, type ApplicantKind } from '../law/applicant-kinds.ts';
import { isIsoDate, type IsoDate } from '../law/dates.ts';
import { FIRST_INPUT_DATE, LAST_INPUT_DATE } from '../law/deadline-input.ts';
import { MAX_EXTENSION_WORKING_DAYS } from '../law/deadlines.ts';
import { OUTCOME_CODES, OUTCOMES, type OutcomeCode } from '../law/outcomes.ts';
import { CHANNEL_LABELS, CHANNELS, channelFromLabel, type Channel } from '../law/taxonomy.ts';
import { checkIdNumber, ID_TYPE_LABELS, ID_TYPES, isIdType, type IdType } from './id-numbers.ts';
import { CASE_EVENT_LABELS, DELIVERY_METHOD_LABELS, DELIVERY_METHODS, type CaseEvent, type CaseEventType } from './model.ts';
import { APPEAL_KIND_LABELS, APPEAL_KINDS, APPEAL_RESULT_LABELS, APPEAL_RESULTS, type AppealKind, type AppealResult } from './statistics.ts';

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
function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字', number: '数字', int: '整数', boolean: 'true 或 false', object: 'JSON 对象', array: '数组', null: 'null',
};

const shown = (value: unknown): string => {
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
const storable = (v: string) => !CONTROL.test(v) && !LONE_SURROGATE.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

/** Required text, trimmed; line breaks allowed only where `multiline`. */
const text = (max: number, multiline = false) =>
  z.string().trim().min(1).max(max)
    .refine((v) => storable(v) && (multiline || !/[\r\n\t]/.test(v)), { message: '含有不能保存的控制字符' });
/** Optional text: absent, null or blank is null. */
const optionalText = (max: number, multiline = false) =>
  z.union([z.string(), z.null()]).optional().transform((v) => (v ?? '').trim()).pipe(
    z.string().max(max).refine((v) => storable(v) && (multiline || !/[\r\n\t]/.test(v)), { message: '含有不能保存的控制字符' }),
  ).transform((v) => (v === '' ? null : v));

/** A code of a vocabulary, or its Chinese name ('自然人', '纸质'). */
function vocabulary<const T extends string>(codes: readonly T[], labels: Record<T, string>, extra: Record<string, T> = {}) {
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
const agencyIdField = z.union([z.number(), z.string()]).transform((raw, ctx): number => {
  const n = typeof raw === 'number' ? raw : /^\s*[1-9][0-9]{0,15}\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= 1) return n;
  ctx.addIssue({ code: 'custom', message: `应为机关编号（正整数），实际为 ${shown(raw)}` });
  return z.NEVER;
});

/** Telephone numbers: digits with the usual separators; kept as digits (and a leading +) so that the status look-up matches however it is typed. */
const phoneField = (required: boolean) =>
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

const emailField = optionalText(100).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: '格式不对（应形如 zhang@example.com）' });

// ---------- The application ----------

const idTypeField = vocabulary(ID_TYPES, ID_TYPE_LABELS, {
  身份证: 'idCard', 身份证号码: 'idCard', 港澳通行证: 'hkMacauPermit', 台湾通行证: 'taiwanPermit', 台胞证: 'taiwanPermit',
  永久居留证: 'foreignPermanent', 其他有效身份证明: 'other', 其他证件: 'other',
});

/** The applicant; `today` bounds a 身份证's birth date. */
function applicantSchema(required: boolean, today: IsoDate) {
  const maybe = <T extends z.ZodType>(schema: T) => (required ? schema : z.union([schema, z.null()]).optional().transform((v) => v ?? null));
  return z.object({
    kind: vocabulary(APPLICANT_KINDS, APPLICANT_KIND_LABELS, { 公民: 'naturalPerson', 其他: 'otherOrg', 社会组织: 'socialWelfare' }),
    name: text(100),
    idType: maybe(idTypeField),
    idNumber: maybe(text(50)),
    phone: phoneField(required),
    address: optionalText(200),
    email: emailField,
  }).strict().superRefine((a, ctx) => {
    // Also when another field of the applicant is wrong (`when` below): every problem is said at once.
    const idType = isIdType(String(a.idType)) ? (a.idType as IdType) : null;
    const idNumber = typeof a.idNumber === 'string' ? a.idNumber : null;
    const kind = (APPLICANT_KINDS as readonly unknown[]).includes(a.kind) ? a.kind : null;
    if (a.idType === null && a.idNumber !== null && a.idNumber !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['idType'], message: '身份证明类型和号码应同时填写' });
      return;
    }
    if (idType !== null && (a.idNumber === null || a.idNumber === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '身份证明类型和号码应同时填写' });
      return;
    }
    if (idType === null || idNumber === null || kind === null) return;
    const allowed = kind !== 'naturalPerson' ? ORGANISATION_ID_TYPES : PERSON_ID_TYPES;
    if (!allowed.includes(idType)) {
      ctx.addIssue({
        code: 'custom', path: ['idType'],
        message: `${APPLICANT_KIND_LABELS[kind]}的身份证明应为${allowed.map((t) => ID_TYPE_LABELS[t]).join('、')}之一，实际为“${ID_TYPE_LABELS[idType]}”`,
      });
      return;
    }
    const check = checkIdNumber(idType, idNumber, today);
    if (!check.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: check.message });
  }, { when: everyProblem }).transform((a) => ({
    kind: a.kind,
    name: a.name,
    idType: a.idType as IdType | null,
    // As checked: 身份证 with an upper-case X, 统一社会信用代码 normalised, spaces dropped.
    idNumber: normaliseIdNumber(a.idType as IdType | null, a.idNumber as string | null, today),
    phone: a.phone,
    address: a.address,
    email: a.email,
  }));
}

function normaliseIdNumber(idType: IdType | null, idNumber: string | null, today: IsoDate): string | null {
  if (idType === null || idNumber === null) return null;
  const check = checkIdNumber(idType, idNumber, today);
  return check.ok ? check.value : idNumber;
}

/** The applicant as checked. */
export interface ApplicantInput {
  kind: ApplicantKind;
  name: string;
  idType: IdType | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  email: string | null;
}

/** How and when it arrived: given by staff (and ledgers); absent from the public form. */
export interface ArrivalInput {
  channel: Channel | undefined;
  submitted: IsoDate | undefined;
  confirmed: IsoDate | null | undefined;
}

/** An application as checked (the service decides who may give `arrival`). */
export interface IntakeInput {
  agencyId: number;
  applicant: ApplicantInput;
  description: string;
  purpose: string | null;
  provision: Provision;
  delivery: Delivery;
  arrival: ArrivalInput;
}

const provisionField = vocabulary(PROVISIONS, PROVISION_LABELS, { 纸质文本: 'paper', 电子数据: 'electronic', 电子文档: 'electronic' });
const deliveryField = vocabulary(DELIVERIES, DELIVERY_LABELS, { 邮件: 'email', 自取: 'pickup', 当面领取: 'pickup' });

const intakeShape = (required: boolean, today: IsoDate) => ({
  applicant: applicantSchema(required, today),
  description: text(4000, true),
  purpose: optionalText(500, true),
  provision: provisionField,
  delivery: deliveryField,
  channel: channelField.optional(),
  submitted: dateField.optional(),
  confirmed: z.union([dateField, z.null()]).optional(),
});

/** Cross-field checks run even when another field is wrong, so that every problem is said at once. */
const everyProblem = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;

/** Delivery needs the address or the e-mail it goes to. */
function checkContact(v: { applicant: { address: string | null; email: string | null }; delivery: Delivery }, ctx: z.RefinementCtx): void {
  const applicant = typeof v.applicant === 'object' && v.applicant !== null ? v.applicant : null;
  const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  if (applicant === null) return;
  if (v.delivery === 'post' && blank(applicant.address)) {
    ctx.addIssue({ code: 'custom', path: ['applicant', 'address'], message: '获取方式为邮寄时必须填写（寄送答复用）' });
  }
  if (v.delivery === 'email' && blank(applicant.email)) {
    ctx.addIssue({ code: 'custom', path: ['applicant', 'email'], message: '获取方式为电子邮件时必须填写（发送答复用）' });
  }
}

/** The body of `POST /api/v1/applications` (and the public form's fields). */
export const intakeSchema = (today: IsoDate) => z.object({ agencyId: agencyIdField, ...intakeShape(true, today) }).strict().superRefine(checkContact, { when: everyProblem });

/** Parses an application; `arrival` holds the staff-only fields as given (undefined when absent); `today` bounds birth dates. */
export function parseIntake(raw: unknown, today: IsoDate): ParseResult<IntakeInput> {
  const parsed = parseInput(intakeSchema(today), raw);
  if (!parsed.ok) return parsed;
  const { agencyId, applicant, description, purpose, provision, delivery, channel, submitted, confirmed } = parsed.value;
  return { ok: true, value: { agencyId, applicant, description, purpose, provision, delivery, arrival: { channel, submitted, confirmed } } };
}

// ---------- Lifecycle steps ----------

const outcomeField = z.string().transform((raw, ctx): OutcomeCode => {
  const typed = raw.trim();
  const found = OUTCOME_CODES.find((c) => c === typed || OUTCOMES[c].label === typed || OUTCOMES[c].label.split('：').at(-1) === typed && !typed.startsWith('其他'));
  if (found) return found;
  ctx.addIssue({ code: 'custom', message: `应为表三的办理结果之一（如 granted、partiallyGranted、denied.stateSecret、otherDisposal.noCorrection），实际为 ${shown(raw)}` });
  return z.NEVER;
});

export const EVENT_TYPES = Object.keys(CASE_EVENT_LABELS) as CaseEventType[];

const base = { date: dateField, version: z.number().int().min(0).optional() };
const note = optionalText(2000, true);

/** Each step's fields (`final` is never read from input: the service decides it). */
const EVENT_SCHEMAS = {
  confirm: z.object({ type: z.literal('confirm'), ...base }).strict(),
  correctionRequested: z.object({ type: z.literal('correctionRequested'), ...base, note }).strict(),
  corrected: z.object({ type: z.literal('corrected'), ...base }).strict(),
  thirdPartySent: z.object({ type: z.literal('thirdPartySent'), ...base, receivedOn: dateField.optional() }).strict(),
  thirdPartyReplied: z.object({ type: z.literal('thirdPartyReplied'), ...base }).strict(),
  extended: z.object({ type: z.literal('extended'), ...base, workingDays: z.number().int().min(1).max(MAX_EXTENSION_WORKING_DAYS) }).strict(),
  feeNoticed: z.object({ type: z.literal('feeNoticed'), ...base, amountFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
  feePaid: z.object({ type: z.literal('feePaid'), ...base }).strict(),
  replied: z.object({ type: z.literal('replied'), ...base, outcome: outcomeField, onTheSpot: z.boolean().optional(), reasons: note }).strict(),
  reviewed: z.object({ type: z.literal('reviewed'), ...base, approved: z.boolean(), note }).strict(),
  signed: z.object({ type: z.literal('signed'), ...base }).strict(),
  delivered: z.object({ type: z.literal('delivered'), ...base, method: vocabulary(DELIVERY_METHODS, DELIVERY_METHOD_LABELS) }).strict(),
  withdrawn: z.object({ type: z.literal('withdrawn'), ...base }).strict(),
} satisfies Record<CaseEventType, z.ZodType>;

/** A step as read, with the version the client last saw (optimistic locking). */
export interface EventInput {
  event: CaseEvent;
  version: number | undefined;
}

/** Drops absent and null optional fields, so the stored payload has only what was said. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** Parses one step (`POST /api/v1/applications/{id}/events`, a ledger row's `events`); `prefix` is the path of the step in a larger input. */
export function parseEvent(raw: unknown, prefix: readonly PropertyKey[] = []): ParseResult<EventInput> {
  const at = (path: PropertyKey[]) => [...prefix, ...path];
  const problem = (path: PropertyKey[], message: string): ParseResult<EventInput> => ({ ok: false, problems: [{ field: pathText(at(path)), message: `${fieldLabel(at(path))}：${message}` }] });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problem([], `应为 JSON 对象，实际为 ${shown(raw)}`);
  const type = (raw as Record<string, unknown>)['type'];
  if (typeof type !== 'string' || !(EVENT_TYPES as string[]).includes(type)) {
    return problem(['type'], `应为 ${EVENT_TYPES.map((t) => `${t}（${CASE_EVENT_LABELS[t]}）`).join('、')} 之一，实际为 ${shown(type)}`);
  }
  const parsed = parseInput(EVENT_SCHEMAS[type as CaseEventType], raw, `“${CASE_EVENT_LABELS[type as CaseEventType]}”步骤`);
  if (!parsed.ok) {
    return { ok: false, problems: parsed.problems.map((p) => ({ field: pathText(at(p.field === '' ? [] : p.field.split('.'))), message: prefix.length === 0 ? p.message : `${fieldLabel(prefix)}：${p.message}` })) };
  }
  const { version, ...event } = parsed.value as { version?: number } & Record<string, unknown>;
  return { ok: true, value: { event: compact(event) as unknown as CaseEvent, version } };
}

// ---------- Appeals ----------

/** A 行政复议 or 行政诉讼 as recorded. */
export interface AppealInput {
  kind: AppealKind;
  filedOn: IsoDate;
  decidedOn: IsoDate | null;
  result: AppealResult | null;
}

const appealKindField = vocabulary(APPEAL_KINDS, APPEAL_KIND_LABELS, { 复议: 'reconsideration', 行政诉讼: 'litigationDirect', 诉讼: 'litigationDirect' });
const appealResultField = vocabulary(APPEAL_RESULTS, APPEAL_RESULT_LABELS, { 维持: 'upheld', 纠正: 'corrected', 其他: 'other' });

/** An appeal: kind and filing date, and when decided the date and result together. */
export const appealSchema = z.object({
  kind: appealKindField,
  filedOn: dateField,
  decidedOn: z.union([dateField, z.null()]).optional().transform((v) => v ?? null),
  result: z.union([appealResultField, z.null()]).optional().transform((v) => v ?? null),
}).strict().superRefine((a, ctx) => {
  if ((a.decidedOn === null) !== (a.result === null)) {
    ctx.addIssue({ code: 'custom', path: [a.decidedOn === null ? 'decidedOn' : 'result'], message: '已审结的应同时填写审结日期和结果；尚未审结的两项都不填' });
  }
  if (a.decidedOn !== null && a.decidedOn < a.filedOn) {
    ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: `审结日期 ${a.decidedOn} 早于提起日期 ${a.filedOn}` });
  }
});

/** The decision of an appeal. */
export const appealDecisionSchema = z.object({ decidedOn: dateField, result: appealResultField }).strict();

// ---------- Ledger rows ----------

/** One row of a ledger (登记台账): the application, how it arrived, its steps and appeals. */
export interface LedgerRow {
  ref: string | null;
  intake: Omit<IntakeInput, 'agencyId' | 'arrival'>;
  channel: Channel;
  submitted: IsoDate;
  confirmed: IsoDate | null;
  events: CaseEvent[];
  appeals: AppealInput[];
}

const ledgerSchema = (today: IsoDate) => z.object({
  ref: optionalText(50),
  ...intakeShape(false, today),
  channel: channelField,
  submitted: dateField,
  events: z.array(z.unknown()).max(50).optional().default([]),
  appeals: z.array(z.unknown()).max(10).optional().default([]),
  repliedOn: z.union([dateField, z.null()]).optional(),
  outcome: z.union([outcomeField, z.null()]).optional(),
}).strict().superRefine(checkContact, { when: everyProblem }).superRefine((v, ctx) => {
  if ((v.repliedOn ?? null) === null !== ((v.outcome ?? null) === null)) {
    ctx.addIssue({ code: 'custom', path: [v.repliedOn ? 'outcome' : 'repliedOn'], message: '答复日期和办理结果应同时填写（也可以写在办理过程 events 中）' });
  }
}, { when: everyProblem });

/** Parses a ledger row: the same fields as the API's intake (identity and phone optional), with its steps. */
export function parseLedgerRow(raw: unknown, today: IsoDate): ParseResult<LedgerRow> {
  const parsed = parseInput(ledgerSchema(today), raw, '台账');
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const problems: FieldProblem[] = [];
  const events: CaseEvent[] = [];
  v.events.forEach((e, i) => {
    const one = parseEvent(e, ['events', i]);
    if (!one.ok) problems.push(...one.problems);
    else if (one.value.version !== undefined) problems.push({ field: `events[${i}].version`, message: `events[${i}].version：不是台账的字段` });
    else events.push(one.value.event);
  });
  if (v.repliedOn && v.outcome) events.push({ type: 'replied', date: v.repliedOn, outcome: v.outcome });
  const appeals: AppealInput[] = [];
  v.appeals.forEach((a, i) => {
    const one = parseInput(appealSchema, a, '复议诉讼');
    if (!one.ok) problems.push(...one.problems.map((p) => ({ field: `appeals[${i}]${p.field ? `.${p.field}` : ''}`, message: `${fieldLabel(['appeals', i])}的${p.message}` })));
    else appeals.push(one.value);
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ref: v.ref,
      intake: { applicant: v.applicant, description: v.description, purpose: v.purpose, provision: v.provision, delivery: v.delivery },
      channel: v.channel, submitted: v.submitted, confirmed: v.confirmed ?? null, events, appeals,
    },
  };
}
