/**
 * One step of an item's review (`POST /api/v1/items/{id}/events`, the item page's forms), in one
 * transaction: the item locked, the version the person saw compared (409 when changed meanwhile), the
 * step checked by the workflow with the actor's roles in the item's agency and what the scans find, the
 * fold and the event stored, the audit row written. At submission the sensitive words and personal data
 * found are kept on the event for the reviewer; 签发 is refused (422) while personal data is found and
 * not justified at 保密审查; at 签发 the item is published: its search vector refreshed and one
 * 'catalog.published' job queued (the portal's subscription mails run from it).
 */
import type { IsoDate } from '../law/dates.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { enqueue } from '../platform/jobs/queue.ts';
import type { Services } from '../platform/services.ts';
import { VALIDITY_LABELS, type CatalogItem } from './model.ts';
import { actorIn, checkVersion, eventActor, getItemView, itemNotFound, refusalError, requireRead, scanItem, todayIn, type Clock } from './service.ts';
import * as store from './store.ts';
import type { ItemView } from './view.ts';
import { check, transition, type ItemState, type Step } from './workflow.ts';

/** The job queued when an item is published (payload `{ itemId }`); the portal room registers its handler. */
export const CATALOG_PUBLISHED_JOB = 'catalog.published';

/** The fold of a stored item. */
export const stateOf = (item: CatalogItem): ItemState => ({
  status: item.status, authorId: item.authorId, attribute: item.attribute, attributeReason: item.attributeReason,
  personalDataJustification: item.personalDataJustification, publishedOn: item.publishedOn, validity: item.validity,
  validityChangedOn: item.validityChangedOn,
});

/** The steps whose check or record needs the scans. */
const SCANNED: readonly Step['type'][] = ['submitted', 'secrecyChecked', 'signed'];

/** The decision and reason an event keeps of a step. */
function decisionOf(step: Step): { decision: string | null; reason: string | null } {
  switch (step.type) {
    case 'attributeReviewed':
      return { decision: step.decision, reason: step.reason };
    case 'secrecyChecked':
      return { decision: null, reason: step.reason };
    case 'returned':
    case 'withdrawn':
      return { decision: null, reason: step.reason };
    case 'validityChanged':
      return { decision: VALIDITY_LABELS[step.validity], reason: null };
    default:
      return { decision: null, reason: null };
  }
}

/** Takes one review step; resolves to the item as it now is. */
export async function takeStep(services: Services, acting: Acting, id: number, step: Step, expectedVersion?: number, clock: Clock = Date.now): Promise<ItemView> {
  const { db } = services;
  const today = todayIn(clock) as IsoDate;
  await withTransaction(db, async (tx) => {
    const item = await store.lockItem(tx, id);
    if (!item) throw itemNotFound(id);
    requireRead(acting, item.agencyId, id);
    checkVersion(item, expectedVersion);
    const state = stateOf(item);
    const scans = SCANNED.includes(step.type) ? await scanItem(tx, item) : undefined;
    const personalData = scans?.personalData ?? [];
    const verdict = check(state, step, actorIn(acting, item.agencyId), { today, personalData });
    if (!verdict.ok) {
      throw refusalError(verdict, { type: step.type, status: state.status, ...(verdict.code === 'catalog.personal_data' ? { personalData } : {}) });
    }
    const next = transition(state, step, today);
    const version = await store.updateFold(tx, id, next);
    const details: Record<string, unknown> = {};
    if (step.type === 'submitted') Object.assign(details, { sensitiveWords: scans!.sensitiveWords, personalData });
    if (step.type === 'secrecyChecked' && personalData.length > 0) Object.assign(details, { personalData, justification: next.personalDataJustification });
    if (step.type === 'signed' && personalData.length > 0) Object.assign(details, { personalData, justification: state.personalDataJustification });
    if (step.type === 'validityChanged') Object.assign(details, { date: step.date });
    await store.insertEvents(tx, [{ itemId: id, type: step.type, ...(await eventActor(tx, acting)), onDay: today, ...decisionOf(step), details }]);
    if (step.type === 'signed') {
      await store.refreshSearchVector(tx, id);
      await enqueue(tx, { kind: CATALOG_PUBLISHED_JOB, payload: { itemId: id }, dedupeKey: `${CATALOG_PUBLISHED_JOB}:${id}` });
    }
    await writeAudit(tx, {
      actor: acting.actor, action: `catalog.${step.type}`, subject: `catalog_item:${id}`, agencyId: item.agencyId, ip: acting.ip,
      details: {
        indexNo: item.indexNo, statusBefore: state.status, statusAfter: next.status, version, ...decisionOf(step),
        ...(personalData.length > 0 ? { personalDataFound: personalData.length } : {}),
        ...(step.type === 'signed' ? { publishedOn: next.publishedOn } : {}),
      },
    });
  });
  return getItemView(services, acting, id);
}
