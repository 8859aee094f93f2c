import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../../test/support/cli.ts';
import { createTestServices } from '../../../test/support/services.ts';
import { testDir } from '../../../test/support/temp-dir.ts';
import type { CliContext } from '../../platform/cli/types.ts';

/** Runs `gongkai …` in-process with `stdin` (JSON-encoded unless a string) and, if given, a replaced database access. */
function run(argv: string[], stdin: unknown = '', context: Partial<CliContext> = {}): Promise<CliRun> {
  return runCli(argv, typeof stdin === 'string' ? stdin : JSON.stringify(stdin), context);
}

/** A database that cannot be reached; `onOpen` is told of each attempt. */
function noDatabase(onOpen: () => void = () => undefined): Partial<CliContext> {
  return { openServices: async () => { onOpen(); throw new Error('数据库未启动'); }, actor: () => 'test' };
}

/** A `--json` error: exactly one JSON line on stdout and nothing on stderr; returns its `error`. */
function jsonError(r: CliRun): { field: string | null; message: string; details?: { field: string | null; message: string }[] } {
  expect(r.stderr).toBe('');
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  return (JSON.parse(r.stdout) as { error: ReturnType<typeof jsonError> }).error;
}

/** Every field an error line names (the first, and all of them in `details`). */
function fieldsOf(error: ReturnType<typeof jsonError>): (string | null)[] {
  return [error.field, ...(error.details ?? []).map((d) => d.field)];
}

const CONTRACT_KEYS = ['receiptDate', 'correctionNoticeDue', 'correctionNoticeTimely', 'replyDue', 'extendedReplyDue', 'thirdPartyOpinionDue', 'provisional', 'explanation'];

describe('gongkai law deadline', () => {
  it('--json：按合同输出全部字段', async () => {
    const r = await run(['law', 'deadline', '--json'], {
      channel: '当面', submitted: '2023-09-27', confirmed: null, onTheSpot: false, correction: null, extensionWorkingDays: 0, thirdParty: null,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of CONTRACT_KEYS) expect(out).toHaveProperty(key);
    expect(out).toMatchObject({
      receiptDate: '2023-09-27', correctionNoticeDue: '2023-10-12', correctionNoticeTimely: null, replyDue: '2023-10-31',
      extendedReplyDue: null, thirdPartyOpinionDue: null, provisional: false,
    });
    expect((out.explanation as string[]).length).toBeGreaterThan(2);
    expect(out.calendarVersion).toMatch(/^cal-/);
  });

  it('可选字段缺省时取默认值', async () => {
    const r = await run(['law', 'deadline', '--json'], { channel: '邮寄', submitted: '2019-04-24', confirmed: '2019-04-26' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ receiptDate: '2019-04-26', replyDue: '2019-05-27', correctionNoticeTimely: null });
  });

  it('补正、延期、第三方一起', async () => {
    const r = await run(['law', 'deadline', '--json'], {
      channel: '网络', submitted: '2023-02-28', confirmed: '2023-03-01', onTheSpot: false,
      correction: { notifiedOn: '2023-03-06', correctedReceivedOn: '2023-03-20' }, extensionWorkingDays: 5,
      thirdParty: null,
    });
    expect(JSON.parse(r.stdout)).toMatchObject({ correctionNoticeDue: '2023-03-10', correctionNoticeTimely: true, replyDue: '2023-04-18' });
  });

  it('--send-day-excluded 选用 C-07 另一做法', async () => {
    const input = { channel: '当面', submitted: '2023-03-01', thirdParty: { sentOn: '2023-03-06', receivedOn: '2023-03-08', repliedOn: '2023-03-15' } };
    expect(JSON.parse((await run(['law', 'deadline', '--json'], input)).stdout).replyDue).toBe('2023-04-10');
    expect(JSON.parse((await run(['law', 'deadline', '--json', '--send-day-excluded'], input)).stdout).replyDue).toBe('2023-04-11');
  });

  it('2027：provisional 为 true', async () => {
    const r = await run(['law', 'deadline', '--json'], { channel: '当面', submitted: '2026-12-15' });
    expect(JSON.parse(r.stdout)).toMatchObject({ replyDue: '2027-01-12', provisional: true });
  });

  it('不加 --json 时输出中文', async () => {
    const r = await run(['law', 'deadline'], { channel: '当面', submitted: '2023-09-27' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/答复期限：2023-10-31/);
    expect(r.stdout).toMatch(/第三十三条/);
  });

  it.each([
    ['未知渠道', { channel: '电话', submitted: '2023-03-01' }, 'channel'],
    ['不存在的日期 2023-02-30', { channel: '当面', submitted: '2023-02-30' }, 'submitted'],
    ['收到补正申请早于告知补正', { channel: '当面', submitted: '2023-03-01', correction: { notifiedOn: '2023-03-06', correctedReceivedOn: '2023-03-05' } }, 'correction.correctedReceivedOn'],
    ['延期天数为负', { channel: '当面', submitted: '2023-03-01', extensionWorkingDays: -1 }, 'extensionWorkingDays'],
    ['延期超过20个工作日', { channel: '当面', submitted: '2023-03-01', extensionWorkingDays: 21 }, 'extensionWorkingDays'],
    ['邮寄缺签收日', { channel: '邮寄', submitted: '2023-03-01', confirmed: null }, 'confirmed'],
    ['网络缺确认日', { channel: '网络', submitted: '2023-03-01' }, 'confirmed'],
    ['确认日早于提交日', { channel: '传真', submitted: '2023-03-01', confirmed: '2023-02-28' }, 'confirmed'],
    ['第三方收到早于发出', { channel: '当面', submitted: '2023-03-01', thirdParty: { sentOn: '2023-03-06', receivedOn: '2023-03-05', repliedOn: null } }, 'thirdParty.receivedOn'],
    ['补正告知早于收到申请', { channel: '当面', submitted: '2023-03-01', correction: { notifiedOn: '2023-02-27', correctedReceivedOn: null } }, 'correction.notifiedOn'],
    ['超出日历范围', { channel: '当面', submitted: '2018-12-28' }, 'submitted'],
    ['未知字段', { channel: '当面', submitted: '2023-03-01', extensionDays: 5 }, '（整个输入）'],
    ['缺少 submitted', { channel: '当面' }, 'submitted'],
  ])('%s：退出码2；--json 时标准输出一行 JSON 指明字段，否则标准错误用中文', async (_name, input, field) => {
    const r = await run(['law', 'deadline', '--json'], input);
    expect(r.code).toBe(2);
    const error = jsonError(r);
    expect(fieldsOf(error)).toContain(field === '（整个输入）' ? null : field);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    const text = await run(['law', 'deadline'], input);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain(`${field}：`);
  });

  it('几处错误：--json 时第一处为 field/message，details 列出全部', async () => {
    const error = jsonError(await run(['law', 'deadline', '--json'], { channel: '电话', submitted: '2023-02-30', extensionWorkingDays: 1.5 }));
    expect(error.field).toBe('channel');
    expect(fieldsOf(error).slice(1)).toEqual(['channel', 'submitted', 'extensionWorkingDays']);
  });

  it('输入不是 JSON：退出码2', async () => {
    const r = await run(['law', 'deadline', '--json'], '{channel:');
    expect(r.code).toBe(2);
    expect(jsonError(r)).toMatchObject({ field: null, message: expect.stringMatching(/不是合法的 JSON/) });
    const text = await run(['law', 'deadline'], '{channel:');
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/标准输入：不是合法的 JSON/);
  });

  it('没有输入：退出码2', async () => {
    const r = await run(['law', 'deadline', '--json'], '  \n');
    expect(r.code).toBe(2);
    expect(jsonError(r)).toEqual({ field: null, message: '没有读到 JSON 输入' });
  });

  it.each([
    ['未知选项', ['--jsno', '--json'], '--jsno', /未知选项：--jsno.*是否想输入 --json？/],
    ['开关带了取值', ['--db=yes', '--json'], '--db', /--db：此选项不带取值/],
    ['多余的参数', ['input.json', '--json'], null, /多余的参数：input\.json/],
  ])('%s：--json 时也是标准输出一行 JSON，退出码2', async (_name, args, field, message) => {
    const r = await run(['law', 'deadline', ...args], { channel: '当面', submitted: '2023-09-27' });
    expect(r.code).toBe(2);
    const error = jsonError(r);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});

describe('gongkai law publish-due', () => {
  it('--formed --json', async () => {
    const r = await run(['law', 'publish-due', '--formed', '2024-09-27', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ publishDue: '2024-10-30', provisional: false });
  });
  it('2027 暂定', async () => {
    const r = await run(['law', 'publish-due', '--formed=2026-12-20', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ publishDue: '2027-01-15', provisional: true });
  });
  it.each([
    [['--formed', '2023-02-30'], /不是真实存在的日期/],
    [['--formed', '2100-01-04'], /超出日历范围/],
    [[], /--formed：缺少此选项/],
    [['--formed'], /--formed：缺少取值/],
  ])('无效参数 %j：退出码2，--json 时为 JSON，否则为标准错误', async (args, message) => {
    const r = await run(['law', 'publish-due', ...args, '--json']);
    expect(r.code).toBe(2);
    expect(jsonError(r)).toMatchObject({ field: '--formed', message: expect.stringMatching(message) });
    const text = await run(['law', 'publish-due', ...args]);
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
    expect(text.stderr).toMatch(/--formed：/);
  });
});

describe('gongkai law fee', () => {
  it.each([
    [{ mode: '按件', applicationsThisMonthBefore: 0, applicationsInBatch: 11, pages: 0 }, 100],
    [{ mode: '按件', applicationsThisMonthBefore: 30, applicationsInBatch: 30, pages: 0 }, 9000],
    [{ mode: '按量', applicationsThisMonthBefore: 0, applicationsInBatch: 1, pages: 201 }, 2740],
  ])('%j → %i 元', async (input, fee) => {
    const r = await run(['law', 'fee', '--json'], input);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { feeYuan: number; explanation: string[] };
    expect(out.feeYuan).toBe(fee);
    expect(out.explanation.join('')).toMatch(/可以收取/);
  });
  it.each([
    ['负数', { mode: '按件', applicationsThisMonthBefore: 0, applicationsInBatch: -3 }, 'applicationsInBatch'],
    ['按量缺页数', { mode: '按量' }, 'pages'],
    ['未知计收方式', { mode: '按次', pages: 3 }, 'mode'],
  ])('%s：退出码2，指明字段', async (_name, input, field) => {
    const r = await run(['law', 'fee', '--json'], input);
    expect(r.code).toBe(2);
    expect(jsonError(r).field).toBe(field);
    const text = await run(['law', 'fee'], input);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(`${field}：`);
  });
  it('不加 --json 时输出中文', async () => {
    const r = await run(['law', 'fee'], { mode: '按量', pages: 31 });
    expect(r.stdout).toMatch(/建议收取信息处理费：10元/);
  });
});

describe('gongkai law calendar', () => {
  it('--year 2020 --no-db --json：列出延长的春节假期，正式数据', async () => {
    const r = await run(['law', 'calendar', '--year', '2020', '--no-db', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { official: boolean; holidays: { name: string; from: string; to: string }[]; workdays: { date: string }[] };
    expect(out.official).toBe(true);
    expect(out.holidays).toContainEqual(expect.objectContaining({ from: '2020-01-24', to: '2020-02-02' }));
    expect(out.workdays.map((w) => w.date)).toEqual(['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10']);
  });

  it('--year 2027：不是正式数据', async () => {
    const r = await run(['law', 'calendar', '--year', '2027', '--no-db']);
    expect(r.stdout).toMatch(/非正式/);
  });

  it('数据库不可用时仍输出包数据，并在标准错误给出警告', async () => {
    const r = await run(['law', 'calendar', '--year', '2024', '--json'], '', noDatabase());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/警告.*数据库未启动/);
    expect(JSON.parse(r.stdout)).toMatchObject({ year: 2024, official: true });
  });

  it('--year 无效：退出码2', async () => {
    const r = await run(['law', 'calendar', '--year', '27']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--year：');
    expect(jsonError(await run(['law', 'calendar', '--year', '27', '--json'])).field).toBe('--year');
  });

  it('--import 文件有误：退出码2，中文指明字段，不连接数据库', async () => {
    const dir = await testDir('law-calendar');
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ year: 2027, source: 'x', holidays: [{ name: '春节', from: '2027-02-11', to: '2027-02-05' }], workdays: ['2027-02-15'] }));
    let opened = false;
    const r = await run(['law', 'calendar', '--import', file], '', noDatabase(() => { opened = true; }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holidays[0].to：');
    expect(r.stderr).toContain('workdays[0]：');
    expect(opened).toBe(false);
  });

  it('--import --json 文件有误：标准输出一行 JSON，字段路径含数组下标', async () => {
    const dir = await testDir('law-calendar');
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ year: 2027, source: 'x', holidays: [{ name: '春节', from: '2027-02-29', to: '2027-03-01' }], workdays: [] }));
    const r = await run(['law', 'calendar', '--import', file, '--json'], '', noDatabase());
    expect(r.code).toBe(2);
    expect(jsonError(r)).toMatchObject({ field: 'holidays[0].from', message: expect.stringMatching(/YYYY-MM-DD/) });
    const missing = await run(['law', 'calendar', '--import', '/nonexistent/2027.json', '--json']);
    expect(missing.code).toBe(2);
    expect(jsonError(missing)).toMatchObject({ field: '--import', message: expect.stringMatching(/文件不存在/) });
  });

  it('--import 文件不存在：退出码2', async () => {
    const r = await run(['law', 'calendar', '--import', '/nonexistent/2027.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/文件不存在/);
  });

  it('--import --json：导入结果为 JSON（含前后日历版本和该年的列表）', async () => {
    const dir = await testDir('law-calendar');
    const file = join(dir, '2027.json');
    await writeFile(file, JSON.stringify({ year: 2027, source: '测试', holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }], workdays: ['2027-02-14'] }));
    const r = await run(['law', 'calendar', '--import', file, '--json'], '', { openServices: async () => createTestServices(), actor: () => 'test' });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { imported: unknown; calendarVersionBefore: string; calendarVersionAfter: string; listing: { official: boolean } };
    expect(out.imported).toEqual({ year: 2027, source: '测试', replaced: false });
    expect(out.calendarVersionAfter).not.toBe(out.calendarVersionBefore);
    expect(out.listing).toMatchObject({ year: 2027, official: true, source: '测试' });
  });

  it('--import 数据库不可用：退出码1，不导入', async () => {
    const dir = await testDir('law-calendar');
    const file = join(dir, '2027.json');
    await writeFile(file, JSON.stringify({ year: 2027, source: '测试', holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-11' }], workdays: ['2027-02-14'] }));
    const r = await run(['law', 'calendar', '--import', file], '', noDatabase());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/无法连接数据库/);
    const json = await run(['law', 'calendar', '--import', file, '--json'], '', noDatabase());
    expect(json.code).toBe(1);
    expect(jsonError(json)).toMatchObject({ field: null, message: expect.stringMatching(/无法连接数据库/) });
  });
});
