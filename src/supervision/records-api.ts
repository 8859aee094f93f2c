/**
 * The supervision records' JSON API (mounted with the pages by records-routes.tsx): an agency's records
 * of a year with the facts its annual report quotes — GET /api/v1/supervision/records?agencyId=&year=&kind=
 * (an API token with 'records.read' on the agency: its staff, or the 监督员 of its government) — and its
 * OpenAPI description (`recordApiPaths`, merged into the room's by room.ts).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import { BEARER_SECURITY, errorResponse, jsonResponse } from '../platform/http/openapi.ts';
import type { AppEnv, OpenApiPaths } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { CHANNELS, CONSULTATION_KINDS, FINDING_STATES, RECORD_KINDS, recordsHref, summariseRecords, type RecordKind } from './core/records.ts';
import { idOf } from './records-http.ts';
import { recordNotFound, yearRecords } from './records-service.ts';

/** The API's path. */
export const RECORDS_API = '/api/v1/supervision/records';

const queryProblem = (field: string, message: string) => new ValidationError('request.invalid_query', `查询条件有误：${message}`, { fields: [{ field, message }] });

/** The JSON route. */
export function recordApiRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } });
  app.get(RECORDS_API, read, async (c) => {
    const agencyId = idOf(c.req.query('agencyId'));
    if (agencyId === undefined) throw queryProblem('agencyId', '机关编号（agencyId）应为正整数');
    const scope = c.get('scope');
    if (scope !== 'all' && !scope.includes(agencyId)) throw recordNotFound();
    const yearText = c.req.query('year')?.trim() ?? '';
    if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2008 || Number(yearText) > 2100) throw queryProblem('year', '年度（year）应为 2008–2100 之间的 4 位数字，如 2024');
    const kindText = c.req.query('kind')?.trim() ?? '';
    const kind = kindText === '' ? undefined : RECORD_KINDS.find((k) => k === kindText);
    if (kindText !== '' && kind === undefined) throw queryProblem('kind', `记录类别（kind）应为 ${RECORD_KINDS.join('、')} 之一`);
    const year = Number(yearText);
    const records = await yearRecords(services, actingOf(c), agencyId, year, kind as RecordKind | undefined);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ agencyId, year, kind: kind ?? null, page: recordsHref(agencyId, year, kind), facts: summariseRecords(records), ...records });
  });
  return app;
}

const date = z.string().describe('日期 YYYY-MM-DD');
const common = { id: z.number().int(), agencyId: z.number().int(), version: z.number().int().describe('版本号（每次修改加 1）') };
const finding = z.object({
  id: z.number().int(), inspectionId: z.number().int(), problem: z.string().describe('发现的问题'), deadline: date.describe('整改期限'),
  state: z.enum(FINDING_STATES).describe('open 整改中；rectified 已整改'), rectifiedOn: date.nullable().describe('整改完成日期'),
  rectification: z.string().nullable().describe('整改情况'), version: z.number().int(),
});
const recordsSchema = z.object({
  agencyId: z.number().int(), year: z.number().int(), kind: z.enum(RECORD_KINDS).nullable(),
  page: z.string().describe('列出这些记录的页面（年度报告中的数字链接到这里）'),
  facts: z.object({
    trainings: z.object({ count: z.number().int(), attendees: z.number().int().describe('参训人次') }),
    inspections: z.object({ count: z.number().int(), findings: z.number().int(), rectified: z.number().int(), open: z.number().int() }),
    publicDayEvents: z.object({ count: z.number().int() }),
    consultations: z.object({ count: z.number().int(), replied: z.number().int(), hotline: z.number().int().describe('12345 热线转办') }),
  }).describe('年度报告引用的数字（与 gongkai report draft 所用相同）'),
  trainings: z.array(z.object({ ...common, heldOn: date, title: z.string(), attendees: z.number().int(), note: z.string().nullable() })),
  inspections: z.array(z.object({ ...common, inspectedOn: date, inspector: z.string().describe('检查单位'), subject: z.string(), summary: z.string().nullable(), findings: z.array(finding) })),
  publicDays: z.array(z.object({ ...common, heldOn: date, title: z.string(), description: z.string().nullable() })),
  consultations: z.array(z.object({
    ...common, receivedOn: date, channel: z.enum(CHANNELS).describe('phone 电话、letter 来信、online 网上、inPerson 现场、hotline 12345 热线转办'),
    kind: z.enum(CONSULTATION_KINDS).describe('consultation 咨询；suggestion 建议'), subject: z.string(), reply: z.string().nullable(), repliedOn: date.nullable(),
  })).describe('不含咨询人、建议人的姓名和联系方式'),
});

/** The OpenAPI paths of the records' API. */
export const recordApiPaths: OpenApiPaths = {
  [RECORDS_API]: {
    get: {
      summary: '机关某年度的政务公开工作记录（培训、检查及整改、5·15 政务公开日活动、咨询建议）',
      description: '按记录的日期（培训日期、检查日期、活动日期、收到日期）计入年度。需要该机关的 records.read 权限（本机关工作人员，或所属人民政府的监督员）；其他机关答复 404。',
      security: BEARER_SECURITY,
      parameters: [
        { name: 'agencyId', in: 'query', required: true, schema: { type: 'integer', minimum: 1 }, description: '机关编号' },
        { name: 'year', in: 'query', required: true, schema: { type: 'integer', minimum: 2008, maximum: 2100 }, description: '年度' },
        { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: [...RECORD_KINDS] }, description: '只看一类：training 培训、inspection 检查、publicDay 政务公开日活动、consultation 咨询建议' },
      ],
      responses: {
        200: jsonResponse('该年度的记录和年度报告引用的数字', recordsSchema),
        400: errorResponse('查询条件有误'),
        401: errorResponse('未提供 API 令牌'),
        403: errorResponse('没有任何机关的 records.read 权限'),
        404: errorResponse('没有这个机关或无权查看'),
      },
    },
  },
};
