/**
 * The letters' use-cases. For the case pages and the API: `renderLetter` (a case's letter of a kind,
 * in the agency's template or the default, as HTML, DOCX and text), `freezeLetter` (the letter as sent,
 * stored with the case and never changed), `listCaseLetters`, `getCaseLetter`. The template editor's
 * use-cases are in editor-service.ts.
 */
import { todayIn } from '../../platform/clock.ts';
import type { IsoDate } from '../../law/dates.ts';
import { can } from '../../platform/accounts/core/roles.ts';
import type { Acting } from '../../platform/accounts/service.ts';
import { getAgency } from '../../platform/accounts/store.ts';
import { writeAudit } from '../../platform/audit/audit-log.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { renderLetterDocx } from './docx.ts';
import { renderLetterHtml } from './html.tsx';
import {
  composeLetter, letterFactsOf, letterText, PLACEHOLDERS,
  type LetterAgency, type LetterCase, type LetterDetails, type LetterDocument, type LetterKind, type LetterTemplate, type Placeholder,
} from './model.ts';
import * as store from './store.ts';
import { defaultTemplate } from './templates.ts';

export type { LetterCase, LetterDetails, LetterEvent, LetterKind } from './model.ts';
export { LETTER_KIND_INFO, LETTER_KIND_OF_OUTCOME, LETTER_KINDS, letterKindsForOutcome } from './model.ts';
export { LETTERS_STYLESHEET_PATH, LetterArticle } from './html.tsx';

/** A letter rendered three ways, with what it still lacks. */
export interface RenderedLetter {
  kind: LetterKind;
  letter: LetterDocument;
  /** The printable <article> (with LETTERS_STYLESHEET_PATH). */
  html: string;
  docx: Uint8Array;
  text: string;
  /** Placeholders the case has no value for (the letter shows 【待填写：…】 and cannot be frozen). */
  missing: Placeholder[];
}

/** The media type of a letter's Word file. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A sent letter's download names (Content-Disposition, RFC 6266): an ASCII fallback and the name in
 * Chinese, e.g. 政府信息公开申请答复书（K2M4-P7Q9-R3T6）.docx.
 */
export function letterFileNames(letter: { id: number; title: string }, trackingCode: string): { fallback: string; name: string } {
  const title = letter.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 60) || '政府信息公开文书';
  return { fallback: `letter-${letter.id}.docx`, name: `${title}（${trackingCode}）.docx` };
}

/** Today in Beijing (src/platform/clock.ts), as the law's date type. */
export const todayInBeijing = (now: number = Date.now()): IsoDate => todayIn(() => now) as IsoDate;

const agencyNotFound = () => new NotFoundError('http.not_found', '没有找到这个页面或记录（或您无权查看）。');

/** The agency as its letters show it: its name and contacts, and its letter settings. */
export async function letterAgencyOf(services: Services, agencyId: number): Promise<LetterAgency> {
  const [agency, settings] = await Promise.all([getAgency(services.db, agencyId), store.getSettings(services.db, agencyId)]);
  if (!agency) throw agencyNotFound();
  return { name: agency.name, address: agency.address, postcode: agency.postcode, phone: agency.phone, ...settings };
}

/** The template a kind's letters of the agency are written in: its own, or the default. */
export async function templateFor(services: Services, agencyId: number, kind: LetterKind): Promise<LetterTemplate & { custom: boolean }> {
  const own = await store.getTemplate(services.db, agencyId, kind);
  return own ? { title: own.title, body: own.body, custom: true } : { ...defaultTemplate(kind), custom: false };
}

/** A laid-out letter as HTML, DOCX and text. */
export async function renderDocument(letter: LetterDocument): Promise<RenderedLetter> {
  const [html, docx] = await Promise.all([renderLetterHtml(letter), renderLetterDocx(letter)]);
  return { kind: letter.kind, letter, html, docx, text: letterText(letter), missing: letter.missing };
}

/**
 * A case's letter of `kind` in the agency's template (or the default), with the case's facts (a
 * CaseView is a LetterCase) and what the writer adds. Nothing is stored; a letter with missing facts
 * renders with 【待填写：…】 and lists them in `missing`.
 */
export async function renderLetter(services: Services, caseView: LetterCase, kind: LetterKind, details: LetterDetails = {}): Promise<RenderedLetter> {
  const [agency, template] = await Promise.all([letterAgencyOf(services, caseView.agencyId), templateFor(services, caseView.agencyId, kind)]);
  const facts = letterFactsOf(agency, caseView, details, todayInBeijing());
  return renderDocument(composeLetter(facts, kind, template));
}

/** Refuses a person without `permission` on the agency: 404 where they hold no role, 403 in their own. */
export function requireOn(acting: Acting, permission: 'records.write' | 'agency.profile', agencyId: number): void {
  if (acting.grants === null || can(acting.grants, permission, agencyId)) return;
  const theirs = acting.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId));
  if (!theirs) throw agencyNotFound();
  throw new ForbiddenError('auth.forbidden', '您没有办理这项工作的权限：请联系本机关的管理员授予相应角色。');
}

async function applicationAgency(services: Services, applicationId: number): Promise<number> {
  const { rows } = await services.db.query<{ agency_id: number }>('SELECT agency_id FROM applications WHERE id = $1', [applicationId]);
  if (!rows[0]) throw new NotFoundError('application.not_found', `没有找到编号为 ${applicationId} 的申请（或您无权查看）。`, { id: applicationId });
  return rows[0].agency_id;
}

/**
 * Stores a letter as sent with its case (text, layout, Word file) and audits it. The stored letter is
 * what was rendered: a later change of the template or the settings never alters it. Refused (422,
 * naming them) while the letter lacks facts; needs 'records.write' on the case's agency.
 */
export async function freezeLetter(services: Services, applicationId: number, kind: LetterKind, rendered: RenderedLetter, acting: Acting): Promise<{ id: number; createdAt: Date }> {
  const agencyId = await applicationAgency(services, applicationId);
  requireOn(acting, 'records.write', agencyId);
  if (rendered.kind !== kind || rendered.letter.kind !== kind) throw new Error(`a ${rendered.kind} letter frozen as ${kind}`);
  if (rendered.missing.length > 0) {
    const names = rendered.missing.map((n) => `${n}（${PLACEHOLDERS[n]}）`);
    throw new ValidationError('letter.incomplete', `文书还缺少：${names.join('、')}。请补充后再发出。`,
      { fields: rendered.missing.map((n) => ({ field: n, message: `请填写${n}：${PLACEHOLDERS[n]}` })) }, 422);
  }
  const personId = acting.actor.kind === 'person' ? acting.actor.personId : null;
  return withTransaction(services.db, async (tx) => {
    const stored = await store.insertCaseLetter(tx, { applicationId, letter: rendered.letter, text: rendered.text, docx: rendered.docx, createdBy: personId });
    await writeAudit(tx, {
      actor: acting.actor, action: 'letter.send', subject: `application:${applicationId}`, agencyId, ip: acting.ip,
      details: { letterId: stored.id, kind, title: rendered.letter.title },
    });
    return stored;
  });
}

/** The letters sent in a case, oldest first (the case page lists them). */
export async function listCaseLetters(services: Services, applicationId: number): Promise<store.CaseLetterSummary[]> {
  return store.listCaseLetters(services.db, applicationId);
}

/** A sent letter of the case, for its downloads; 404 when the case has no such letter. */
export async function getCaseLetter(services: Services, applicationId: number, letterId: number): Promise<store.CaseLetter> {
  const letter = await store.getCaseLetter(services.db, letterId);
  if (!letter || letter.applicationId !== applicationId) throw new NotFoundError('letter.not_found', '没有找到这份文书。', { applicationId, letterId });
  return letter;
}
