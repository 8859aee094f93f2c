/** The limits of a search (what the API, the portal's page and the query reading share). */

/** The order of the results. */
export type SearchOrder = 'relevance' | 'date';
export const SEARCH_ORDERS: readonly SearchOrder[] = ['relevance', 'date'];

/** Totals beyond this are shown as "1,000+"; pages end there too. */
export const SEARCH_TOTAL_CAP = 1000;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;
/** The last page a size allows: results end at SEARCH_TOTAL_CAP. */
export const lastPageFor = (pageSize: number) => Math.ceil(SEARCH_TOTAL_CAP / pageSize);
/** The last page at the default size (50). */
export const MAX_SEARCH_PAGE = lastPageFor(DEFAULT_PAGE_SIZE);
/** The longest query read (a 文号, a title, a few words). */
export const MAX_QUERY_LENGTH = 100;
