/**
 * The GET form of the statistics pages that picks an agency (when the viewer has more than one) and a
 * year; works without JavaScript.
 */
import type { Choice } from '../../platform/http/form.tsx';

/** Props of the chooser. */
export interface ChooserProps {
  action: string;
  agencyId: number;
  agencyChoices: readonly Choice[];
  year: number;
  years: readonly number[];
  button: string;
  /** The ids of its fields are `${prefix}agency` and `${prefix}year` (another form on the page may use `agency`). */
  prefix?: string;
}

/** The chooser. */
export function AgencyYearChooser(props: ChooserProps) {
  const prefix = props.prefix ?? '';
  return (
    <form method="get" action={props.action} class="filters" aria-label="选择机关和年度">
      {props.agencyChoices.length > 1 ? (
        <div class="form-group">
          <label for={`${prefix}agency`}>机关</label>
          <select id={`${prefix}agency`} name="agency">{props.agencyChoices.map((a) => <option value={a.value} selected={a.value === String(props.agencyId)}>{a.label}</option>)}</select>
        </div>
      ) : <input type="hidden" name="agency" value={String(props.agencyId)} />}
      <div class="form-group">
        <label for={`${prefix}year`}>年度</label>
        <select id={`${prefix}year`} name="year">{props.years.map((y) => <option value={String(y)} selected={y === props.year}>{y} 年</option>)}</select>
      </div>
      <div class="form-group"><button type="submit" class="button button-secondary">{props.button}</button></div>
    </form>
  );
}
