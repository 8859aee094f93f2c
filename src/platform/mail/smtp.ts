/**
 * Sending the outbox: the 'mail.send' job handler. With `GONGKAI_SMTP_URL` it sends the message
 * through nodemailer and marks it sent; without, it marks it kept in the outbox (the console shows
 * it). The message's row is locked while it is sent, so two runs of its job (after a crash) never
 * both send it; a crash between the server's acceptance and the commit may send it twice — the
 * Message-ID stays the same, so mail clients show one.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { withTransaction } from '../db/transaction.ts';
import { describeError, type JobHandler } from '../jobs/worker.ts';
import type { Services } from '../services.ts';
import { lockForSending, MAIL_SEND_JOB, markFailed, markHandled } from './outbox.ts';

/** A message as handed to the mail server. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** `<…@…>`, the same for every try of one outbox message. */
  messageId: string;
}

/** What sends a message (SMTP; a test may give another). */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An SMTP transport for a `smtp://` or `smtps://` URL, with timeouts so a silent server cannot hold a job for long. */
export function createSmtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    logger: false,
  });
  return {
    send: async (mail) => {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

const payloadSchema = z.object({ outboxId: z.number().int().positive() });

/** The domain of the sender's address, for Message-IDs. */
function domainOf(from: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'localhost';
}

/**
 * The mail jobs of a worker: `{ 'mail.send': … }` on these services' configuration (the SMTP
 * transport is made once and closed with the services). `transport` replaces SMTP (tests); `null`
 * keeps every message in the outbox.
 */
export function mailJobs(services: Services, options: { transport?: MailTransport | null } = {}): Record<string, JobHandler> {
  const { smtpUrl, mailFrom } = services.config;
  const transport = options.transport !== undefined ? options.transport : smtpUrl ? createSmtpTransport(smtpUrl) : null;
  if (transport) services.onClose(async () => transport.close());
  const domain = domainOf(mailFrom);
  const log = services.logger.child({ component: 'mail' });

  const send: JobHandler = async (payload, s, job) => {
    const { outboxId } = payloadSchema.parse(payload);
    const failure = await withTransaction(s.db, async (tx) => {
      const message = await lockForSending(tx, outboxId);
      if (!message || message.handled) return null;
      if (!transport) {
        await markHandled(tx, outboxId, 'outbox-only');
        log.info({ outboxId, jobId: job.id }, '未配置邮件服务器：邮件留在发件箱');
        return null;
      }
      try {
        await transport.send({ from: mailFrom, to: message.to, subject: message.subject, text: message.text, messageId: `<gongkai-outbox-${outboxId}@${domain}>` });
      } catch (error) {
        const described = describeError(error);
        // Kept on the message (committed), then thrown so the queue retries it with back-off.
        await markFailed(tx, outboxId, described, job.lastAttempt);
        return described;
      }
      await markHandled(tx, outboxId, 'smtp');
      log.info({ outboxId, jobId: job.id }, '邮件已发送');
      return null;
    });
    if (failure !== null) throw new Error(failure);
  };
  return { [MAIL_SEND_JOB]: send };
}
