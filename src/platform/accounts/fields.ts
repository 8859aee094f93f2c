/**
 * Input of the account forms, commands and API, checked with zod: each problem names the field in
 * officials' words (the `field` stays the machine name for the API).
 */
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { checkCreditCode } from './core/credit-code.ts';
import { AGENCY_KINDS, ROLES } from './core/roles.ts';

/** No control characters (NUL breaks PostgreSQL; the others have no place in a name). */
const CONTROL = /[\u0000-\u001f\u007f]/;
const text = (label: string, min: number, max: number) =>
  z.string({ message: `请填写${label}` }).trim()
    .min(min, { message: min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字` })
    .max(max, { message: `${label}最多 ${max} 个字` })
    .refine((v) => !CONTROL.test(v) && !/[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')), { message: `${label}含有不能保存的控制字符` });
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, { message: `${label}最多 ${max} 个字` })
    .refine((v) => !CONTROL.test(v), { message: `${label}含有不能保存的控制字符` })
    .optional().transform((v) => (v ? v : null));

export const creditCodeField = z.string().optional().transform((raw, ctx) => {
  if (raw === undefined || raw.trim() === '') return null;
  const check = checkCreditCode(raw);
  if (!check.ok) {
    ctx.addIssue({ code: 'custom', message: check.message });
    return z.NEVER;
  }
  return check.code;
});

/** An agency's contact facts (the 政府信息公开指南's). */
export const agencyContactSchema = z.object({
  address: optionalText('地址', 200),
  postcode: z.string().trim().optional().transform((v, ctx) => {
    if (!v) return null;
    if (!/^\d{6}$/.test(v)) {
      ctx.addIssue({ code: 'custom', message: `邮政编码应为 6 位数字，实际为“${v.slice(0, 20)}”` });
      return z.NEVER;
    }
    return v;
  }),
  phone: optionalText('联系电话', 50).refine((v) => v === null || /^[0-9()（）+\-－ ,，、转]+$/.test(v), { message: '联系电话只能含数字、括号、+、- 和“转”（如 0418-1234567）' }),
  fax: optionalText('传真', 50).refine((v) => v === null || /^[0-9()（）+\-－ ,，、转]+$/.test(v), { message: '传真只能含数字、括号、+、- 和“转”' }),
  email: optionalText('电子邮箱', 100).refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: '电子邮箱的格式不对（应形如 gongkai@example.gov.cn）' }),
  officeHours: optionalText('办公时间', 200),
});

/** A new agency. */
export const newAgencySchema = z.object({
  name: text('机关名称', 2, 100),
  shortName: optionalText('简称', 30),
  creditCode: creditCodeField,
  kind: z.enum(AGENCY_KINDS, { message: '机关类别应为 government（人民政府）或 department（部门、派出机构、乡镇街道等）' }),
  parentId: z.number().int().positive().nullable().default(null),
}).extend(agencyContactSchema.shape);

export const agencyNameSchema = text('机关名称', 2, 100);
export const shortNameSchema = optionalText('简称', 30);

export const USERNAME_RULE = '用户名应为 3–32 位小写字母、数字、点、下划线或连字符，以字母或数字开头（如 zhang.wei）';
export const usernameSchema = z.string({ message: '请填写用户名' }).trim().toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { message: USERNAME_RULE });
export const personNameSchema = text('姓名', 1, 50);
/** A person's work e-mail (deadline reminders go there); empty clears it. */
export const personEmailSchema = z.string().trim().max(254, { message: '电子邮箱最多 254 个字符' })
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message: '电子邮箱的格式不对（应形如 zhang.wei@example.gov.cn）' })
  .transform((v) => v || null);
export const roleSchema = z.enum(ROLES, { message: `角色应为 ${ROLES.join('、')} 之一` });

/** The field names as officials read them. */
export const FIELD_LABELS: Record<string, string> = {
  name: '名称', shortName: '简称', creditCode: '统一社会信用代码', kind: '机关类别', parentId: '上级机关', parent: '上级机关',
  address: '地址', postcode: '邮政编码', phone: '联系电话', fax: '传真', email: '电子邮箱', officeHours: '办公时间',
  username: '用户名', password: '密码', role: '角色', agency: '机关', agencyId: '机关', expiresDays: '有效天数', code: '验证码',
};

/** Parses with a schema or throws a ValidationError listing each field's problem. */
export function parseFields<T extends z.ZodType>(schema: T, input: unknown, code = 'accounts.invalid'): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'input', message: i.message }));
  throw new ValidationError(code, fields.map((f) => f.message).join('；'), { fields });
}

/** A ValidationError about one field. */
export function fieldError(field: string, message: string, code = 'accounts.invalid'): ValidationError {
  return new ValidationError(code, message, { fields: [{ field, message }] });
}
