/**
 * Storage of letter templates, the agencies' letter settings and the letters sent (migration 0010).
 * SQL only, no decisions (service.ts decides); every function takes the database or a transaction
 * first; snake_case columns become camelCase here, once.
 */
import type { Queryable } from '../../platform/db/queryable.ts';
import type { LetterDocument, LetterKind, LetterTemplate } from './model.ts';

/** An agency's own template of a kind. */
export interface StoredTemplate extends LetterTemplate {
  kind: LetterKind;
  updatedBy: number | null;
  updatedAt: Date;
}

/** An agency's letter settings (null: the default wording). */
export interface LetterSettings {
  sealLine: string | null;
  reconsiderationBody: string | null;
  feePayment: string | null;
}

/** No setting changed. */
export const DEFAULT_SETTINGS: LetterSettings = { sealLine: null, reconsiderationBody: null, feePayment: null };

interface TemplateRow { kind: LetterKind; title: string; body: string; updated_by: number | null; updated_at: Date }
const toTemplate = (r: TemplateRow): StoredTemplate => ({ kind: r.kind, title: r.title, body: r.body, updatedBy: r.updated_by, updatedAt: r.updated_at });

/** The agency's own templates (kinds it never edited are absent). */
export async function listTemplates(db: Queryable, agencyId: number): Promise<StoredTemplate[]> {
  const { rows } = await db.query<TemplateRow>('SELECT kind, title, body, updated_by, updated_at FROM letter_templates WHERE agency_id = $1', [agencyId]);
  return rows.map(toTemplate);
}

/** The agency's own template of a kind, if it saved one. */
export async function getTemplate(db: Queryable, agencyId: number, kind: LetterKind): Promise<StoredTemplate | undefined> {
  const { rows } = await db.query<TemplateRow>(
    'SELECT kind, title, body, updated_by, updated_at FROM letter_templates WHERE agency_id = $1 AND kind = $2', [agencyId, kind]);
  return rows[0] && toTemplate(rows[0]);
}

/** Saves the agency's template of a kind (replacing its earlier one). */
export async function saveTemplate(db: Queryable, agencyId: number, kind: LetterKind, template: LetterTemplate, personId: number | null): Promise<void> {
  await db.query(
    `INSERT INTO letter_templates (agency_id, kind, title, body, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_id, kind) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [agencyId, kind, template.title, template.body, personId]);
}

/** Removes the agency's template of a kind (the default applies again); false when there was none. */
export async function deleteTemplate(db: Queryable, agencyId: number, kind: LetterKind): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM letter_templates WHERE agency_id = $1 AND kind = $2', [agencyId, kind]);
  return (rowCount ?? 0) > 0;
}

/** The agency's letter settings (the defaults when it changed none). */
export async function getSettings(db: Queryable, agencyId: number): Promise<LetterSettings> {
  const { rows } = await db.query<{ seal_line: string | null; reconsideration_body: string | null; fee_payment: string | null }>(
    'SELECT seal_line, reconsideration_body, fee_payment FROM letter_settings WHERE agency_id = $1', [agencyId]);
  const r = rows[0];
  return r ? { sealLine: r.seal_line, reconsiderationBody: r.reconsideration_body, feePayment: r.fee_payment } : DEFAULT_SETTINGS;
}

/** Saves the agency's letter settings. */
export async function saveSettings(db: Queryable, agencyId: number, settings: LetterSettings, personId: number | null): Promise<void> {
  await db.query(
    `INSERT INTO letter_settings (agency_id, seal_line, reconsideration_body, fee_payment, updated_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agency_id) DO UPDATE SET seal_line = EXCLUDED.seal_line, reconsideration_body = EXCLUDED.reconsideration_body,
       fee_payment = EXCLUDED.fee_payment, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [agencyId, settings.sealLine, settings.reconsiderationBody, settings.feePayment, personId]);
}

/** A sent letter as listed with its case (without the Word file). */
export interface CaseLetterSummary {
  id: number;
  applicationId: number;
  kind: LetterKind;
  title: string;
  createdBy: number | null;
  createdAt: Date;
}

/** A sent letter in full. */
export interface CaseLetter extends CaseLetterSummary {
  text: string;
  letter: LetterDocument;
  docx: Uint8Array;
}

/** Stores a sent letter; resolves to its id and time. */
export async function insertCaseLetter(db: Queryable, row: { applicationId: number; letter: LetterDocument; text: string; docx: Uint8Array; createdBy: number | null }): Promise<{ id: number; createdAt: Date }> {
  const { rows } = await db.query<{ id: number; created_at: Date }>(
    `INSERT INTO case_letters (application_id, kind, title, body_rendered, letter, docx, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, created_at`,
    [row.applicationId, row.letter.kind, row.letter.title, row.text, JSON.stringify(row.letter), Buffer.from(row.docx), row.createdBy]);
  return { id: rows[0]!.id, createdAt: rows[0]!.created_at };
}

interface SummaryRow { id: number; application_id: number; kind: LetterKind; title: string; created_by: number | null; created_at: Date }
const toSummary = (r: SummaryRow): CaseLetterSummary => ({
  id: r.id, applicationId: r.application_id, kind: r.kind, title: r.title, createdBy: r.created_by, createdAt: r.created_at,
});

/** The letters sent in a case, oldest first. */
export async function listCaseLetters(db: Queryable, applicationId: number): Promise<CaseLetterSummary[]> {
  const { rows } = await db.query<SummaryRow>(
    'SELECT id, application_id, kind, title, created_by, created_at FROM case_letters WHERE application_id = $1 ORDER BY id', [applicationId]);
  return rows.map(toSummary);
}

/** One sent letter with its text, layout and Word file. */
export async function getCaseLetter(db: Queryable, id: number): Promise<CaseLetter | undefined> {
  const { rows } = await db.query<SummaryRow & { body_rendered: string; letter: LetterDocument; docx: Buffer }>(
    'SELECT id, application_id, kind, title, created_by, created_at, body_rendered, letter, docx FROM case_letters WHERE id = $1', [id]);
  const r = rows[0];
  if (!r) return undefined;
  return { ...toSummary(r), text: r.body_rendered, letter: r.letter, docx: new Uint8Array(r.docx.buffer, r.docx.byteOffset, r.docx.byteLength) };
}
