/**
 * The OpenAPI description of the catalog's item API (api-routes.ts), built from zod schemas, in
 * Chinese for the people who call it.
 */
import { z } from 'zod';
import { ARTICLE21_ITEMS } from '../law/taxonomy.ts';
import { BEARER_SECURITY, errorResponse, jsonResponse, jsonSchema, OPTIONAL_BEARER_SECURITY } from '../platform/http/openapi.ts';
import type { OpenApiPaths } from '../platform/http/types.ts';
import { ITEMS_API } from './api-routes.ts';
import { MAX_BODY_LENGTH } from './body-html.ts';
import { DEFAULT_INDEX_PATTERN } from './core/index-number.ts';
import { PERSONAL_DATA_KINDS } from './core/personal-data-scan.ts';
import { ATTRIBUTES, EVENT_TYPES, GENRES, ITEM_STATUSES, TOPICS, VALIDITIES } from './model.ts';
import { WORKFLOW_STEP_TYPES } from './workflow.ts';

const date = z.string().describe('日期 YYYY-MM-DD');
const createBody = z.object({
  agencyId: z.number().int().min(1).describe('发布机关的编号（须为您有经办人或负责人角色的机关）'),
  title: z.string().min(2).max(200).describe('标题'),
  docNo: z.string().min(2).max(60).nullable().describe('文号，如 太文旅发〔2023〕5号；没有文号写 null'),
  formedOn: date.describe('成文日期（信息形成或变更之日）：主动公开期限自此日起算 20 个工作日（第二十六条）'),
  body: z.string().max(MAX_BODY_LENGTH).describe('正文（HTML）。保存前按白名单清理：只保留标题、段落、列表、表格、链接（http、https、mailto、相对地址）、图片（http、https、相对地址）和加粗倾斜等；script、事件属性（on…）、style、javascript: 地址一律去掉'),
  article20Item: z.number().int().min(1).max(15).nullable().describe('条例第二十条第（一）至（十五）项的序号；不属于第二十条的写 null'),
  topic: z.enum(TOPICS).nullable().describe('主题分类'),
  genre: z.enum(GENRES).optional().describe('体裁（默认 其他文件）：规章、行政规范性文件计入年度报告表二；政策解读 是对政策文件的解读'),
  publisher: z.string().min(2).max(100).optional().describe('发布机构（默认为发布机关的名称）'),
  article21Item: z.enum(ARTICLE21_ITEMS).nullable().optional().describe('条例第二十一条的事项（设区的市级、县级人民政府及其部门）'),
  disclosureMode: z.string().max(50).optional().describe('公开方式（默认 政府网站）'),
  disclosureScope: z.string().max(50).optional().describe('公开范围（默认 面向社会）'),
  relatedIds: z.array(z.number().int().min(1)).max(20).optional().describe('相关信息的编号：政策解读所解读的文件'),
});
const createdSchema = z.object({ id: z.number().int().describe('信息的编号（工作人员接口用）'), indexNo: z.string().describe(`索引号（按本机关的格式生成，默认 ${DEFAULT_INDEX_PATTERN}），此后不再改变`) });
const stepBody = z.object({
  type: z.enum(WORKFLOW_STEP_TYPES as [string, ...string[]]).describe('步骤：submitted 提交审核（经办人、负责人）；attributeReviewed 公开属性审核（审核人、负责人）；secrecyChecked 保密审查（审核人、负责人，起草人以外的人）；signed 签发（负责人）；returned 退回修改（审核中的任一环节）；withdrawn 撤回已发布的信息（负责人）；validityChanged 变更有效性（经办人、负责人）'),
  decision: z.enum(ATTRIBUTES).optional().describe('attributeReviewed：主动公开（进入保密审查）、依申请公开或不予公开（不发布，须写理由）'),
  reason: z.string().max(1000).optional().describe('理由：returned、withdrawn 以及 依申请公开、不予公开 时必填'),
  justification: z.string().max(1000).optional().describe('secrecyChecked：正文或附件含个人信息仍予公开的理由；不写则签发时发现个人信息一律拒绝（422）'),
  validity: z.enum(VALIDITIES).optional().describe('validityChanged：valid 有效、expired 失效、repealed 废止'),
  date: date.optional().describe('validityChanged：失效或废止之日'),
  version: z.number().int().optional().describe('您看到的版本号（version）：其间被他人修改时答复 409'),
});
const findingSchema = z.object({ kind: z.enum(PERSONAL_DATA_KINDS), masked: z.string().describe('打码后的号码'), context: z.string() });
const metadata = {
  indexNo: z.string(), title: z.string(), docNo: z.string().nullable(), agencyId: z.number().int(), agency: z.string().describe('发布机关'),
  publisher: z.string().describe('发布机构'), formedOn: date.describe('成文日期'), publishedOn: date.nullable().describe('发布日期'),
  topic: z.string().nullable().describe('主题分类'), genre: z.string().describe('体裁'),
  article20Item: z.number().int().nullable().describe('第二十条第几项（1–15）'), article20Label: z.string().nullable(),
  article21Item: z.string().nullable(), article21Label: z.string().nullable(), disclosureMode: z.string(), disclosureScope: z.string(),
  validity: z.enum(VALIDITIES), validityLabel: z.string().describe('有效、失效、废止'), validityChangedOn: date.nullable(),
};
const metadataSchema = z.object({
  ...metadata,
  url: z.string().describe('信息页面 /items/{索引号}（索引号按 URL 编码，/ 写作 %2F）'),
  attachments: z.array(z.object({ fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), url: z.string() })),
  related: z.array(z.object({ indexNo: z.string(), title: z.string(), genre: z.string(), url: z.string() })).describe('相关的已发布信息（政策解读与其解读的文件）'),
});
const viewSchema = z.object({
  ...metadata,
  id: z.number().int(), status: z.enum(ITEM_STATUSES), statusLabel: z.string(),
  publishDue: date.describe('主动公开期限（成文日期起 20 个工作日，第二十六条）'), publishDueProvisional: z.boolean(),
  attribute: z.enum(ATTRIBUTES).nullable(), attributeReason: z.string().nullable(), personalDataJustification: z.string().nullable(),
  authorId: z.number().int().nullable(), version: z.number().int().describe('版本号：办理时带上 version，以免覆盖他人的修改'),
  body: z.string().describe('清理后的正文 HTML'), url: z.string().nullable().describe('发布后的信息页面'),
  events: z.array(z.object({
    type: z.enum(EVENT_TYPES), label: z.string(), actor: z.string().describe('办理人'), actorId: z.number().int().nullable(), onDay: date, at: z.string(),
    decision: z.string().nullable(), reason: z.string().nullable(), details: z.record(z.string(), z.unknown()).describe('提交审核时：sensitiveWords（敏感词）、personalData（个人信息，已打码）'),
  })),
  attachments: z.array(z.object({ id: z.number().int(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), hasText: z.boolean() })),
  related: z.array(z.object({ id: z.number().int(), indexNo: z.string(), title: z.string(), genre: z.string(), status: z.enum(ITEM_STATUSES), direction: z.enum(['interprets', 'interpretedBy']), relation: z.string() })),
  personalData: z.array(findingSchema).describe('正文和附件中现在找到的个人信息（打码）'),
  sensitiveWords: z.array(z.object({ word: z.string(), count: z.number().int(), context: z.string() })),
});

const jsonBodyOf = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema) } } });
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: '信息的编号（POST /api/v1/items 答复的 id）' };
const STAFF = '认证：请求头 Authorization: Bearer 令牌（或工作人员登录后的会话）。需要对本条信息所属机关有“查看本机关的记录”权限；其他机关的信息答复 404。';
const ITEM_ERRORS = { '401': errorResponse('没有令牌或令牌无效'), '404': errorResponse('没有这条信息，或它属于您无权查看的机关') };

/** OpenAPI path items of the item API. */
export const itemApiPaths: OpenApiPaths = {
  [ITEMS_API]: {
    post: {
      summary: '起草一条主动公开信息（草稿）',
      description: '认证：Bearer 令牌或会话，需要该机关的经办人或负责人角色。系统按本机关的格式生成索引号，并按成文日期计算主动公开期限。每个字段都核对，错误逐项给出（details.fields）；有错误时什么也不保存。',
      security: BEARER_SECURITY,
      requestBody: jsonBodyOf(createBody),
      responses: {
        '201': jsonResponse('已保存为草稿：编号和索引号', createdSchema), '400': errorResponse('请求体不是 JSON'),
        '401': errorResponse('没有令牌或令牌无效'), '403': errorResponse('本机关人员但没有经办人或负责人角色'),
        '404': errorResponse('没有这个机关（agencyId），或您无权为它起草'), '422': errorResponse('字段有误：details.fields 逐项给出字段（field）和中文说明（message）'),
      },
    },
  },
  [`${ITEMS_API}/{id}/events`]: {
    post: {
      summary: '办理审核的一步（提交、公开属性审核、保密审查、签发、退回修改、撤回、变更有效性）',
      description: `${STAFF}每一步在一个事务中按审核规则核对、保存并写入审计日志。不合规则的一步答复 403（角色不符，如签发须由负责人办理）、409（与信息现在的状态冲突；起草人本人做保密审查；version 已过时）或 422（缺少决定或理由；签发时正文或附件中有个人信息而保密审查未写明公开理由，details.personalData 列出打码后的号码），error.message 说明原因。签发后信息即发布。`,
      security: BEARER_SECURITY,
      parameters: [idParameter],
      requestBody: jsonBodyOf(stepBody),
      responses: {
        '200': jsonResponse('办理后的信息', viewSchema), '400': errorResponse('请求体不是 JSON'), ...ITEM_ERRORS,
        '403': errorResponse('角色不符'), '409': errorResponse('与现在的状态冲突、起草人本人保密审查，或版本已过时（catalog.stale）'),
        '422': errorResponse('字段有误，缺少决定、理由或日期，或发现个人信息（catalog.personal_data）'),
      },
    },
  },
  [`${ITEMS_API}/{id}/staff`]: {
    get: {
      summary: '一条信息的全部内容（工作人员）：状态、审核过程、附件、敏感词和个人信息检查结果',
      description: STAFF, security: BEARER_SECURITY, parameters: [idParameter],
      responses: { '200': jsonResponse('信息', viewSchema), ...ITEM_ERRORS },
    },
  },
  [`${ITEMS_API}/{indexNo}`]: {
    get: {
      summary: '按索引号查看一条已发布信息的元数据（公开）',
      description: '不需要令牌。只有已发布的信息：草稿、审核中、不主动公开和已撤回的一律答复 404。索引号含“/”，可以写作 %2F，也可以原样写在路径中。',
      security: OPTIONAL_BEARER_SECURITY,
      parameters: [{ name: 'indexNo', in: 'path', required: true, schema: { type: 'string' }, description: '索引号，如 11211000MB1234567X%2F2024-00005' }],
      responses: { '200': jsonResponse('信息的元数据', metadataSchema), '404': errorResponse('没有这个索引号的已发布信息') },
    },
  },
};
