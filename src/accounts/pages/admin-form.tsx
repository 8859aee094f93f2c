/**
 * The administration forms on the platform's form pieces (src/platform/http/form.tsx): their fields
 * are named by id, and two use-case field names differ from the inputs' ids.
 */
import * as form from '../../platform/http/form.tsx';

export { EMPTY_FORM, ErrorSummary, errorOf, type FieldError, type FormState } from '../../platform/http/form.tsx';

/** The use-cases' field names that are not the form's input ids. */
const FIELD_IDS: Record<string, string> = { parentId: 'parent', agencyId: 'agency' };

/** The field errors of a refused submission (a 400, 409 or 422), on the administration forms' ids; else undefined. */
export function formErrorsOf(error: unknown, fallback: string): ReturnType<typeof form.formErrorsOf> {
  return form.formErrorsOf(error, fallback, (field) => FIELD_IDS[field] ?? field);
}

/** A labelled input named by its id (`name` when two forms on one page share an id). */
export function TextField(props: Omit<Parameters<typeof form.TextField>[0], 'name'> & { id: string; name?: string }) {
  return form.TextField({ ...props, name: props.name ?? props.id });
}
