/**
 * The audit trail in words: who (a person, the command line, an anonymous visitor, the system), what
 * (a Chinese name per action; an unknown action shows its own name), which record, and what changed
 * (before → after of each changed field). The page and the CSV export say the same.
 */
import { AGENCY_KIND_LABELS, ROLE_LABELS, type AgencyKind, type Role } from '../../platform/accounts/core/roles.ts';
import { FIELD_LABELS } from '../../platform/accounts/fields.ts';
import type { AuditRow } from '../audit-query.ts';

/** The actions' names as officials say them. */
export const ACTION_LABELS: Record<string, string> = {
  'report.check': '检查年度报告',
  'report.store': '保存年度报告',
  'calendar.import': '导入工作日历',
  signin: '登录',
  'signin.password': '登录（密码正确，待输入验证码）',
  'signin.fail': '登录失败',
  'signin.totp_fail': '登录失败（验证码错误）',
  signout: '退出登录',
  'signout.everywhere': '在所有设备上退出登录',
  'agency.create': '新建机关',
  'agency.rename': '机关改名',
  'agency.update': '修改机关信息',
  'agency.contacts': '修改机关联系方式',
  'agency.close': '撤销机关',
  'person.create': '添加人员',
  'person.grant': '授予角色',
  'person.revoke': '撤销角色',
  'person.password': '修改自己的密码',
  'person.password_reset': '重设密码',
  'person.email': '修改工作邮箱',
  'person.disable': '停用账号',
  'person.enable': '启用账号',
  'person.totp_enable': '开启两步验证',
  'person.totp_disable': '关闭两步验证',
  'token.create': '创建接口令牌',
  'token.revoke': '撤销接口令牌',
  'application.create': '登记政府信息公开申请',
  'application.import': '导入申请登记台账',
  'application.assign': '指定经办人',
  'application.confirm': '确认收到申请',
  'application.correctionRequested': '告知补正',
  'application.corrected': '收到补正后的申请',
  'application.thirdPartySent': '征求第三方意见',
  'application.thirdPartyReplied': '收到第三方意见',
  'application.extended': '延长答复期限',
  'application.feeNoticed': '发出收费通知',
  'application.feePaid': '记录缴费',
  'application.replied': '答复',
  'application.reviewed': '审核答复',
  'application.signed': '签发答复',
  'application.delivered': '送达答复',
  'application.withdrawn': '申请人撤回申请',
  'application.appeal': '登记行政复议或诉讼',
  'application.appealDecided': '记录复议或诉讼结果',
  'applications.rekey': '更换个人信息加密密钥',
  'letter.send': '生成并存档文书',
  'letter.template.save': '修改文书模板',
  'letter.template.reset': '恢复文书默认模板',
  'letter.settings.save': '修改文书落款等设置',
};

/** The action in words, or its own name when it has none yet. */
export function actionInWords(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Who acted: 姓名（用户名）, through an API token, or 命令行 / 匿名 / 系统. */
export function actorInWords(row: Pick<AuditRow, 'actor' | 'personName' | 'username' | 'tokenId'>): string {
  if (row.personName !== null && row.username !== null) return `${row.personName}（${row.username}）${row.tokenId !== null ? '，通过接口令牌' : ''}`;
  if (row.actor.startsWith('cli:')) return `命令行（${row.actor.slice(4)}）`;
  if (row.actor === 'anonymous') return '匿名';
  if (row.actor === 'system') return '系统';
  return row.actor;
}

/** Kinds of record by the prefix of their name in the log. */
const RECORD_KINDS: Record<string, string> = {
  agency: '机关',
  person: '人员',
  checked_report: '年度报告检查结果',
  report_upload: '上传',
  calendar: '工作日历',
  application: '政府信息公开申请',
};

/** The record in words: 机关：名称, 人员：姓名（用户名）, 年度报告检查结果 第 12 号; unknown kinds as written. */
export function recordInWords(subject: string | null, names: ReadonlyMap<string, string>): string {
  if (subject === null) return '—';
  const name = names.get(subject);
  const m = /^([a-z_]+):(.+)$/.exec(subject);
  const kind = m ? RECORD_KINDS[m[1]!] : undefined;
  if (!m || !kind) return subject;
  if (name !== undefined) return `${kind}：${name}`;
  if (m[1] === 'calendar') return `${m[2]} 年工作日历`;
  return `${kind} 第 ${m[2]} 号`;
}

/** Labels of details' keys beyond the forms' fields. */
const DETAIL_LABELS: Record<string, string> = {
  ...FIELD_LABELS,
  role: '角色', sessionsEnded: '结束的登录数', failures: '连续失败次数', locked: '已锁定', userAgent: '浏览器',
  tokenId: '令牌编号', secondFactor: '第二步验证', reason: '原因', fileName: '文件名', sha256: 'SHA-256', agency: '机关',
  year: '年度', errors: '错误', warnings: '提示', source: '来源', holidayDays: '放假天数', makeupWorkdays: '调休上班天数',
  replaced: '替换已有', calendarVersionBefore: '原日历版本', calendarVersionAfter: '新日历版本',
};

/** Longest value shown (a pasted text can be long; the CSV's raw column keeps it whole). */
const MAX_VALUE = 80;

function valueInWords(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (key === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (key === 'kind' && typeof value === 'string' && value in AGENCY_KIND_LABELS) return AGENCY_KIND_LABELS[value as AgencyKind];
  if (typeof value === 'boolean') return value ? '是' : '否';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const label = (key: string) => DETAIL_LABELS[key] ?? key;

/**
 * The details compactly: for a change, 名称：旧 → 新 per changed field; for a creation, the fields
 * given; otherwise each fact. Empty when there is none.
 */
export function detailsInWords(details: unknown): string {
  if (!isRecord(details)) return details === null || details === undefined ? '' : valueInWords('', details);
  const before = isRecord(details['before']) ? details['before'] : undefined;
  const after = isRecord(details['after']) ? details['after'] : undefined;
  const parts: string[] = [];
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    for (const k of keys) {
      if (before && after) parts.push(`${label(k)}：${valueInWords(k, before[k])} → ${valueInWords(k, after[k])}`);
      else if (after?.[k] !== null && after?.[k] !== undefined && after[k] !== '') parts.push(`${label(k)}：${valueInWords(k, after[k])}`);
      else if (before) parts.push(`${label(k)}：${valueInWords(k, before[k])}`);
    }
  }
  for (const [k, v] of Object.entries(details)) {
    if (k === 'before' || k === 'after') continue;
    parts.push(`${label(k)}：${valueInWords(k, v)}`);
  }
  return parts.join('；');
}
