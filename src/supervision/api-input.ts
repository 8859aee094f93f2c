/**
 * The annual report API's input (api-routes.ts), checked with zod: the status list's year, a step's
 * body (comments at a table cell, a section or the report as a whole) and a sentence's edit. Every
 * problem is named with its field in Chinese (`details.fields`), 400. The schemas carry their
 * descriptions, so the OpenAPI document (api-openapi.ts) is made from them.
 */
import { z } from 'zod';
import { ValidationError } from '../platform/errors.ts';
import { isStorableText } from '../platform/storable-text.ts';
import { SECTION_KEYS } from '../report/index.ts';
import { tableCellPaths } from './core/assemble.ts';
import { REPORT_STEPS } from './core/workflow.ts';

/** Where a reviewer's comment points: a cell path, `section.<key>`, or `general` (the report as a whole). */
const TARGETS: ReadonlySet<string> = new Set([...tableCellPaths(), ...SECTION_KEYS.map((k) => `section.${k}`), 'general']);

/** The steps the API takes (editing is `…/sentences`). */
export const API_STEPS = REPORT_STEPS.filter((s) => s !== 'edit') as Exclude<(typeof REPORT_STEPS)[number], 'edit'>[];

const STEP_LABELS: Record<(typeof API_STEPS)[number], string> = {
  submit: '报送', return: '退回修改', accept: '审查通过', publish: '发布', correct: '发起更正',
};

/** Text a person wrote: storable (no NUL, no lone surrogate), at most `max` characters once trimmed. */
const text = (max: number) => z.string().refine(isStorableText, '含有不能保存的字符').transform((v) => v.trim()).pipe(z.string().max(max, `最多 ${max} 个字`));

export const yearQuery = z.object({
  year: z.string({ error: '必须填写报告年度（year=YYYY）' }).regex(/^\d{4}$/, '应为四位数的年度，如 2025').transform(Number).describe('报告年度'),
});

export const stepBody = z.object({
  step: z.enum(API_STEPS as [string, ...string[]], { error: `应为 ${API_STEPS.map((s) => `${s}（${STEP_LABELS[s]}）`).join('、')} 之一` })
    .describe('submit 报送（经办人、负责人）；return 退回修改（上级人民政府的监督员，须写意见）；accept 审查通过（监督员）；publish 发布（负责人；更正中时须写 correction）；correct 对已发布的报告发起更正（负责人）'),
  version: z.number().int().min(0).optional().describe('您看到的版本号（version）：其间被他人修改时答复 409'),
  note: text(2000).optional().describe('说明（退回修改时无逐格意见则必填）'),
  comments: z.array(z.object({
    target: z.string().refine((t) => TARGETS.has(t), '应为表格的一格（如 t3.granted[6]、t4.reconsideration.total）、section.<部分>（如 section.overview）或 general')
      .describe('意见所指：表格的一格（如 t3.granted[6]）、section.<部分>（如 section.overview）或 general（整份报告）'),
    text: text(2000).pipe(z.string().min(1, '必须填写')).describe('意见'),
  }).strict()).max(200, '一次最多 200 条意见').optional().describe('退回修改时的逐格意见'),
  correction: text(2000).optional().describe('更正说明：改了什么、为什么改（发布更正时必填，公开显示在报告旁）'),
}).strict();

export const sentenceBody = z.object({
  sentenceId: z.string().min(1).max(100).refine(isStorableText, '含有不能保存的字符').describe('句子的编号（GET 答复的 sentences 中的 id）'),
  text: z.string().max(2000, '最多 2000 个字').refine(isStorableText, '含有不能保存的字符').describe('改后的句子；空字符串表示删去这句'),
  reset: z.boolean().optional().describe('true：恢复为按记录起草的原句'),
  version: z.number().int().min(0).optional().describe('您看到的版本号（version）'),
}).strict();

/** The parsed value, or a 400 naming each field in Chinese. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, code: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: key, message: `${key}：不是可用的字段（字段见接口说明 /api/openapi.json）` }));
    const field = issue.path.map(String).join('.');
    const message = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined ? '必须填写' : issue.message;
    return [{ field, message: `${field || '请求'}：${message}` }];
  });
  return failWith(code, fields);
}

function failWith(code: string, fields: { field: string; message: string }[]): never {
  throw new ValidationError(code, fields.map((f) => f.message).join('；'), { fields });
}
