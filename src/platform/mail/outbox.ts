/**
 * The outbox (migration 0009): every message the platform sends is a row here first, and a
 * 'mail.send' job sends it (smtp.ts). Writing the row and its job is one statement, so a message
 * exists with its job or not at all, in the caller's transaction when there is one. Without SMTP
 * the message stays here for the console to show. Addresses and bodies are personal data: never logged.
 */
import { z } from 'zod';
import type { Queryable } from '../db/queryable.ts';
import { ValidationError } from '../errors.ts';

/** The job kind that sends one outbox message. */
export const MAIL_SEND_JOB = 'mail.send';

/** A message to send. */
export interface MailInput {
  /** One address. */
  to: string;
  /** One line, at most 200 characters. */
  subject: string;
  /** Plain text. */
  text: string;
  /** A message that must exist once (e.g. one reminder): a second queueMail with the key adds nothing. */
  dedupeKey?: string;
  /** Whose message it is (the console's scope and links). */
  agencyId?: number | null;
  personId?: number | null;
}

const mailSchema = z.object({
  to: z.email({ error: '收件人（to）应为一个电子邮箱地址' }).max(254, { error: '收件人（to）不能超过 254 个字符' }),
  subject: z
    .string()
    .trim()
    .min(1, { error: '主题（subject）不能为空' })
    .max(200, { error: '主题（subject）不能超过 200 个字符' })
    // A line break in a subject would be a header of its own.
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: '主题（subject）只能是一行文字' }),
  text: z.string().max(100_000, { error: '正文（text）不能超过 100000 个字符' }),
  dedupeKey: z.string().min(1).max(300).optional(),
  agencyId: z.number().int().positive().nullable().optional(),
  personId: z.number().int().positive().nullable().optional(),
});

/**
 * Queues a message: the outbox row and its 'mail.send' job, in one statement. Returns the message's
 * id, or null when a message with the same dedupe key already exists (nothing is added).
 * Throws ValidationError naming the field for a bad address, subject or body.
 */
export async function queueMail(db: Queryable, input: MailInput): Promise<number | null> {
  const parsed = mailSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    throw new ValidationError('mail.invalid', fields.map((f) => f.message).join('；'), { fields });
  }
  const m = parsed.data;
  const result = await db.query<{ id: number }>(
    `WITH message AS (
       INSERT INTO outbox (to_address, subject, body_text, dedupe_key, agency_id, person_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id
     )
     INSERT INTO jobs (kind, payload, dedupe_key)
     SELECT $7, jsonb_build_object('outboxId', id), $7 || ':' || id FROM message
     RETURNING (payload->>'outboxId')::bigint AS id`,
    [m.to, m.subject, m.text, m.dedupeKey ?? null, m.agencyId ?? null, m.personId ?? null, MAIL_SEND_JOB],
  );
  return result.rows[0]?.id ?? null;
}

/** Where a message stands, for the console. */
export const OUTBOX_STATUSES = ['queued', 'sent', 'outboxOnly', 'retrying', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The statuses in officials' words. */
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: '待发送',
  sent: '已发送',
  outboxOnly: '未发送（未配置邮件服务器，仅存于发件箱）',
  retrying: '发送出错，稍后自动重试',
  failed: '发送失败，已停止重试',
};

/** A message as the console shows it. */
export interface OutboxMessage {
  id: number;
  to: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  agencyId: number | null;
  personId: number | null;
  createdAt: Date;
  sentAt: Date | null;
  /** The last sending error (addresses removed), if any. */
  error: string | null;
}

interface OutboxRow {
  id: number;
  to_address: string;
  subject: string;
  body_text: string;
  agency_id: number | null;
  person_id: number | null;
  created_at: Date;
  sent_at: Date | null;
  delivery: 'smtp' | 'outbox-only' | null;
  error: string | null;
  failed_at: Date | null;
}

const COLUMNS = 'id, to_address, subject, body_text, agency_id, person_id, created_at, sent_at, delivery, error, failed_at';

/** A row's status: sent, kept without SMTP, given up, failing for now, or waiting. */
function statusOf(row: Pick<OutboxRow, 'sent_at' | 'delivery' | 'error' | 'failed_at'>): OutboxStatus {
  if (row.sent_at !== null) return 'sent';
  if (row.delivery === 'outbox-only') return 'outboxOnly';
  if (row.failed_at !== null) return 'failed';
  return row.error !== null ? 'retrying' : 'queued';
}

const toMessage = (row: OutboxRow): OutboxMessage => ({
  id: row.id,
  to: row.to_address,
  subject: row.subject,
  text: row.body_text,
  status: statusOf(row),
  agencyId: row.agency_id,
  personId: row.person_id,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  error: row.error,
});

/** A page of the outbox, newest first. */
export interface OutboxPage {
  messages: OutboxMessage[];
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: number | null;
}

/**
 * The outbox newest first, `limit` (1–200) messages with ids below `before` (keyset on the id).
 * `agencyIds` limits it to those agencies' messages (a console reader's scope); omitted, all messages.
 */
export async function listOutbox(db: Queryable, options: { limit: number; before?: number; agencyIds?: readonly number[] }): Promise<OutboxPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit), 1), 200);
  const values: unknown[] = [limit + 1];
  const where: string[] = [];
  if (options.before !== undefined) where.push(`id < $${values.push(options.before)}`);
  if (options.agencyIds !== undefined) where.push(`agency_id = ANY($${values.push(options.agencyIds)}::bigint[])`);
  const result = await db.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $1`,
    values,
  );
  const rows = result.rows.slice(0, limit);
  return { messages: rows.map(toMessage), nextBefore: result.rows.length > limit ? rows[rows.length - 1]!.id : null };
}

/** One message, or null. */
export async function getOutboxMessage(db: Queryable, id: number): Promise<OutboxMessage | null> {
  const result = await db.query<OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE id = $1`, [id]);
  const row = result.rows[0];
  return row ? toMessage(row) : null;
}

/** A message as the sender needs it, locked for this transaction; null when gone. */
export async function lockForSending(tx: Queryable, id: number): Promise<(OutboxMessage & { handled: boolean }) | null> {
  const result = await tx.query<OutboxRow>(`SELECT ${COLUMNS} FROM outbox WHERE id = $1 FOR UPDATE`, [id]);
  const row = result.rows[0];
  // Sent, or kept for the console: a second run of its job does nothing.
  return row ? { ...toMessage(row), handled: row.sent_at !== null || row.delivery !== null } : null;
}

/** Records the message sent by SMTP, or kept in the outbox because no SMTP server is configured. */
export async function markHandled(tx: Queryable, id: number, delivery: 'smtp' | 'outbox-only'): Promise<void> {
  await tx.query(
    `UPDATE outbox SET delivery = $2, sent_at = CASE WHEN $2 = 'smtp' THEN now() END, error = NULL, failed_at = NULL WHERE id = $1`,
    [id, delivery],
  );
}

/** Records a failed try (`final`: no more tries). */
export async function markFailed(tx: Queryable, id: number, error: string, final: boolean): Promise<void> {
  await tx.query(
    `UPDATE outbox SET error = left($2, 2000), failed_at = CASE WHEN $3 THEN now() END WHERE id = $1`,
    [id, error, final],
  );
}
