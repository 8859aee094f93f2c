/**
 * An application for disclosure (依申请公开) as the case system holds it: the applicant, how and when it
 * arrived, and the steps taken, each an event. The case's state is the fold of its events
 * (lifecycle.ts); nothing else is stored about its progress.
 */
import type { ApplicantKind } from '../law/applicant-kinds.ts';
import type { IsoDate } from '../law/dates.ts';
import type { OutcomeCode } from '../law/outcomes.ts';
import type { Channel } from '../law/taxonomy.ts';

/** Where a case stands. */
export const CASE_STATUSES = [
  'awaitingConfirmation', 'processing', 'awaitingCorrection', 'consulting', 'awaitingFee',
  'awaitingReview', 'awaitingSignOff', 'awaitingDelivery', 'replied', 'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses in officials' words. */
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  awaitingConfirmation: '待确认收到',
  processing: '办理中',
  awaitingCorrection: '待申请人补正',
  consulting: '征求意见中',
  awaitingFee: '待缴纳信息处理费',
  awaitingReview: '答复待审核',
  awaitingSignOff: '答复待签发',
  awaitingDelivery: '答复待送达',
  replied: '已答复',
  withdrawn: '申请人已撤回',
};

/** A case that is over: replied (delivered) or withdrawn. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['replied', 'withdrawn'];

/** How a reply reached the applicant. */
export const DELIVERY_METHODS = ['post', 'email', 'pickup', 'inPerson', 'online'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  post: '邮寄', email: '电子邮件', pickup: '自行领取', inPerson: '当面送达', online: '网上送达',
};

/** The steps of a case. Each carries its date (the day it happened, Beijing time). */
export type CaseEvent =
  /** 确认收到 (邮寄签收、平常信函/网络/传真 确认): the receipt date of 第三十一条. */
  | { type: 'confirm'; date: IsoDate }
  /** 补正告知 sent (第三十条). */
  | { type: 'correctionRequested'; date: IsoDate; note?: string }
  /** The corrected application received: the reply period restarts. */
  | { type: 'corrected'; date: IsoDate }
  /** 征求第三方（或其他机关）意见 sent; `receivedOn` the day the third party received it (default: the same day). */
  | { type: 'thirdPartySent'; date: IsoDate; receivedOn?: IsoDate }
  | { type: 'thirdPartyReplied'; date: IsoDate }
  /** 延期, approved by the 负责人 (第三十三条第二款). */
  | { type: 'extended'; date: IsoDate; workingDays: number }
  /** 收费通知 sent; the amount in fen (分). */
  | { type: 'feeNoticed'; date: IsoDate; amountFen?: number }
  | { type: 'feePaid'; date: IsoDate }
  /**
   * The reply with its outcome: from a 负责人 (or a ledger import) recorded in one step as delivered on
   * `date` (`final`, set by the application when it records the step, never taken from input); from
   * anyone else a draft that waits for review and sign-off.
   */
  | { type: 'replied'; date: IsoDate; outcome: OutcomeCode; onTheSpot?: boolean; reasons?: string; final?: boolean }
  /** 审核 of a draft reply: approved, or returned with a reason. */
  | { type: 'reviewed'; date: IsoDate; approved: boolean; note?: string }
  /** 签发 by the 负责人. */
  | { type: 'signed'; date: IsoDate }
  /** 送达 of a signed reply. */
  | { type: 'delivered'; date: IsoDate; method: DeliveryMethod }
  /** 撤回 by the applicant before the reply. */
  | { type: 'withdrawn'; date: IsoDate };

export type CaseEventType = CaseEvent['type'];

/** The events in officials' words (the case's timeline). */
export const CASE_EVENT_LABELS: Record<CaseEventType, string> = {
  confirm: '确认收到申请',
  correctionRequested: '告知补正',
  corrected: '收到补正后的申请',
  thirdPartySent: '征求第三方意见',
  thirdPartyReplied: '收到第三方意见',
  extended: '延长答复期限',
  feeNoticed: '发出收费通知',
  feePaid: '申请人缴费',
  replied: '答复',
  reviewed: '审核答复',
  signed: '签发答复',
  delivered: '送达答复',
  withdrawn: '申请人撤回申请',
};

/** Who took a step, as the rules need it. */
export interface Actor {
  personId: number;
  /** Holds 负责人 (head) in the case's agency: approves extensions, signs replies. */
  isHead: boolean;
  /** Holds 审核人 (reviewer) in the case's agency. */
  isReviewer: boolean;
}

/** An event as stored: with who recorded it. */
export interface RecordedEvent {
  event: CaseEvent;
  by: number | null;
}

/** What is known of an application when it is entered. */
export interface Intake {
  applicantKind: ApplicantKind;
  channel: Channel;
  /** The day the applicant submitted it. */
  submitted: IsoDate;
  /** The receipt date when already known (当面: the submitted day; others: the signing/confirmation day). */
  confirmed: IsoDate | null;
}
