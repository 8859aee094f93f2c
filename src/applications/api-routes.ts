/**
 * The applications API under /api/v1 (described in api-openapi.ts): public intake and status, a case and
 * its steps, appeals, the lists, and tables 三/四. Handlers parse, call one use-case (service.ts), answer
 * JSON; errors come out of the platform's handler as { error: { code, message, details } }. Staff call
 * with `Authorization: Bearer` tokens and the same permissions as the pages: 'records.read' to read an
 * agency's cases, 'records.write' (经办人、负责人) to record steps — a 审核人 records the review.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ValidationError } from '../platform/errors.ts';
import { access, PUBLIC } from '../platform/http/access.ts';
import { rateLimited } from '../platform/http/rate-limit.ts';
import { actingOf } from '../platform/http/acting.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { parseEvent } from './input.ts';
import { CASE_STATUSES, type CaseStatus } from './model.ts';
import { applyLimit, decideAppeal, getCase, invalid, listCases, publicStatus, recordAppeal, recordEvent, statistics, createApplication, type Clock } from './service.ts';
import { getApplicationAgency } from './store.ts';


/** Who acts in a request (src/platform/http/acting.ts), for the pages too. */
export { actingOf };

/** A positive id from a path or query value, or undefined (a value PostgreSQL's bigint could not hold is no id). */
export function idOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The access declarations of the routes on a case and on an agency. */
export function applicationGuards(services: Services) {
  const record = (permission: 'records.read' | 'records.write') => access({
    kind: 'permission', permission,
    agency: {
      from: 'record', resource: 'application', param: 'id',
      find: async (_c, value) => {
        const id = idOf(value);
        const agencyId = id === undefined ? undefined : await getApplicationAgency(services.db, id);
        return agencyId === undefined ? undefined : { agencyId };
      },
    },
  });
  return {
    read: record('records.read'),
    write: record('records.write'),
    list: access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } }),
    agency: access({ kind: 'permission', permission: 'records.read', agency: { from: 'param', param: 'id' } }),
  };
}

/** The JSON body, or 400 when it is not JSON. */
async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ValidationError('request.invalid_json', '请求体应为 JSON（Content-Type: application/json）。', { fields: [{ field: '', message: '请求体不是合法的 JSON' }] });
  }
}

const queryProblem = (field: string, message: string) => new ValidationError('request.invalid_query', `查询条件有误：${message}`, { fields: [{ field, message }] });

/** The list's query. */
function listFilters(q: Record<string, string>) {
  const agencyId = q['agencyId'] ? idOf(q['agencyId'].trim()) : undefined;
  if (q['agencyId'] && agencyId === undefined) throw queryProblem('agencyId', '机关（agencyId）应为机关编号');
  const status = q['status'] || undefined;
  if (status !== undefined && !(CASE_STATUSES as readonly string[]).includes(status)) throw queryProblem('status', `状态（status）应为 ${CASE_STATUSES.join('、')} 之一`);
  const due = q['due'] || undefined;
  if (due !== undefined && due !== 'soon' && due !== 'overdue') throw queryProblem('due', '期限（due）应为 soon（3 个工作日内到期）或 overdue（已逾期）');
  const open = q['open'] === undefined || q['open'] === '' ? undefined : q['open'] === 'true' ? true : q['open'] === 'false' ? false : null;
  if (open === null) throw queryProblem('open', '未办结（open）应为 true 或 false');
  const handlerId = q['handlerId'] ? idOf(q['handlerId'].trim()) : undefined;
  if (q['handlerId'] && handlerId === undefined) throw queryProblem('handlerId', '经办人（handlerId）应为人员编号');
  const before = q['before'] ? idOf(q['before'].trim()) : undefined;
  if (q['before'] && before === undefined) throw queryProblem('before', '下一页（before）应为申请编号');
  const limit = q['limit'] ? Number(q['limit']) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw queryProblem('limit', '每页条数（limit）应为 1–200 的整数');
  return { agencyId, status: status as CaseStatus | undefined, due: due as 'soon' | 'overdue' | undefined, open, handlerId, before, limit };
}

/** The year of the statistics: 4 digits, 2008–2100. */
function yearOf(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  if (!/^\d{4}$/.test(text)) throw queryProblem('year', `年度（year）应为 4 位数字，如 2023，实际为“${text.slice(0, 20)}”`);
  const year = Number(text);
  if (year < 2008 || year > 2100) throw queryProblem('year', `年度（year）应在 2008–2100 之间，实际为 ${year}`);
  return year;
}

const API = '/api/v1/applications';

/** The API routes; `clock` is Date.now but for tests. */
export function applicationApiRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const guards = applicationGuards(services);
  const caseId = (c: Context<AppEnv>) => idOf(c.req.param('id'))!;

  api.post(API, PUBLIC, rateLimited(services.db, applyLimit(services.config.publicPostsPerHour), services.config.trustProxy), async (c) => c.json(await createApplication(services, actingOf(c), await jsonBody(c), clock), 201));

  api.get(`${API}/status`, PUBLIC, async (c) => {
    const trackingCode = c.req.query('trackingCode')?.trim() ?? '';
    const phone = c.req.query('phone')?.trim() ?? '';
    const problems = [
      ...(trackingCode === '' ? [{ field: 'trackingCode', message: '查询码（trackingCode）：必须填写（提交申请后得到的 12 位查询码）' }] : []),
      ...(phone === '' ? [{ field: 'phone', message: '联系电话（phone）：必须填写（申请时填写的联系电话）' }] : []),
    ];
    if (problems.length > 0) throw new ValidationError('request.invalid_query', problems.map((p) => p.message).join('；'), { fields: problems });
    c.header('Cache-Control', 'no-store');
    return c.json(await publicStatus(services, trackingCode.slice(0, 40), phone.slice(0, 40)));
  });

  api.get(API, guards.list, async (c) => {
    const items = await listCases(services, actingOf(c), listFilters(c.req.query()), clock);
    return c.json({ items, nextBefore: items.length > 0 ? items.at(-1)!.id : null });
  });

  api.get(`${API}/:id{[0-9]+}`, guards.read, async (c) => c.json(await getCase(services, actingOf(c), caseId(c))));

  api.post(`${API}/:id{[0-9]+}/events`, guards.read, async (c) => {
    const parsed = parseEvent(await jsonBody(c));
    if (!parsed.ok) throw invalid(parsed.problems);
    return c.json(await recordEvent(services, actingOf(c), caseId(c), parsed.value.event, parsed.value.version, clock));
  });

  api.post(`${API}/:id{[0-9]+}/appeals`, guards.write, async (c) => c.json(await recordAppeal(services, actingOf(c), caseId(c), await jsonBody(c), clock), 201));

  api.post(`${API}/:id{[0-9]+}/appeals/:appealId{[0-9]+}/decision`, guards.write, async (c) => {
    const appealId = idOf(c.req.param('appealId'));
    if (appealId === undefined) throw queryProblem('appealId', '复议诉讼编号应为正整数');
    return c.json(await decideAppeal(services, actingOf(c), caseId(c), appealId, await jsonBody(c), clock));
  });

  api.get('/api/v1/agencies/:id{[0-9]+}/statistics', guards.agency, async (c) => c.json(await statistics(services, c.get('agencyId'), yearOf(c.req.query('year')))));

  return api;
}
