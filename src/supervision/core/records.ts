/**
 * The supervision records (issue 19 §4) as the report and the pages see them: 培训, 检查 with the
 * problems found and their 整改, “5·15 政务公开日” events, 咨询/建议 from the public. Pure: the
 * vocabularies with their Chinese names, the records' types, the facts a year's records give
 * (`summariseRecords`, the same counts as the store's `recordFactsOf`), and whether a finding's
 * rectification is overdue on a given day.
 */
import { dayOf, type IsoDate } from '../../law/dates.ts';
import type { RecordFacts } from './facts.ts';

/** The kinds of record, in the order the list page shows them. */
export const RECORD_KINDS = ['training', 'inspection', 'publicDay', 'consultation'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  training: '政务公开培训',
  inspection: '政务公开检查',
  publicDay: '“5·15 政务公开日”活动',
  consultation: '公众咨询和建议',
};

/** How a consultation or suggestion reached the agency; 'hotline' is a 12345 热线 hand-off (转办). */
export const CHANNELS = ['phone', 'letter', 'online', 'inPerson', 'hotline'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  letter: '来信',
  online: '网上',
  inPerson: '现场',
  hotline: '12345 热线转办',
};

/** 咨询 (a question) or 建议 (a suggestion). */
export const CONSULTATION_KINDS = ['consultation', 'suggestion'] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export const CONSULTATION_KIND_LABELS: Record<ConsultationKind, string> = { consultation: '咨询', suggestion: '建议' };

/** A finding's 整改: still being put right, or done. */
export const FINDING_STATES = ['open', 'rectified'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const FINDING_STATE_LABELS: Record<FindingState, string> = { open: '整改中', rectified: '已整改' };

/** 培训 organised by the agency. */
export interface Training {
  id: number;
  agencyId: number;
  heldOn: IsoDate;
  title: string;
  /** 参训人次. */
  attendees: number;
  note: string | null;
  version: number;
}

/** A problem an inspection found. */
export interface Finding {
  id: number;
  inspectionId: number;
  problem: string;
  /** 整改期限. */
  deadline: IsoDate;
  state: FindingState;
  rectifiedOn: IsoDate | null;
  /** What was done (整改情况). */
  rectification: string | null;
  version: number;
}

/** 检查 of the agency by the supervising office, with what it found. */
export interface Inspection {
  id: number;
  agencyId: number;
  inspectedOn: IsoDate;
  /** The office that inspected, as the report names it (e.g. 区政务公开办). */
  inspector: string;
  subject: string;
  summary: string | null;
  version: number;
  findings: Finding[];
}

/** A “5·15 政务公开日” event. */
export interface PublicDayEvent {
  id: number;
  agencyId: number;
  heldOn: IsoDate;
  title: string;
  description: string | null;
  version: number;
}

/** A 咨询 or 建议 from the public (no name or telephone is kept). */
export interface Consultation {
  id: number;
  agencyId: number;
  receivedOn: IsoDate;
  channel: Channel;
  kind: ConsultationKind;
  subject: string;
  reply: string | null;
  repliedOn: IsoDate | null;
  version: number;
}

/** An agency's records dated in one year. */
export interface YearRecords {
  trainings: Training[];
  inspections: Inspection[];
  publicDays: PublicDayEvent[];
  consultations: Consultation[];
}

/**
 * The facts a year's records give the report (the list page's counts): the same definitions as
 * `recordFactsOf` in SQL — a finding counts as rectified once marked 已整改, whatever the day.
 */
export function summariseRecords(records: YearRecords): RecordFacts {
  const findings = records.inspections.flatMap((i) => i.findings);
  const rectified = findings.filter((f) => f.state === 'rectified').length;
  return {
    trainings: { count: records.trainings.length, attendees: records.trainings.reduce((n, t) => n + t.attendees, 0) },
    inspections: { count: records.inspections.length, findings: findings.length, rectified, open: findings.length - rectified },
    publicDayEvents: { count: records.publicDays.length },
    consultations: {
      count: records.consultations.length,
      replied: records.consultations.filter((c) => c.reply !== null).length,
      hotline: records.consultations.filter((c) => c.channel === 'hotline').length,
    },
  };
}

/** Where a finding's 整改 stands on `today`: done, still within its deadline, or overdue by some days. */
export type FindingProgress =
  | { kind: 'rectified'; on: IsoDate }
  | { kind: 'open'; daysLeft: number }
  | { kind: 'overdue'; daysOver: number };

/** The progress of a finding on `today` (the deadline day itself is still within it). */
export function findingProgress(finding: Pick<Finding, 'state' | 'deadline' | 'rectifiedOn'>, today: IsoDate): FindingProgress {
  if (finding.state === 'rectified' && finding.rectifiedOn !== null) return { kind: 'rectified', on: finding.rectifiedOn };
  const left = dayOf(finding.deadline) - dayOf(today);
  return left >= 0 ? { kind: 'open', daysLeft: left } : { kind: 'overdue', daysOver: -left };
}

/** '2024年6月3日' from '2024-06-03'; '—' for none. */
export function dateText(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** A finding's progress in words: its state ('逾期未整改' when overdue) and the detail, e.g. '已超过整改期限 3 天'. */
export function progressWords(progress: FindingProgress): { label: string; detail: string } {
  switch (progress.kind) {
    case 'rectified':
      return { label: '已整改', detail: `${dateText(progress.on)}完成整改` };
    case 'open':
      return { label: '整改中', detail: progress.daysLeft === 0 ? '今天是整改期限' : `距整改期限还有 ${progress.daysLeft} 天` };
    case 'overdue':
      return { label: '逾期未整改', detail: `已超过整改期限 ${progress.daysOver} 天` };
  }
}

/**
 * The list page of an agency's records of a year (of one kind, or all): the address every figure a
 * drafted report quotes from these records links to.
 */
export function recordsHref(agencyId: number, year: number, kind?: RecordKind): string {
  return `/supervision/records?agency=${agencyId}&year=${year}${kind ? `&kind=${kind}` : ''}`;
}
