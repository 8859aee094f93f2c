/**
 * Deadlines of the 条例: receipt date (第三十一条), 补正 (第三十条), reply (第三十三条), third-party
 * consultation (第三十二条、第三十三条第三款) and proactive publication (第二十六条), counted on a
 * WorkingCalendar by the conventions of law.md §2 (C-02 … C-09).
 *
 * The hot path (`explain: false`) does only O(1) calendar lookups; explanations are built only
 * when asked.
 */
import type { WorkingCalendar } from './calendar.ts';
import { dayOf, formatDay, isoOf, type DayNumber, type IsoDate } from './dates.ts';
import { describeWindow, provisionalNote, provisionalText } from './explain.ts';
import { CHANNEL_LABELS, receiptRule, type Channel } from './taxonomy.ts';

/** 补正告知 within 7 working days of receipt (第三十条). */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** Reply within 20 working days of receipt (第三十三条第二款). */
export const REPLY_WORKING_DAYS = 20;
/** Extension at most 20 working days (第三十三条第二款). */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** Third party's opinion within 15 working days of receiving the letter (第三十二条). */
export const THIRD_PARTY_WORKING_DAYS = 15;
/** Proactive publication within 20 working days of forming or changing (第二十六条). */
export const PUBLISH_WORKING_DAYS = 20;

/** An application's dates, as the CLI contract gives them (already validated). */
export interface DeadlineInput {
  readonly channel: Channel;
  readonly submitted: IsoDate;
  /** Signing/confirmation date (邮寄、平常信函、网络、传真); null for 当面. */
  readonly confirmed: IsoDate | null;
  readonly onTheSpot: boolean;
  readonly correction: { readonly notifiedOn: IsoDate; readonly correctedReceivedOn: IsoDate | null } | null;
  readonly extensionWorkingDays: number;
  readonly thirdParty: { readonly sentOn: IsoDate; readonly receivedOn: IsoDate; readonly repliedOn: IsoDate | null } | null;
}

/**
 * C-07: which working days of a consultation are excluded from the reply period.
 * - 'sentDayCounted' (default, C-07): (sent day, end] — the sending day still counts for the reply.
 * - 'sentDayExcluded': [sent day, end] — the other common practice; one working day later.
 */
export type ThirdPartyExclusion = 'sentDayCounted' | 'sentDayExcluded';

/**
 * C-04: a receipt on a non-working day.
 * - 'asReceived' (default, C-04): counting starts the next day whatever the receipt day is.
 * - 'nextWorkday': the application counts as received on the next working day (local rules); one working day later.
 */
export type NonWorkdayReceipt = 'asReceived' | 'nextWorkday';

/** Options of a computation; the defaults are the named conventions of law.md §2. */
export interface DeadlineOptions {
  /** Build the Chinese explanation (default true; false for bulk computation). */
  readonly explain?: boolean;
  readonly thirdPartyExclusion?: ThirdPartyExclusion;
  readonly nonWorkdayReceipt?: NonWorkdayReceipt;
}

/** The computed deadlines, with the calendar version that produced them. */
export interface DeadlineResult {
  readonly receiptDate: IsoDate;
  /** Last day on which a 补正 notice may be sent (always given). */
  readonly correctionNoticeDue: IsoDate;
  /** Whether the 补正 notice was sent in time; null without a correction. */
  readonly correctionNoticeTimely: boolean | null;
  /** Reply due date; null when the application is deemed abandoned (no correction received). */
  readonly replyDue: IsoDate | null;
  /** Reply due date after the extension; null without extension. */
  readonly extendedReplyDue: IsoDate | null;
  /** Third party's opinion due date; null without a third party. */
  readonly thirdPartyOpinionDue: IsoDate | null;
  /** True when a counting window reaches a year without official calendar data. */
  readonly provisional: boolean;
  readonly explanation: readonly string[];
  readonly calendarVersion: string;
}

/** The receipt date of 第三十一条: the day submitted (当面) or the signing/confirmation day. */
export function receiptDateOf(input: Pick<DeadlineInput, 'channel' | 'submitted' | 'confirmed'>): IsoDate {
  return input.channel === 'inPerson' ? input.submitted : (input.confirmed ?? input.submitted);
}

/**
 * Computes all deadlines of one application (第三十条至第三十三条).
 *
 * @example
 * // 当面 2023-09-27: 补正告知 by 2023-10-11, reply by 2023-10-31 (国庆 09-29–10-06 not counted, 10-07/10-08 调休 counted).
 * computeDeadlines({ channel: 'inPerson', submitted: '2023-09-27', confirmed: null, onTheSpot: false,
 *   correction: null, extensionWorkingDays: 0, thirdParty: null }, calendar).replyDue === '2023-10-31'
 */
export function computeDeadlines(input: DeadlineInput, calendar: WorkingCalendar, options: DeadlineOptions = {}): DeadlineResult {
  const explain = options.explain ?? true;
  const nextWorkday = options.nonWorkdayReceipt === 'nextWorkday';
  const sentDayExcluded = options.thirdPartyExclusion === 'sentDayExcluded';

  const receipt = dayOf(receiptDateOf(input));
  // C-04: counting starts the day after receipt; with the local option, after the next working day.
  const receiptBase = nextWorkday ? calendar.workdayOnOrAfter(receipt) : receipt;
  const noticeDue = calendar.addWorkingDays(receiptBase, CORRECTION_NOTICE_WORKING_DAYS);
  let provisional = calendar.isProvisional(receiptBase, noticeDue);

  let timely: boolean | null = null;
  let abandoned = false;
  let start = receiptBase;
  if (input.correction) {
    timely = dayOf(input.correction.notifiedOn) <= noticeDue;
    if (input.correction.correctedReceivedOn === null) abandoned = true;
    else {
      const corrected = dayOf(input.correction.correctedReceivedOn);
      start = nextWorkday ? calendar.workdayOnOrAfter(corrected) : corrected;
    }
  }

  let opinionDue: DayNumber | null = null;
  let exclFrom = 0;
  let exclTo = 0;
  let sent = 0;
  if (input.thirdParty) {
    const tpReceived = dayOf(input.thirdParty.receivedOn);
    opinionDue = calendar.addWorkingDays(tpReceived, THIRD_PARTY_WORKING_DAYS);
    if (calendar.isProvisional(tpReceived, opinionDue)) provisional = true;
    sent = dayOf(input.thirdParty.sentOn);
    exclFrom = Math.max(sentDayExcluded ? sent - 1 : sent, start);
    // C-08: without an opinion, or with a late one, the exclusion ends on the opinion due date.
    const replied = input.thirdParty.repliedOn === null ? opinionDue : dayOf(input.thirdParty.repliedOn);
    exclTo = Math.min(replied, opinionDue);
  }

  let replyDue: DayNumber | null = null;
  let extendedDue: DayNumber | null = null;
  if (!abandoned) {
    if (input.onTheSpot) replyDue = start as DayNumber;
    else {
      // 第三十三条第三款: consultation time is not counted, if the period was still running when the letter went out.
      const excluded = opinionDue === null ? 0 : calendar.countWorkingDays(exclFrom, exclTo);
      replyDue = calendar.addWorkingDays(start, REPLY_WORKING_DAYS);
      if (excluded > 0 && replyDue >= sent) replyDue = calendar.addWorkingDays(start, REPLY_WORKING_DAYS + excluded);
      if (calendar.isProvisional(start, replyDue)) provisional = true;
      if (input.extensionWorkingDays > 0) {
        const n = REPLY_WORKING_DAYS + input.extensionWorkingDays;
        extendedDue = calendar.addWorkingDays(start, n);
        if (excluded > 0 && extendedDue >= sent) extendedDue = calendar.addWorkingDays(start, n + excluded);
        if (calendar.isProvisional(start, extendedDue)) provisional = true;
      }
    }
  }

  const result: DeadlineResult = {
    receiptDate: isoOf(receipt),
    correctionNoticeDue: isoOf(noticeDue),
    correctionNoticeTimely: timely,
    replyDue: replyDue === null ? null : isoOf(replyDue),
    extendedReplyDue: extendedDue === null ? null : isoOf(extendedDue),
    thirdPartyOpinionDue: opinionDue === null ? null : isoOf(opinionDue),
    provisional,
    explanation: [],
    calendarVersion: calendar.version,
  };
  if (!explain) return result;
  return {
    ...result,
    explanation: explainDeadlines(input, calendar, {
      receipt, receiptBase, noticeDue, start, abandoned, replyDue, extendedDue, opinionDue, exclFrom, exclTo, sent,
      sentDayExcluded, nextWorkday, provisional,
    }),
  };
}

interface Computed {
  receipt: number; receiptBase: number; noticeDue: number; start: number; abandoned: boolean;
  replyDue: number | null; extendedDue: number | null; opinionDue: number | null;
  exclFrom: number; exclTo: number; sent: number; sentDayExcluded: boolean; nextWorkday: boolean; provisional: boolean;
}

function explainDeadlines(input: DeadlineInput, calendar: WorkingCalendar, c: Computed): string[] {
  const lines: string[] = [];
  const provisionalWindows = new Map<string, string[]>();
  const note = (from: number, to: number, what: string): void => {
    const years = calendar.unofficialYearsIn(from, to);
    if (years.length === 0) return;
    const key = years.join('、');
    provisionalWindows.set(key, [...(provisionalWindows.get(key) ?? []), what]);
  };
  lines.push(`收到申请之日：${formatDay(c.receipt)}。渠道“${CHANNEL_LABELS[input.channel]}”：${receiptRule(input.channel)}。`);
  if (c.receiptBase !== c.receipt) {
    lines.push(`收到日不是工作日，按可选约定（C-04 另一做法：视为下一工作日收到）以${formatDay(c.receiptBase)}为收到日。`);
  } else if (!calendar.isWorkday(c.receipt)) {
    lines.push(`收到日是${calendar.kindOf(c.receipt) === 'holiday' ? '法定节假日' : '周休日'}，仍以该日为收到日，自次日起算（约定C-04）。`);
  }
  lines.push('期间计算：收到日当日不计，自次日起只数工作日，第N个工作日为届满日（民法典第二百零一条；约定C-02、C-03）。');
  lines.push(`补正告知期限：收到申请之日起${CORRECTION_NOTICE_WORKING_DAYS}个工作日内（第三十条；约定C-05），即不晚于${formatDay(c.noticeDue)}。${describeWindow(calendar, c.receiptBase, c.noticeDue)}`);
  note(c.receiptBase, c.noticeDue, '补正告知期限');
  if (input.correction) {
    const notified = dayOf(input.correction.notifiedOn);
    lines.push(notified <= c.noticeDue
      ? `补正告知于${formatDay(notified)}发出，在期限内。`
      : `补正告知于${formatDay(notified)}发出，已超过${formatDay(c.noticeDue)}，逾期（条例未规定逾期告知的后果；答复期限仍自收到补正申请之日起算）。`);
    if (input.correction.correctedReceivedOn === null) {
      lines.push('申请人未补正：视为放弃申请，行政机关不再处理，无答复期限（第三十条；年报表三“其他处理”第1项）。');
    } else {
      lines.push(`收到补正申请之日：${formatDay(dayOf(input.correction.correctedReceivedOn))}，答复期限自该日起重新计算，原已经过的天数不保留（第三十条：“答复期限自行政机关收到补正的申请之日起计算”；约定C-05）。`);
    }
  }
  if (input.thirdParty && c.opinionDue !== null) {
    const received = dayOf(input.thirdParty.receivedOn);
    lines.push(`征求第三方意见（第三十二条）：征求意见书${formatDay(c.sent)}发出，第三方${formatDay(received)}收到；第三方应自收到之日起${THIRD_PARTY_WORKING_DAYS}个工作日内提出意见，即不晚于${formatDay(c.opinionDue)}。${describeWindow(calendar, received, c.opinionDue)}`);
    note(received, c.opinionDue, '第三方意见期限');
    const replied = input.thirdParty.repliedOn === null ? null : dayOf(input.thirdParty.repliedOn);
    if (replied === null) lines.push(`第三方逾期未提出意见：扣除期间截至意见期限届满之日${formatDay(c.opinionDue)}（约定C-08）。`);
    else if (replied > c.opinionDue) lines.push(`第三方${formatDay(replied)}才提出意见，已逾期：扣除期间截至意见期限届满之日${formatDay(c.opinionDue)}（约定C-08）。`);
    else lines.push(`第三方于${formatDay(replied)}提出意见。`);
    const excluded = calendar.countWorkingDays(c.exclFrom, c.exclTo);
    lines.push(c.sentDayExcluded
      ? `征求意见所需时间不计算在答复期限内（第三十三条第三款）。按可选约定（C-07 另一做法：发出当日也扣除），扣除${formatDay(c.exclFrom + 1)}至${formatDay(c.exclTo)}间的工作日${excluded}个。`
      : `征求意见所需时间不计算在答复期限内（第三十三条第三款）。按约定C-07，扣除期间为（发出之日，收到意见之日］：发出当日计入答复期限，扣除${formatDay(c.exclFrom + 1)}至${formatDay(c.exclTo)}间的工作日${excluded}个。`);
  }
  if (c.abandoned) {
    // no reply period
  } else if (input.onTheSpot) {
    lines.push(`当场答复：答复日为${formatDay(c.start)}（第三十三条第一款；约定C-09）。`);
  } else if (c.replyDue !== null) {
    const excluded = calendar.countWorkingDays(c.start, c.replyDue) - REPLY_WORKING_DAYS;
    lines.push(`答复期限：自${input.correction ? '收到补正申请之日' : '收到申请之日'}起${REPLY_WORKING_DAYS}个工作日内（第三十三条第二款）${excluded > 0 ? `，另加扣除的征求意见期间工作日${excluded}个` : ''}，届满日为${formatDay(c.replyDue)}。${describeWindow(calendar, c.start, c.replyDue)}`);
    note(c.start, c.replyDue, '答复期限');
    if (c.extendedDue !== null) {
      lines.push(`延长答复期限${input.extensionWorkingDays}个工作日（须经政府信息公开工作机构负责人同意并告知申请人，最长20个工作日，第三十三条第二款）：自原期限届满次日起续算（约定C-06），届满日为${formatDay(c.extendedDue)}。${describeWindow(calendar, c.replyDue, c.extendedDue)}`);
      note(c.start, c.extendedDue, '延长后的答复期限');
    }
  }
  for (const [years, whats] of provisionalWindows) lines.push(provisionalText(years.split('、').map(Number), whats));
  lines.push(`日历版本：${calendar.version}。`);
  return lines;
}

/** Result of 第二十六条's publication deadline. */
export interface PublishDueResult {
  readonly publishDue: IsoDate;
  readonly provisional: boolean;
  readonly explanation: readonly string[];
  readonly calendarVersion: string;
}

/**
 * 主动公开期限 (第二十六条): within 20 working days of the information being formed or changed.
 * @example computePublishDue('2024-09-27', calendar).publishDue === '2024-10-30'
 */
export function computePublishDue(formed: IsoDate, calendar: WorkingCalendar, options: { readonly explain?: boolean } = {}): PublishDueResult {
  const day = dayOf(formed);
  const due = calendar.addWorkingDays(day, PUBLISH_WORKING_DAYS);
  const provisional = calendar.isProvisional(day, due);
  const explanation: string[] = [];
  if (options.explain ?? true) {
    explanation.push(`主动公开期限：自政府信息形成或者变更之日（${formatDay(day)}）起${PUBLISH_WORKING_DAYS}个工作日内及时公开（第二十六条；法律、法规另有规定的从其规定），当日不计，自次日起算（约定C-02）。`);
    explanation.push(`届满日为${formatDay(due)}。${describeWindow(calendar, day, due)}`);
    const text = provisionalNote(calendar, day, due, '主动公开期限');
    if (text) explanation.push(text);
    explanation.push(`日历版本：${calendar.version}。`);
  }
  return { publishDue: isoOf(due), provisional, explanation, calendarVersion: calendar.version };
}
