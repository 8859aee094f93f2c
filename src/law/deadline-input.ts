/**
 * Parses the `gongkai law deadline` input (untrusted JSON) into a DeadlineInput, checking every
 * field and the order of the dates. All problems are reported at once, each naming its field.
 */
import { z } from 'zod';
import { dayOf, type IsoDate } from './dates.ts';
import { MAX_EXTENSION_WORKING_DAYS, receiptDateOf, type DeadlineInput } from './deadlines.ts';
import { CHANNEL_LABELS, CHANNELS, channelFromLabel, needsConfirmation, type Channel } from './taxonomy.ts';
import { isoDateSchema, parseWith, type FieldError, type Parsed } from './validation.ts';

/** Legal dates accepted: the calendar covers 2019–2100; inputs stop early enough for every window to fit. */
export const FIRST_INPUT_DATE = '2019-01-01' as IsoDate;
export const LAST_INPUT_DATE = '2099-12-31' as IsoDate;

const channelSchema = z.string().transform((text, ctx): Channel => {
  const channel = channelFromLabel(text);
  if (channel) return channel;
  ctx.addIssue({ code: 'custom', message: `未知渠道 ${JSON.stringify(text)}，应为以下之一：${CHANNELS.map((c) => CHANNEL_LABELS[c]).join('、')}` });
  return z.NEVER;
});

/** A date of the input; `format` tells `--help` (law/edge/input-help.ts) to say 日期 YYYY-MM-DD. */
const date = isoDateSchema.meta({ format: 'date' });
const optionalDate = date.nullable().optional().transform((v) => v ?? null);

const CONFIRMATION_NAMES: Record<Channel, string> = {
  inPerson: '',
  post: '行政机关签收之日',
  ordinaryLetter: '工作机构与申请人确认之日',
  online: '双方确认之日',
  fax: '双方确认之日',
};

const CONFIRMED_CHANNELS = CHANNELS.filter(needsConfirmation);

/**
 * The input's fields. Each `describe` is its line in `gongkai law deadline --help` (a test checks
 * that every key is there); `requirement` says when a field the schema leaves optional is needed.
 */
export const deadlineInputSchema = z.object({
  channel: channelSchema.describe(`提交申请的渠道，决定收到申请之日（第三十一条）：${CHANNELS.map((c) => CHANNEL_LABELS[c]).join('、')}（也可写代码 ${CHANNELS.join('、')}）`),
  submitted: date.describe('申请人提交申请之日（当面提交的，即收到申请之日）'),
  confirmed: optionalDate.meta({
    requirement: `${CONFIRMED_CHANNELS.map((c) => CHANNEL_LABELS[c]).join('、')}必填`,
    description: `收到申请之日（第三十一条）：${CONFIRMED_CHANNELS.map((c) => `${CHANNEL_LABELS[c]}为${CONFIRMATION_NAMES[c]}`).join('，')}；当面提交的不填或为 null`,
  }),
  onTheSpot: z.boolean().optional().default(false).describe('当场答复（第三十三条第一款）；为 true 时不能延期或征求第三方意见'),
  correction: z.object({
    notifiedOn: date.describe('发出补正告知之日（应在收到申请之日起7个工作日内，第三十条）'),
    correctedReceivedOn: optionalDate.describe('收到补正后的申请之日，答复期限自该日重新起算；申请人未补正的为 null（视为放弃申请）'),
  }).strict().nullable().optional().transform((v) => v ?? null).describe('告知申请人补正（第三十条）；没有补正的不填或为 null'),
  extensionWorkingDays: z.number().int().min(0).max(MAX_EXTENSION_WORKING_DAYS).optional().default(0)
    .describe(`延长答复期限的工作日数（经政府信息公开工作机构负责人同意，最长${MAX_EXTENSION_WORKING_DAYS}个工作日，第三十三条第二款）`),
  thirdParty: z.object({
    sentOn: date.describe('征求意见书发出之日'),
    receivedOn: date.describe('第三方收到征求意见书之日'),
    repliedOn: optionalDate.describe('第三方提出意见之日；未提出的为 null（扣除期间截至意见期限届满之日）'),
  }).strict().nullable().optional().transform((v) => v ?? null)
    .describe('征求第三方意见（第三十二条，征求意见的时间不计入答复期限）；没有征求的不填或为 null'),
}).strict();

/** Cross-field checks: a confirmation date where the channel needs one, and dates in order. */
function checkOrder(input: DeadlineInput): FieldError[] {
  const errors: FieldError[] = [];
  const dates: [string, IsoDate | null | undefined][] = [
    ['submitted', input.submitted], ['confirmed', input.confirmed],
    ['correction.notifiedOn', input.correction?.notifiedOn], ['correction.correctedReceivedOn', input.correction?.correctedReceivedOn],
    ['thirdParty.sentOn', input.thirdParty?.sentOn], ['thirdParty.receivedOn', input.thirdParty?.receivedOn],
    ['thirdParty.repliedOn', input.thirdParty?.repliedOn],
  ];
  for (const [path, date] of dates) {
    if (date && (date < FIRST_INPUT_DATE || date > LAST_INPUT_DATE)) {
      errors.push({ path, message: `日期 ${date} 超出日历范围（${FIRST_INPUT_DATE} 至 ${LAST_INPUT_DATE}）` });
    }
  }
  if (errors.length > 0) return errors;
  const label = CHANNEL_LABELS[input.channel];
  if (needsConfirmation(input.channel)) {
    if (input.confirmed === null) {
      errors.push({ path: 'confirmed', message: `渠道“${label}”须填写${CONFIRMATION_NAMES[input.channel]}（第三十一条），它就是收到申请之日` });
    } else if (input.confirmed < input.submitted) {
      errors.push({ path: 'confirmed', message: `${CONFIRMATION_NAMES[input.channel]} ${input.confirmed} 早于提交日期 ${input.submitted}` });
    }
  }
  if (errors.length > 0) return errors;
  const receipt = receiptDateOf(input);
  const before = (path: string, date: IsoDate, other: IsoDate, what: string): void => {
    if (dayOf(date) < dayOf(other)) errors.push({ path, message: `${date} 早于${what} ${other}` });
  };
  if (input.correction) {
    before('correction.notifiedOn', input.correction.notifiedOn, receipt, '收到申请之日');
    if (input.correction.correctedReceivedOn) {
      before('correction.correctedReceivedOn', input.correction.correctedReceivedOn, input.correction.notifiedOn, '补正告知之日（收到补正申请不能早于告知补正）');
    }
  }
  if (input.thirdParty) {
    before('thirdParty.sentOn', input.thirdParty.sentOn, receipt, '收到申请之日');
    before('thirdParty.receivedOn', input.thirdParty.receivedOn, input.thirdParty.sentOn, '征求意见书发出之日');
    if (input.thirdParty.repliedOn) before('thirdParty.repliedOn', input.thirdParty.repliedOn, input.thirdParty.receivedOn, '第三方收到征求意见书之日');
  }
  if (input.onTheSpot && input.extensionWorkingDays > 0) {
    errors.push({ path: 'extensionWorkingDays', message: '当场答复（onTheSpot）的申请不能延长答复期限' });
  }
  if (input.onTheSpot && input.thirdParty) {
    errors.push({ path: 'thirdParty', message: '当场答复（onTheSpot）的申请不能同时征求第三方意见' });
  }
  return errors;
}

/**
 * Parses and checks a deadline question. Unknown fields, impossible dates (2023-02-30), an unknown
 * channel, a missing confirmation date, a corrected application received before the notice,
 * negative or too long extensions: each is an error naming its field.
 */
export function parseDeadlineInput(raw: unknown): Parsed<DeadlineInput> {
  const parsed = parseWith(deadlineInputSchema, raw);
  if (!parsed.ok) return parsed;
  const input: DeadlineInput = parsed.value;
  const errors = checkOrder(input);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: input };
}
