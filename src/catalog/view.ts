/**
 * An item as the API and the pages show it: the staff's view (everything, with its events, what the
 * scans find now, and the review's fold) and the public metadata of a published item (issue 18 §9:
 * `GET /api/v1/items/{indexNo}`). Pure shaping of what the store read.
 */
import type { IsoDate } from '../law/dates.ts';
import { ARTICLE20_ITEMS, ARTICLE20_LABELS, ARTICLE21_INFO } from '../law/taxonomy.ts';
import { indexNoPath } from './core/index-number.ts';
import type { PersonalDataFinding } from './core/personal-data-scan.ts';
import type { SensitiveWordHit } from './core/sensitive-words.ts';
import { EVENT_LABELS, ITEM_STATUS_LABELS, VALIDITY_LABELS, type CatalogItem, type ItemAttachment, type ItemEvent } from './model.ts';
import type { PublicItem } from './public-read.ts';
import type { LinkedItem } from './store.ts';

/** The public address of an item's page (the portal's /items/{索引号}, the 索引号 encoded: %2F for its slash). */
export const itemUrl = (indexNo: string) => `/items/${indexNoPath(indexNo)}`;

/** 第二十条 item as the API numbers it (1–15), or null. */
export const article20Number = (item: CatalogItem['article20Item']) => (item === null ? null : ARTICLE20_ITEMS.indexOf(item) + 1);

/** The public metadata of a published item (`GET /api/v1/items/{indexNo}`). */
export interface ItemMetadata {
  indexNo: string;
  title: string;
  docNo: string | null;
  agencyId: number;
  agency: string;
  publisher: string;
  formedOn: IsoDate;
  publishedOn: IsoDate | null;
  topic: string | null;
  genre: string;
  article20Item: number | null;
  article20Label: string | null;
  article21Item: string | null;
  article21Label: string | null;
  disclosureMode: string;
  disclosureScope: string;
  validity: string;
  validityLabel: string;
  validityChangedOn: IsoDate | null;
  url: string;
  attachments: { fileName: string; mediaType: string; sizeBytes: number; url: string }[];
  related: { indexNo: string; title: string; genre: string; url: string }[];
}

type MetadataSource = Pick<CatalogItem, 'indexNo' | 'title' | 'docNo' | 'agencyId' | 'agencyName' | 'publisher' | 'formedOn' | 'publishedOn' | 'topic' | 'genre'
  | 'article20Item' | 'article21Item' | 'disclosureMode' | 'disclosureScope' | 'validity' | 'validityChangedOn'>;

/** The metadata fields shared by the public and the staff's views. */
function metadataOf(item: MetadataSource): Omit<ItemMetadata, 'url' | 'attachments' | 'related'> {
  return {
    indexNo: item.indexNo, title: item.title, docNo: item.docNo, agencyId: item.agencyId, agency: item.agencyName, publisher: item.publisher,
    formedOn: item.formedOn, publishedOn: item.publishedOn, topic: item.topic, genre: item.genre,
    article20Item: article20Number(item.article20Item), article20Label: item.article20Item && ARTICLE20_LABELS[item.article20Item],
    article21Item: item.article21Item, article21Label: item.article21Item && ARTICLE21_INFO[item.article21Item].label,
    disclosureMode: item.disclosureMode, disclosureScope: item.disclosureScope,
    validity: item.validity, validityLabel: VALIDITY_LABELS[item.validity], validityChangedOn: item.validityChangedOn,
  };
}

/** The public metadata of a published item as public-read.ts reads it (attachments addressed by position, as the portal serves them). */
export function toItemMetadata(item: PublicItem): ItemMetadata {
  const url = itemUrl(item.indexNo);
  return {
    ...metadataOf(item),
    url,
    attachments: item.attachments.map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, url: `${url}/attachments/${a.position}` })),
    related: item.related.map((r) => ({ indexNo: r.indexNo, title: r.title, genre: r.genre, url: itemUrl(r.indexNo) })),
  };
}

const RELATIONS = { interprets: '解读的文件', interpretedBy: '政策解读' } as const;

/** One event as shown: who did what, when, with which decision and reason. */
export interface EventView {
  type: ItemEvent['type'];
  label: string;
  actor: string;
  actorId: number | null;
  onDay: IsoDate;
  at: string;
  decision: string | null;
  reason: string | null;
  details: Readonly<Record<string, unknown>>;
}

/** The staff's view of an item. */
export interface ItemView extends Omit<ItemMetadata, 'related' | 'attachments' | 'url'> {
  id: number;
  status: CatalogItem['status'];
  statusLabel: string;
  publishDue: IsoDate;
  publishDueProvisional: boolean;
  attribute: CatalogItem['attribute'];
  attributeReason: string | null;
  personalDataJustification: string | null;
  authorId: number | null;
  version: number;
  body: string;
  /** The public address once published. */
  url: string | null;
  events: EventView[];
  attachments: { id: number; fileName: string; mediaType: string; sizeBytes: number; hasText: boolean }[];
  related: (Pick<LinkedItem, 'id' | 'indexNo' | 'title' | 'genre' | 'status' | 'direction'> & { relation: string })[];
  /** What the scans find in the body and attachments now. */
  personalData: PersonalDataFinding[];
  sensitiveWords: SensitiveWordHit[];
}

/** The staff's view from what was read. */
export function toItemView(input: {
  item: CatalogItem; events: readonly ItemEvent[]; attachments: readonly (ItemAttachment & { hasText: boolean })[]; related: readonly LinkedItem[];
  personalData: PersonalDataFinding[]; sensitiveWords: SensitiveWordHit[];
}): ItemView {
  const { item } = input;
  return {
    ...metadataOf(item), id: item.id, status: item.status, statusLabel: ITEM_STATUS_LABELS[item.status], publishDue: item.publishDue,
    publishDueProvisional: item.publishDueProvisional, attribute: item.attribute, attributeReason: item.attributeReason,
    personalDataJustification: item.personalDataJustification, authorId: item.authorId, version: item.version, body: item.bodyHtml,
    url: item.status === 'published' ? itemUrl(item.indexNo) : null,
    events: input.events.map((e) => ({
      type: e.type, label: EVENT_LABELS[e.type], actor: e.actorLabel, actorId: e.actorId, onDay: e.onDay, at: e.at.toISOString(),
      decision: e.decision, reason: e.reason, details: e.details,
    })),
    attachments: input.attachments.map((a) => ({ id: a.id, fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, hasText: a.hasText })),
    related: input.related.map((r) => ({ id: r.id, indexNo: r.indexNo, title: r.title, genre: r.genre, status: r.status, direction: r.direction, relation: RELATIONS[r.direction] })),
    personalData: input.personalData,
    sensitiveWords: input.sensitiveWords,
  };
}
