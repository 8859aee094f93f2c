/**
 * The catalog room's public surface (主动公开): what another room (portal, supervision) may use.
 * Anything not exported here is the room's own; lint refuses another room importing it. Each helper
 * appends the lines of its own files.
 */
export { ATTRIBUTES, EVENT_LABELS, GENRES, INTERPRETATION_GENRE, ITEM_STATUS_LABELS, PENDING_STATUSES, TOPICS, VALIDITIES, VALIDITY_LABELS } from './model.ts';
export type { Attribute, CatalogItem, Genre, ItemStatus, Topic, Validity } from './model.ts';
/** The job queued at each publication (payload `{ itemId }`): the portal registers its handler (subscription mails). */
export { CATALOG_PUBLISHED_JOB } from './steps.ts';
export { indexNoPath } from './core/index-number.ts';
export { sanitizeBody, bodyText } from './body-html.ts';
/** What the public portal reads (published items only) and the 指南/制度 texts it edits (src/catalog/public-read.ts). */
export {
  countPublishedItems, findPublishedItem, findPublishedItemById, getAgencyTexts, listPublishedItems, newestByStatutoryItem, newestPublishedWithBodies,
  publicBodyHtml, readPublishedAttachment, saveAgencyTexts,
} from './public-read.ts';
export type {
  AgencyTexts, ListCursor, PublicAttachment, PublicItem, PublicItemFilter, PublicItemPage, PublicItemQuery, PublicItemSummary, PublicItemWithBody,
} from './public-read.ts';
export { catalogRoom } from './room.ts';
/** Table 二 of an agency's year in the canonical JSON (2021 template) — 规章/行政规范性文件 from the catalog, entered figures null where none (src/catalog/table2-service.ts). */
export { table2Of } from './table2-service.ts';
export type { CatalogTable2 } from './table2.ts';
/** Search over published items (src/catalog/search/): the function the JSON API and the portal's search page call, and how both read a query string. */
export { lastPageFor, MAX_PAGE_SIZE, MAX_SEARCH_PAGE, SEARCH_ORDERS, SEARCH_TOTAL_CAP, searchItems } from './search/search.ts';
export type { SearchHit, SearchOrder, SearchQuery, SearchResult } from './search/search.ts';
export type { TextPart } from './search/snippet.ts';
export { parseSearchParams } from './search/input.ts';
/** What an annual report reads of the catalog (issue 19): table 二 and the sentences' counts, for many agencies at once. */
export { catalogYearFactsOf, table2sOf, type CatalogYearFacts } from './report-facts.ts';
/** 第二十条 coverage of many agencies on a day (the supervisor's dashboard counts each agency's 缺 and 过期 items). */
export { coverageOf, type AgencyCoverage } from './coverage-service.ts';
/** Importing published items as an old site kept them (the annual report's filing in the catalog, issue 19; the demo's last-year items). */
export { importItems, type ImportOutcome } from './import.ts';
