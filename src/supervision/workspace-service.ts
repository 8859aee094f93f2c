/**
 * The annual report workspace's use-cases (issue 19 §1, §3): the report of an agency's year as drafted
 * from its records now, with the staff's edits; editing a sentence; entering a number by hand for a
 * year before the platform; and the steps — submit, return with comments at cells, accept, publish
 * (负责人), correct (更正). Each change is one locked transaction with optimistic locking and the audit
 * log. While a report can be edited its tables follow the records; once submitted they are frozen as
 * submitted, so that what the supervising office accepted is what is published.
 */
import { agencyReportOfYear, validateReport, type AnnualReport, type Finding } from '../report/index.ts';
import type { IsoDate } from '../law/dates.ts';
import { annualReportDueDate } from '../law/annual-report-dates.ts';
import { can, type ReachingGrant } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { getAgency } from '../platform/accounts/store.ts';
import { actorLabel, writeAudit } from '../platform/audit/audit-log.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { applyEdits, assembleReport, type ManualCell, type WorkspaceSentence } from './core/assemble.ts';
import type { ReportFacts } from './core/facts.ts';
import { draftSections } from './core/sentences.ts';
import { isEditable, nextState, type ReportActor, type ReportState, type ReportStep, type StepRefusal } from './core/workflow.ts';
import { reportFactsOf } from './facts-service.ts';
import { rollupFindings, type RollupFinding } from './rollup-service.ts';
import * as store from './workspace-store.ts';

/** The job that files a published report in the catalog (payload { reportId, versionNo }). */
export const REPORT_PUBLISHED_JOB = 'annual-report.published';

/** The workspace of an agency's year, as the page and the API show it. */
export interface Workspace {
  agencyId: number;
  agency: string;
  year: number;
  state: ReportState | 'missing';
  basis: 'records' | 'manual';
  /** The version a change must name (0: nothing stored yet). */
  version: number;
  round: number;
  /** A government above reviews the report before publication. */
  supervised: boolean;
  dueOn: IsoDate;
  facts: ReportFacts;
  sentences: Record<string, WorkspaceSentence[]>;
  manualCells: Record<string, ManualCell>;
  /** The report as it stands (frozen once submitted; the newest published version once published). */
  report: AnnualReport;
  findings: Finding[];
  comments: store.ReviewComment[];
  events: store.ReportEvent[];
  versions: store.PublishedVersion[];
  submittedOn: IsoDate | null;
  acceptedOn: IsoDate | null;
  publishedOn: IsoDate | null;
  /** The year has records in the platform (else numbers may be entered by hand). */
  hasRecords: boolean;
  /** A government's report against its own cases plus its agencies' figures (issue 19 §2). */
  rollupFindings: RollupFinding[];
}

export const reportNotFound = (agencyId: number) => new NotFoundError('report.agency_not_found', `没有编号为 ${agencyId} 的机关（或您无权查看）。`, { agencyId });

function checkYear(year: number, today: IsoDate): void {
  const latest = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2008 || year > latest) {
    throw new ValidationError('report.bad_year', `年度应在 2008–${latest} 之间，实际为 ${year}`, { fields: [{ field: 'year', message: `年度应在 2008–${latest} 之间` }] });
  }
}

/** The previous year's report of the agency: its newest published version, else a report it stored in the checker. */
async function previousReport(db: Queryable, agencyId: number, year: number): Promise<AnnualReport | undefined> {
  const published = await store.latestPublished(db, agencyId, year - 1);
  if (published) return published.canonical;
  return (await agencyReportOfYear(db, agencyId, year - 1))?.report;
}

/** Does the year have records (cases counted, items published, documents made)? */
function factsHaveRecords(f: ReportFacts): boolean {
  const any = (cells: readonly (number | null)[]) => cells.some((n) => n !== null && n > 0);
  return Object.values(f.table3).some(any) || Object.values(f.table4).some((g) => any(Object.values(g)))
    || f.catalog.published > 0 || Object.values(f.table2).some((r) => any(Object.values(r)));
}

/** The report of the year drafted now from the records and the stored edits. */
export async function draftNow(db: Queryable, agencyId: number, year: number, stored: store.StoredReport | undefined, publishedOn?: IsoDate) {
  const facts = (await reportFactsOf(db, [agencyId], year)).get(agencyId);
  if (!facts) throw reportNotFound(agencyId);
  const sentences = applyEdits(draftSections(facts), stored?.sentenceEdits ?? {});
  const manual = stored?.basis === 'manual' ? stored.manualCells : {};
  const report = assembleReport(facts, sentences, manual, publishedOn);
  const findings = validateReport(report, { previous: await previousReport(db, agencyId, year) });
  return { facts, sentences, report, findings };
}

/**
 * The workspace of the agency's year as of `today`. A stored report that can still be edited is
 * re-drafted, and its stored copy refreshed when the records changed (what the status list reads).
 */
export async function workspaceOf(db: Queryable, agencyId: number, year: number, today: IsoDate): Promise<Workspace> {
  checkYear(year, today);
  const agency = await getAgency(db, agencyId);
  if (!agency) throw reportNotFound(agencyId);
  const stored = await store.findReport(db, agencyId, year);
  const drafted = await draftNow(db, agencyId, year, stored);
  const [comments, events, versions] = stored
    ? await Promise.all([store.listComments(db, stored.id), store.listEvents(db, stored.id), store.listVersions(db, stored.id)])
    : [[], [], []];
  let report = drafted.report;
  let findings = drafted.findings;
  if (stored && !isEditable(stored.state)) {
    report = stored.state === 'published' ? versions.at(-1)?.canonical ?? stored.canonical : stored.canonical;
    findings = validateReport(report, { previous: await previousReport(db, agencyId, year) });
  } else if (stored && JSON.stringify(stored.canonical) !== JSON.stringify(report)) {
    await store.updateReport(db, stored.id, { canonical: report, findings });
  }
  return {
    agencyId, agency: agency.name, year, state: stored?.state ?? 'missing', basis: stored?.basis ?? 'records', version: stored?.version ?? 0,
    round: stored?.round ?? 0, supervised: agency.parentId !== null, dueOn: annualReportDueDate(year, agency.kind),
    facts: drafted.facts, sentences: drafted.sentences, manualCells: stored?.manualCells ?? {}, report, findings, comments, events, versions,
    submittedOn: stored?.submittedOn ?? null, acceptedOn: stored?.acceptedOn ?? null, publishedOn: stored?.publishedOn ?? null,
    hasRecords: factsHaveRecords(drafted.facts),
    // A government's tables drafted from records add up by construction; what can differ is a report
    // frozen for review or publication, or numbers entered by hand.
    rollupFindings: agency.kind === 'government' && stored && (!isEditable(stored.state) || stored.basis === 'manual')
      ? await rollupFindings(db, agencyId, year, report) : [],
  };
}

// ---------- Who acts ----------

const holds = (grants: readonly ReachingGrant[], role: string, agencyId: number) => grants.some((g) => g.role === role && g.agencyId === agencyId);

/** The actor as the workflow sees them in the agency (the command line holds every role). */
export function reportActor(acting: Acting, agencyId: number): ReportActor {
  if (acting.grants === null) return { mayWrite: true, isHead: true, mayReview: true };
  return {
    mayWrite: can(acting.grants, 'records.write', agencyId),
    isHead: holds(acting.grants, 'head', agencyId),
    mayReview: can(acting.grants, 'reports.review', agencyId) && !holds(acting.grants, 'supervisor', agencyId),
  };
}

const personIdOf = (acting: Acting): number | null => (acting.actor.kind === 'person' ? acting.actor.personId : null);

async function actorName(db: Queryable, acting: Acting): Promise<string> {
  const id = personIdOf(acting);
  if (id === null) return actorLabel(acting.actor);
  const { rows } = await db.query<{ name: string }>('SELECT name FROM people WHERE id = $1', [id]);
  return rows[0]?.name ?? actorLabel(acting.actor);
}

function refusalError(r: StepRefusal) {
  if (r.status === 403) return new ForbiddenError(r.code, r.message);
  if (r.status === 409) return new ConflictError(r.code, r.message);
  return new ValidationError(r.code, r.message, undefined, 422);
}

function checkVersion(stored: store.StoredReport | undefined, expected: number | undefined): void {
  const current = stored?.version ?? 0;
  if (expected !== undefined && expected !== current) {
    throw new ConflictError('report.stale', '这份报告已被他人修改，请刷新后再办理。', { version: current, expectedVersion: expected });
  }
}

/**
 * Runs a change in one transaction: the report row locked (created from the draft when the year has
 * none yet), the version checked, the change applied, the audit written.
 */
async function change<T>(services: Services, acting: Acting, agencyId: number, year: number, today: IsoDate, expectedVersion: number | undefined,
  work: (tx: Queryable, stored: store.StoredReport, who: string) => Promise<{ result: T; audit: { action: string; details: Record<string, unknown> } }>): Promise<T> {
  checkYear(year, today);
  return withTransaction(services.db, async (tx) => {
    const agency = await getAgency(tx, agencyId);
    if (!agency) throw reportNotFound(agencyId);
    let stored = await store.findReport(tx, agencyId, year, true);
    checkVersion(stored, expectedVersion);
    if (!stored) {
      const drafted = await draftNow(tx, agencyId, year, undefined);
      await store.insertReport(tx, { agencyId, year, basis: 'records', canonical: drafted.report, findings: drafted.findings });
      stored = (await store.findReport(tx, agencyId, year, true))!;
    }
    const who = await actorName(tx, acting);
    const { result, audit } = await work(tx, stored, who);
    await writeAudit(tx, { actor: acting.actor, ip: acting.ip, action: audit.action, subject: `annual_report:${stored.id}`, agencyId, details: { year, ...audit.details } });
    return result;
  });
}

/** Saves a re-draft of an editable report (after an edit) and returns its findings. */
async function redraft(tx: Queryable, stored: store.StoredReport, edits: Partial<Pick<store.StoredReport, 'sentenceEdits' | 'manualCells' | 'basis'>>) {
  const next = { ...stored, ...edits };
  const drafted = await draftNow(tx, stored.agencyId, stored.year, next);
  await store.updateReport(tx, stored.id, { ...edits, canonical: drafted.report, findings: drafted.findings, bump: true, ...(stored.state === 'returned' ? { state: 'draft' as const } : {}) });
  return drafted;
}

/** Edits one drafted sentence (an empty text leaves it out; `reset` goes back to the drafted text). */
export async function editSentence(services: Services, acting: Acting, agencyId: number, year: number, today: IsoDate,
  input: { sentenceId: string; text: string; reset?: boolean; version?: number }): Promise<void> {
  await change(services, acting, agencyId, year, today, input.version, async (tx, stored, who) => {
    const step = nextState({ state: stored.state, errors: 0, supervised: true }, 'edit', reportActor(acting, agencyId));
    if ('refusal' in step) throw refusalError(step.refusal);
    const drafted = await draftNow(tx, agencyId, year, stored);
    const sentence = Object.values(drafted.sentences).flat().find((s) => s.id === input.sentenceId);
    if (!sentence) throw new ValidationError('report.no_sentence', '没有这个句子，请刷新页面后再改。', { fields: [{ field: 'sentenceId', message: '没有这个句子' }] });
    const text = input.text.replace(/\r\n?/g, '\n').trim();
    if (text.length > 2000) throw new ValidationError('report.sentence_too_long', `句子不能超过 2000 字，实际为 ${text.length} 字`, { fields: [{ field: 'text', message: '不能超过 2000 字' }] });
    const edits = { ...stored.sentenceEdits };
    const before = edits[input.sentenceId]?.text ?? sentence.drafted;
    if (input.reset || text === sentence.drafted) delete edits[input.sentenceId];
    else edits[input.sentenceId] = { text, basedOn: sentence.drafted, by: who, at: today };
    await redraft(tx, stored, { sentenceEdits: edits });
    return { result: undefined, audit: { action: 'annual_report.edit_sentence', details: { sentenceId: input.sentenceId, before, after: input.reset ? sentence.drafted : text } } };
  });
}

/** Turns a year without records into a year entered by hand (numbers with reasons). */
export async function startManual(services: Services, acting: Acting, agencyId: number, year: number, today: IsoDate, version?: number): Promise<void> {
  await change(services, acting, agencyId, year, today, version, async (tx, stored) => {
    const step = nextState({ state: stored.state, errors: 0, supervised: true }, 'edit', reportActor(acting, agencyId));
    if ('refusal' in step) throw refusalError(step.refusal);
    const drafted = await draftNow(tx, agencyId, year, stored);
    if (factsHaveRecords(drafted.facts)) {
      throw new ConflictError('report.has_records', `${year} 年已有办理记录，报告的数字由记录统计得出：如有不对，请更正对应的记录。`);
    }
    await redraft(tx, stored, { basis: 'manual' });
    return { result: undefined, audit: { action: 'annual_report.manual', details: {} } };
  });
}

/** Enters one number by hand (a year before the platform), with the reason. */
export async function setManualCell(services: Services, acting: Acting, agencyId: number, year: number, today: IsoDate,
  input: { path: string; value: number | null; reason: string; version?: number }): Promise<void> {
  await change(services, acting, agencyId, year, today, input.version, async (tx, stored, who) => {
    const step = nextState({ state: stored.state, errors: 0, supervised: true }, 'edit', reportActor(acting, agencyId));
    if ('refusal' in step) throw refusalError(step.refusal);
    if (stored.basis !== 'manual') throw new ConflictError('report.not_manual', '本年度报告的数字由记录统计得出，不能手工填写：请更正对应的记录。');
    const cells = { ...stored.manualCells };
    const before = cells[input.path]?.value ?? null;
    cells[input.path] = { value: input.value, reason: input.reason, by: who, at: today };
    await redraft(tx, stored, { manualCells: cells });
    return { result: undefined, audit: { action: 'annual_report.manual_cell', details: { cell: input.path, before, after: input.value, reason: input.reason } } };
  });
}

/** A step's input: comments at cells (return), a note, the correction's reason (publishing a correction). */
export interface StepInput {
  step: ReportStep;
  version?: number;
  note?: string;
  comments?: readonly { target: string; text: string }[];
  correction?: string;
}

/** Takes a step of the report's way (core/workflow.ts). Returns the new state. */
export async function takeStep(services: Services, acting: Acting, agencyId: number, year: number, today: IsoDate, input: StepInput): Promise<ReportState> {
  return change(services, acting, agencyId, year, today, input.version, async (tx, stored, who) => {
    const agency = (await getAgency(tx, agencyId))!;
    const supervised = agency.parentId !== null;
    const editable = isEditable(stored.state);
    const drafted = editable ? await draftNow(tx, agencyId, year, stored, input.step === 'publish' ? today : undefined) : undefined;
    const current = drafted?.report ?? stored.canonical;
    const findings = drafted?.findings ?? validateReport(current, { previous: await previousReport(tx, agencyId, year) });
    const errors = findings.filter((f) => f.severity === 'error').length;
    const step = nextState({ state: stored.state, errors, supervised }, input.step, reportActor(acting, agencyId));
    if ('refusal' in step) throw refusalError(step.refusal);
    const note = input.note?.trim() || null;
    const personId = personIdOf(acting);
    const changeSet: store.ReportChange = { state: step.state, bump: true };
    const details: Record<string, unknown> = { from: stored.state, to: step.state };
    if (input.step === 'submit') {
      Object.assign(changeSet, { canonical: current, findings, round: stored.round + 1, submittedOn: today, acceptedOn: null });
    } else if (input.step === 'return') {
      const comments = (input.comments ?? []).filter((c) => c.text.trim() !== '');
      if (comments.length === 0 && !note) throw new ValidationError('report.return_needs_comment', '退回修改时请至少写一条意见：说明哪里需要改。', { fields: [{ field: 'note', message: '请写明退回的理由' }] });
      for (const c of comments) await store.insertComment(tx, { reportId: stored.id, round: stored.round, target: c.target, text: c.text.trim(), authorId: personId, authorLabel: who });
      details['comments'] = comments.length;
    } else if (input.step === 'accept') {
      changeSet.acceptedOn = today;
    } else if (input.step === 'publish') {
      const published = { ...current, publishedOn: today } as AnnualReport;
      const correcting = stored.state === 'correcting';
      const correction = input.correction?.trim() ?? '';
      if (correcting && correction === '') throw new ValidationError('report.correction_needs_reason', '发布更正时请写明更正说明：改了什么、为什么改。', { fields: [{ field: 'correction', message: '请写明更正说明' }] });
      const versionNo = await store.insertVersion(tx, stored.id, { canonical: published, publishedOn: today, correction: correcting ? correction : null, publishedBy: who });
      Object.assign(changeSet, { canonical: published, findings: validateReport(published, { previous: await previousReport(tx, agencyId, year) }) });
      if (stored.publishedOn === null) changeSet.publishedOn = today;
      await enqueue(tx, { kind: REPORT_PUBLISHED_JOB, payload: { reportId: stored.id, versionNo }, dedupeKey: `${REPORT_PUBLISHED_JOB}:${stored.id}:${versionNo}` });
      details['versionNo'] = versionNo;
      if (correcting) details['correction'] = correction;
    }
    await store.updateReport(tx, stored.id, changeSet);
    await store.insertEvent(tx, stored.id, { type: input.step, actorId: personId, actorLabel: who, note: input.step === 'publish' && input.correction ? input.correction : note });
    return { result: step.state, audit: { action: `annual_report.${input.step}`, details } };
  });
}
