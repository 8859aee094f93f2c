/**
 * Storage of an application's attachments (migration 0011). SQL only: the caller owns the transaction
 * (an application and its files are stored together or not at all). Lists never carry the bytes.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../platform/db/queryable.ts';
import type { CheckedAttachment } from './attachments.ts';

/** An attachment as listed on the case page (no bytes). */
export interface AttachmentSummary {
  id: number;
  applicationId: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

/** An attachment with its bytes (a download). */
export interface AttachmentFile extends AttachmentSummary {
  bytes: Buffer;
}

interface Row {
  id: string;
  application_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: Date;
  bytes?: Buffer;
}

const SUMMARY_COLUMNS = 'id, application_id, file_name, media_type, size, sha256, created_at';

const summaryOf = (r: Row): AttachmentSummary => ({
  id: Number(r.id), applicationId: Number(r.application_id), fileName: r.file_name, mediaType: r.media_type, size: r.size, sha256: r.sha256, createdAt: r.created_at,
});

/** Stores checked attachments of an application (with each file's SHA-256, to show it is unchanged); resolves to their ids in order. */
export async function insertAttachments(db: Queryable, applicationId: number, files: readonly CheckedAttachment[]): Promise<number[]> {
  const ids: number[] = [];
  for (const f of files) {
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    const { rows } = await db.query<{ id: string }>(
      'INSERT INTO application_attachments (application_id, file_name, media_type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [applicationId, f.fileName, f.mediaType, f.size, sha256, Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength)],
    );
    ids.push(Number(rows[0]!.id));
  }
  return ids;
}

/** The attachments of an application, oldest first, without their bytes. */
export async function listAttachments(db: Queryable, applicationId: number): Promise<AttachmentSummary[]> {
  const { rows } = await db.query<Row>(`SELECT ${SUMMARY_COLUMNS} FROM application_attachments WHERE application_id = $1 ORDER BY id`, [applicationId]);
  return rows.map(summaryOf);
}

/** One attachment of an application with its bytes, or undefined (another application's id is not found). */
export async function getAttachment(db: Queryable, applicationId: number, attachmentId: number): Promise<AttachmentFile | undefined> {
  const { rows } = await db.query<Row>(
    `SELECT ${SUMMARY_COLUMNS}, bytes FROM application_attachments WHERE application_id = $1 AND id = $2`, [applicationId, attachmentId],
  );
  const r = rows[0];
  return r ? { ...summaryOf(r), bytes: r.bytes! } : undefined;
}
