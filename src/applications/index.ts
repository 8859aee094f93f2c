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
