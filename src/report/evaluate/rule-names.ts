/**
 * A finding's rule by name (the room's one list of names, ../rule-names.ts), for the batch table and
 * the findings export: pages show names, never rule ids (those stay in the exports' `rule` column and
 * the JSON). Pure.
 */
import { RULE_NAMES } from '../rule-names.ts';

/** A rule's name; an id unknown to this version (a report stored by a newer checker) as itself. */
export function ruleName(rule: string): string {
  return (RULE_NAMES as Record<string, string | undefined>)[rule] ?? rule;
}
