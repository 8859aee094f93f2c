/**
 * A draft's attachments and related items (issue 18 §1): files added (type by their bytes, text read
 * for search before the transaction) or removed, and 政策解读 linked to the documents they interpret.
 * Like every content change, only on a draft, by 经办人 or 负责人, audited, with the search vector
 * refreshed and the version the person saw compared.
 */
import type { IsoDate } from '../law/dates.ts';
import { can } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { checkItemFiles, prepareAttachment, type UploadedFile } from './attachments.ts';
import { invalid } from './input.ts';
import type { CatalogItem } from './model.ts';
import { eventActor, getItemView, lockForChange, todayIn, type Clock } from './service.ts';
import * as store from './store.ts';
import type { ItemView } from './view.ts';

/** Records a content change of a draft: its event, the version, the search vector, the audit row. */
async function recordChange(tx: Queryable, acting: Acting, item: CatalogItem, today: IsoDate, action: string, details: Record<string, unknown>): Promise<void> {
  const version = await store.touchItem(tx, item.id);
  await store.insertEvents(tx, [{ itemId: item.id, type: 'edited', ...(await eventActor(tx, acting)), onDay: today, decision: null, reason: null, details }]);
  await store.refreshSearchVector(tx, item.id);
  await writeAudit(tx, { actor: acting.actor, action, subject: `catalog_item:${item.id}`, agencyId: item.agencyId, ip: acting.ip, details: { ...details, version } });
}

/** Adds files to a draft: every file checked first (nothing stored when one is refused). */
export async function addAttachments(services: Services, acting: Acting, id: number, uploads: readonly UploadedFile[], expectedVersion?: number, clock: Clock = Date.now): Promise<ItemView> {
  const { db } = services;
  const existing = (await store.listAttachments(db, id)).length;
  const checked = checkItemFiles(uploads, existing);
  if (!checked.ok) throw invalid(checked.problems);
  if (checked.files.length === 0) throw invalid([{ field: 'attachments', message: '附件：请选择要上传的文件' }]);
  // The text is read before the transaction: reading a long PDF must not hold the item's lock.
  const prepared = await Promise.all(checked.files.map(prepareAttachment));
  for (const file of prepared) {
    if (file.unreadable) services.logger.warn({ file: file.fileName, reason: file.unreadable }, 'catalog attachment text unreadable');
  }
  await withTransaction(db, async (tx) => {
    const item = await lockForChange(tx, acting, id, expectedVersion);
    const now = (await store.listAttachments(tx, id)).length;
    const again = checkItemFiles(uploads, now);
    if (!again.ok) throw invalid(again.problems);
    await store.insertAttachments(tx, id, prepared);
    await recordChange(tx, acting, item, todayIn(clock) as IsoDate, 'catalog.attach', { attachmentsAdded: prepared.map((f) => ({ fileName: f.fileName, size: f.bytes.length, sha256: f.sha256 })) });
  });
  return getItemView(services, acting, id);
}

/** Removes an attachment of a draft. */
export async function removeAttachment(services: Services, acting: Acting, id: number, attachmentId: number, expectedVersion?: number, clock: Clock = Date.now): Promise<ItemView> {
  await withTransaction(services.db, async (tx) => {
    const item = await lockForChange(tx, acting, id, expectedVersion);
    const name = await store.deleteAttachment(tx, id, attachmentId);
    if (name === undefined) throw new NotFoundError('catalog.attachment_not_found', '没有找到这个附件。');
    await recordChange(tx, acting, item, todayIn(clock) as IsoDate, 'catalog.detach', { attachmentRemoved: name });
  });
  return getItemView(services, acting, id);
}

/**
 * Links a draft to a related item given by its 索引号 or number (a 政策解读 to the documents it
 * interprets: the interpretation is stored first). The related item must be published or readable by the actor.
 */
export async function linkItem(services: Services, acting: Acting, id: number, related: string, expectedVersion?: number, clock: Clock = Date.now): Promise<ItemView> {
  const { db } = services;
  const typed = related.trim();
  const { rows } = await db.query<{ id: number; agency_id: number; status: string; genre: string }>(
    'SELECT id, agency_id, status, genre FROM catalog_items WHERE index_no = $1 OR ($2::bigint IS NOT NULL AND id = $2::bigint)',
    [typed, /^\d{1,15}$/.test(typed) ? Number(typed) : null]);
  const target = rows.find((r) => r.status === 'published' || acting.grants === null || can(acting.grants, 'records.read', r.agency_id));
  if (!target || target.id === id) throw invalid([{ field: 'related', message: `相关信息：没有索引号或编号为“${typed.slice(0, 60)}”的信息（或您无权查看）` }]);
  await withTransaction(db, async (tx) => {
    const item = await lockForChange(tx, acting, id, expectedVersion);
    const interpretation = item.genre === '政策解读' || target.genre !== '政策解读';
    const added = interpretation ? await store.insertLink(tx, id, target.id) : await store.insertLink(tx, target.id, id);
    if (added) await recordChange(tx, acting, item, todayIn(clock) as IsoDate, 'catalog.link', { linked: target.id });
  });
  return getItemView(services, acting, id);
}

/** Removes a link of a draft. */
export async function unlinkItem(services: Services, acting: Acting, id: number, relatedId: number, expectedVersion?: number, clock: Clock = Date.now): Promise<ItemView> {
  await withTransaction(services.db, async (tx) => {
    const item = await lockForChange(tx, acting, id, expectedVersion);
    if (!(await store.deleteLink(tx, id, relatedId))) throw new NotFoundError('catalog.link_not_found', '这两条信息之间没有关联。');
    await recordChange(tx, acting, item, todayIn(clock) as IsoDate, 'catalog.unlink', { unlinked: relatedId });
  });
  return getItemView(services, acting, id);
}
