/**
 * The OpenAPI 3.1 document of the JSON API, assembled from what each room documents.
 */
import { z } from 'zod';
import type { OpenApiPaths } from './types.ts';

/** The error body of every API error response. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().describe('稳定的错误代码，如 report.not_found'),
    message: z.string().describe('给人看的中文说明'),
    details: z.unknown().describe('补充信息（可为 null）'),
  }),
});

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of a zod schema. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as Record<string, unknown>;
  return rest;
}

/** A response object with a JSON body. */
export function jsonResponse(description: string, schema: z.ZodType | { $ref: string }): Record<string, unknown> {
  const body = schema instanceof z.ZodType ? jsonSchema(schema) : schema;
  return { description, content: { 'application/json': { schema: body } } };
}

/** The standard error response (`{ error: { code, message, details } }`). */
export function errorResponse(description: string): Record<string, unknown> {
  return jsonResponse(description, { $ref: '#/components/schemas/Error' });
}

/** Builds the document from the rooms' paths. */
export function buildOpenApiDocument(paths: OpenApiPaths): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongkai 公开 API',
      version: '0.1.0',
      description: '政府信息公开年度报告检查等功能的 JSON 接口（/api/v1）。错误统一返回 { "error": { "code", "message", "details" } }。'
        + '需要登录的接口使用 API 令牌：请求头 Authorization: Bearer gk_…（在“我的账号”页面或用 gongkai token create 创建）；令牌代表其所属人员，权限与该人员相同。',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBodySchema) },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API 令牌（gk_ 开头）' } },
    },
  };
}

/** The `security` of an operation that needs an API token (`Authorization: Bearer …`). */
export const BEARER_SECURITY = [{ bearer: [] }];
/** The `security` of an operation open to anyone, with or without a token. */
export const OPTIONAL_BEARER_SECURITY = [{}, { bearer: [] }];
