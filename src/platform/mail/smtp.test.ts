import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices } from '../../../test/support/services.ts';
import type { Services } from '../services.ts';
import { claim, complete } from '../jobs/queue.ts';
import { startWorker } from '../jobs/worker.ts';
import { getOutboxMessage, queueMail } from './outbox.ts';
import { mailJobs } from './smtp.ts';

/** A message an SMTP server received. */
interface Received {
  from: string;
  to: string[];
  data: string;
}

/**
 * A small SMTP server on loopback (RFC 5321's plain dialogue, no TLS, no auth): records every
 * message, or answers RCPT TO with 550 while `reject` is set.
 */
async function startSmtpSink(): Promise<{ url: string; received: Received[]; reject: { on: boolean }; close(): Promise<void> }> {
  const received: Received[] = [];
  const reject = { on: false };
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(current);
            current = { from: '', to: [], data: '' };
            reply('250 queued');
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 sink');
        else if (verb === 'MAIL') {
          current.from = line;
          reply('250 ok');
        } else if (verb === 'RCPT') {
          if (reject.on) reply(`550 5.1.1 ${line.slice(8)}: mailbox unavailable`);
          else {
            current.to.push(line);
            reply('250 ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 go on');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else if (verb === 'RSET') {
          current = { from: '', to: [], data: '' };
          reply('250 ok');
        } else reply('250 ok');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    reject,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});
let services: Services | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
  sink.received.length = 0;
  sink.reject.on = false;
});

const mail = { to: 'wang.wu@example.gov.cn', subject: '【提醒】申请答复期限将至', text: '查询码 ABCD-EFGH-JKMN 的申请将于 2025-03-10 到期。' };

const until = async (condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Runs the queue's due mail jobs once, as a worker would. */
async function runMailJobs(s: Services): Promise<void> {
  const handlers = mailJobs(s);
  for (const job of await claim(s.db, ['mail.send'], 100)) {
    await handlers['mail.send']!(job.payload, s, { id: job.id, kind: job.kind, attempt: job.attempt, maxAttempts: job.maxAttempts, lastAttempt: job.attempt >= job.maxAttempts });
    await complete(s.db, job);
  }
}

describe("the 'mail.send' job", () => {
  it('sends the message through SMTP from the configured sender and marks it sent', async () => {
    services = await createTestServices({ smtpUrl: sink.url, mailFrom: '某市政府信息公开 <gongkai@example.gov.cn>' });
    const id = await queueMail(services.db, mail);
    startWorker(services, mailJobs(services), { intervalMs: 20 });
    await until(async () => (await getOutboxMessage(services!.db, id!))?.status === 'sent');
    expect(sink.received).toHaveLength(1);
    const [message] = sink.received;
    expect(message!.from).toContain('<gongkai@example.gov.cn>');
    expect(message!.to).toEqual(['RCPT TO:<wang.wu@example.gov.cn>']);
    expect(message!.data).toContain(`Message-ID: <gongkai-outbox-${id}@example.gov.cn>`);
    // The Chinese subject is encoded (RFC 2047), the body is UTF-8.
    expect(message!.data).toMatch(/Subject: =\?UTF-8\?/);
    expect(message!.data).toMatch(/charset=utf-8/i);
  });

  it('sends a message once even when its job runs twice', async () => {
    services = await createTestServices({ smtpUrl: sink.url });
    const id = await queueMail(services.db, mail);
    const handlers = mailJobs(services);
    const context = { id: 1, kind: 'mail.send', attempt: 1, maxAttempts: 5, lastAttempt: false };
    await Promise.all([
      handlers['mail.send']!({ outboxId: id }, services, context),
      handlers['mail.send']!({ outboxId: id }, services, context),
    ]);
    expect(sink.received).toHaveLength(1);
  });

  it('without SMTP keeps the message in the outbox, marked so', async () => {
    services = await createTestServices({ smtpUrl: undefined });
    const id = await queueMail(services.db, mail);
    await runMailJobs(services);
    const message = await getOutboxMessage(services.db, id!);
    expect(message).toMatchObject({ status: 'outboxOnly', sentAt: null, error: null, text: mail.text });
    expect(sink.received).toHaveLength(0);
    const job = await services.db.query(`SELECT state FROM jobs WHERE kind = 'mail.send'`);
    expect(job.rows).toEqual([{ state: 'done' }]);
  });

  it('records a refusal on the message without the address, retries, and gives up after the last try', async () => {
    services = await createTestServices({ smtpUrl: sink.url });
    sink.reject.on = true;
    const id = await queueMail(services.db, mail);
    await services.db.query(`UPDATE jobs SET max_attempts = 2`);
    startWorker(services, mailJobs(services), { intervalMs: 20 });
    await until(async () => (await getOutboxMessage(services!.db, id!))?.status === 'retrying');
    let message = await getOutboxMessage(services.db, id!);
    expect(message!.error).toContain('550');
    expect(message!.error).not.toContain('wang.wu');
    // The back-off would wait 30 s: bring the retry forward.
    await services.db.query(`UPDATE jobs SET run_at = now() WHERE state = 'pending'`);
    await until(async () => (await getOutboxMessage(services!.db, id!))?.status === 'failed');
    const job = await services.db.query<{ state: string; last_error: string }>(`SELECT state, last_error FROM jobs WHERE kind = 'mail.send'`);
    expect(job.rows[0]!.state).toBe('failed');
    expect(job.rows[0]!.last_error).not.toContain('wang.wu');
    message = await getOutboxMessage(services.db, id!);
    expect(message!.sentAt).toBeNull();
    expect(sink.received).toHaveLength(0);
  });
});
