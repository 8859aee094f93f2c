/**
 * The status tags of the applications pages: due soon in amber, overdue in red, each with its words
 * (colour is never the only sign).
 */

/** How urgent a case's reply is (service.ts listCases, reminders.ts reminderLevel). */
export type Urgency = 'overdue' | 'soon' | null;

/** The urgency's words. */
export const URGENCY_LABELS = { overdue: '已逾期', soon: '即将到期' } as const;

/** A case's urgency as a tag (nothing when neither). */
export function UrgencyTag(props: { urgency: Urgency }) {
  if (props.urgency === null) return null;
  return <strong class={props.urgency === 'overdue' ? 'tag tag-error' : 'tag tag-warning'}>{URGENCY_LABELS[props.urgency]}</strong>;
}
