/**
 * The OpenAPI description of the annual report API (api-routes.ts), in Chinese for the people who
 * call it. The request bodies are the zod schemas the routes check (api-input.ts).
 */
import { z } from 'zod';
import { BEARER_SECURITY, errorResponse, jsonResponse, jsonSchema } from '../platform/http/openapi.ts';
import type { OpenApiPaths } from '../platform/http/types.ts';
import { sentenceBody, stepBody } from './api-input.ts';
import { REPORT_STATES } from './core/workflow.ts';
import { STATUS_STATES } from './status.ts';

const date = z.string().describe('日期 YYYY-MM-DD');
const statusRow = z.object({
  agencyId: z.number().int(), agency: z.string().describe('机关名称'), agencyKind: z.enum(['government', 'department']).describe('人民政府或部门'),
  parentId: z.number().int().nullable().describe('上级机关（所问的人民政府本身为 null）'),
  state: z.enum(STATUS_STATES).describe('missing 尚未编制；draft 起草中；submitted 已报送待审查；returned 已退回修改；accepted 审查通过待发布；published 已发布（含更正中）'),
  submittedOn: date.nullable(), acceptedOn: date.nullable(), publishedOn: date.nullable().describe('首次发布日期'),
  dueOn: date.describe('条例第四十九条的发布期限：部门次年1月31日，人民政府次年3月31日'),
  late: z.boolean().describe('发布晚于期限，或期限已过仍未发布'),
  findings: z.object({ error: z.number().int(), warning: z.number().int() }).describe('最近一次起草或报送时按年报规则检查发现的问题数'),
});
const finding = z.object({ rule: z.string(), severity: z.enum(['error', 'warning']), cells: z.array(z.string()), message: z.string() });
const version = z.object({ versionNo: z.number().int().describe('1 为首次发布，2 起为更正'), publishedOn: date, correction: z.string().nullable().describe('更正说明（首次发布为 null）') });
const workspace = z.object({
  agencyId: z.number().int(), agency: z.string(), year: z.number().int(),
  state: z.enum(['missing', ...REPORT_STATES]).describe('missing 尚未编制；draft；submitted；returned；accepted；published；correcting 更正中'),
  version: z.number().int().describe('版本号：办理时带上 version，以免覆盖他人的修改（0：尚未保存）'),
  basis: z.enum(['records', 'manual']).describe('records 表格由记录统计；manual 平台启用前的年度，数字手工填写'),
  round: z.number().int().describe('已报送次数'), supervised: z.boolean().describe('有上级人民政府审查（否则由负责人直接发布）'),
  dueOn: date, submittedOn: date.nullable(), acceptedOn: date.nullable(), publishedOn: date.nullable(),
  report: z.record(z.string(), z.unknown()).describe('报告的规范 JSON（shared/spec/annual-report.md）：起草中为按记录和修改即时起草的报告；报送后为报送时的报告；发布后为最新发布的版本'),
  findings: z.array(finding),
  sentences: z.record(z.string(), z.array(z.object({ id: z.string(), text: z.string(), drafted: z.string(), edited: z.boolean(), stale: z.boolean(), facts: z.array(z.unknown()) })))
    .describe('六部分的句子：id、现在的文字、按记录起草的原句、是否修改过、修改后记录又变了（stale）、句中数字的来源'),
  comments: z.array(z.object({ round: z.number().int(), target: z.string(), text: z.string(), author: z.string(), createdAt: z.string() })).describe('审查意见'),
  versions: z.array(version).describe('已发布的各版本（第一版始终保留）'),
});
const stepAnswer = z.object({ state: z.enum(REPORT_STATES), version: z.number().int(), versions: z.array(version) });

const jsonBodyOf = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema) } } });
const reportParameters = [
  { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '机关编号' },
  { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2008 }, description: '报告年度（不晚于今年）' },
];
const STAFF = '认证：请求头 Authorization: Bearer 令牌（或工作人员登录后的会话），需要对该机关有“查看本机关的记录”权限（本机关人员，或上级人民政府的监督员）；其他机关答复 404。';
const REPORT_ERRORS = {
  '400': errorResponse('请求体不是 JSON，或字段有误（details.fields 逐项给出字段和中文说明）；年度超出 2008 至今年'),
  '401': errorResponse('没有令牌或令牌无效'), '404': errorResponse('没有这个机关，或您无权查看'),
};

/** OpenAPI path items of the annual report API. */
export const workspaceApiPaths: OpenApiPaths = {
  '/api/v1/supervision/{governmentId}/status': {
    get: {
      summary: '人民政府所属各机关某一年度政府信息公开工作年度报告的状态（监督员）',
      description: '认证：Bearer 令牌，需要对该人民政府有“审查所属机关的年度报告”权限（监督员）。每个机关一项，人民政府本身在前：状态、报送、审查通过和发布日期、是否逾期、检查发现的错误和警告数。',
      security: BEARER_SECURITY,
      parameters: [
        { name: 'governmentId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '人民政府的编号' },
        { name: 'year', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9]{4}$' }, description: '报告年度，如 2025' },
      ],
      responses: {
        '200': jsonResponse('每个机关一项', z.array(statusRow)), '400': errorResponse('缺少或写错 year（details.fields）'),
        '401': errorResponse('没有令牌或令牌无效'), '403': errorResponse('本机关人员但不是监督员'), '404': errorResponse('没有这个机关，或您无权查看'),
      },
    },
  },
  '/api/v1/agencies/{id}/annual-reports/{year}': {
    get: {
      summary: '机关某一年度的年度报告（编制中、报送、审查、发布的状态，报告全文，检查结果，审查意见，已发布的版本）',
      description: STAFF, security: BEARER_SECURITY, parameters: reportParameters,
      responses: { '200': jsonResponse('年度报告', workspace), ...REPORT_ERRORS },
    },
  },
  '/api/v1/agencies/{id}/annual-reports/{year}/steps': {
    post: {
      summary: '办理年度报告的一步：报送、退回修改（逐格意见）、审查通过、发布、发起更正',
      description: `${STAFF}谁可以办理哪一步由报告的流程决定：报送由本机关经办人或负责人，退回修改和审查通过由上级人民政府的监督员，发布和更正由本机关负责人。角色不符答复 403；与现在的状态冲突或版本已过时答复 409；报告还有错误时不能报送或发布（422）。发布后报告在门户网站公开，并作为一条主动公开信息（第二十条）存入目录；更正作为新的版本公开，第一版保留。`,
      security: BEARER_SECURITY, parameters: reportParameters, requestBody: jsonBodyOf(stepBody),
      responses: {
        '200': jsonResponse('办理后的状态和版本号', stepAnswer), ...REPORT_ERRORS,
        '403': errorResponse('角色不符'), '409': errorResponse('与现在的状态冲突，或版本已过时（report.stale）'), '422': errorResponse('报告还有错误（report.has_errors）'),
      },
    },
  },
  '/api/v1/agencies/{id}/annual-reports/{year}/sentences': {
    post: {
      summary: '修改年度报告中按记录起草的一句话（或恢复原句）',
      description: `${STAFF}修改须由本机关经办人或负责人，且报告处于起草中、已退回或更正中。`,
      security: BEARER_SECURITY, parameters: reportParameters, requestBody: jsonBodyOf(sentenceBody),
      responses: {
        '200': jsonResponse('修改后的年度报告', workspace), ...REPORT_ERRORS,
        '403': errorResponse('不是本机关经办人或负责人'), '409': errorResponse('报告现在不能修改，或版本已过时'),
      },
    },
  },
};
