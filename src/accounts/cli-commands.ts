/**
 * `gongkai agency add|list`, `user add`, `token create`, `audit verify` — the operator commands of
 * the accounts room, a contract that tools outside the project call (issue 16 §3–§5, README
 * “账号与权限 / Accounts”). Declarations only: cli-run.ts, which loads the account use-cases, is
 * imported when a command runs. They act from the command line with every right, recorded in the
 * audit log as `cli:<GONGKAI_ACTOR or USER>`, and work whether or not `gongkai serve` runs on the
 * same data folder (they share its embedded database).
 */
import { defineCommand, type Command } from '../platform/cli/types.ts';

const JSON_OPTION = {
  type: 'boolean',
  description: '输出一行 JSON（供其他程序读取）；出错时也在标准输出输出一行 {"error": {"field", "message"}}，退出码 2',
} as const;

/** Options of `gongkai agency add`. */
export const AGENCY_ADD_OPTIONS = {
  name: { type: 'string', required: true, value: '名称', description: '机关全称，如 阜新市太平区文化旅游和广播电视局' },
  kind: { type: 'string', required: true, value: 'government|department', description: '机关类别：government 人民政府，department 部门、派出机构、乡镇街道等' },
  parent: { type: 'string', value: '上级机关名称', description: '上级机关的全称（须与 gongkai agency list 列出的完全一致）' },
  'credit-code': { type: 'string', value: '代码', description: '统一社会信用代码（18 位，按 GB 32100-2015 核对校验码）' },
  'short-name': { type: 'string', value: '简称', description: '简称，如 太平区文旅局' },
  json: { ...JSON_OPTION, description: '输出一行 JSON {"id", "name"}；出错时在标准输出输出一行 {"error": {"field", "message"}}，退出码 2' },
} as const;

/** Options of `gongkai agency list`. */
export const AGENCY_LIST_OPTIONS = {
  all: { type: 'boolean', description: '也列出已撤销的机关（JSON 中带 "closed": true）' },
  json: { ...JSON_OPTION, description: '每个机关输出一行 JSON {"id", "name", "kind", "parentId"}（JSON lines）' },
} as const;

/** Options of `gongkai user add`. */
export const USER_ADD_OPTIONS = {
  username: { type: 'string', required: true, value: '用户名', description: '登录用的用户名：3–32 位小写字母、数字、点、下划线或连字符，如 zhang.wei' },
  name: { type: 'string', required: true, value: '姓名', description: '人员姓名' },
  email: { type: 'string', value: '邮箱', description: '工作电子邮箱（依申请公开的期限提醒发到这里），可以以后在“我的账号”中填写' },
  agency: { type: 'string', value: '机关名称', description: '所授角色所在机关的全称（系统管理员以外的角色都须指定）' },
  role: {
    type: 'string', multiple: true, required: true, value: '角色',
    description: '授予的角色，可重复：handler 经办人、reviewer 审核人、head 负责人、agencyAdmin 机关管理员、supervisor 监督员（授予在人民政府上）、sysAdmin 系统管理员',
  },
  'password-stdin': { type: 'boolean', required: true, description: '从标准输入读取密码（第一行），如 printf \'%s\\n\' "$PASSWORD" | gongkai user add …' },
  json: { ...JSON_OPTION, description: '输出一行 JSON {"id", "username"}；出错时在标准输出输出一行 {"error": {"field", "message"}}，退出码 2' },
} as const;

/** Options of `gongkai token create`. */
export const TOKEN_CREATE_OPTIONS = {
  username: { type: 'string', required: true, value: '用户名', description: '令牌代表的人员的用户名' },
  'expires-days': { type: 'string', value: 'N', description: '令牌 N 天后失效（1–3650；默认不失效，可在人员页面撤销）' },
  label: { type: 'string', value: '说明', description: '令牌的用途，如 “年报汇总脚本”（显示在人员页面的令牌列表中）' },
  json: { ...JSON_OPTION, description: '输出一行 JSON {"token"}；出错时在标准输出输出一行 {"error": {"field", "message"}}，退出码 2' },
} as const;

/** Options of `gongkai audit verify`. */
export const AUDIT_VERIFY_OPTIONS = {
  json: { ...JSON_OPTION, description: '输出一行 JSON：{"ok": true, "rows"} 或 {"ok": false, "brokenId", "reason", "message"}' },
} as const;

/** The accounts room's commands. */
export const accountsCommands: readonly Command[] = [
  defineCommand({
    path: ['agency', 'add'],
    summary: '新建机关（人民政府或部门），可指定上级机关和统一社会信用代码',
    usage: 'gongkai agency add --name 名称 --kind government|department [--parent 上级机关名称] [--credit-code 代码] [--short-name 简称] [--json]',
    options: AGENCY_ADD_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runAgencyAdd,
    jsonErrors: true,
  }),
  defineCommand({
    path: ['agency', 'list'],
    summary: '列出机关（按上下级缩进）',
    usage: 'gongkai agency list [--all] [--json]',
    options: AGENCY_LIST_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runAgencyList,
    jsonErrors: true,
  }),
  defineCommand({
    path: ['user', 'add'],
    summary: '新建人员并授予角色（首次使用时用它建立第一位系统管理员），密码从标准输入读取',
    usage: 'gongkai user add --username 用户名 --name 姓名 [--email 邮箱] [--agency 机关名称] --role 角色 [--role 角色…] --password-stdin [--json]',
    options: USER_ADD_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runUserAdd,
    jsonErrors: true,
  }),
  defineCommand({
    path: ['token', 'create'],
    summary: '为人员新建 API 令牌（只显示这一次，系统只保存其摘要）',
    usage: 'gongkai token create --username 用户名 [--expires-days N] [--label 说明] [--json]',
    options: TOKEN_CREATE_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runTokenCreate,
    jsonErrors: true,
  }),
  defineCommand({
    path: ['audit', 'verify'],
    summary: '校验审计日志的哈希链（SM3），指出第一条被改动或删除的记录；未通过时退出码为 1',
    usage: 'gongkai audit verify [--json]',
    options: AUDIT_VERIFY_OPTIONS,
    load: async () => (await import('./cli-run.ts')).runAuditVerify,
    jsonErrors: true,
  }),
];
