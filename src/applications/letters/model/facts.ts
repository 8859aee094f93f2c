/**
 * A letter's facts from a case as the applications room shows it (its CaseView: the dates of src/law,
 * the outcome, the timeline of steps with their fields) and what the person writing the letter adds.
 * `LetterCase` is the part of the case a letter reads, so a CaseView is one as it is.
 */
import type { IsoDate } from '../../../law/dates.ts';
import { OUTCOMES, type OutcomeCode } from '../../../law/outcomes.ts';
import type { LetterAgency, LetterFacts } from './view.ts';

/** One step of the case's timeline, with its own fields (workingDays, amountFen, outcome, reasons, note …). */
export interface LetterEvent {
  type: string;
  date: IsoDate;
  [field: string]: unknown;
}

/** What a letter reads of a case (the applications room's CaseView has all of it). */
export interface LetterCase {
  agencyId: number;
  trackingCode: string;
  /** The applicant as addressed, and the delivery address. */
  applicant: { name: string; address: string | null };
  /** The information asked for (名称、文号或者特征性描述). */
  description: string;
  submitted: IsoDate;
  receiptDate: IsoDate | null;
  replyDue: IsoDate | null;
  extendedReplyDue: IsoDate | null;
  thirdPartyOpinionDue: IsoDate | null;
  outcome: OutcomeCode | null;
  /** The steps in the order recorded. */
  events: readonly LetterEvent[];
}

/** What the person writing the letter adds to the case's facts (each optional; the case's own facts are the default). */
export interface LetterDetails {
  /** 成文日期; default today. */
  letterDate?: IsoDate;
  documentNumber?: string | null;
  /** The outcome; default the case's, or its pending draft reply's. */
  outcome?: OutcomeCode | null;
  /** 理由 or 说明; default the reasons of the latest reply step. */
  reasons?: string | null;
  /** How, where and when the information is obtained (grants). */
  access?: string | null;
  /** The agency responsible for the information (第三十六条第五项). */
  holder?: { name: string; contact: string | null } | null;
  /** What to correct; default the note of the 补正告知 step. */
  correctionItems?: string | null;
  correctionDue?: IsoDate | null;
  /** The third party consulted (its opinion is due by the case's dates). */
  thirdPartyName?: string | null;
  /** The fee in fen; default the amount of the 收费通知 step. */
  feeAmountFen?: number | null;
  feeBasis?: string | null;
  feeDue?: IsoDate | null;
}

/** The latest step of a type. */
const latest = (events: readonly LetterEvent[], type: string) => events.findLast((e) => e.type === type);
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
const whole = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);
const outcomeOf = (value: unknown) => (typeof value === 'string' && Object.hasOwn(OUTCOMES, value) ? (value as OutcomeCode) : null);

/** The facts of a case's letter: the case's, with what the writer adds winning. */
export function letterFactsOf(agency: LetterAgency, view: LetterCase, details: LetterDetails, today: IsoDate): LetterFacts {
  const reply = latest(view.events, 'replied');
  const fee = latest(view.events, 'feeNoticed');
  const amountFen = details.feeAmountFen !== undefined ? details.feeAmountFen : whole(fee?.amountFen);
  return {
    agency,
    applicant: view.applicant,
    trackingCode: view.trackingCode,
    submitted: view.submitted,
    receiptDate: view.receiptDate,
    description: view.description,
    outcome: details.outcome !== undefined ? details.outcome : view.outcome ?? outcomeOf(reply?.outcome),
    reasons: details.reasons !== undefined ? details.reasons : text(reply?.reasons),
    replyDue: view.replyDue,
    extendedReplyDue: view.extendedReplyDue,
    extensionWorkingDays: whole(latest(view.events, 'extended')?.workingDays) ?? 0,
    correctionItems: details.correctionItems !== undefined ? details.correctionItems : text(latest(view.events, 'correctionRequested')?.note),
    correctionDue: details.correctionDue ?? null,
    thirdParty: details.thirdPartyName ? { name: details.thirdPartyName, opinionDue: view.thirdPartyOpinionDue } : null,
    fee: fee || amountFen !== null || details.feeBasis || details.feeDue
      ? { amountFen, basis: details.feeBasis ?? null, due: details.feeDue ?? null }
      : null,
    holder: details.holder ?? null,
    access: details.access ?? null,
    letterDate: details.letterDate ?? today,
    documentNumber: details.documentNumber ?? null,
  };
}
