/**
 * The accounts room's operator commands, the contract tools outside the project call (issue 16 §3–§5):
 * `agency add|list`, `user add`, `token create`, `audit verify` — every success and every refusal
 * in-process on a test database, and once as separate processes beside a running `gongkai serve`
 * on the same data folder.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../src/platform/accounts/core/credit-code.ts';
import { ROLES } from '../src/platform/accounts/core/roles.ts';
import { closeAgency } from '../src/platform/accounts/service.ts';
import { signIn, viewerForApiToken } from '../src/platform/accounts/sign-in.ts';
import * as store from '../src/platform/accounts/store.ts';
import type { Services } from '../src/platform/services.ts';
import { addAgency, addPerson, OPERATOR, TEST_PASSWORD } from './support/accounts.ts';
import { runCli } from './support/cli.ts';
import { createTestServices } from './support/services.ts';
import { testDir } from './support/temp-dir.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(async () => {
  await services.close();
});

/** Runs a command on the test database (which the command must not close). */
const gongkai = (argv: readonly string[], stdin = '') =>
  runCli(argv, stdin, { openServices: async () => ({ ...services, close: async () => undefined }), actor: () => 'tester' });

/** The one JSON line a command printed. */
function jsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

/** The `{"error":{"field","message"}}` line of a refusal, after checking it exited 2. */
function refusal(run: { code: number; stdout: string }): { field: string | null; message: string } {
  expect(run.code).toBe(2);
  return (jsonLine(run.stdout) as { error: { field: string | null; message: string } }).error;
}

const signsIn = async (username: string, password: string) =>
  (await signIn(services.db, { username, password }, { ip: '127.0.0.1', userAgent: 'vitest' }, { sessionMaxSeconds: 60, allowDemo: true })).ok;

describe('gongkai agency add', () => {
  it('creates a government and a department under it: {"id","name"}, id a number', async () => {
    const gov = await gongkai(['agency', 'add', '--name', '甲市人民政府', '--kind', 'government', '--json']);
    expect(gov.code).toBe(0);
    const govLine = jsonLine(gov.stdout);
    expect(Object.keys(govLine)).toEqual(['id', 'name']);
    expect(govLine).toEqual({ id: expect.any(Number), name: '甲市人民政府' });

    const code = `11210904MB0123456${creditCodeCheckCharacter('11210904MB0123456')}`;
    const dept = await gongkai(['agency', 'add', '--name', '甲市教育局', '--kind', 'department', '--parent', '甲市人民政府', '--credit-code', code, '--short-name', '甲教育局', '--json']);
    expect(dept.code).toBe(0);
    const stored = await store.getAgency(services.db, jsonLine(dept.stdout)['id'] as number);
    expect(stored).toMatchObject({ name: '甲市教育局', kind: 'department', parentId: govLine['id'], creditCode: code, shortName: '甲教育局' });
  });

  it('without --json says so in a Chinese sentence', async () => {
    const run = await gongkai(['agency', 'add', '--name', '乙县人民政府', '--kind', 'government']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^已新建机关“乙县人民政府”（编号 \d+，人民政府）。\n$/);
  });

  it('refuses an unknown parent, naming it', async () => {
    const error = refusal(await gongkai(['agency', 'add', '--name', '丙局', '--kind', 'department', '--parent', '没有这个政府', '--json']));
    expect(error.field).toBe('--parent');
    expect(error.message).toContain('没有名为“没有这个政府”的机关');
  });

  it('refuses a credit code with a wrong character, naming the character and its place', async () => {
    const error = refusal(await gongkai(['agency', 'add', '--name', '丙局', '--kind', 'department', '--credit-code', '11210904MB0I23456X', '--json']));
    expect(error).toEqual({ field: '--credit-code', message: expect.stringContaining('第 12 位“I”') });
    const check = refusal(await gongkai(['agency', 'add', '--name', '丙局', '--kind', 'department', '--credit-code', `11210904MB0123456${creditCodeCheckCharacter('11210904MB0123456') === '0' ? '1' : '0'}`, '--json']));
    expect(check).toEqual({ field: '--credit-code', message: expect.stringContaining('第 18 位（校验码）') });
  });

  it('refuses a name already taken (exit 2, naming --name)', async () => {
    await addAgency(services, '重名局');
    const error = refusal(await gongkai(['agency', 'add', '--name', '重名局', '--kind', 'department', '--json']));
    expect(error).toEqual({ field: '--name', message: expect.stringContaining('已有名为“重名局”的机关') });
  });

  it('refuses an unknown kind and a missing name', async () => {
    expect(refusal(await gongkai(['agency', 'add', '--name', '丁局', '--kind', 'bureau', '--json'])))
      .toEqual({ field: '--kind', message: expect.stringContaining('government（人民政府）或 department') });
    expect(refusal(await gongkai(['agency', 'add', '--kind', 'government', '--json'])).field).toBe('--name');
  });

  it('without --json, a refusal is a sentence on stderr naming the option', async () => {
    const run = await gongkai(['agency', 'add', '--name', '戊局', '--kind', 'department', '--parent', '无此机关']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('--parent');
    expect(run.stderr).toContain('没有名为“无此机关”的机关');
  });
});

describe('gongkai agency list', () => {
  it('prints JSON lines {"id","name","kind","parentId"}; closed agencies only with --all, marked closed', async () => {
    const root = await addAgency(services, '列表市人民政府', 'government');
    const child = await addAgency(services, '列表市财政局', 'department', root);
    const closed = await addAgency(services, '列表市已撤销局', 'department', root);
    await closeAgency(services.db, OPERATOR, closed.id);

    const lines = (await gongkai(['agency', 'list', '--json'])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual({ id: root.id, name: '列表市人民政府', kind: 'government', parentId: null });
    expect(lines).toContainEqual({ id: child.id, name: '列表市财政局', kind: 'department', parentId: root.id });
    expect(lines.map((l) => l['id'])).not.toContain(closed.id);

    const all = (await gongkai(['agency', 'list', '--json', '--all'])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(all).toContainEqual({ id: closed.id, name: '列表市已撤销局', kind: 'department', parentId: root.id, closed: true });
    expect(all).toContainEqual({ id: child.id, name: '列表市财政局', kind: 'department', parentId: root.id });
  });

  it('without --json prints the tree, children indented under their parent', async () => {
    const run = await gongkai(['agency', 'list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const parent = lines.findIndex((l) => l.startsWith('列表市人民政府（'));
    expect(parent).toBeGreaterThanOrEqual(0);
    expect(lines.slice(parent + 1)).toContainEqual(expect.stringMatching(/^ {2}列表市财政局（编号 \d+，部门）$/));
    expect(run.stdout).not.toContain('列表市已撤销局');
  });
});

describe('gongkai user add', () => {
  let agency: Awaited<ReturnType<typeof addAgency>>;
  beforeAll(async () => {
    agency = await addAgency(services, '用户测试局');
  });

  it('creates the first administrator: sysAdmin needs no agency; {"id","username"}; the password signs in', async () => {
    const run = await gongkai(['user', 'add', '--username', 'Admin.One', '--name', '王管理', '--role', 'sysAdmin', '--password-stdin', '--json'], `${TEST_PASSWORD}\n`);
    expect(run.code).toBe(0);
    const line = jsonLine(run.stdout);
    expect(Object.keys(line)).toEqual(['id', 'username']);
    expect(line).toEqual({ id: expect.any(Number), username: 'admin.one' });
    expect(await store.listGrants(services.db, line['id'] as number)).toEqual([expect.objectContaining({ role: 'sysAdmin', agencyId: null })]);
    expect(await signsIn('admin.one', TEST_PASSWORD)).toBe(true);
  });

  it('grants every agency role on --agency; sysAdmin beside them gets no agency', async () => {
    const run = await gongkai(['user', 'add', '--username', 'li.si', '--name', '李四', '--agency', '用户测试局', '--role', 'handler', '--role', 'reviewer', '--role', 'sysAdmin', '--password-stdin', '--json'], TEST_PASSWORD);
    expect(run.code).toBe(0);
    const grants = await store.listGrants(services.db, jsonLine(run.stdout)['id'] as number);
    expect(grants.map((g) => [g.role, g.agencyId]).sort()).toEqual([['handler', agency.id], ['reviewer', agency.id], ['sysAdmin', null]].sort());
  });

  it('reads only the first line of standard input as the password', async () => {
    const run = await gongkai(['user', 'add', '--username', 'first.line', '--name', '首行', '--agency', '用户测试局', '--role', 'head', '--password-stdin', '--json'], `${TEST_PASSWORD}\r\nsecond line\n`);
    expect(run.code).toBe(0);
    expect(await signsIn('first.line', TEST_PASSWORD)).toBe(true);
  });

  it('--email: where deadline reminders go; a malformed address refused naming --email, nothing created', async () => {
    const run = await gongkai(['user', 'add', '--username', 'mail.user', '--name', '邮件', '--email', 'mail.user@example.gov.cn', '--agency', '用户测试局', '--role', 'handler', '--password-stdin', '--json'], TEST_PASSWORD);
    expect(run.code).toBe(0);
    expect((await store.getCredentials(services.db, 'mail.user'))?.email).toBe('mail.user@example.gov.cn');
    const bad = await gongkai(['user', 'add', '--username', 'bad.mail', '--name', '坏邮件', '--email', 'nope', '--agency', '用户测试局', '--role', 'handler', '--password-stdin', '--json'], TEST_PASSWORD);
    expect(bad.code).toBe(2);
    expect(refusal(bad)).toEqual({ field: '--email', message: expect.stringContaining('电子邮箱的格式不对') });
    expect(await store.getCredentials(services.db, 'bad.mail')).toBeUndefined();
  });

  it('without --json says who was created with which roles', async () => {
    const run = await gongkai(['user', 'add', '--username', 'zhao.liu', '--name', '赵六', '--agency', '用户测试局', '--role', 'agencyAdmin', '--password-stdin'], TEST_PASSWORD);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^已新建人员“赵六”（用户名 zhao\.liu，编号 \d+），角色：机关管理员（用户测试局）。\n$/);
  });

  it('refuses an agency role without --agency, naming --agency', async () => {
    const error = refusal(await gongkai(['user', 'add', '--username', 'no.agency', '--name', '无机关', '--role', 'handler', '--password-stdin', '--json'], TEST_PASSWORD));
    expect(error).toEqual({ field: '--agency', message: expect.stringContaining('授予经办人须用 --agency 指定机关') });
    expect(await store.getCredentials(services.db, 'no.agency')).toBeUndefined();
  });

  it('refuses an unknown role, naming --role and listing the roles', async () => {
    const error = refusal(await gongkai(['user', 'add', '--username', 'bad.role', '--name', '错角色', '--agency', '用户测试局', '--role', 'boss', '--password-stdin', '--json'], TEST_PASSWORD));
    expect(error.field).toBe('--role');
    expect(error.message).toContain('“boss”');
    for (const role of ROLES) expect(error.message).toContain(role);
  });

  it('refuses a weak password with the policy’s message, and an empty standard input naming 密码', async () => {
    const weak = refusal(await gongkai(['user', 'add', '--username', 'weak.pw', '--name', '弱密码', '--role', 'sysAdmin', '--password-stdin', '--json'], 'short\n'));
    expect(weak).toEqual({ field: '--password-stdin', message: expect.stringContaining('密码太短：至少 10 个字符') });
    const common = refusal(await gongkai(['user', 'add', '--username', 'weak.pw', '--name', '弱密码', '--role', 'sysAdmin', '--password-stdin', '--json'], 'password123\n'));
    expect(common.message).toContain('常见密码');
    for (const stdin of ['', '\n']) {
      const empty = refusal(await gongkai(['user', 'add', '--username', 'empty.pw', '--name', '空密码', '--role', 'sysAdmin', '--password-stdin', '--json'], stdin));
      expect(empty).toEqual({ field: '--password-stdin', message: expect.stringContaining('密码') });
    }
    expect(await store.getCredentials(services.db, 'weak.pw')).toBeUndefined();
  });

  it('refuses an unknown agency, a supervisor on a department, a taken username and a malformed one', async () => {
    const base = ['user', 'add', '--name', '某人', '--password-stdin', '--json'];
    expect(refusal(await gongkai([...base, '--username', 'x.one', '--agency', '不存在局', '--role', 'handler'], TEST_PASSWORD)))
      .toEqual({ field: '--agency', message: expect.stringContaining('没有名为“不存在局”的机关') });
    expect(refusal(await gongkai([...base, '--username', 'x.two', '--agency', '用户测试局', '--role', 'supervisor'], TEST_PASSWORD)))
      .toEqual({ field: '--role', message: expect.stringContaining('监督员只能授予在人民政府上') });
    expect(refusal(await gongkai([...base, '--username', 'li.si', '--role', 'sysAdmin'], TEST_PASSWORD)))
      .toEqual({ field: '--username', message: expect.stringContaining('用户名“li.si”已被使用') });
    expect(refusal(await gongkai([...base, '--username', '中文名', '--role', 'sysAdmin'], TEST_PASSWORD)).field).toBe('--username');
  });

  it('requires --password-stdin (there is no other way to give a password)', async () => {
    const error = refusal(await gongkai(['user', 'add', '--username', 'no.flag', '--name', '某人', '--role', 'sysAdmin', '--json']));
    expect(error.field).toBe('--password-stdin');
  });
});

describe('gongkai token create', () => {
  it('prints exactly {"token"}; the token signs requests in as the person; the audit log names the operator', async () => {
    const person = await addPerson(services, 'token.user', [['sysAdmin', null]]);
    const run = await gongkai(['token', 'create', '--username', 'token.user', '--expires-days', '30', '--label', '汇总脚本', '--json']);
    expect(run.code).toBe(0);
    const line = jsonLine(run.stdout);
    expect(Object.keys(line)).toEqual(['token']);
    const token = line['token'] as string;
    expect(token).toMatch(/^gk_/);
    expect(await viewerForApiToken(services.db, token)).toMatchObject({ personId: person.id, username: 'token.user' });
    const [record] = await store.listTokens(services.db, person.id);
    expect(record).toMatchObject({ label: '汇总脚本' });
    const audit = await services.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'token.create' AND subject = $1", [`person:${person.id}`]);
    expect(audit.rows).toEqual([{ actor: 'cli:tester' }]);
  });

  it('without --json prints the token on its own line after a sentence', async () => {
    await addPerson(services, 'token.text', [['sysAdmin', null]]);
    const run = await gongkai(['token', 'create', '--username', 'token.text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('令牌只显示这一次');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^gk_[A-Za-z0-9_-]{43}$/);
  });

  it('refuses an unknown username and a bad number of days (exit 2, naming the option)', async () => {
    expect(refusal(await gongkai(['token', 'create', '--username', 'nobody.here', '--json'])))
      .toEqual({ field: '--username', message: expect.stringContaining('没有用户名为“nobody.here”的人员') });
    expect(refusal(await gongkai(['token', 'create', '--username', 'token.user', '--expires-days', 'ten', '--json'])).field).toBe('--expires-days');
    expect(refusal(await gongkai(['token', 'create', '--username', 'token.user', '--expires-days', '0', '--json'])))
      .toEqual({ field: '--expires-days', message: expect.stringContaining('1–3650') });
  });
});

describe('gongkai audit verify', () => {
  const verify = (json = true) => gongkai(['audit', 'verify', ...(json ? ['--json'] : [])]);
  const rowCount = async () => (await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
  const ids = async () => (await services.db.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id')).rows.map((r) => r.id);

  it('passes on an untouched log, counting its rows', async () => {
    await addAgency(services, '审计测试局');
    const n = await rowCount();
    expect(n).toBeGreaterThan(3);
    const json = await verify();
    expect(json.code).toBe(0);
    expect(jsonLine(json.stdout)).toEqual({ ok: true, rows: n });
    expect((await verify(false)).stdout).toBe(`审计日志校验通过：共 ${n} 条记录\n`);
  });

  it('finds a row edited in SQL (exit 1, naming it), and passes again once it is restored', async () => {
    const target = (await ids())[2]!;
    const original = (await services.db.query<{ details: unknown }>('SELECT details FROM audit_log WHERE id = $1', [target])).rows[0]!.details;
    await services.db.query(`UPDATE audit_log SET details = '{"x":1}' WHERE id = $1`, [target]);
    const json = await verify();
    expect(json.code).toBe(1);
    expect(jsonLine(json.stdout)).toEqual({ ok: false, brokenId: target, reason: 'edited', message: expect.stringContaining(`第 ${target} 条记录的内容被改动`) });
    const text = await verify(false);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`审计日志校验未通过：第 ${target} 条记录`);

    await services.db.query('UPDATE audit_log SET details = $2 WHERE id = $1', [target, JSON.stringify(original)]);
    expect((await verify()).code).toBe(0);
  });

  it('finds a deleted middle row, naming the row after the gap', async () => {
    const all = await ids();
    const middle = all[Math.floor(all.length / 2)]!;
    const next = all[all.indexOf(middle) + 1]!;
    await services.db.query('DELETE FROM audit_log WHERE id = $1', [middle]);
    const json = await verify();
    expect(json.code).toBe(1);
    expect(jsonLine(json.stdout)).toEqual({ ok: false, brokenId: next, reason: 'removed-before', message: expect.stringContaining(`第 ${next} 条记录之前的记录被删除或改动`) });
  });
});

describe('beside a running site (separate processes on one data folder)', () => {
  const REPO = fileURLToPath(new URL('../', import.meta.url));

  /** The CLI in another process, with the data folder and no DATABASE_URL (so on the embedded server). */
  function child(args: readonly string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const proc = spawn(process.execPath, ['bin/gongkai.js', ...args], { cwd: REPO, env: { ...process.env, GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '', GONGKAI_ACTOR: 'ops' } });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      proc.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('agency add and list work while `gongkai serve` runs, and the data is there after it stops', async () => {
    const dataDir = await testDir('accounts-cli');
    const site = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--port', '0', '--no-seed'], {
      cwd: REPO,
      env: { ...process.env, GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => site.on('exit', resolve));
    try {
      let siteErr = '';
      site.stderr.on('data', (c: Buffer) => (siteErr += c.toString()));
      await new Promise<void>((resolve, reject) => {
        site.stdout.on('data', (c: Buffer) => c.toString().includes('已启动') && resolve());
        void exited.then((code) => reject(new Error(`serve exited early (${code}): ${siteErr}`)));
      });

      const added = await child(['agency', 'add', '--name', '共享市人民政府', '--kind', 'government', '--json'], dataDir);
      expect(added).toMatchObject({ code: 0, stderr: '' });
      const { id } = JSON.parse(added.stdout) as { id: number };
      expect(JSON.parse(added.stdout)).toEqual({ id: expect.any(Number), name: '共享市人民政府' });

      const listed = await child(['agency', 'list', '--json'], dataDir);
      expect(listed).toMatchObject({ code: 0, stderr: '' });
      expect(listed.stdout).toBe(`${JSON.stringify({ id, name: '共享市人民政府', kind: 'government', parentId: null })}\n`);
    } finally {
      site.kill('SIGTERM');
      await exited;
    }
    const after = await child(['agency', 'list', '--json'], dataDir);
    expect(after).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(after.stdout)).toMatchObject({ name: '共享市人民政府', parentId: null });
  }, 300_000);
});
