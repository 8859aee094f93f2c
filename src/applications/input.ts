/**
 * What the applications room reads from outside, checked with zod: an application (public form, staff
 * entry, a ledger row) here; a lifecycle step and an appeal in step-input.ts; the shared pieces in
 * input-fields.ts (all re-exported here). Every problem names its field in officials' words
 * (`field` stays the JSON path for programs); all problems are found at once; nothing is stored on
 * a refusal (the service parses before it opens a transaction).
 */
import { z } from 'zod';
import { APPLICANT_KIND_LABELS, APPLICANT_KINDS, type ApplicantKind } from '../law/applicant-kinds.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Channel } from '../law/taxonomy.ts';
import { checkIdNumber, ID_TYPE_LABELS, ID_TYPES, isIdType, type IdType } from './id-numbers.ts';
import type { CaseEvent } from './model.ts';
import { agencyIdField, channelField, dateField, DELIVERIES, DELIVERY_LABELS, emailField, fieldLabel, optionalText, ORGANISATION_ID_TYPES, parseInput, PERSON_ID_TYPES, phoneField, PROVISION_LABELS, PROVISIONS, text, vocabulary, type Delivery, type FieldProblem, type ParseResult, type Provision } from './input-fields.ts';
import { appealSchema, outcomeField, parseEvent, type AppealInput } from './step-input.ts';

export * from './input-fields.ts';
export * from './step-input.ts';

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
