/**
 * The catalog's use-cases: draft an item (its 索引号 taken under the agency's counter, its Art. 26 due
 * date computed on the app's calendar), change a draft, read an item (staff and public), list items.
 * The review's steps are steps.ts's; attachments and related items item-files.ts's; settings
 * settings.ts's. Each checks who may act (the viewer's roles in the item's agency), owns its
 * transaction, writes the audit log in it, and refuses a change to an item changed meanwhile (409).
 */
import type { IsoDate } from '../law/dates.ts';
import { dayOf, isoOf } from '../law/dates.ts';
import { computePublishDue } from '../law/deadlines.ts';
import { loadCalendar } from '../law/edge/index.ts';
import { storableText } from '../platform/storable-text.ts';
import { agenciesWhere, can, type ReachingGrant, type Role } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { getAgency, type Agency } from '../platform/accounts/store.ts';
import { actorLabel, writeAudit } from '../platform/audit/audit-log.ts';
import { todayIn, type Clock } from '../platform/clock.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type AppError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { classifyDue, dueSoonUntil, type DueClass } from './due.ts';
import { cleanBody } from './body-html.ts';
import { DEFAULT_INDEX_PATTERN, defaultIndexParts, formatIndexNumber, parseIndexPattern } from './core/index-number.ts';
import { scanPersonalData, type PersonalDataFinding } from './core/personal-data-scan.ts';
import { findSensitiveWords } from './core/sensitive-words.ts';
import { invalid, parseCreate, parseEdit, type ContentInput } from './input.ts';
import { PENDING_STATUSES, type CatalogItem, type ItemStatus } from './model.ts';
import * as store from './store.ts';
import { findPublishedItem } from './public-read.ts';
import { toItemMetadata, toItemView, type ItemMetadata, type ItemView } from './view.ts';
import { checkEdit, initialState, type Actor, type Refusal } from './workflow.ts';

export { todayIn, type Clock };

// ---------- Who acts ----------

const holds = (grants: readonly ReachingGrant[], role: Role, agencyId: number) => grants.some((g) => g.role === role && g.agencyId === agencyId);
export const personIdOf = (acting: Acting): number | null => (acting.actor.kind === 'person' ? acting.actor.personId : null);

/** The actor as the workflow sees them in an agency (the command line holds every role). */
export function actorIn(acting: Acting, agencyId: number): Actor {
  if (acting.grants === null) return { personId: null, mayWrite: true, isReviewer: true, isHead: true };
  return {
    personId: personIdOf(acting), mayWrite: can(acting.grants, 'records.write', agencyId),
    isReviewer: holds(acting.grants, 'reviewer', agencyId), isHead: holds(acting.grants, 'head', agencyId),
  };
}

export const itemNotFound = (id: number | string) => new NotFoundError('catalog.not_found', `没有找到这条信息（${id}）（或您无权查看）。`, { id });

/** Refuses a reader without 'records.read' on the agency (as if the item did not exist). */
export function requireRead(acting: Acting, agencyId: number, id: number): void {
  if (acting.grants !== null && !can(acting.grants, 'records.read', agencyId)) throw itemNotFound(id);
}

/** A workflow refusal as the error the API and pages show. */
export function refusalError(refusal: Refusal, details?: Record<string, unknown>): AppError {
  if (refusal.status === 403) return new ForbiddenError(refusal.code, refusal.message, details);
  if (refusal.status === 409) return new ConflictError(refusal.code, refusal.message, details);
  return new ValidationError(refusal.code, refusal.message, details, 422);
}

/** The 409 of an item changed since the person saw it. */
export function checkVersion(item: CatalogItem, expected: number | undefined): void {
  if (expected !== undefined && expected !== item.version) {
    throw new ConflictError('catalog.stale', '本条信息已被他人修改，请刷新后再办理。', { version: item.version, expectedVersion: expected });
  }
}

/** Who an event names: the person's name, or the command line as the audit log names it. */
export async function eventActor(db: Queryable, acting: Acting): Promise<{ actorId: number | null; actorLabel: string }> {
  const personId = personIdOf(acting);
  if (personId === null) return { actorId: null, actorLabel: actorLabel(acting.actor) };
  return { actorId: personId, actorLabel: (await store.personName(db, personId)) ?? actorLabel(acting.actor) };
}

// ---------- Scans ----------

/** What the scans find in an item's body and its attachments' text now. */
export async function scanItem(db: Queryable, item: Pick<CatalogItem, 'id' | 'agencyId' | 'title' | 'bodyText'>) {
  const [texts, words] = await Promise.all([store.attachmentTexts(db, item.id), store.wordsFor(db, item.agencyId)]);
  const all = [item.title, item.bodyText, ...texts.map((t) => t.text)].join('\n');
  return { personalData: scanPersonalData(all), sensitiveWords: findSensitiveWords(all, words), texts };
}

// ---------- Drafting ----------

/** An open agency, or 404 naming the field. */
async function openAgency(db: Queryable, agencyId: number): Promise<Agency> {
  const agency = await getAgency(db, agencyId);
  if (!agency || agency.closedAt) {
    const message = `发布机关（agencyId）：没有编号为 ${agencyId} 的机关（或已撤销）`;
    throw new NotFoundError('catalog.agency_not_found', message, { fields: [{ field: 'agencyId', message }] });
  }
  return agency;
}

/** Drafting needs 'records.write' (经办人、负责人) on the agency: 403 in one's own, 404 elsewhere. */
function requireDraft(acting: Acting, agencyId: number): void {
  if (acting.grants === null || can(acting.grants, 'records.write', agencyId)) return;
  if (acting.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId))) {
    throw new ForbiddenError('catalog.needs_write', '起草信息需要本机关的经办人或负责人角色：请联系本机关的管理员。');
  }
  const message = `发布机关（agencyId）：没有编号为 ${agencyId} 的机关（或您无权为它起草信息）`;
  throw new NotFoundError('catalog.agency_not_found', message, { fields: [{ field: 'agencyId', message }] });
}

/** The content as stored: the body cleaned with its text, the publisher defaulted, the Art. 26 date. */
export function contentRow(input: ContentInput, agency: Agency, calendar: Parameters<typeof computePublishDue>[1]): store.ItemContentRow {
  const body = cleanBody(input.body);
  const due = computePublishDue(input.formedOn, calendar, { explain: false });
  return {
    title: input.title, docNo: input.docNo, publisher: input.publisher ?? agency.name, formedOn: input.formedOn,
    publishDue: due.publishDue, publishDueProvisional: due.provisional, topic: input.topic, genre: input.genre,
    article20Item: input.article20Item, article21Item: input.article21Item, disclosureMode: input.disclosureMode ?? '政府网站',
    disclosureScope: input.disclosureScope ?? '面向社会', bodyHtml: body.html, bodyText: body.text,
  };
}

/** The agency's 索引号 pattern, parsed (the default when none is set). */
export async function indexPatternOf(db: Queryable, agencyId: number) {
  const stored = await store.getIndexPattern(db, agencyId);
  const parsed = parseIndexPattern(stored ?? DEFAULT_INDEX_PATTERN);
  // A stored pattern was checked when it was saved; the default is always good.
  return parsed.ok ? parsed.parts : defaultIndexParts();
}

/**
 * The next free 索引号 of an agency's year, taken under the counter row's lock (held until the
 * transaction ends); a number already given (an imported one) is skipped.
 */
export async function takeIndexNo(tx: Queryable, agency: Agency, year: number): Promise<string> {
  const parts = await indexPatternOf(tx, agency.id);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const serial = await store.nextSerial(tx, agency.id, year);
    const indexNo = formatIndexNumber(parts, { creditCode: agency.creditCode, agencyId: agency.id, year, serial });
    if ((await store.takenIndexNos(tx, [indexNo])).size === 0) return indexNo;
  }
  throw new ConflictError('catalog.index_exhausted', '无法生成索引号：请检查本机关的索引号格式。');
}

/** Related items given with a draft: each must exist and be readable by the actor (or published). */
async function checkRelated(db: Queryable, acting: Acting, ids: readonly number[]): Promise<void> {
  for (const id of ids) {
    const item = await store.getItem(db, id);
    if (!item || (item.status !== 'published' && acting.grants !== null && !can(acting.grants, 'records.read', item.agencyId))) {
      throw invalid([{ field: 'relatedIds', message: `相关信息（relatedIds）：没有编号为 ${id} 的信息（或您无权查看）` }]);
    }
  }
}

/**
 * Drafts an item (`POST /api/v1/items`, the new-item form): checked, its body cleaned, its 索引号
 * taken and its Art. 26 due date computed, stored with a 'created' event and its search vector, audited.
 */
export async function createDraft(services: Services, acting: Acting, raw: unknown, clock: Clock = Date.now): Promise<{ id: number; indexNo: string }> {
  const parsed = parseCreate(raw);
  if (!parsed.ok) throw invalid(parsed.problems);
  const input = parsed.value;
  const { db } = services;
  const agency = await openAgency(db, input.agencyId);
  requireDraft(acting, agency.id);
  await checkRelated(db, acting, input.relatedIds);
  const content = contentRow(input, agency, await loadCalendar(db));
  const today = todayIn(clock) as IsoDate;
  return withTransaction(db, async (tx) => {
    const indexNo = await takeIndexNo(tx, agency, Number(input.formedOn.slice(0, 4)));
    const [id] = await store.insertItems(tx, [{ agencyId: agency.id, indexNo, ...content, ...initialState(personIdOf(acting)) }]);
    await store.insertEvents(tx, [{ itemId: id!, type: 'created', ...(await eventActor(tx, acting)), onDay: today, decision: null, reason: null, details: {} }]);
    for (const relatedId of input.relatedIds) await store.insertLink(tx, id!, relatedId);
    await store.refreshSearchVector(tx, id!);
    await writeAudit(tx, {
      actor: acting.actor, action: 'catalog.create', subject: `catalog_item:${id!}`, agencyId: agency.id, ip: acting.ip,
      details: { indexNo, title: content.title, docNo: content.docNo, formedOn: content.formedOn, publishDue: content.publishDue },
    });
    return { id: id!, indexNo };
  });
}

/** The fields compared for an edit's audit row (the body by its length). */
const AUDITED_FIELDS = ['title', 'docNo', 'publisher', 'formedOn', 'topic', 'genre', 'article20Item', 'article21Item', 'disclosureMode', 'disclosureScope'] as const;

/** Changes a draft (only a draft, by 经办人 or 负责人); the due date follows a changed 成文日期. */
export async function editDraft(services: Services, acting: Acting, id: number, raw: unknown, clock: Clock = Date.now): Promise<ItemView> {
  const parsed = parseEdit(raw);
  if (!parsed.ok) throw invalid(parsed.problems);
  const { db } = services;
  const calendar = await loadCalendar(db);
  const today = todayIn(clock) as IsoDate;
  await withTransaction(db, async (tx) => {
    const item = await lockForChange(tx, acting, id, parsed.value.version);
    const agency = (await getAgency(tx, item.agencyId))!;
    const content = contentRow(parsed.value, agency, calendar);
    const changed = AUDITED_FIELDS.filter((f) => item[f] !== content[f]);
    const bodyChanged = item.bodyHtml !== content.bodyHtml;
    const version = await store.updateContent(tx, id, content);
    await store.insertEvents(tx, [{ itemId: id, type: 'edited', ...(await eventActor(tx, acting)), onDay: today, decision: null, reason: null, details: { fields: [...changed, ...(bodyChanged ? ['body'] : [])] } }]);
    await store.refreshSearchVector(tx, id);
    await writeAudit(tx, {
      actor: acting.actor, action: 'catalog.edit', subject: `catalog_item:${id}`, agencyId: item.agencyId, ip: acting.ip,
      details: {
        before: Object.fromEntries(changed.map((f) => [f, item[f]])), after: Object.fromEntries(changed.map((f) => [f, content[f]])),
        ...(bodyChanged ? { bodyLength: { before: item.bodyHtml.length, after: content.bodyHtml.length } } : {}), version,
      },
    });
  });
  return getItemView(services, acting, id);
}

/**
 * The item locked for a change of its content: readable by the actor (404 otherwise), the version the
 * person saw (409 otherwise), a draft the actor may edit (workflow checkEdit).
 */
export async function lockForChange(tx: Queryable, acting: Acting, id: number, expectedVersion: number | undefined): Promise<CatalogItem> {
  const item = await store.lockItem(tx, id);
  if (!item) throw itemNotFound(id);
  requireRead(acting, item.agencyId, id);
  checkVersion(item, expectedVersion);
  const verdict = checkEdit(item, actorIn(acting, item.agencyId));
  if (!verdict.ok) throw refusalError(verdict, { status: item.status });
  return item;
}

// ---------- Reading ----------

/** The staff's view of an item: everything, with its events and what the scans find now. */
export async function getItemView(services: Services, acting: Acting, id: number): Promise<ItemView> {
  const { db } = services;
  const item = await store.getItem(db, id);
  if (!item) throw itemNotFound(id);
  requireRead(acting, item.agencyId, id);
  return viewOf(db, item);
}

/** The view of an item already read. */
export async function viewOf(db: Queryable, item: CatalogItem): Promise<ItemView> {
  const [events, attachments, related, scans] = await Promise.all([
    store.listEvents(db, item.id), store.listAttachments(db, item.id), store.listLinks(db, item.id), scanItem(db, item),
  ]);
  const withText = new Set(scans.texts.filter((t) => t.text !== '').map((t) => t.id));
  return toItemView({
    item, events, related, personalData: scans.personalData, sensitiveWords: scans.sensitiveWords,
    attachments: attachments.map((a) => ({ ...a, hasText: withText.has(a.id) })),
  });
}

/** A published item's public metadata by its 索引号 (404 for drafts, items under review, withdrawn ones). */
export async function getItemMetadata(services: Services, indexNo: string): Promise<ItemMetadata> {
  const item = indexNo.length > 100 ? undefined : await findPublishedItem(services.db, indexNo);
  if (!item) throw new NotFoundError('catalog.not_found', `没有索引号为“${indexNo.slice(0, 60)}”的已发布信息。`, { indexNo: indexNo.slice(0, 100) });
  return toItemMetadata(item);
}

// ---------- Lists ----------

/** Filters of the staff's list. */
export interface ItemListFilters {
  agencyId?: number | undefined;
  /** A status, 'pending' (on the way to publication: the default) or 'all'. */
  status?: ItemStatus | 'pending' | 'all' | undefined;
  text?: string | undefined;
  due?: 'soon' | 'overdue' | undefined;
  before?: number | undefined;
  limit?: number | undefined;
}

/** A list row with how urgent its publication is (due.ts: late, due soon, published late; null when on time). */
export interface ItemListRow extends store.ItemSummary {
  due: DueClass | null;
}

/** The items the actor may read (their agencies; a supervisor's under their government), filtered. */
export async function listItems(services: Services, acting: Acting, filters: ItemListFilters = {}, clock: Clock = Date.now): Promise<ItemListRow[]> {
  const { db } = services;
  const scope = acting.grants === null ? 'all' : agenciesWhere(acting.grants, 'records.read');
  if (filters.agencyId !== undefined && scope !== 'all' && !scope.includes(filters.agencyId)) return [];
  const today = todayIn(clock) as IsoDate;
  const calendar = await loadCalendar(db);
  const soonUntil = dueSoonUntil(today, calendar);
  const status = filters.status ?? 'pending';
  const pendingOnly = status === 'pending' || filters.due !== undefined;
  const statuses = status === 'all' && !pendingOnly ? undefined : pendingOnly ? PENDING_STATUSES : [status as ItemStatus];
  const dueUntil = filters.due === 'overdue' ? isoOf(dayOf(today) - 1) : filters.due === 'soon' ? soonUntil : undefined;
  const rows = await store.listItems(db, {
    scope, agencyId: filters.agencyId, statuses, text: storableText(filters.text ?? '').trim() || undefined, dueFrom: filters.due === 'soon' ? today : undefined, dueUntil, before: filters.before,
    limit: Math.min(Math.max(filters.limit ?? 50, 1), 200),
  });
  return rows.map((r) => ({ ...r, due: classifyDue(r, today, soonUntil, calendar) }));
}

export type { PersonalDataFinding };
