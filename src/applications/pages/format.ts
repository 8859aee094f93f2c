/**
 * How the applications pages write dates, moments, money and the steps of a case, in officials'
 * words. Pure.
 */
import { dayOf, isIsoDate, weekdayLabel, type IsoDate } from '../../law/dates.ts';
import { OUTCOMES, type OutcomeCode } from '../../law/outcomes.ts';
import { CASE_EVENT_LABELS, DELIVERY_METHOD_LABELS, type CaseEventType, type DeliveryMethod } from '../model.ts';

/** '2024年6月3日' from '2024-06-03'; '—' for none. */
export function dateText(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** '2024年6月3日（星期一）'. */
export function dateWithWeekday(date: string | null | undefined): string {
  if (!date || !isIsoDate(date)) return dateText(date);
  return `${dateText(date)}（${weekdayLabel(dayOf(date))}）`;
}

/** A moment in Beijing time: '2024-06-03 14:05'. */
export function momentText(moment: Date | string): string {
  const ms = typeof moment === 'string' ? Date.parse(moment) : moment.getTime();
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** An amount in fen as yuan: 1250 → '12.50 元'. */
export function yuanText(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`;
}

/** A step of the timeline as its page needs it (the CaseView's EventView). */
export interface TimelineEvent {
  type: CaseEventType;
  date: IsoDate;
  [field: string]: unknown;
}

const outcomeLabel = (value: unknown) => (typeof value === 'string' && Object.hasOwn(OUTCOMES, value) ? OUTCOMES[value as OutcomeCode].label : '');

/** What a step did, in words ('起草答复：部分公开（区分处理）'), without date or person. */
export function eventSentence(e: TimelineEvent): string {
  switch (e.type) {
    case 'replied': {
      const what = e['final'] === true ? '答复（负责人作出，即记为已送达）' : '起草答复，提交审核';
      return `${what}：${outcomeLabel(e['outcome'])}${e['onTheSpot'] === true ? '（当场答复）' : ''}`;
    }
    case 'reviewed':
      return e['approved'] === true ? '审核答复：通过' : '审核答复：退回重新办理';
    case 'extended':
      return `延长答复期限 ${String(e['workingDays'])} 个工作日（经负责人同意）`;
    case 'feeNoticed':
      return typeof e['amountFen'] === 'number' ? `发出收费通知：${yuanText(e['amountFen'])}` : '发出收费通知';
    case 'thirdPartySent':
      return typeof e['receivedOn'] === 'string' && e['receivedOn'] !== e.date
        ? `征求第三方意见（第三方于 ${dateText(e['receivedOn'])} 收到）` : '征求第三方意见';
    case 'delivered':
      return `送达答复（${DELIVERY_METHOD_LABELS[e['method'] as DeliveryMethod] ?? String(e['method'])}）`;
    default:
      return CASE_EVENT_LABELS[e.type];
  }
}

/** The free text a step carries (补正事项, 理由, 审核意见), if any. */
export function eventNote(e: TimelineEvent): string | null {
  const text = e['note'] ?? e['reasons'];
  return typeof text === 'string' && text.trim() !== '' ? text : null;
}
