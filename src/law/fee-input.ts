/**
 * Parses the `gongkai law fee` input: {"mode": "按件"|"按量", "applicationsThisMonthBefore", "applicationsInBatch", "pages"}.
 */
import { z } from 'zod';
import { FEE_MODE_LABELS, FEE_MODES, type FeeInput, type FeeMode } from './fees.ts';
import { parseWith, type Parsed } from './validation.ts';

/** Upper bound on counts and pages, far above any real case, keeping the tier loops short. */
export const MAX_FEE_COUNT = 1_000_000;

const count = z.number().int().min(0).max(MAX_FEE_COUNT);

const modeSchema = z.string().transform((text, ctx): FeeMode => {
  const mode = FEE_MODES.find((m) => FEE_MODE_LABELS[m] === text || m === text);
  if (mode) return mode;
  ctx.addIssue({ code: 'custom', message: `未知计收方式 ${JSON.stringify(text)}，应为“按件”或“按量”（处理费办法第三条）` });
  return z.NEVER;
});

/**
 * The input's fields, one flat object for both modes. Each `describe` is its line in
 * `gongkai law fee --help` (a test checks that every key is there); `requirement` says which mode
 * uses a field the schema leaves optional.
 */
export const feeInputSchema = z.object({
  mode: modeSchema.describe(`计收方式（处理费办法第三条，一件申请只能选一种）：“${FEE_MODE_LABELS.perApplication}”按申请件数（第四条），“${FEE_MODE_LABELS.perPage}”按页数（第五条）；也可写代码 ${FEE_MODES.join('、')}`),
  applicationsThisMonthBefore: count.optional().meta({
    requirement: '按件时可选，默认 0',
    description: '按件：同一申请人本自然月内此前已提出的申请件数（按收到申请之日所在自然月累计，约定C-11）',
  }),
  applicationsInBatch: count.optional().meta({
    requirement: '按件时可选，默认 1',
    description: '按件：本次计费的申请件数（本批）',
  }),
  pages: count.nullable().optional().meta({
    requirement: '按量时必填',
    description: '按量：本件申请提供的政府信息的页数',
  }),
}).strict();

/**
 * Parses a fee question. 按件 needs the counts (applicationsThisMonthBefore defaults to 0,
 * applicationsInBatch to 1); 按量 needs `pages`. Negative or fractional numbers are errors.
 */
export function parseFeeInput(raw: unknown): Parsed<FeeInput> {
  const parsed = parseWith(feeInputSchema, raw);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  switch (v.mode) {
    case 'perApplication':
      return { ok: true, value: { mode: v.mode, applicationsThisMonthBefore: v.applicationsThisMonthBefore ?? 0, applicationsInBatch: v.applicationsInBatch ?? 1 } };
    case 'perPage':
      if (v.pages === undefined || v.pages === null) return { ok: false, errors: [{ path: 'pages', message: '按量计收须填写本件申请的页数（处理费办法第五条）' }] };
      return { ok: true, value: { mode: v.mode, pages: v.pages } };
    default: {
      const never: never = v.mode;
      throw new Error(`unknown fee mode ${String(never)}`);
    }
  }
}
