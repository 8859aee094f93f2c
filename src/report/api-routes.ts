/**
 * The checker's JSON API under /api/v1/reports, and its OpenAPI description built from the same
 * zod schemas. Errors come out of the platform handler as { error: { code, message, details } }.
 * Anyone may upload (an anonymous check, kept 24 hours under its key); a person's API token
 * (`Authorization: Bearer …`) stores for an agency and lists that agency's reports. The old paths
 * under /api/reports answer 308 to the same path under /api/v1.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { AGENCY_KINDS } from '../law/agency-kinds.ts';
import { ValidationError } from '../platform/errors.ts';
import { PUBLIC } from '../platform/http/access.ts';
import { errorResponse, jsonResponse } from '../platform/http/openapi.ts';
import type { AppEnv, OpenApiPaths } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { RULE_IDS } from './findings.ts';
import { REPORT_FORMATS } from './model.ts';
import { actorOf, keepingFor, listScopeOf, reportGuards, type KeepingFields } from './report-access.ts';
import { checkAndStoreFiles, getReportOrThrow, listReports, type ReportImporter } from './service.ts';
import type { UploadedFile } from './service.ts';
import type { CheckedReport } from './store.ts';

const findingSchema = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(['error', 'warning']),
  cells: z.array(z.string()).describe('单元格路径，如 t3.granted[6]'),
  message: z.string(),
});
const parseWarningSchema = z.object({ code: z.string(), path: z.string().optional(), message: z.string() });
const fileOutcomeSchema = z.union([
  z.object({
    ok: z.literal(true), fileName: z.string(), role: z.enum(['report', 'previous']), reportId: z.number().int(),
    ref: z.string().describe('报告地址 /reports/{ref} 中的一段：匿名检查为访问密钥，机关保存的报告为编号'),
    agencyId: z.number().int().nullable().describe('保存到的机关；null 为匿名检查'),
    expiresAt: z.string().nullable().describe('匿名检查的删除时间（ISO 8601）；机关保存的报告为 null'),
    agency: z.string().nullable(), year: z.number().int().nullable(), errorCount: z.number().int(),
    warningCount: z.number().int(), parseWarningCount: z.number().int(), previousReportId: z.number().int().nullable(),
    alreadyChecked: z.boolean().describe('true：同一文件（内容相同）已检查过且结果相同，未重复保存；reportId 为当时的检查'),
    earlierReportId: z.number().int().nullable().describe('同一文件以前检查过、这次结果不同（如补充了上一年度报告）而重新检查时，以前那次检查的编号'),
    earlierRef: z.string().nullable().describe('以前那次检查的地址段（同 ref）'),
  }),
  z.object({
    ok: z.literal(false), fileName: z.string(), role: z.enum(['report', 'previous']),
    error: z.object({ code: z.string(), message: z.string() })
      .describe('report.file_type、report.unreadable 等：未能读取；report.previous_not_used：上一年度报告不是同一机关前一年度的，未使用也未保存'),
  }),
]);
const checkedReportSchema = z.object({
  id: z.number().int(),
  ref: z.string().describe('地址段：匿名检查为访问密钥（32 位十六进制），机关保存的报告为编号'),
  url: z.string().describe('检查结果页的完整地址'),
  agencyId: z.number().int().nullable().describe('保存到的机关；null 为匿名检查'),
  accessKey: z.string().nullable().describe('匿名检查的访问密钥：结果只能凭它打开'),
  expiresAt: z.string().nullable().describe('匿名检查的删除时间（ISO 8601，保留 24 小时）'),
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  format: z.enum(REPORT_FORMATS),
  agencyKind: z.enum(AGENCY_KINDS).nullable(),
  publishedOn: z.string().nullable(),
  source: z.object({ fileName: z.string(), kind: z.string(), sha256: z.string(), size: z.number().int() }),
  report: z.record(z.string(), z.unknown()).describe('规范 JSON（shared/spec/annual-report.md）'),
  findings: z.array(findingSchema),
  warnings: z.array(parseWarningSchema),
  previousReportId: z.number().int().nullable(),
  createdAt: z.string().describe('ISO 8601'),
});
const summarySchema = z.object({
  id: z.number().int(), agencyId: z.number().int(), agencyName: z.string().describe('保存报告的机关（现名）'),
  agency: z.string().nullable().describe('报告中写的机关名称'), year: z.number().int().nullable(), format: z.enum(REPORT_FORMATS),
  sourceFileName: z.string(), errorCount: z.number().int(), warningCount: z.number().int(),
  parseWarningCount: z.number().int(), createdAt: z.string(),
});
const listResponseSchema = z.object({
  total: z.number().int(), items: z.array(summarySchema),
  nextAfter: z.number().int().nullable().describe('下一页：after=此值'), previousBefore: z.number().int().nullable().describe('上一页：before=此值'),
});
const uploadResponseSchema = z.object({ uploadId: z.string(), results: z.array(fileOutcomeSchema), reports: z.array(checkedReportSchema) });
const findingsResponseSchema = z.object({ reportId: z.number().int(), ref: z.string(), findings: z.array(findingSchema), warnings: z.array(parseWarningSchema) });

/** Query of the report list (HTML and API). */
export const listQuerySchema = z.object({
  agency: z.string().trim().max(100, { message: '机关名称最多 100 个字' })
    .refine((v) => !/[\u0000-\u001f\u007f]|[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), { message: '机关名称含有不能查询的控制字符' })
    .optional().transform((v) => v || undefined),
  agencyId: z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return undefined;
      if (!/^[1-9][0-9]{0,15}$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `机关（agencyId）应为机关编号，实际为“${raw.slice(0, 20)}”` });
        return z.NEVER;
      }
      return Number(raw);
    }),
  year: z
    .string()
    .trim()
    .optional()
    .transform((raw, ctx) => {
      if (!raw) return undefined;
      if (!/^\d{4}$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: `年度应为 4 位数字，如 2023，实际为“${raw}”` });
        return z.NEVER;
      }
      const year = Number(raw);
      if (year < 2008 || year > 2100) {
        ctx.addIssue({ code: 'custom', message: `年度应在 2008–2100 之间（条例 2008 年施行），实际为 ${year}` });
        return z.NEVER;
      }
      return year;
    }),
  page: z.coerce.number({ message: '页码应为数字' }).int({ message: '页码应为整数' }).min(1, { message: '页码从 1 开始' }).max(100_000).optional().default(1),
  limit: z.coerce.number({ message: 'limit 应为数字' }).int().min(1, { message: 'limit 至少为 1' }).max(200, { message: 'limit 最多为 200' }).optional().default(50),
  offset: z.coerce.number({ message: 'offset 应为数字' }).int().min(0, { message: 'offset 不能为负数' }).optional(),
  after: z.coerce.number({ message: 'after 应为报告编号' }).int({ message: 'after 应为报告编号' }).min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  before: z.coerce.number({ message: 'before 应为报告编号' }).int({ message: 'before 应为报告编号' }).min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Parses a query with a schema or throws ValidationError naming the fields. */
export function parseQuery<T extends z.ZodType>(schema: T, query: Record<string, string>): z.output<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new ValidationError('request.invalid_query', `查询条件有误：${fields.map((f) => f.message).join('；')}`, { fields });
  }
  return parsed.data;
}

/**
 * Files one upload may hold: a person checks a handful, an evaluator a folder of tens; more goes
 * through `gongkai report validate DIR`. Without a cap, one request of 10,000 tiny parts stored
 * 2,000 reports.
 */
export const MAX_FILES_PER_UPLOAD = 50;

/** The upload form as read. */
export interface UploadForm {
  files: UploadedFile[];
  previous: UploadedFile | undefined;
  /** Where to keep the checks (store for an agency, or only check). */
  keeping: KeepingFields;
}

/** Reads the upload form: `files` (one or many), `previous` (optional), `store` and `agencyId`. Empty inputs are skipped. */
export async function readUploadForm(c: Context<AppEnv>): Promise<UploadForm> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch (error) {
    throw new ValidationError('report.bad_form', '无法读取上传的表单：请使用 multipart/form-data 提交，文件字段名为 files。', { reason: (error as Error).message });
  }
  const count = (value: unknown) => (Array.isArray(value) ? value.length : value === undefined ? 0 : 1);
  if (count(body['files']) > MAX_FILES_PER_UPLOAD || count(body['previous']) > 1) {
    throw new ValidationError('report.too_many_files',
      `一次最多上传 ${MAX_FILES_PER_UPLOAD} 个年度报告文件和 1 个上一年度报告文件（这次有 ${count(body['files'])} 个和 ${count(body['previous'])} 个）：请分几次上传，或用命令行 gongkai report validate 检查整个文件夹。`,
      { field: 'files', max: MAX_FILES_PER_UPLOAD });
  }
  const toFiles = async (value: unknown): Promise<UploadedFile[]> => {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    const files = list.filter((v): v is File => v instanceof File && (v.name !== '' || v.size > 0));
    return Promise.all(files.map(async (f) => ({ name: f.name || '未命名文件', bytes: new Uint8Array(await f.arrayBuffer()) })));
  };
  const [files, previous] = await Promise.all([toFiles(body['files']), toFiles(body['previous'])]);
  const text = (value: unknown): string | undefined => {
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first.slice(0, 100) : undefined;
  };
  return { files, previous: previous[0], keeping: { store: text(body['store']), agencyId: text(body['agencyId']) } };
}

/** The agency filter of a list, which must be one the reader may see. */
export function agencyFilterIn(scope: 'all' | readonly number[], agencyId: number | undefined): number | undefined {
  if (agencyId === undefined || scope === 'all' || scope.includes(agencyId)) return agencyId;
  const message = '所选机关（agencyId）不在您可以查看的范围内';
  throw new ValidationError('request.invalid_query', `查询条件有误：${message}`, { fields: [{ field: 'agencyId', message }] });
}

/** A stored report as the API shows it (`origin`: the site's, for its page's full address). */
export function toReportJson(r: CheckedReport, origin: string): z.output<typeof checkedReportSchema> {
  return {
    id: r.id, ref: r.ref, url: `${origin}/reports/${r.ref}`, agencyId: r.agencyId, accessKey: r.accessKey, expiresAt: r.expiresAt?.toISOString() ?? null,
    agency: r.agency, year: r.year, format: r.format, agencyKind: r.agencyKind, publishedOn: r.publishedOn,
    source: { fileName: r.sourceFileName, kind: r.sourceKind, sha256: r.sourceSha256, size: r.sourceSize },
    report: r.canonical as unknown as Record<string, unknown>, findings: r.findings, warnings: r.warnings,
    previousReportId: r.previousReportId, createdAt: r.createdAt.toISOString(),
  };
}

/** The API's base path. */
const API = '/api/v1/reports';

/** The API routes. */
export function reportApiRoutes(services: Services, uploadLimit: MiddlewareHandler, importer: ReportImporter): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  const guards = reportGuards(services);
  api.post(API, PUBLIC, uploadLimit, async (c) => {
    const form = await readUploadForm(c);
    const keeping = await keepingFor(services, c.get('viewer'), form.keeping);
    if (form.files.length === 0) {
      throw new ValidationError('report.no_files', '请至少上传一个年度报告文件（字段名 files）。', { field: 'files' });
    }
    const outcome = await checkAndStoreFiles(services.db, { ...form, keeping, actor: actorOf(c), ip: c.get('clientIp') }, services.logger, importer);
    const checked = outcome.results.filter((r) => r.ok && r.role === 'report');
    if (checked.length === 0) {
      const reasons = outcome.results.map((r) => (r.ok ? '' : `${r.fileName}：${r.error.message}`)).filter(Boolean);
      throw new ValidationError('report.none_checked', `上传的年度报告都未能检查，没有保存任何报告。${reasons.join('；')}`, { uploadId: outcome.uploadId, results: outcome.results }, 422);
    }
    const reports = await Promise.all(outcome.results.flatMap((r) => (r.ok ? [getReportOrThrow(services.db, r.ref)] : [])));
    // 201 when a check was stored; 200 when every file had been checked before (nothing new).
    const status = outcome.results.some((r) => r.ok && !r.alreadyChecked) ? 201 : 200;
    return c.json({ uploadId: outcome.uploadId, results: outcome.results, reports: reports.map((r) => toReportJson(r, c.get('origin'))) }, status);
  });
  api.get(API, guards.list, async (c) => {
    const q = parseQuery(listQuerySchema, c.req.query());
    const scope = c.get('scope');
    const { total, items, nextAfter, previousBefore } = await listReports(services.db, {
      ...listScopeOf(c), agencyId: agencyFilterIn(scope, q.agencyId), agencyName: q.agency, year: q.year, limit: q.limit, offset: q.offset ?? 0, after: q.after, before: q.before,
    });
    return c.json({ total, items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })), nextAfter: nextAfter ?? null, previousBefore: previousBefore ?? null });
  });
  api.get(`${API}/:ref{[0-9a-f]+}`, guards.report, async (c) => c.json(toReportJson(await getReportOrThrow(services.db, c.req.param('ref')), c.get('origin'))));
  api.get(`${API}/:ref{[0-9a-f]+}/findings`, guards.report, async (c) => {
    const r = await getReportOrThrow(services.db, c.req.param('ref'));
    return c.json({ reportId: r.id, ref: r.ref, findings: r.findings, warnings: r.warnings });
  });
  // The paths before accounts: the same operation under /api/v1 (308 keeps the method and the body).
  api.on(['GET', 'POST'], ['/api/reports', '/api/reports/*'], PUBLIC, (c) => {
    const url = new URL(c.req.url);
    return c.redirect(`/api/v1${url.pathname.slice('/api'.length)}${url.search}`, 308);
  });
  return api;
}

const refParameter = {
  name: 'ref', in: 'path', required: true, schema: { type: 'string', pattern: '^([0-9a-f]{32}|[1-9][0-9]*)$' },
  description: '报告的地址段：匿名检查为访问密钥（32 位十六进制），机关保存的报告为编号',
};

/** How the API is authorised, said in every operation (the platform's document has no security schemes). */
const BEARER = '认证：请求头 Authorization: Bearer 令牌（个人令牌在“我的账号”页面或用 gongkai token create 创建）。';
const READ_ACCESS = `${BEARER}匿名检查凭访问密钥即可读取（不需令牌，保留 24 小时）；机关保存的报告需要对该机关有“查看本机关的记录”权限，其他机关的报告答复 404。`;

/** OpenAPI path items of the API. */
export const reportApiPaths: OpenApiPaths = {
  [API]: {
    post: {
      summary: '上传并检查年度报告（可多个文件）',
      description: '每个文件单独读取、检查并保存；读不出的文件在 results 中给出中文原因，不影响其他文件。'
        + '不带令牌（或不给 agencyId）时为匿名检查：结果只保留 24 小时，只能凭返回的 accessKey（地址 url）读取，不出现在任何列表中，只与一并上传的上一年度报告核对。'
        + `带令牌并给出 agencyId 时保存为该机关的年度报告（需要对该机关有“办理和保存本机关的记录”权限，否则其他机关 404、本机关 403），并自动与该机关已保存的上一年度报告核对。${BEARER}`
        + '上传的上一年度报告只在它是同一机关前一年度的报告时使用并保存，否则在 results 中说明原因（report.previous_not_used）。'
        + '内容相同的文件以前检查过（同一机关，或 24 小时内的匿名检查）且结果相同时不重复保存，results 中 alreadyChecked 为 true，reportId 与 ref 为当时的检查。'
        + '状态码：201 至少保存了一份新的检查结果（其他文件可能未能读取，见 results）；200 所有报告都已检查过，没有新保存；'
        + '422 没有一个年度报告能检查（error.code 为 report.none_checked，error.details 中有 uploadId 和各文件的 results）。',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: {
                files: { type: 'array', items: { type: 'string', format: 'binary' }, description: '年度报告：txt、md、html、htm、pdf、docx、xlsx、json' },
                previous: { type: 'string', format: 'binary', description: '可选：上一年度报告' },
                agencyId: { type: 'integer', minimum: 1, description: '可选（需令牌）：保存到的机关编号；不给则为匿名检查' },
              },
              required: ['files'],
            },
          },
        },
      },
      responses: {
        '201': jsonResponse('至少保存了一份新的检查结果：各文件的结果，以及检查过的报告（匿名检查带 accessKey、expiresAt 和 url）', uploadResponseSchema),
        '200': jsonResponse('所有报告文件都已检查过且结果相同，没有新保存：各文件的结果（alreadyChecked），以及当时的检查', uploadResponseSchema),
        '400': errorResponse('没有文件、表单无法读取，或 agencyId 有误（details.fields）'),
        '401': errorResponse('给了 agencyId 但没有令牌，或令牌无效'),
        '403': errorResponse('来自其他网站的浏览器提交，或对本机关没有保存报告的权限'),
        '404': errorResponse('agencyId 不是您可以保存报告的机关'),
        '413': errorResponse('上传内容超过大小上限'),
        '422': errorResponse('没有一个年度报告能检查（report.none_checked）：details.results 给出各文件的原因，details.uploadId 为这次上传'),
      },
    },
    get: {
      summary: '机关保存的报告列表',
      description: `需要令牌：列出您可以查看的机关（本机关；监督员为所辖各机关）保存的报告，按机关、年度（新的在前）排列，带错误、提醒数。匿名检查不在列表中。${BEARER}`,
      parameters: [
        { name: 'agencyId', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '只列这个机关的（须在您可以查看的范围内）' },
        { name: 'agency', in: 'query', schema: { type: 'string', maxLength: 100 }, description: '只列名称（现名）含有这些文字的机关的' },
        { name: 'year', in: 'query', schema: { type: 'integer', minimum: 2008, maximum: 2100 }, description: '报告年度' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        { name: 'after', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '下一页：上一次回答的 nextAfter' },
        { name: 'before', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '上一页：上一次回答的 previousBefore' },
      ],
      responses: {
        '200': jsonResponse('按机关、年度排列的报告及错误、提醒数', listResponseSchema),
        '400': errorResponse('查询条件有误'),
        '401': errorResponse('没有令牌或令牌无效'),
        '403': errorResponse('没有查看任何机关记录的权限'),
      },
    },
  },
  [`${API}/{ref}`]: {
    get: {
      summary: '一份已检查的报告：规范 JSON、发现的问题、读取疑点',
      description: READ_ACCESS,
      parameters: [refParameter],
      responses: {
        '200': jsonResponse('已检查的报告', checkedReportSchema),
        '401': errorResponse('机关保存的报告：没有令牌'),
        '404': errorResponse('没有这份报告、匿名检查已过期，或您无权查看'),
      },
    },
  },
  [`${API}/{ref}/findings`]: {
    get: {
      summary: '一份报告发现的问题',
      description: READ_ACCESS,
      parameters: [refParameter],
      responses: {
        '200': jsonResponse('发现的问题和读取疑点', findingsResponseSchema),
        '401': errorResponse('机关保存的报告：没有令牌'),
        '404': errorResponse('没有这份报告、匿名检查已过期，或您无权查看'),
      },
    },
  },
};
