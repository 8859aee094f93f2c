/**
 * Cells and sections as an official names them (“表三 予以公开 · 总计”), for comments at a cell and the
 * lists of numbers entered by hand. Paths stay in the JSON; pages show these.
 */
import {
  SECTION_KEYS, SECTION_TITLES, TABLE2_2021, TABLE2_COLUMN_LABELS, TABLE2_ROW_LABELS, TABLE3_COLUMN_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS,
  TABLE3_ROWS_2021, TABLE4_COLUMN_LABELS, TABLE4_COLUMNS, TABLE4_GROUP_LABELS, TABLE4_GROUPS,
} from '../../report/index.ts';

/** A comment's target: a cell path, `section.<key>`, or `general` (the report as a whole). */
export interface Target {
  value: string;
  label: string;
}

const rowLabel = (row: string) => TABLE3_ROW_LABELS[row as keyof typeof TABLE3_ROW_LABELS].replace(/^[一二三四]、|^（[一二三四五六七]）|^\d\./, '');

/** Every cell of the 2021 tables with its label, in the tables' order. */
export function cellTargets(): Target[] {
  const out: Target[] = [];
  for (const [row, columns] of Object.entries(TABLE2_2021)) {
    for (const col of columns) out.push({ value: `t2.${row}.${col}`, label: `表二 ${TABLE2_ROW_LABELS[row as keyof typeof TABLE2_ROW_LABELS]} · ${TABLE2_COLUMN_LABELS[col]}` });
  }
  for (const row of TABLE3_ROWS_2021) {
    TABLE3_COLUMNS.forEach((col, i) => out.push({ value: `t3.${row}[${i}]`, label: `表三 ${rowLabel(row)} · ${TABLE3_COLUMN_LABELS[col]}` }));
  }
  for (const g of TABLE4_GROUPS) for (const col of TABLE4_COLUMNS) out.push({ value: `t4.${g}.${col}`, label: `表四 ${TABLE4_GROUP_LABELS[g]} · ${TABLE4_COLUMN_LABELS[col]}` });
  return out;
}

/** Sections and the report as a whole. */
export function sectionTargets(): Target[] {
  return [{ value: 'general', label: '报告整体' }, ...SECTION_KEYS.map((k) => ({ value: `section.${k}`, label: SECTION_TITLES[k] }))];
}

const LABELS = new Map([...sectionTargets(), ...cellTargets()].map((t) => [t.value, t.label]));

/** The label of a target (the path itself when unknown). */
export const targetLabel = (target: string): string => LABELS.get(target) ?? target;

/** The label of a cell path (“表三 予以公开 · 总计”). */
export const cellLabel = targetLabel;

/** Is this a target a comment may name? */
export const isTarget = (target: string): boolean => LABELS.has(target);
