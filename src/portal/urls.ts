/**
 * The portal's addresses, made in one place: the agencies' columns (`/open/{id}/…`), the item pages
 * (`/items/{索引号}`), the feeds and the subscription links. The URL number of a 第二十条 item is its
 * place in the article, 1–15 (as the API's `article20Item`).
 */
import { ARTICLE20_ITEMS, type Article20Item } from '../law/taxonomy.ts';

/** The portal's start page (every government and agency). */
export const PORTAL_HOME = '/open';
/** The public search page. */
export const SEARCH_PATH = '/open/search';

/** The columns of an agency's 政府信息公开 page, in the order of its menu. */
export const SECTIONS = ['guide', 'rules', 'statutory', 'catalog', 'interpretations', 'reports', 'subscribe'] as const;
export type Section = (typeof SECTIONS)[number];

/** An agency's column page (no section: the agency's start page). */
export function agencyPath(agencyId: number, section?: Section): string {
  return section === undefined ? `${PORTAL_HOME}/${agencyId}` : `${PORTAL_HOME}/${agencyId}/${section}`;
}

/**
 * An item's page. The 索引号 holds a '/', written %2F (as the search API gives it); the raw slash is
 * accepted as well (src/portal/item-routes.tsx).
 */
export function itemPath(indexNo: string): string {
  return `/items/${encodeURIComponent(indexNo)}`;
}

/** An attachment of an item, by its place (1, 2, …). */
export function attachmentPath(indexNo: string, position: number): string {
  return `${itemPath(indexNo)}/attachments/${position}`;
}

/** The number (1–15) of a 第二十条 item in addresses. */
export function article20Number(item: Article20Item): number {
  return ARTICLE20_ITEMS.indexOf(item) + 1;
}

/** The 第二十条 item of an address number, or undefined. */
export function article20OfNumber(text: string | undefined): Article20Item | undefined {
  if (text === undefined || !/^\d{1,2}$/.test(text)) return undefined;
  return ARTICLE20_ITEMS[Number(text) - 1];
}

/** An agency's feeds: Atom or JSON Feed, of all its items or of one 第二十条 item. */
export function feedPath(agencyId: number, format: 'atom' | 'json', item?: Article20Item): string {
  return item === undefined ? `/feeds/${agencyId}.${format}` : `/feeds/${agencyId}/${article20Number(item)}.${format}`;
}

/** The application form with the agency chosen. */
export function applyPath(agencyId: number): string {
  return `/apply?agency=${agencyId}`;
}
