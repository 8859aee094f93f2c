/**
 * The mails of 政策推送 (issue 18 §5): when an item is published the catalog queues a
 * 'catalog.published' job ({itemId}); its handler here mails each confirmed subscriber whose
 * subscription the item matches (its agency or one above it, its 第二十条 item, its 主题) — one mail per
 * address and item however many of its subscriptions match and however often the job runs (the
 * outbox's dedupe key) — each with the item's link and the one-click link that ends the subscription.
 */
import { z } from 'zod';
import { CATALOG_PUBLISHED_JOB, findPublishedItemById, type PublicItem } from '../catalog/index.ts';
import { listAgencies } from '../platform/accounts/store.ts';
import { startWorker, type JobHandler, type Worker, type WorkerOptions } from '../platform/jobs/worker.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import type { Services } from '../platform/services.ts';
import { ancestorsOf, buildDirectory } from './directory.ts';
import { coverageText, unsubscribeUrl } from './subscriptions.ts';
import { matchingSubscriptions, type SubscriptionRow } from './subscriptions-store.ts';
import { itemPath } from './urls.ts';

/** The job the catalog queues when an item is published. */
export const PUBLISHED_JOB = CATALOG_PUBLISHED_JOB;

const payloadSchema = z.object({ itemId: z.number().int().positive() });

/** The mail of one item to one subscriber. */
export function pushMail(item: PublicItem, subscription: SubscriptionRow, subscribedTo: string, origin: string): { subject: string; text: string } {
  const subject = `【政策推送】${item.agencyName}：${item.title}`.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return {
    subject: subject.length > 200 ? `${subject.slice(0, 199)}…` : subject,
    text: [
      '您好：',
      '',
      `${item.agencyName}于 ${item.publishedOn} 公开了以下政府信息：`,
      '',
      item.title,
      ...(item.docNo ? [`文号：${item.docNo}`] : []),
      `索引号：${item.indexNo}`,
      `查看全文：${origin}${itemPath(item.indexNo)}`,
      '',
      `您收到这封邮件，是因为您订阅了${subscribedTo}公开的${coverageText([subscription.article20Item], subscription.topic)}。`,
      '退订（打开即退订，无需登录）：',
      unsubscribeUrl(origin, subscription.unsubscribeToken),
      '',
      '此邮件由系统自动发送，请勿回复。',
    ].join('\n'),
  };
}

/** Queues the mails of a published item; returns how many were queued now (an address mailed before is skipped). */
export async function pushPublishedItem(services: Services, itemId: number): Promise<number> {
  const item = await findPublishedItemById(services.db, itemId);
  // Withdrawn before the job ran: nobody is told.
  if (!item) return 0;
  const directory = buildDirectory(await listAgencies(services.db, { includeClosed: true }));
  const above = [...ancestorsOf(directory, item.agencyId).map((a) => a.id), item.agencyId];
  const subscriptions = await matchingSubscriptions(services.db, above, item.article20Item, item.topic);
  // One mail per address: the subscription closest to the item's agency speaks for it.
  const byAddress = new Map<string, SubscriptionRow>();
  const rank = (s: SubscriptionRow) => (s.agencyId === null ? -1 : above.indexOf(s.agencyId));
  for (const s of subscriptions) {
    const key = s.email.toLowerCase();
    const seen = byAddress.get(key);
    if (!seen || rank(s) > rank(seen)) byAddress.set(key, s);
  }
  let queued = 0;
  for (const [address, s] of byAddress) {
    const subscribedTo = s.agencyId === null ? '各机关' : directory.byId.get(s.agencyId)?.name ?? item.agencyName;
    const { subject, text } = pushMail(item, s, subscribedTo, s.siteOrigin ?? '');
    const id = await queueMail(services.db, { to: s.email, subject, text, dedupeKey: `catalog.push:${item.id}:${address}`, agencyId: item.agencyId });
    if (id !== null) queued++;
  }
  return queued;
}

/** The portal's jobs of a worker: `{ 'catalog.published': … }`. */
export function portalJobs(): Record<string, JobHandler> {
  return {
    [PUBLISHED_JOB]: async (payload, services, job) => {
      const { itemId } = payloadSchema.parse(payload);
      const queued = await pushPublishedItem(services, itemId);
      services.logger.info({ jobId: job.id, itemId, queued }, '已排定政策推送邮件');
    },
  };
}

/** Starts a worker for the portal's jobs in this process (the mails themselves are sent by the 'mail.send' worker). */
export function startPortalJobs(services: Services, options: WorkerOptions = {}): Worker {
  return startWorker(services, portalJobs(), options);
}
