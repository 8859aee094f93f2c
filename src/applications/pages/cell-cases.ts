/**
 * The cases behind one number of tables 三/四 (the statistics page links each number to them): a
 * `cell` such as `t3:newReceived:naturalPerson` or `t4:reconsideration:upheld`, counted by the same
 * rules as the tables (statistics.ts `casesBehind`, `appealColumnOf`) over the cases the year touches.
 */
import type { Queryable } from '../../platform/db/queryable.ts';
import { ValidationError } from '../../platform/errors.ts';
import { APPEAL_KINDS, appealColumnOf, casesBehind, TABLE3_COLUMN_KEYS, TABLE3_ROW_KEYS, type AppealKind, type Table3Row, type Table4Column } from '../statistics.ts';
import { appealsOfYear, casesOfYear } from '../statistics-store.ts';
import { casesOfAppeals } from './page-store.ts';
import { TABLE3_COLUMN_LABELS, table3RowLabel, TABLE4_COLUMN_LABELS, TABLE4_COLUMNS, TABLE4_KIND_LABELS } from './statistics-labels.ts';

const badCell = () => new ValidationError('application.bad_cell', '统计表中没有这个数字：请从统计表中点击数字查看对应的申请。', { fields: [{ field: 'cell', message: '统计表中没有这个数字' }] });

/** The ids of the cases behind a cell of an agency's year, and the cell in words. */
export async function casesBehindCell(db: Queryable, agencyId: number, year: number, cell: string): Promise<{ ids: number[]; title: string }> {
  const [table, row, column] = cell.split(':');
  if (table === 't3') {
    const c = TABLE3_COLUMN_KEYS.indexOf(column as (typeof TABLE3_COLUMN_KEYS)[number]);
    if (!(TABLE3_ROW_KEYS as readonly string[]).includes(row ?? '') || c < 0) throw badCell();
    const ids = casesBehind(await casesOfYear(db, agencyId, year), year, row as Table3Row, TABLE3_COLUMN_KEYS[c]!);
    return { ids, title: `表三 ${table3RowLabel(row as Table3Row)}（${TABLE3_COLUMN_LABELS[c]}）` };
  }
  if (table === 't4') {
    if (!(APPEAL_KINDS as readonly string[]).includes(row ?? '') || !TABLE4_COLUMNS.includes(column as Table4Column)) throw badCell();
    const kind = row as AppealKind;
    const col = column as Table4Column;
    const appeals = (await appealsOfYear(db, agencyId, year)).filter((a) => {
      const counted = appealColumnOf(a, year);
      return a.kind === kind && counted !== null && (col === 'total' || counted === col);
    });
    return { ids: await casesOfAppeals(db, appeals.map((a) => a.id)), title: `表四 ${TABLE4_KIND_LABELS[kind]}（${TABLE4_COLUMN_LABELS[col]}）` };
  }
  throw badCell();
}
