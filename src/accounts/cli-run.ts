/**
 * What the accounts room's commands do (declared in cli-commands.ts). Input that can be checked
 * without the database is checked first, so a typo answers at once; then the account use-cases
 * (src/platform/accounts/service.ts) do the work, with their own checks and audit rows. Every
 * refusal names the option at fault: with `--json` one line `{"error":{"field","message"}}` on
 * stdout, otherwise a Chinese sentence on stderr; exit 2.
 */
import { operatorActing, withServices } from '../platform/cli/with-services.ts';
import { z } from 'zod';
import { jsonErrorLine, type CliFieldError } from '../platform/cli/json-error.ts';
import type { CliIo, CommandRun } from '../platform/cli/types.ts';
import { AGENCY_KIND_LABELS, ROLE_LABELS, ROLES, type Role } from '../platform/accounts/core/roles.ts';
import { newAgencySchema, parseFields, personNameSchema, usernameSchema } from '../platform/accounts/fields.ts';
import { agencyByName, createAgency, createApiToken, createPerson, type RoleOn } from '../platform/accounts/service.ts';
import * as store from '../platform/accounts/store.ts';
import type { Agency } from '../platform/accounts/store.ts';
import { verifyAuditChain } from '../platform/audit/verify.ts';
import { AppError, exitCodeFor } from '../platform/errors.ts';
import type { AGENCY_ADD_OPTIONS, AGENCY_LIST_OPTIONS, AUDIT_VERIFY_OPTIONS, TOKEN_CREATE_OPTIONS, USER_ADD_OPTIONS } from './cli-commands.ts';

/** The option that carries each field the use-cases name (fields.ts FIELD_LABELS), per command. */
type OptionOf = Readonly<Record<string, string>>;

const AGENCY_OPTION_OF: OptionOf = { name: '--name', kind: '--kind', parent: '--parent', parentId: '--parent', creditCode: '--credit-code', shortName: '--short-name' };
const USER_OPTION_OF: OptionOf = { username: '--username', name: '--name', email: '--email', agency: '--agency', agencyId: '--agency', role: '--role', password: '--password-stdin' };
const TOKEN_OPTION_OF: OptionOf = { username: '--username', expiresDays: '--expires-days', label: '--label' };

/** A refusal about one option (or the input as a whole when `field` is null). */
class OptionError extends Error {
  readonly field: string | null;

  constructor(field: string | null, message: string) {
    super(message);
    this.name = 'OptionError';
    this.field = field;
  }
}

/** Prints the problems (JSON line on stdout, or sentences on stderr) and returns exit code 2. */
function fail(io: CliIo, errors: readonly CliFieldError[], json: boolean): number {
  if (json) io.stdout(jsonErrorLine(errors));
  else for (const e of errors) io.stderr(`错误：${e.field ? `${e.field} ` : ''}${e.message}\n`);
  return 2;
}

/** The problems an expected failure names, each under the option that carries its field. */
function problemsOf(error: AppError, optionOf: OptionOf): CliFieldError[] {
  const details = error.details as { fields?: { field: string; message: string }[]; field?: string } | undefined;
  const option = (field: string | undefined) => (field === undefined ? null : optionOf[field] ?? null);
  if (details?.fields && details.fields.length > 0) return details.fields.map((f) => ({ field: option(f.field), message: f.message }));
  return [{ field: option(details?.field), message: error.message }];
}

/**
 * Runs a command's work and reports its refusals: an OptionError or an expected failure of a
 * use-case (AppError below 500: bad input, unknown name, duplicate) exits 2 naming the option.
 */
async function refusing(io: CliIo, json: boolean, optionOf: OptionOf, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OptionError) return fail(io, [{ field: error.field, message: error.message }], json);
    if (error instanceof AppError && exitCodeFor(error) === 2) return fail(io, problemsOf(error, optionOf), json);
    throw error;
  }
}


const operator = operatorActing;

const printJson = (io: CliIo, value: unknown) => io.stdout(JSON.stringify(value) + '\n');

/** `gongkai agency add`: `{"id","name"}`. */
export const runAgencyAdd: CommandRun<typeof AGENCY_ADD_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  return refusing(io, json, AGENCY_OPTION_OF, async () => {
    const input = { name: values.name, kind: values.kind, shortName: values['short-name'], creditCode: values['credit-code'] };
    // The same schema createAgency applies, here before the database starts.
    parseFields(newAgencySchema, input);
    const agency = await withServices(context, async (services) => {
      const parent = values.parent === undefined ? null : await agencyByName(services.db, values.parent, 'parent');
      return createAgency(services.db, operator(context), { ...input, parentId: parent?.id ?? null });
    });
    if (json) printJson(io, { id: agency.id, name: agency.name });
    else io.stdout(`已新建机关“${agency.name}”（编号 ${agency.id}，${AGENCY_KIND_LABELS[agency.kind]}）。\n`);
    return 0;
  });
};

/** `gongkai agency list`: JSON lines, or the tree indented. */
export const runAgencyList: CommandRun<typeof AGENCY_LIST_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  const all = values.all === true;
  const agencies = await withServices(context, (services) => store.listAgencies(services.db, { includeClosed: all }));
  if (json) {
    for (const a of agencies) printJson(io, { id: a.id, name: a.name, kind: a.kind, parentId: a.parentId, ...(a.closedAt ? { closed: true } : {}) });
  } else if (agencies.length === 0) {
    io.stdout(`还没有${all ? '' : '未撤销的'}机关。新建：gongkai agency add --name 名称 --kind government\n`);
  } else {
    io.stdout(agencyTree(agencies).join('\n') + '\n');
  }
  return 0;
};

/** One line per agency, children under their parent indented by two spaces, each level by id. */
function agencyTree(agencies: readonly Agency[]): string[] {
  const ids = new Set(agencies.map((a) => a.id));
  const children = new Map<number | null, Agency[]>();
  for (const a of agencies) {
    // A parent not listed (closed, without --all) would hide its children: show them as roots.
    const parent = a.parentId !== null && ids.has(a.parentId) ? a.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const lines: string[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const a of children.get(parent) ?? []) {
      const facts = [`编号 ${a.id}`, a.kind === 'government' ? '人民政府' : '部门', ...(a.shortName ? [`简称 ${a.shortName}`] : []), ...(a.closedAt ? ['已撤销'] : [])];
      lines.push(`${'  '.repeat(depth)}${a.name}（${facts.join('，')}）`);
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}

/** The declared role for a typed one, matched ignoring case (`sysadmin` is `sysAdmin`). */
function roleOf(typed: string): Role {
  const role = ROLES.find((r) => r.toLowerCase() === typed.trim().toLowerCase());
  if (!role) throw new OptionError('--role', `没有“${typed}”这个角色：应为 ${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')} 之一`);
  return role;
}

/** The first line of standard input, without its line end. */
async function passwordFromStdin(io: CliIo): Promise<string> {
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (password === '') {
    throw new OptionError('--password-stdin', '没有从标准输入读到密码：请把密码作为第一行输入，如 printf \'%s\\n\' "$PASSWORD" | gongkai user add … --password-stdin');
  }
  return password;
}

/** `gongkai user add`: `{"id","username"}`. */
export const runUserAdd: CommandRun<typeof USER_ADD_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  return refusing(io, json, USER_OPTION_OF, async () => {
    const roles = [...new Set(values.role.map(roleOf))];
    const agencyRoles = roles.filter((r) => r !== 'sysAdmin');
    if (agencyRoles.length > 0 && values.agency === undefined) {
      throw new OptionError('--agency', `授予${agencyRoles.map((r) => ROLE_LABELS[r]).join('、')}须用 --agency 指定机关（机关全称，见 gongkai agency list）`);
    }
    if (agencyRoles.length === 0 && values.agency !== undefined) {
      io.stderr(`提示：系统管理员是整个系统的角色，不属于某个机关，已忽略 --agency ${values.agency}\n`);
    }
    // As an object, so that a refusal names its field (a bare schema's has no path).
    const { username, name } = parseFields(z.object({ username: usernameSchema, name: personNameSchema }), { username: values.username, name: values.name });
    const password = await passwordFromStdin(io);
    const { person, agency } = await withServices(context, async (services) => {
      const agency = agencyRoles.length > 0 ? await agencyByName(services.db, values.agency ?? '', 'agency') : null;
      const grants: RoleOn[] = roles.map((role) => ({ role, agencyId: role === 'sysAdmin' ? null : agency?.id ?? null }));
      const policy = { minLength: services.config.passwordMinLength, forbidUsername: true, forbidCommon: true };
      const person = await createPerson(services.db, operator(context), { username, name, password, roles: grants, email: values.email }, policy);
      return { person, agency };
    });
    if (json) {
      printJson(io, { id: person.id, username: person.username });
    } else {
      const described = roles.map((r) => (r === 'sysAdmin' ? ROLE_LABELS[r] : `${ROLE_LABELS[r]}（${agency?.name ?? ''}）`)).join('、');
      io.stdout(`已新建人员“${person.name}”（用户名 ${person.username}，编号 ${person.id}），角色：${described}。\n`);
    }
    return 0;
  });
};

/** `gongkai token create`: `{"token"}`, shown this once. */
export const runTokenCreate: CommandRun<typeof TOKEN_CREATE_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  return refusing(io, json, TOKEN_OPTION_OF, async () => {
    const daysText = values['expires-days'];
    if (daysText !== undefined && !/^\d+$/.test(daysText.trim())) {
      throw new OptionError('--expires-days', `有效天数应为 1–3650 之间的整数，实际为“${daysText.slice(0, 20)}”`);
    }
    const expiresDays = daysText === undefined ? null : Number(daysText);
    const username = values.username.trim().toLowerCase();
    const { token, person } = await withServices(context, async (services) => {
      const person = await store.getCredentials(services.db, username);
      if (!person) throw new OptionError('--username', `没有用户名为“${username.slice(0, 64)}”的人员`);
      if (person.disabledAt) throw new OptionError('--username', `人员“${person.name}”（${person.username}）已停用，不能新建令牌`);
      const { token } = await createApiToken(services.db, operator(context), person.id, { label: values.label ?? '', expiresDays });
      return { token, person };
    });
    if (json) {
      printJson(io, { token });
    } else {
      const expiry = expiresDays === null ? '，不会自动失效' : `，${expiresDays} 天后失效`;
      io.stdout(`已为“${person.name}”（${person.username}）新建 API 令牌${expiry}。令牌只显示这一次，请立即妥善保存（系统只保存其摘要），使用时放在请求头 Authorization: Bearer 令牌：\n${token}\n`);
    }
    return 0;
  });
};

/** `gongkai audit verify`: exit 0 when the chain holds, 1 naming the first broken row. */
export const runAuditVerify: CommandRun<typeof AUDIT_VERIFY_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  const check = await withServices(context, (services) => verifyAuditChain(services.db));
  if (check.ok) {
    if (json) printJson(io, { ok: true, rows: check.rows });
    else io.stdout(`审计日志校验通过：共 ${check.rows} 条记录\n`);
    return 0;
  }
  if (json) printJson(io, { ok: false, brokenId: check.brokenId, reason: check.reason, message: check.message });
  else io.stdout(`审计日志校验未通过：${check.message}。此前的 ${check.rows} 条记录完好。\n`);
  return 1;
};
