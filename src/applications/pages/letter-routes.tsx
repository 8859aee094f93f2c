/**
 * A case's letters: draft one of a kind (GET: the case's facts; POST …/preview: with what was typed,
 * nothing stored), 生成并存档 (POST: frozen with the case, 'records.write'), and a sent letter as a
 * printable page and as its Word file.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { AppError } from '../../platform/errors.ts';
import { renderPage } from '../../platform/http/layout.tsx';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { DOCX_MEDIA_TYPE, freezeLetter, getCaseLetter, LETTER_KIND_INFO, letterFileNames, LETTERS_STYLESHEET_PATH, renderLetter, type LetterKind } from '../letters/service.ts';
import { isLetterKind } from '../letters/model.ts';
import { getCase, todayIn, type Clock } from '../service.ts';
import { can } from '../../platform/accounts/core/roles.ts';
import type { FieldError } from '../../platform/http/form.tsx';
import { peopleNames } from './page-store.ts';
import { actingOf, formOf, idOf, noticeOf, pageNotFound, staffGuards } from './http.ts';
import { INPUT_OF_PLACEHOLDER, LetterDraftPage, letterDefaults, letterDetailsOf, SentLetterPage } from './letter-page.tsx';

const STYLESHEETS = [LETTERS_STYLESHEET_PATH];

/** A download's Content-Disposition: an ASCII fallback and the name in Chinese (RFC 6266, RFC 5987). */
export function attachment(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The routes of a case's letters. */
export function letterRoutes(services: Services, clock: Clock): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guards = staffGuards(services);
  const caseIdOf = (c: Context<AppEnv>) => {
    const id = idOf(c.req.param('id'));
    if (id === undefined) throw pageNotFound();
    return id;
  };
  const kindOf = (c: Context<AppEnv>): LetterKind => {
    const kind = c.req.query('kind') ?? '';
    if (!isLetterKind(kind)) throw pageNotFound();
    return kind;
  };

  /** The draft page: the letter with the case's facts and what was typed. */
  const draftPage = async (c: Context<AppEnv>, typed?: { values: Record<string, string>; errors: FieldError[] }) => {
    const id = caseIdOf(c);
    const kind = kindOf(c);
    const acting = actingOf(c);
    const view = await getCase(services, acting, id);
    const values = typed?.values ?? letterDefaults(view.events, todayIn(clock));
    const { details, problems } = letterDetailsOf(values);
    const errors = typed?.errors ?? [];
    const rendered = problems.length === 0 ? await renderLetter(services, view, kind, details) : undefined;
    const mayWrite = acting.grants === null || can(acting.grants, 'records.write', view.agencyId);
    return renderPage(c, LETTER_KIND_INFO[kind].label, (
      <LetterDraftPage caseId={id} trackingCode={view.trackingCode} kind={kind} form={{ values, errors: [...errors, ...problems] }}
        letter={rendered?.letter} mayWrite={mayWrite} csrfToken={c.get('csrfToken')} />
    ), { stylesheets: STYLESHEETS, status: errors.length + problems.length > 0 ? 422 : 200 });
  };

  app.get('/applications/:id{[0-9]+}/letter', guards.readCase, (c) => draftPage(c));

  app.post('/applications/:id{[0-9]+}/letter/preview', guards.readCase, async (c) => draftPage(c, { values: await formOf(c), errors: [] }));

  app.post('/applications/:id{[0-9]+}/letter', guards.writeCase, async (c) => {
    const id = caseIdOf(c);
    const kind = kindOf(c);
    const values = await formOf(c);
    const { details, problems } = letterDetailsOf(values);
    if (problems.length > 0) return draftPage(c, { values, errors: [] });
    const acting = actingOf(c);
    const view = await getCase(services, acting, id);
    const rendered = await renderLetter(services, view, kind, details);
    try {
      const sent = await freezeLetter(services, id, kind, rendered, acting);
      return c.redirect(`/applications/${id}/letters/${sent.id}?notice=letter`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const fields = (error.details as { fields?: FieldError[] } | undefined)?.fields ?? [];
      // A letter lacking facts names them; each is typed in the input of its placeholder.
      const errors = fields.map((f) => ({ field: INPUT_OF_PLACEHOLDER[f.field] ?? 'letterDate', message: f.message }));
      return draftPage(c, { values, errors: errors.length > 0 ? errors : [{ field: 'letterDate', message: error.message }] });
    }
  });

  const sentLetter = async (c: Context<AppEnv>) => {
    const id = caseIdOf(c);
    const letterId = idOf(c.req.param('letterId'));
    if (letterId === undefined) throw pageNotFound();
    const view = await getCase(services, actingOf(c), id);
    return { view, letter: await getCaseLetter(services, id, letterId) };
  };

  app.get('/applications/:id{[0-9]+}/letters/:letterId{[0-9]+}', guards.readCase, async (c) => {
    const { view, letter } = await sentLetter(c);
    const by = letter.createdBy === null ? null : (await peopleNames(services.db, [letter.createdBy])).get(letter.createdBy) ?? null;
    return renderPage(c, letter.title, (
      <SentLetterPage caseId={view.id} trackingCode={view.trackingCode} letterId={letter.id} letter={letter.letter} createdAt={letter.createdAt} by={by} />
    ), { stylesheets: STYLESHEETS, notice: noticeOf(c) });
  });

  app.get('/applications/:id{[0-9]+}/letters/:letterId{[0-9]+}/docx', guards.readCase, async (c) => {
    const { view, letter } = await sentLetter(c);
    const names = letterFileNames(letter, view.trackingCode);
    c.header('Content-Type', DOCX_MEDIA_TYPE);
    c.header('Content-Disposition', attachment(names.fallback, names.name));
    c.header('Cache-Control', 'private, no-store');
    return c.body(letter.docx as Uint8Array<ArrayBuffer>);
  });

  return app;
}
