/**
 * One lifecycle step and an appeal, as the API, the pages and a ledger row give them (input-fields.ts
 * for the shared pieces).
 */
import { z } from 'zod';
import type { IsoDate } from '../law/dates.ts';
import { MAX_EXTENSION_WORKING_DAYS } from '../law/deadlines.ts';
import { OUTCOME_CODES, OUTCOMES, type OutcomeCode } from '../law/outcomes.ts';
import { CASE_EVENT_LABELS, DELIVERY_METHOD_LABELS, DELIVERY_METHODS, type CaseEvent, type CaseEventType } from './model.ts';
import { APPEAL_KIND_LABELS, APPEAL_KINDS, APPEAL_RESULT_LABELS, APPEAL_RESULTS, type AppealKind, type AppealResult } from './statistics.ts';
import { dateField, fieldLabel, optionalText, parseInput, pathText, shown, vocabulary, type ParseResult } from './input-fields.ts';

// ---------- Lifecycle steps ----------

export const outcomeField = z.string().transform((raw, ctx): OutcomeCode => {
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
export const EVENT_SCHEMAS = {
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
