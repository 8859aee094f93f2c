/**
 * The catalog's API under /api/v1/items (issue 18 §9, described in api-openapi.ts):
 * - `POST /api/v1/items` drafts an item (staff: 经办人 or 负责人 of the agency, by API token or session) → 201 { id, indexNo };
 * - `POST /api/v1/items/{id}/events` takes one review step → 200 with the item, or 403/409/422 with the reason;
 * - `GET /api/v1/items/{id}/staff` the staff's view of an item (its events, what the scans find);
 * - `GET /api/v1/items/{indexNo}` a published item's public metadata (404 for anything not published).
 *
 * The 索引号 holds a '/': the public route takes the rest of the path, with the slash raw or as %2F.
 * The staff routes take only digits followed by /staff or /events, so the two never meet: a 索引号 is
 * looked up as a whole, and `{id}/staff` is the staff's (no pattern makes a 索引号 end in “/staff”).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { ValidationError } from '../platform/errors.ts';
import { access, PUBLIC } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { invalid, parseStep } from './input.ts';
import { createDraft, getItemMetadata, getItemView, type Clock } from './service.ts';
import { takeStep } from './steps.ts';
import { getItemAgency } from './store.ts';

export const ITEMS_API = '/api/v1/items';

/** A positive id from a path or query value, or undefined. */
export function idOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The access declarations of the routes on an item (its agency's permission) and of drafting. */
export function itemGuards(services: Services) {
  const record = (permission: 'records.read' | 'records.write') => access({
    kind: 'permission', permission,
    agency: {
      from: 'record', resource: 'catalogItem', param: 'id',
      find: async (_c, value) => {
        const id = idOf(value);
        const agencyId = id === undefined ? undefined : await getItemAgency(services.db, id);
        return agencyId === undefined ? undefined : { agencyId };
      },
    },
  });
  return {
    /** Read an item; take a review step (the workflow checks the role: a 审核人 holds 'records.read' only). */
    read: record('records.read'),
    /** Change a draft (经办人、负责人). */
    write: record('records.write'),
    /** Draft an item: 'records.write' somewhere (the agency is in the body, checked by the use-case). */
    draft: access({ kind: 'permission', permission: 'records.write', agency: { from: 'any' } }),
    /** The staff's list across their agencies. */
    list: access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } }),
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

/** The API routes; `clock` is Date.now but for tests. */
export function itemApiRoutes(services: Services, clock: Clock = Date.now): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const guards = itemGuards(services);
  const itemId = (c: Context<AppEnv>) => idOf(c.req.param('id'))!;

  api.post(ITEMS_API, guards.draft, async (c) => c.json(await createDraft(services, actingOf(c), await jsonBody(c), clock), 201));

  api.get(`${ITEMS_API}/:id{[0-9]+}/staff`, guards.read, async (c) => {
    c.header('Cache-Control', 'private, no-store');
    return c.json(await getItemView(services, actingOf(c), itemId(c)));
  });

  api.post(`${ITEMS_API}/:id{[0-9]+}/events`, guards.read, async (c) => {
    const parsed = parseStep(await jsonBody(c));
    if (!parsed.ok) throw invalid(parsed.problems);
    return c.json(await takeStep(services, actingOf(c), itemId(c), parsed.value.step, parsed.value.version, clock));
  });

  // Last: the rest of the path is the 索引号 (hono decodes %2F in the parameter).
  api.get(`${ITEMS_API}/:indexNo{.+}`, PUBLIC, async (c) => c.json(await getItemMetadata(services, c.req.param('indexNo'))));

  return api;
}
