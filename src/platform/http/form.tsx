/**
 * The pieces every staff and public form is made of (the GOV.UK pattern the site follows): an error
 * summary at the top linking each problem to its field (and taking the focus), and labelled fields each
 * with its hint and its error, described by both. A refused use-case becomes field errors with `formErrorsOf`.
 */
import type { Child } from 'hono/jsx';
import { AppError } from '../../platform/errors.ts';

/** A problem with one field of a form (`field` is the input's name). */
export interface FieldError {
  field: string;
  message: string;
}

/** What a form was given (to show it again) and what was wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

/** An empty form. */
export const EMPTY_FORM: FormState = { values: {}, errors: [] };

/** Program names in messages (“受理机关（agencyId）”) are not for people: the label alone is shown. */
const PROGRAM_NAME = /（[a-zA-Z][a-zA-Z.]*）/g;

/** A message as a page shows it. */
export function plainMessage(message: string): string {
  return message.replace(PROGRAM_NAME, '');
}

/**
 * The field errors of a refused submission (a 400/409/422 AppError): its `details.fields` with each
 * field renamed by `nameOf` (the service's JSON path → the form's input name), or the message on
 * `fallback`; a 404 naming fields (a chosen agency gone) as a 400. Anything else (403, a 404 of the
 * page, a crash) is not the form's to show: undefined.
 */
export function formErrorsOf(error: unknown, fallback: string, nameOf: (field: string) => string = (f) => f): { errors: FieldError[]; status: 400 | 409 | 422 } | undefined {
  if (!(error instanceof AppError)) return undefined;
  const details = error.details as { fields?: { field: string; message: string }[] } | undefined;
  // A 404 naming a field is about what was chosen in the form (an agency that is no more).
  if (error.status === 404 && details?.fields) return { errors: details.fields.map((f) => ({ field: nameOf(f.field) || fallback, message: plainMessage(f.message) })), status: 400 };
  if (![400, 409, 422].includes(error.status)) return undefined;
  // A conflict about one field (a username taken) names it in `details.field`.
  const single = (error.details as { field?: unknown } | undefined)?.field;
  const errors = details?.fields?.map((f) => ({ field: nameOf(f.field) || fallback, message: plainMessage(f.message) }))
    ?? [{ field: typeof single === 'string' ? nameOf(single) || fallback : fallback, message: plainMessage(error.message) }];
  return { errors, status: error.status as 400 | 409 | 422 };
}

/** The error summary at the top of a page: each problem links to its field (`anchors`: name → element id where they differ). */
export function ErrorSummary(props: { errors: readonly FieldError[]; anchors?: Record<string, string>; title?: string }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">{props.title ?? '提交的内容有问题'}</h2>
      <ul>{props.errors.map((e) => <li><a href={`#${props.anchors?.[e.field] ?? e.field}`}>{e.message}</a></li>)}</ul>
    </div>
  );
}

/** The message of a field, if it has one. */
export function errorOf(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

const describedBy = (id: string, hint: unknown, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** Common props of a field. */
interface FieldProps {
  /** The input's name; its id too unless `id` is given. */
  name: string;
  id?: string;
  label: Child;
  form: FormState;
  hint?: Child;
  /** Shown when the form was not submitted yet. */
  initial?: string | null | undefined;
  required?: boolean;
}

function valueOf(props: FieldProps): string {
  return props.form.values[props.name] ?? props.initial ?? '';
}

function Messages(props: { id: string; hint?: Child; error: string | undefined }) {
  return (
    <>
      {props.hint ? <span class="hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {props.error ? <span class="field-error" id={`${props.id}-error`}>{props.error}</span> : null}
    </>
  );
}

/** A labelled one-line input. */
export function TextField(props: FieldProps & { type?: 'text' | 'password' | 'tel' | 'email' | 'date' | 'number'; maxlength?: number; autocomplete?: string; inputmode?: 'tel' | 'numeric' | 'decimal' | 'email' | 'text'; width?: 'short' | 'long'; min?: string; max?: string }) {
  const id = props.id ?? props.name;
  const error = errorOf(props.form.errors, props.name);
  return (
    <div class={`form-group${error ? ' form-group-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <Messages id={id} hint={props.hint} error={error} />
      <input type={props.type ?? 'text'} id={id} name={props.name} value={props.type === 'password' ? '' : valueOf(props)} maxlength={props.maxlength}
        autocomplete={props.autocomplete} inputmode={props.inputmode} required={props.required} min={props.min} max={props.max}
        class={props.width ? `input-${props.width}` : undefined}
        aria-describedby={describedBy(id, props.hint, error)} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** A labelled text area. */
export function TextArea(props: FieldProps & { rows?: number; maxlength?: number }) {
  const id = props.id ?? props.name;
  const error = errorOf(props.form.errors, props.name);
  return (
    <div class={`form-group${error ? ' form-group-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <Messages id={id} hint={props.hint} error={error} />
      <textarea id={id} name={props.name} rows={props.rows ?? 4} maxlength={props.maxlength} required={props.required}
        aria-describedby={describedBy(id, props.hint, error)} aria-invalid={error ? 'true' : undefined}>{valueOf(props)}</textarea>
    </div>
  );
}

/** An option of a select or radio group. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** A group of options under a heading (<optgroup>). */
export interface ChoiceGroup {
  label: string;
  choices: readonly Choice[];
}

/** A labelled select; `groups` become <optgroup>s; `blank` is the first, empty option's text. */
export function SelectField(props: FieldProps & { choices?: readonly Choice[]; groups?: readonly ChoiceGroup[]; blank?: string }) {
  const id = props.id ?? props.name;
  const error = errorOf(props.form.errors, props.name);
  const value = valueOf(props);
  const option = (c: Choice) => <option value={c.value} selected={c.value === value}>{c.label}</option>;
  return (
    <div class={`form-group${error ? ' form-group-error' : ''}`}>
      <label for={id}>{props.label}</label>
      <Messages id={id} hint={props.hint} error={error} />
      <select id={id} name={props.name} required={props.required} aria-describedby={describedBy(id, props.hint, error)} aria-invalid={error ? 'true' : undefined}>
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {(props.choices ?? []).map(option)}
        {(props.groups ?? []).map((g) => <optgroup label={g.label}>{g.choices.map(option)}</optgroup>)}
      </select>
    </div>
  );
}

/** The id of a radio of a group (the error summary links to the first). */
export const radioId = (name: string, value: string) => `${name}-${value.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/** A fieldset of radios; `groups` put sub-headings between them. */
export function RadioGroup(props: Omit<FieldProps, 'id'> & { choices?: readonly Choice[]; groups?: readonly ChoiceGroup[]; inline?: boolean }) {
  const error = errorOf(props.form.errors, props.name);
  const value = valueOf(props);
  const legendId = `${props.name}-legend`;
  const radio = (c: Choice) => {
    const id = radioId(props.name, c.value);
    return (
      <div class="choice">
        <input type="radio" id={id} name={props.name} value={c.value} checked={c.value === value} required={props.required}
          aria-describedby={c.hint ? `${id}-hint` : undefined} />
        <label for={id}>{c.label}</label>
        {c.hint ? <span class="hint" id={`${id}-hint`}>{c.hint}</span> : null}
      </div>
    );
  };
  return (
    <div class={`form-group${error ? ' form-group-error' : ''}`}>
      <fieldset class={props.inline ? 'choices choices-inline' : 'choices'} aria-describedby={describedBy(props.name, props.hint, error)}>
        <legend id={legendId} class="label">{props.label}</legend>
        <Messages id={props.name} hint={props.hint} error={error} />
        {(props.choices ?? []).map(radio)}
        {(props.groups ?? []).map((g) => (
          <div class="choice-group">
            <p class="choice-group-label">{g.label}</p>
            {g.choices.map(radio)}
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** A checkbox with its label. */
export function CheckboxField(props: { name: string; id?: string; label: Child; checked: boolean; hint?: string; value?: string }) {
  const id = props.id ?? props.name;
  return (
    <div class="form-group">
      <div class="choice">
        <input type="checkbox" id={id} name={props.name} value={props.value ?? 'yes'} checked={props.checked} aria-describedby={props.hint ? `${id}-hint` : undefined} />
        <label for={id}>{props.label}</label>
        {props.hint ? <span class="hint" id={`${id}-hint`}>{props.hint}</span> : null}
      </div>
    </div>
  );
}
