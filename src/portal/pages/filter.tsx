/**
 * The selects of the portal's filter forms (catalog, search), sent by GET: no JavaScript needed.
 */
import { ARTICLE20_ITEMS, ARTICLE20_LABELS } from '../../law/taxonomy.ts';
import { FIRST_YEAR } from '../catalog-query.ts';
import { article20Number } from '../urls.ts';

/** A value and its label. */
export type FilterChoice = readonly [value: string, label: string];

/** A labelled select; `blank` is the first option's text (value ''), if any. */
export function FilterSelect(props: { id: string; name: string; label: string; value: string; choices: readonly FilterChoice[]; blank?: string }) {
  return (
    <div class="form-group">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.choices.map(([value, label]) => <option value={value} selected={value === props.value}>{label}</option>)}
      </select>
    </div>
  );
}

/** The years from this one back to the 条例's first (2008). */
export function yearChoices(thisYear: number): FilterChoice[] {
  const years: FilterChoice[] = [];
  for (let y = thisYear; y >= FIRST_YEAR; y--) years.push([String(y), `${y}年`]);
  return years;
}

/** The items of 第二十条 by their numbers (1–15). */
export const ARTICLE20_CHOICES: readonly FilterChoice[] = ARTICLE20_ITEMS.map((k) => [String(article20Number(k)), ARTICLE20_LABELS[k]] as const);
