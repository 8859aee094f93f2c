/**
 * Table 二 of an agency's year (`table2Of`: the canonical JSON the annual report is drafted from, issue
 * 19) and the catalog's statistics page's data: table 二 with what stands behind it (items that lapsed,
 * who entered the figures and when) and the year's published items by 第二十条 item and month.
 */
import type { IsoDate } from '../law/dates.ts';
import { allOf, type Queryable } from '../platform/db/queryable.ts';
import { documentCounts, NO_FIGURES, table2From, type CatalogTable2 } from './table2.ts';
import { monthlyTable, type MonthlyTable } from './table2-monthly.ts';
import { documentFactsUntil, getFigures, publishedByItemAndMonth, type StoredFigures } from './table2-store.ts';
import { TABLE2_GENRES } from './model.ts';

/**
 * Table 二 (2021 template) of the agency's year, as the canonical JSON of shared/spec/annual-report.md:
 * 规章 and 行政规范性文件 counted from the catalog as it stands, the entered figures (null where none).
 */
export async function table2Of(db: Queryable, agencyId: number, year: number): Promise<CatalogTable2> {
  const [items, figures] = await allOf(db, [() => documentFactsUntil(db, agencyId, `${year}-12-31` as IsoDate), () => getFigures(db, agencyId, year)] as const);
  return table2From(items, year, figures ?? NO_FIGURES);
}

/** What the statistics page shows of an agency's year. */
export interface CatalogStatistics {
  agencyId: number;
  year: number;
  table2: CatalogTable2;
  /** Items of the genre that lapsed (失效) in the year: not 废止, but no longer in force. */
  expired: { regulations: number; normativeDocuments: number };
  /** The figures as stored (undefined: none entered). */
  figures: StoredFigures | undefined;
  monthly: MonthlyTable;
}

/** The statistics of the agency's year. */
export async function catalogStatistics(db: Queryable, agencyId: number, year: number): Promise<CatalogStatistics> {
  const [items, figures, counts] = await Promise.all([
    documentFactsUntil(db, agencyId, `${year}-12-31` as IsoDate), getFigures(db, agencyId, year), publishedByItemAndMonth(db, agencyId, year),
  ]);
  return {
    agencyId, year,
    table2: table2From(items, year, figures ?? NO_FIGURES),
    expired: {
      regulations: documentCounts(items, TABLE2_GENRES.regulations, year).expired,
      normativeDocuments: documentCounts(items, TABLE2_GENRES.normativeDocuments, year).expired,
    },
    figures,
    monthly: monthlyTable(counts),
  };
}
