/**
 * The template editor's use-cases (the agency's administrator, permission 'agency.profile'): the
 * agency's letters with their templates, saving a template (refused with every problem named, unknown
 * placeholders first of all), going back to the default, the settings every letter shows, and the
 * preview of a template on a made-up case. Each change is audited in its transaction.
 */
import { z } from 'zod';
import type { Acting } from '../../platform/accounts/service.ts';
import { writeAudit } from '../../platform/audit/audit-log.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Services } from '../../platform/services.ts';
import { checkTemplate, composeLetter, LETTER_KIND_INFO, LETTER_KINDS, sampleFacts, type LetterDocument, type LetterKind, type LetterTemplate } from './model.ts';
import { letterAgencyOf, requireOn, templateFor, todayInBeijing } from './service.ts';
import * as store from './store.ts';

/** A kind of letter as the editor lists it. */
export interface TemplateEntry {
  kind: LetterKind;
  label: string;
  title: string;
  group: 'reply' | 'procedure';
  /** The agency saved its own text (else the default is used). */
  custom: boolean;
  updatedAt: Date | null;
}

/** The agency's letters: every kind, its own template or the default. */
export async function listAgencyTemplates(services: Services, agencyId: number): Promise<TemplateEntry[]> {
  const own = new Map((await store.listTemplates(services.db, agencyId)).map((t) => [t.kind, t]));
  return LETTER_KINDS.map((kind) => {
    const saved = own.get(kind);
    return {
      kind, label: LETTER_KIND_INFO[kind].label, group: LETTER_KIND_INFO[kind].group,
      title: saved?.title ?? LETTER_KIND_INFO[kind].title, custom: saved !== undefined, updatedAt: saved?.updatedAt ?? null,
    };
  });
}

/** The template as typed: line ends made \n, surrounding blank lines dropped. */
function cleaned(input: LetterTemplate): LetterTemplate {
  return { title: input.title.trim(), body: input.body.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '') };
}

/** Refuses a template with problems: 400 with each problem on its field (title, body). */
function refuseProblems(template: LetterTemplate): void {
  const problems = checkTemplate(template);
  if (problems.length === 0) return;
  throw new ValidationError('letter.template_invalid', problems.map((p) => p.message).join('；'), { fields: problems });
}

/** Saves the agency's template of a kind; audited with the text before and after. */
export async function saveAgencyTemplate(services: Services, acting: Acting, agencyId: number, kind: LetterKind, input: LetterTemplate): Promise<void> {
  requireOn(acting, 'agency.profile', agencyId);
  const template = cleaned(input);
  refuseProblems(template);
  const personId = acting.actor.kind === 'person' ? acting.actor.personId : null;
  await withTransaction(services.db, async (tx) => {
    const before = await store.getTemplate(tx, agencyId, kind);
    await store.saveTemplate(tx, agencyId, kind, template, personId);
    await writeAudit(tx, {
      actor: acting.actor, action: 'letter.template.save', subject: `agency:${agencyId}`, agencyId, ip: acting.ip,
      details: { kind, before: before ? { title: before.title, body: before.body } : '默认文本', after: template },
    });
  });
}

/** Goes back to the default text of a kind (nothing happens when the agency has none of its own). */
export async function resetAgencyTemplate(services: Services, acting: Acting, agencyId: number, kind: LetterKind): Promise<boolean> {
  requireOn(acting, 'agency.profile', agencyId);
  return withTransaction(services.db, async (tx) => {
    const before = await store.getTemplate(tx, agencyId, kind);
    if (!before) return false;
    await store.deleteTemplate(tx, agencyId, kind);
    await writeAudit(tx, {
      actor: acting.actor, action: 'letter.template.reset', subject: `agency:${agencyId}`, agencyId, ip: acting.ip,
      details: { kind, before: { title: before.title, body: before.body }, after: '默认文本' },
    });
    return true;
  });
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const setting = (label: string, max: number) => z.string().trim().max(max, { message: `${label}最多 ${max} 个字` })
  .refine((v) => !CONTROL.test(v) && !/[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), { message: `${label}含有不能保存的控制字符` })
  .optional().transform((v) => (v ? v : null));
const settingsSchema = z.object({
  sealLine: setting('落款', 60),
  reconsiderationBody: setting('行政复议机关', 100),
  feePayment: setting('缴费方式', 500),
});

/** Saves the agency's letter settings (an empty field: the default wording); audited with the changes. */
export async function saveAgencySettings(services: Services, acting: Acting, agencyId: number, raw: unknown): Promise<void> {
  requireOn(acting, 'agency.profile', agencyId);
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'sealLine'), message: i.message }));
    throw new ValidationError('letter.settings_invalid', fields.map((f) => f.message).join('；'), { fields });
  }
  const after = parsed.data;
  const personId = acting.actor.kind === 'person' ? acting.actor.personId : null;
  await withTransaction(services.db, async (tx) => {
    const before = await store.getSettings(tx, agencyId);
    const keys = (Object.keys(after) as (keyof store.LetterSettings)[]).filter((k) => before[k] !== after[k]);
    if (keys.length === 0) return;
    await store.saveSettings(tx, agencyId, after, personId);
    await writeAudit(tx, {
      actor: acting.actor, action: 'letter.settings.save', subject: `agency:${agencyId}`, agencyId, ip: acting.ip,
      details: { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) },
    });
  });
}

/** The agency's settings (for the editor's form). */
export async function agencySettings(services: Services, agencyId: number): Promise<store.LetterSettings> {
  return store.getSettings(services.db, agencyId);
}

/** The template in force for a kind (the agency's or the default). */
export { templateFor };

/**
 * A template shown on a made-up case with the agency's own name, contacts and settings. A template with
 * problems is refused like a save (400 naming them): the preview shows what would be stored.
 */
export async function previewTemplate(services: Services, agencyId: number, kind: LetterKind, input: LetterTemplate): Promise<LetterDocument> {
  const template = cleaned(input);
  refuseProblems(template);
  const agency = await letterAgencyOf(services, agencyId);
  return composeLetter(sampleFacts(agency, kind, todayInBeijing()), kind, template);
}
