/**
 * The annual report API (issue 19 §7, described in api-openapi.ts):
 * - `GET /api/v1/supervision/{governmentId}/status?year=YYYY` — every agency under a government with its
 *   report's state, dates, lateness and findings (监督员: 'reports.review' on the government);
 * - `GET /api/v1/agencies/{id}/annual-reports/{year}` — the workspace of an agency's year;
 * - `POST …/steps` — submit, return with comments, accept, publish, correct;
 * - `POST …/sentences` — edit one drafted sentence.
 * The steps and edits declare 'records.read' (a supervisor holds it on the agencies it reviews; a
 * 经办人 on their own): the workflow decides who may take which step (core/workflow.ts).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { IsoDate } from '../law/dates.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import { ValidationError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { parseInput, sentenceBody, stepBody, yearQuery } from './api-input.ts';
import type { ReportStep } from './core/workflow.ts';
import { reportStatuses } from './status.ts';
import { editSentence, takeStep, workspaceOf, type Workspace } from './workspace-service.ts';

export { workspaceApiPaths } from './api-openapi.ts';

/** The status list's address. */
export const STATUS_API = '/api/v1/supervision/:governmentId{[0-9]+}/status';
/** An agency's report of a year. */
export const REPORT_API = '/api/v1/agencies/:id{[0-9]+}/annual-reports/:year{[0-9]+}';

/** The JSON body, or 400 when it is not JSON. */
async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ValidationError('request.invalid_json', '请求体应为 JSON（Content-Type: application/json）。', { fields: [{ field: '', message: '请求体不是合法的 JSON' }] });
  }
}

/** The year of the path (digits by the route; the range is the workspace's to check). */
function pathYear(c: Context<AppEnv>): number {
  const year = Number(c.req.param('year'));
  if (!Number.isSafeInteger(year)) throw new ValidationError('report.bad_year', '年度应为四位数', { fields: [{ field: 'year', message: '年度应为四位数' }] });
  return year;
}

/** The workspace as the API answers it: the report (canonical JSON), its findings, comments and versions. */
export function workspaceJson(w: Workspace) {
  return {
    agencyId: w.agencyId, agency: w.agency, year: w.year, state: w.state, version: w.version, basis: w.basis, round: w.round,
    supervised: w.supervised, dueOn: w.dueOn, submittedOn: w.submittedOn, acceptedOn: w.acceptedOn, publishedOn: w.publishedOn,
    report: w.report,
    findings: w.findings,
    sentences: Object.fromEntries(Object.entries(w.sentences).map(([key, list]) => [key, list.map((s) => ({
      id: s.id, text: s.text, drafted: s.drafted, edited: s.edited, stale: s.stale, facts: s.facts,
    }))])),
    comments: w.comments.map((c) => ({ round: c.round, target: c.target, text: c.text, author: c.authorLabel, createdAt: c.createdAt.toISOString() })),
    versions: w.versions.map((v) => ({ versionNo: v.versionNo, publishedOn: v.publishedOn, correction: v.correction })),
  };
}

/** The API routes; `clock` is Date.now but for tests. */
export function workspaceApiRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const review = access({ kind: 'permission', permission: 'reports.review', agency: { from: 'param', param: 'governmentId' } });
  const read = access({ kind: 'permission', permission: 'records.read', agency: { from: 'param', param: 'id' } });
  const today = () => todayIn(clock) as IsoDate;

  api.get(STATUS_API, review, async (c) => {
    const { year } = parseInput(yearQuery, { year: c.req.query('year') }, 'supervision.bad_query');
    const statuses = await reportStatuses(services.db, c.get('agencyId')!, year, today());
    c.header('Cache-Control', 'private, no-store');
    return c.json(statuses.map((s) => ({
      agencyId: s.agencyId, agency: s.agency, agencyKind: s.agencyKind, parentId: s.parentId, state: s.state,
      submittedOn: s.submittedOn, acceptedOn: s.acceptedOn, publishedOn: s.publishedOn, dueOn: s.dueOn, late: s.late, findings: s.findings,
    })));
  });

  api.get(REPORT_API, read, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(workspaceJson(await workspaceOf(services.db, c.get('agencyId')!, pathYear(c), today())));
  });

  api.post(`${REPORT_API}/steps`, read, async (c) => {
    const input = parseInput(stepBody, await jsonBody(c), 'report.invalid_step');
    const agencyId = c.get('agencyId')!;
    const year = pathYear(c);
    const state = await takeStep(services, actingOf(c), agencyId, year, today(), { ...input, step: input.step as ReportStep });
    const w = await workspaceOf(services.db, agencyId, year, today());
    return c.json({ state, version: w.version, versions: workspaceJson(w).versions });
  });

  api.post(`${REPORT_API}/sentences`, read, async (c) => {
    const input = parseInput(sentenceBody, await jsonBody(c), 'report.invalid_sentence');
    const agencyId = c.get('agencyId')!;
    const year = pathYear(c);
    await editSentence(services, actingOf(c), agencyId, year, today(), input);
    return c.json(workspaceJson(await workspaceOf(services.db, agencyId, year, today())));
  });

  return api;
}
