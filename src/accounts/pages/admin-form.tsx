/**
 * The pieces every administration form is made of: the error summary linked to the fields, a text
 * field with its hint and error, and the translation of a refused use-case into field errors (the
 * pattern of src/report/pages/upload-page.tsx).
 */
import type { Child } from 'hono/jsx';
import { AppError } from '../../platform/errors.ts';

/** A problem with one field of a form (`field` is the input's id). */
export interface FieldError {
  field: string;
  message: string;
}

/** What a form was given (to show it again) and what was wrong with it. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

/** The use-cases' field names that are not the form's input ids. */
const FIELD_IDS: Record<string, string> = { parentId: 'parent', agencyId: 'agency' };

/**
 * The field errors of a refused submission: a ValidationError's `details.fields`, a ConflictError's
 * `details.field`, or (a conflict about no one field, e.g. closing an agency that has agencies under
 * it) the message on `fallback`. Anything else (403, 404, a crash) is not the form's to show: undefined.
 */
export function formErrorsOf(error: unknown, fallback: string): { errors: FieldError[]; status: 400 | 409 } | undefined {
  if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 409)) return undefined;
  const details = error.details as { fields?: { field: string; message: string }[]; field?: string } | undefined;
  const idOf = (field: string) => FIELD_IDS[field] ?? field;
  const errors = details?.fields?.map((f) => ({ field: idOf(f.field), message: f.message }))
    ?? [{ field: idOf(details?.field ?? fallback), message: error.message }];
  return { errors, status: error.status === 409 ? 409 : 400 };
}

/** The error summary at the top of a page: each problem links to its field. */
export function ErrorSummary(props: { errors: readonly FieldError[]; anchors?: Record<string, string> }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">提交的内容有问题</h2>
      <ul>{props.errors.map((e) => <li><a href={`#${props.anchors?.[e.field] ?? e.field}`}>{e.message}</a></li>)}</ul>
    </div>
  );
}

/** The message of a field, if it has one. */
export function errorOf(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** Props of TextField. */
export interface TextFieldProps {
  id: string;
  label: string;
  form: FormState;
  hint?: Child;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date';
  maxlength?: number;
  autocomplete?: string;
  required?: boolean;
  /** Field name when it differs from the id (two forms on one page). */
  name?: string;
  /** Shown when the form was not submitted yet. */
  initial?: string | null;
}

/** A labelled input with its hint and error, described by both. */
export function TextField(props: TextFieldProps) {
  const error = errorOf(props.form.errors, props.id);
  const name = props.name ?? props.id;
  const value = props.form.values[name] ?? props.initial ?? '';
  const described = [props.hint ? `${props.id}-hint` : '', error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="form-group">
      <label for={props.id}>{props.label}</label>
      {props.hint ? <span class="hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {error ? <span class="field-error" id={`${props.id}-error`}>{error}</span> : null}
      <input type={props.type ?? 'text'} id={props.id} name={name} value={props.type === 'password' ? '' : value}
        maxlength={props.maxlength} autocomplete={props.autocomplete} required={props.required}
        aria-describedby={described || undefined} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** An empty form. */
export const EMPTY_FORM: FormState = { values: {}, errors: [] };
