import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { ValidationError } from '../errors.ts';
import { getOutboxMessage, listOutbox, markFailed, markHandled, queueMail } from './outbox.ts';

let database: TestDatabase;
let agencyA: number;
let agencyB: number;
beforeAll(async () => {
  database = await createTestDatabase();
  const agencies = await database.pool.query<{ id: number }>(
    `INSERT INTO agencies (name, kind) VALUES ('某市人民政府办公室', 'department'), ('某市财政局', 'department') RETURNING id`,
  );
  [agencyA, agencyB] = agencies.rows.map((r) => r.id) as [number, number];
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  await database.pool.query('DELETE FROM jobs');
  await database.pool.query('DELETE FROM outbox');
});

const mail = { to: 'li.si@example.gov.cn', subject: '申请即将到期', text: '请及时答复。' };

describe('queueMail', () => {
  it('writes the message and its sending job together', async () => {
    const id = await queueMail(database.pool, { ...mail, agencyId: agencyA });
    expect(id).toBeTypeOf('number');
    const jobs = await database.pool.query('SELECT kind, payload, state, dedupe_key FROM jobs');
    expect(jobs.rows).toEqual([{ kind: 'mail.send', payload: { outboxId: id }, state: 'pending', dedupe_key: `mail.send:${id}` }]);
    expect(await getOutboxMessage(database.pool, id!)).toMatchObject({ ...mail, status: 'queued', agencyId: agencyA, sentAt: null, error: null });
  });

  it('queues a message with a dedupe key once, job included', async () => {
    const first = await queueMail(database.pool, { ...mail, dedupeKey: 'reminder:1:2025-03-10:5:amber' });
    const second = await queueMail(database.pool, { ...mail, subject: '另一个主题', dedupeKey: 'reminder:1:2025-03-10:5:amber' });
    expect(first).toBeTypeOf('number');
    expect(second).toBeNull();
    expect((await database.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0]).toEqual({ n: 1 });
    expect((await database.pool.query('SELECT count(*)::int AS n FROM jobs')).rows[0]).toEqual({ n: 1 });
  });

  it('leaves neither message nor job when the caller’s transaction rolls back', async () => {
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await queueMail(client, mail);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await database.pool.query('SELECT (SELECT count(*) FROM outbox)::int AS o, (SELECT count(*) FROM jobs)::int AS j')).rows[0]).toEqual({ o: 0, j: 0 });
  });

  it.each([
    [{ ...mail, to: '不是地址' }, 'to', '收件人（to）应为一个电子邮箱地址'],
    [{ ...mail, subject: ' ' }, 'subject', '主题（subject）不能为空'],
    [{ ...mail, subject: '第一行\r\nBcc: x@example.com' }, 'subject', '主题（subject）只能是一行文字'],
    [{ ...mail, subject: '长'.repeat(201) }, 'subject', '主题（subject）不能超过 200 个字符'],
    [{ ...mail, text: 'x'.repeat(100_001) }, 'text', '正文（text）不能超过 100000 个字符'],
  ])('refuses a bad message naming the field (%#)', async (input, field, message) => {
    const error = await queueMail(database.pool, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toEqual({ fields: [{ field, message }] });
    expect((await database.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0]).toEqual({ n: 0 });
  });
});

describe('listOutbox', () => {
  it('pages newest first, within the agencies asked for, with each message’s status', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await queueMail(database.pool, { ...mail, subject: `第${i}封`, agencyId: i % 2 === 0 ? agencyA : agencyB }))!);
    await markHandled(database.pool, ids[0]!, 'smtp');
    await markHandled(database.pool, ids[1]!, 'outbox-only');
    await markFailed(database.pool, ids[2]!, '连接被拒绝', false);
    await markFailed(database.pool, ids[3]!, '连接被拒绝', true);

    const first = await listOutbox(database.pool, { limit: 3 });
    expect(first.messages.map((m) => [m.subject, m.status])).toEqual([['第4封', 'queued'], ['第3封', 'failed'], ['第2封', 'retrying']]);
    expect(first.nextBefore).toBe(ids[2]);
    const second = await listOutbox(database.pool, { limit: 3, before: first.nextBefore! });
    expect(second.messages.map((m) => [m.subject, m.status])).toEqual([['第1封', 'outboxOnly'], ['第0封', 'sent']]);
    expect(second.nextBefore).toBeNull();
    expect(second.messages[1]!.sentAt).toBeInstanceOf(Date);
    expect(first.messages[1]!.error).toBe('连接被拒绝');

    const scoped = await listOutbox(database.pool, { limit: 50, agencyIds: [agencyB] });
    expect(scoped.messages.map((m) => m.subject)).toEqual(['第3封', '第1封']);
    expect((await listOutbox(database.pool, { limit: 50, agencyIds: [] })).messages).toEqual([]);
  });
});
