/**
 * The applications room's public surface: what another room (supervision, portal) may use. Anything
 * not exported here is the room's own; lint (eslint.config.js) refuses another room importing it.
 */
export { applicationsRoom } from './room.ts';
export type { CaseStatus, CaseEvent, CaseEventType } from './model.ts';
export { CASE_STATUS_LABELS, CASE_EVENT_LABELS } from './model.ts';
export type { StatisticsReport } from './stats-report.ts';
export { statistics, publicStatus, createApplication, type PublicStatus } from './service.ts';
export { residentIdCheckCharacter } from './id-numbers.ts';
/** What an annual report reads of the applications (issue 19): tables 三/四 and the sentences' facts, for many agencies at once. */
export { caseTablesOf, applicationFactsOf, type CaseTables, type ApplicationYearFacts } from './report-facts.ts';
/** Open cases past their due date, per agency (the supervisor's dashboard). */
export { overdueCountsOf } from './overdue-store.ts';
/** Importing a year's ledger of cases (the supervision demo's last-year cases, issue 19). */
export { importLedger, type LedgerOutcome } from './ledger.ts';
