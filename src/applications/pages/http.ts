/**
 * What the applications pages share on a request: who acts, the access declarations of the routes on
 * a case and on an agency, form bodies and ids from paths, and the notices shown after a redirect.
 */
import type { Context } from 'hono';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { access } from '../../platform/http/access.ts';
import type { AppEnv } from '../../platform/http/types.ts';
import type { Services } from '../../platform/services.ts';
import { applicationGuards } from '../api-routes.ts';

export { actingOf } from '../../platform/http/acting.ts';

export { idOf } from '../api-routes.ts';

/**
 * A page whose address names nothing (a letter kind, a tracking code that cannot be one). Its own
 * code: 'http.not_found' is the access guard's answer (the permission matrix tells them apart).
 */
export const pageNotFound = () => new NotFoundError('application.page_not_found', '没有找到这个页面或记录（或您无权查看）。');

/** A form that is not one of the page's (posted by hand). */
export const badForm = () => new ValidationError('application.bad_form', '请求有误：请从申请页面上的表单办理。', { fields: [] });

/** The form's text fields (files and repeated fields ignored). */
export async function formOf(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}

/** The access declarations of the staff pages. */
export function staffGuards(services: Services) {
  const guards = applicationGuards(services);
  return {
    /** Read a case (its agency's 'records.read'). */
    readCase: guards.read,
    /** Act on a case (经办人、负责人: 'records.write'). */
    writeCase: guards.write,
    /** Lists across the viewer's agencies. */
    list: guards.list,
    /** Enter an application: 'records.write' somewhere. */
    enter: access({ kind: 'permission', permission: 'records.write', agency: { from: 'any' } }),
    /** An agency's statistics. */
    agency: guards.agency,
  };
}

/** Notices after a redirect, by code (`?notice=…`): never text from the query. */
export const NOTICES: Record<string, string> = {
  created: '申请已录入。',
  confirm: '已记录确认收到申请：答复期限自收到申请之日起计算。',
  correctionRequested: '已记录告知补正：请向申请人送达补正告知书。答复期限自收到补正后的申请之日起重新计算。',
  corrected: '已记录收到补正后的申请：答复期限重新起算。',
  thirdPartySent: '已记录征求第三方意见：征求意见的时间不计入答复期限。',
  thirdPartyReplied: '已记录第三方意见。',
  extended: '已延长答复期限：请向申请人送达延期答复告知书。',
  feeNoticed: '已记录发出收费通知。',
  feePaid: '已记录申请人缴费。',
  replied: '答复已提交审核。',
  repliedFinal: '答复已记录，本申请已办结。',
  reviewed: '审核结果已记录。',
  signed: '答复已签发，请送达申请人并记录送达。',
  delivered: '已记录送达，本申请已办结。',
  withdrawn: '已记录申请人撤回申请，本申请已办结。',
  assigned: '经办人已更改。',
  appeal: '复议诉讼已记录。',
  appealDecided: '审结结果已记录。',
  letter: '文书已生成并存档，可以下载 Word 文件或打印。',
};

/** The notice of the request's `?notice=` code, if it is one. */
export function noticeOf(c: Context<AppEnv>): string | undefined {
  const code = c.req.query('notice');
  return code !== undefined && Object.hasOwn(NOTICES, code) ? NOTICES[code] : undefined;
}
