/**
 * The OpenAPI description of the applications API (api-routes.ts), built from zod schemas: each path,
 * its parameters and bodies, its answers and their error codes, in Chinese for the people who call it.
 */
import { z } from 'zod';
import { AGENCY_KINDS } from '../law/agency-kinds.ts';
import { APPLICANT_KINDS } from '../law/applicant-kinds.ts';
import { OUTCOME_CODES } from '../law/outcomes.ts';
import { CHANNEL_LABELS, CHANNELS } from '../law/taxonomy.ts';
import { BEARER_SECURITY, errorResponse, jsonResponse, jsonSchema, OPTIONAL_BEARER_SECURITY } from '../platform/http/openapi.ts';
import type { OpenApiPaths } from '../platform/http/types.ts';
import { ID_TYPES } from './id-numbers.ts';
import { DELIVERIES, EVENT_TYPES, PROVISIONS } from './input.ts';
import { CASE_STATUSES, DELIVERY_METHODS } from './model.ts';
import { APPEAL_KINDS, APPEAL_RESULTS, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS } from './statistics.ts';

const API = '/api/v1/applications';

const date = z.string().describe('日期 YYYY-MM-DD');
const applicantSchema = z.object({
  kind: z.enum(APPLICANT_KINDS).describe('申请人类型：naturalPerson 自然人；commercial 商业企业、research 科研机构、socialWelfare 社会公益组织、legalService 法律服务机构、otherOrg 其他法人或其他组织（也可写中文名称）'),
  name: z.string().max(100).describe('姓名或名称'),
  idType: z.enum(ID_TYPES).describe('身份证明类型（也可写中文：身份证、护照、统一社会信用代码……）；自然人不用统一社会信用代码，法人或其他组织用统一社会信用代码或其他'),
  idNumber: z.string().max(50).describe('身份证明号码：身份证按 GB 11643 核对校验码，统一社会信用代码按 GB 32100 核对；加密保存，不在任何回答中出现'),
  phone: z.string().describe('联系电话（查询办理进度时要用到）'),
  address: z.string().max(200).optional().describe('通信地址；获取方式为邮寄时必填'),
  email: z.string().max(100).optional().describe('电子邮箱；获取方式为电子邮件时必填'),
});
const intakeBody = z.object({
  agencyId: z.number().int().min(1).describe('受理机关的编号'),
  applicant: applicantSchema,
  description: z.string().max(4000).describe('所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述'),
  purpose: z.string().max(500).optional().describe('用途（可不填，条例不要求）'),
  provision: z.enum(PROVISIONS).describe('提供形式：paper 纸质、electronic 电子'),
  delivery: z.enum(DELIVERIES).describe('获取方式：post 邮寄、email 电子邮件、pickup 自行领取'),
  channel: z.string().optional().describe(`仅工作人员（令牌，本机关的经办人或负责人）：提交渠道 ${CHANNELS.map((ch) => CHANNEL_LABELS[ch]).join('|')}（也可写代码 ${CHANNELS.join('|')}）；不带令牌给出此项答复 401`),
  submitted: date.optional().describe('仅工作人员：提交日期（默认今天）'),
  confirmed: date.nullable().optional().describe('仅工作人员：收到申请之日（邮寄为签收之日，平常信函、网络、传真为确认之日）；当面提交的不填；未确认的不填，之后用 confirm 步骤记录'),
});
const createdSchema = z.object({ id: z.number().int(), trackingCode: z.string().describe('查询码，如 7KQM-3WZD-P2HX') });
const eventBody = z.object({
  type: z.enum(EVENT_TYPES as [string, ...string[]]).describe('步骤：confirm 确认收到；correctionRequested 告知补正；corrected 收到补正后的申请；thirdPartySent 征求第三方意见；thirdPartyReplied 收到第三方意见；extended 延期（负责人）；feeNoticed 收费通知；feePaid 缴费；replied 答复（负责人记录即为已送达，其他人记录为待审核的答复）；reviewed 审核；signed 签发（负责人）；delivered 送达；withdrawn 申请人撤回'),
  date: date.describe('这一步发生之日（北京时间），不能早于上一步、不能晚于今天'),
  version: z.number().int().optional().describe('您看到的版本号（GET 的 version）：本申请其间被他人修改时答复 409'),
  outcome: z.enum(OUTCOME_CODES).optional().describe('replied：表三的办理结果'),
  onTheSpot: z.boolean().optional().describe('replied：当场答复'),
  reasons: z.string().optional().describe('replied：理由'),
  workingDays: z.number().int().min(1).max(20).optional().describe('extended：延长的工作日数（1–20）'),
  receivedOn: date.optional().describe('thirdPartySent：第三方收到征求意见书之日（默认发出之日）'),
  amountFen: z.number().int().optional().describe('feeNoticed：收费金额（分）'),
  approved: z.boolean().optional().describe('reviewed：审核通过（false 退回）'),
  note: z.string().optional().describe('correctionRequested、reviewed：说明'),
  method: z.enum(DELIVERY_METHODS).optional().describe('delivered：送达方式'),
});
const eventSchema = z.object({
  seq: z.number().int(), type: z.string(), label: z.string(), date, by: z.number().int().nullable(), recordedAt: z.string(),
}).catchall(z.unknown()).describe('一步：编号、类型、日期及这一步的其他字段（outcome、workingDays、method、final……）');
const appealSchema = z.object({ id: z.number().int(), kind: z.enum(APPEAL_KINDS), filedOn: date, decidedOn: date.nullable(), result: z.enum(APPEAL_RESULTS).nullable() });
const caseSchema = z.object({
  id: z.number().int(), trackingCode: z.string(), agencyId: z.number().int(), status: z.enum(CASE_STATUSES), statusLabel: z.string(),
  channel: z.enum(CHANNELS), submitted: date, receiptDate: date.nullable().describe('收到申请之日（第三十一条）；未确认前为 null'),
  correctionNoticeDue: date.nullable(), replyDue: date.nullable().describe('答复期限；未补正（视为放弃）为 null'), extendedReplyDue: date.nullable(),
  thirdPartyOpinionDue: date.nullable(), provisional: z.boolean().describe('期限跨入尚无官方节假日安排的年份，为暂定'),
  explanation: z.array(z.string()), calendarVersion: z.string().nullable(),
  outcome: z.enum(OUTCOME_CODES).nullable(), outcomeLabel: z.string().nullable(), onTheSpot: z.boolean(), closedOn: date.nullable(),
  version: z.number().int().describe('版本号：办理时带上（version），以免覆盖他人的修改'), handlerId: z.number().int().nullable(),
  applicant: z.object({ kind: z.enum(APPLICANT_KINDS), name: z.string(), idType: z.enum(ID_TYPES).nullable(), phone: z.string().nullable(), address: z.string().nullable(), email: z.string().nullable() })
    .describe('申请人；经办人、审核人、负责人以外（如监督员）看到的电话、邮箱部分隐去；身份证明号码不出现'),
  description: z.string(), purpose: z.string().nullable(), provision: z.enum(PROVISIONS), delivery: z.enum(DELIVERIES),
  events: z.array(eventSchema), appeals: z.array(appealSchema),
});
const statusSchema = z.object({
  trackingCode: z.string(), agency: z.string(), status: z.enum(CASE_STATUSES), statusLabel: z.string(), submitted: date,
  receiptDate: date.nullable(), replyDue: date.nullable(), extendedReplyDue: date.nullable(), provisional: z.boolean(), closedOn: date.nullable(),
});
const listSchema = z.object({
  items: z.array(z.object({
    id: z.number().int(), agencyId: z.number().int(), agencyName: z.string(), trackingCode: z.string(), applicantKind: z.enum(APPLICANT_KINDS),
    applicantName: z.string(), status: z.enum(CASE_STATUSES), submitted: date, receiptDate: date.nullable(), dueOn: date.nullable(),
    closedOn: date.nullable(), outcome: z.enum(OUTCOME_CODES).nullable(), handlerId: z.number().int().nullable(), version: z.number().int(),
    urgency: z.enum(['overdue', 'soon']).nullable().describe('overdue 已逾期（红）；soon 3 个工作日内到期（黄）'),
  })),
  nextBefore: z.number().int().nullable().describe('下一页：before=此值'),
});
const cells = z.array(z.number().int()).length(7);
const reportSchema = z.object({
  agency: z.string(), year: z.number().int(), format: z.literal('2021'), agencyKind: z.enum(AGENCY_KINDS),
  table2: z.record(z.string(), z.record(z.string(), z.null())).describe('表二不由申请统计得出：各格为 null（空白）'),
  table3: z.object({ columns: z.array(z.enum(TABLE3_COLUMN_KEYS)), rows: z.object(Object.fromEntries(TABLE3_ROW_KEYS.map((r) => [r, cells]))) }),
  table4: z.object(Object.fromEntries(APPEAL_KINDS.map((k) => [k, z.object({ upheld: z.number().int(), corrected: z.number().int(), other: z.number().int(), pending: z.number().int(), total: z.number().int() })]))),
});
const appealBody = z.object({
  kind: z.enum(APPEAL_KINDS).describe('reconsideration 行政复议；litigationDirect 行政诉讼（未经复议直接起诉）；litigationAfterReconsideration 行政诉讼（复议后起诉）'),
  filedOn: date.describe('提起之日'), decidedOn: date.nullable().optional().describe('审结之日（尚未审结的不填）'),
  result: z.enum(APPEAL_RESULTS).nullable().optional().describe('upheld 结果维持、corrected 结果纠正、other 其他结果（与 decidedOn 同时填写）'),
});
const decisionBody = z.object({ decidedOn: date, result: z.enum(APPEAL_RESULTS) });

const jsonBodyOf = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema) } } });
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '申请的编号' };
const STAFF = '认证：请求头 Authorization: Bearer 令牌。需要对本申请所属机关有“查看本机关的记录”权限；其他机关的申请答复 404。';
const CASE_ERRORS = {
  '401': errorResponse('没有令牌或令牌无效'),
  '404': errorResponse('没有这件申请，或它属于您无权查看的机关'),
};

/** OpenAPI path items of the API. */
export const applicationApiPaths: OpenApiPaths = {
  [API]: {
    post: {
      summary: '提交政府信息公开申请（网上申请，或工作人员录入）',
      description: '任何人不带令牌即可提交：视为通过互联网提交、提交日期为今天，待机关确认收到（第三十一条第三项）。'
        + '带令牌的本机关经办人或负责人还可以给出 channel、submitted、confirmed，录入当面、邮寄、平常信函、传真收到的申请（与 gongkai law deadline 的读法相同）。'
        + '每个字段都核对，错误逐项给出（details.fields）；有错误时什么也不保存。',
      security: OPTIONAL_BEARER_SECURITY,
      requestBody: jsonBodyOf(intakeBody),
      responses: {
        '201': jsonResponse('已收到：编号和查询码（凭查询码和联系电话查询进度）', createdSchema),
        '400': errorResponse('请求体不是 JSON'),
        '401': errorResponse('给出了 channel、submitted 或 confirmed 但没有令牌'),
        '403': errorResponse('本机关人员但没有经办人或负责人角色'),
        '404': errorResponse('没有这个受理机关（agencyId），或已撤销'),
        '422': errorResponse('字段有误：details.fields 逐项给出字段（field）和中文说明（message）'),
      },
    },
    get: {
      summary: '申请列表（本机关；监督员为所辖各机关）',
      description: '按编号从新到旧；给 due 时只列未办结的、按答复期限排列。认证：Bearer 令牌，需要“查看本机关的记录”权限。',
      security: BEARER_SECURITY,
      parameters: [
        { name: 'agencyId', in: 'query', schema: { type: 'integer', minimum: 1 } },
        { name: 'status', in: 'query', schema: { type: 'string', enum: [...CASE_STATUSES] } },
        { name: 'due', in: 'query', schema: { type: 'string', enum: ['soon', 'overdue'] }, description: 'soon：3 个工作日内到期；overdue：已逾期' },
        { name: 'open', in: 'query', schema: { type: 'boolean' }, description: 'true 只列未办结的，false 只列已办结的' },
        { name: 'handlerId', in: 'query', schema: { type: 'integer', minimum: 1 } },
        { name: 'before', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '下一页：上一次回答的 nextBefore' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
      ],
      responses: { '200': jsonResponse('申请', listSchema), '400': errorResponse('查询条件有误'), '401': errorResponse('没有令牌或令牌无效'), '403': errorResponse('没有查看任何机关记录的权限') },
    },
  },
  [`${API}/status`]: {
    get: {
      summary: '申请人查询办理进度（查询码 + 联系电话）',
      description: '不需令牌。只给出状态和日期，不含任何个人信息。查询码或电话不对时一律答复 404（不区分哪一项不对）。',
      security: OPTIONAL_BEARER_SECURITY,
      parameters: [
        { name: 'trackingCode', in: 'query', required: true, schema: { type: 'string' }, description: '查询码（大小写、空格和连字符不限）' },
        { name: 'phone', in: 'query', required: true, schema: { type: 'string' }, description: '申请时填写的联系电话' },
      ],
      responses: { '200': jsonResponse('状态和日期', statusSchema), '400': errorResponse('缺少查询码或电话'), '404': errorResponse('没有与这个查询码和电话对应的申请') },
    },
  },
  [`${API}/{id}`]: {
    get: {
      summary: '一件申请：状态、期限（与 gongkai law deadline 对同样事实给出的日期相同）、办理过程、复议诉讼',
      description: STAFF,
      security: BEARER_SECURITY,
      parameters: [idParameter],
      responses: { '200': jsonResponse('申请', caseSchema), ...CASE_ERRORS },
    },
  },
  [`${API}/{id}/events`]: {
    post: {
      summary: '办理一步（确认收到、补正、征求意见、延期、收费、答复、审核、签发、送达、撤回）',
      description: `${STAFF}记录需要“办理和保存本机关的记录”权限（经办人、负责人）；审核人可以记录审核。每一步在一个事务中按办理规则核对、保存并写入审计日志；不合规则的一步答复 403（角色不符）、409（与申请现在的状态冲突，或 version 已过时：“本申请已被他人修改，请刷新后再办理”）或 422（日期或内容不成立），error.message 说明原因。`,
      security: BEARER_SECURITY,
      parameters: [idParameter],
      requestBody: jsonBodyOf(eventBody),
      responses: {
        '200': jsonResponse('办理后的申请', caseSchema),
        '400': errorResponse('请求体不是 JSON'),
        ...CASE_ERRORS,
        '403': errorResponse('角色不符：如延期、签发须由负责人办理，审核须由审核人或负责人办理，或没有经办人角色'),
        '409': errorResponse('与申请现在的状态冲突，或版本已过时（application.stale）'),
        '422': errorResponse('字段有误（details.fields），或日期、内容不成立'),
      },
    },
  },
  [`${API}/{id}/appeals`]: {
    post: {
      summary: '记录对本申请的行政复议或行政诉讼（表四）',
      description: `${STAFF}需要“办理和保存本机关的记录”权限。`,
      security: BEARER_SECURITY,
      parameters: [idParameter],
      requestBody: jsonBodyOf(appealBody),
      responses: { '201': jsonResponse('记录后的申请（appeals 中有这一项）', caseSchema), '400': errorResponse('请求体不是 JSON'), ...CASE_ERRORS, '403': errorResponse('没有经办人或负责人角色'), '422': errorResponse('字段或日期有误') },
    },
  },
  [`${API}/{id}/appeals/{appealId}/decision`]: {
    post: {
      summary: '记录复议或诉讼的审结',
      description: `${STAFF}需要“办理和保存本机关的记录”权限。`,
      security: BEARER_SECURITY,
      parameters: [idParameter, { name: 'appealId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '复议诉讼的编号（申请的 appeals[].id）' }],
      requestBody: jsonBodyOf(decisionBody),
      responses: { '200': jsonResponse('记录后的申请', caseSchema), ...CASE_ERRORS, '409': errorResponse('已经审结'), '422': errorResponse('字段或日期有误') },
    },
  },
  '/api/v1/agencies/{id}/statistics': {
    get: {
      summary: '由申请统计出的年度报告表三、表四（规范 JSON）',
      description: '按 shared/spec/annual-report.md 的规范 JSON（2021 年格式）给出表三、表四：本年新收与上年结转按收到申请之日，办理结果按答复送达（或撤回）之日，年底未办结的结转下年度；复议诉讼在本年审结的按结果，年底未审结的计入尚未审结。表二不由申请得出，各格为 null。'
        + '认证：Bearer 令牌，需要对该机关有“查看本机关的记录”权限；其他机关答复 404。',
      security: BEARER_SECURITY,
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '机关的编号' },
        { name: 'year', in: 'query', required: true, schema: { type: 'integer', minimum: 2008, maximum: 2100 } },
      ],
      responses: { '200': jsonResponse('规范 JSON 的年度报告（表三、表四）', reportSchema), '400': errorResponse('年度有误'), '401': errorResponse('没有令牌或令牌无效'), '403': errorResponse('本机关但没有查看记录的权限'), '404': errorResponse('没有这个机关，或您无权查看') },
    },
  },
};
