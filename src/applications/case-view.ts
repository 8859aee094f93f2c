/**
 * A case as the API and the pages show it: its state, the dates of `src/law` exactly as `gongkai law
 * deadline` gives them for the same facts (with the explanation), the timeline of its steps, its appeals.
 * The applicant's phone, address and e-mail are masked (masking.ts) for readers other than the agency's 经办人, 审核人 and
 * 负责人 (a supervisor reading the agency's cases); the ID number is never shown here.
 */
import type { ApplicantKind } from '../law/applicant-kinds.ts';
import type { IsoDate } from '../law/dates.ts';
import type { DeadlineResult } from '../law/deadlines.ts';
import { OUTCOMES, type OutcomeCode } from '../law/outcomes.ts';
import type { Channel } from '../law/taxonomy.ts';
import type { IdType } from './id-numbers.ts';
import type { Delivery, Provision } from './input.ts';
import type { CaseState } from './lifecycle.ts';
import { maskAddress, maskEmail, maskPhone } from './masking.ts';
import { CASE_EVENT_LABELS, CASE_STATUS_LABELS, type CaseEventType, type CaseStatus } from './model.ts';
import type { AppealKind, AppealResult } from './statistics.ts';
import type { AppealRecord, ApplicationRecord, StoredEvent } from './store.ts';

/** One step on the timeline: its number, type, date, its own fields, who recorded it and when. */
export interface EventView {
  seq: number;
  type: CaseEventType;
  label: string;
  date: IsoDate;
  by: number | null;
  recordedAt: string;
  [field: string]: unknown;
}

/** An appeal as shown. */
export interface AppealView {
  id: number;
  kind: AppealKind;
  filedOn: IsoDate;
  decidedOn: IsoDate | null;
  result: AppealResult | null;
}

/** A case as shown (GET /api/v1/applications/{id}). */
export interface CaseView {
  id: number;
  trackingCode: string;
  agencyId: number;
  status: CaseStatus;
  statusLabel: string;
  channel: Channel;
  submitted: IsoDate;
  receiptDate: IsoDate | null;
  correctionNoticeDue: IsoDate | null;
  replyDue: IsoDate | null;
  extendedReplyDue: IsoDate | null;
  thirdPartyOpinionDue: IsoDate | null;
  provisional: boolean;
  explanation: string[];
  calendarVersion: string | null;
  outcome: OutcomeCode | null;
  outcomeLabel: string | null;
  onTheSpot: boolean;
  closedOn: IsoDate | null;
  version: number;
  handlerId: number | null;
  applicant: { kind: ApplicantKind; name: string; idType: IdType | null; phone: string | null; address: string | null; email: string | null };
  description: string;
  purpose: string | null;
  provision: Provision;
  delivery: Delivery;
  events: EventView[];
  appeals: AppealView[];
}

/** The case's view from its row, its replayed state, its events and appeals, and the law's dates (null before receipt). */
export function toCaseView(parts: {
  record: ApplicationRecord; state: CaseState; events: readonly StoredEvent[]; appeals: readonly AppealRecord[]; dates: DeadlineResult | null; contact: boolean;
}): CaseView {
  const { record: r, state, dates, contact } = parts;
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    agencyId: r.agencyId,
    status: state.status,
    statusLabel: CASE_STATUS_LABELS[state.status],
    channel: r.channel,
    submitted: r.submitted,
    receiptDate: state.receiptDate,
    correctionNoticeDue: dates?.correctionNoticeDue ?? null,
    replyDue: dates?.replyDue ?? null,
    extendedReplyDue: dates?.extendedReplyDue ?? null,
    thirdPartyOpinionDue: dates?.thirdPartyOpinionDue ?? null,
    provisional: dates?.provisional ?? false,
    explanation: [...(dates?.explanation ?? [])],
    calendarVersion: dates?.calendarVersion ?? null,
    outcome: state.outcome,
    outcomeLabel: state.outcome === null ? null : OUTCOMES[state.outcome].label,
    onTheSpot: state.onTheSpot,
    closedOn: state.closedOn,
    version: r.version,
    handlerId: r.handlerId,
    applicant: {
      kind: r.applicantKind, name: r.applicantName, idType: r.idType,
      phone: contact || r.phone === null ? r.phone : maskPhone(r.phone),
      address: contact || r.address === null ? r.address : maskAddress(r.address),
      email: contact || r.email === null ? r.email : maskEmail(r.email),
    },
    description: r.description,
    purpose: r.purpose,
    provision: r.provision,
    delivery: r.delivery,
    events: parts.events.map((e) => {
      const { type, date, ...fields } = e.event;
      return { seq: e.seq, type, label: CASE_EVENT_LABELS[type], date, ...fields, by: e.by, recordedAt: e.recordedAt.toISOString() };
    }),
    appeals: parts.appeals.map((a) => ({ id: a.id, kind: a.kind, filedOn: a.filedOn, decidedOn: a.decidedOn, result: a.result })),
  };
}

/** What an applicant sees with the tracking code and phone: status and dates, nothing personal. */
export interface PublicStatus {
  trackingCode: string;
  agency: string;
  status: CaseStatus;
  statusLabel: string;
  submitted: IsoDate;
  receiptDate: IsoDate | null;
  replyDue: IsoDate | null;
  extendedReplyDue: IsoDate | null;
  provisional: boolean;
  closedOn: IsoDate | null;
}

/** The public status of a case. */
export function toPublicStatus(r: ApplicationRecord, state: CaseState, dates: DeadlineResult | null, agency: string): PublicStatus {
  return {
    trackingCode: r.trackingCode, agency, status: state.status, statusLabel: CASE_STATUS_LABELS[state.status], submitted: r.submitted,
    receiptDate: state.receiptDate, replyDue: dates?.replyDue ?? null, extendedReplyDue: dates?.extendedReplyDue ?? null,
    provisional: dates?.provisional ?? false, closedOn: state.closedOn,
  };
}
