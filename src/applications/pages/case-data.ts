/**
 * Everything a case's page shows, gathered from the use-cases: the case as its reader may see it
 * (getCase: 404 for another agency's), its state for the lifecycle's `check`, the steps offered,
 * names, the handlers to choose from, its letters and how urgent its reply is.
 */
import type { WorkingCalendar } from '../../law/calendar.ts';
import type { IsoDate } from '../../law/dates.ts';
import { can } from '../../platform/accounts/core/roles.ts';
import type { Acting } from '../../platform/accounts/service.ts';
import { getAgency } from '../../platform/accounts/store.ts';
import type { Services } from '../../platform/services.ts';
import { listAttachments, type AttachmentSummary } from '../attachments-store.ts';
import type { CaseView } from '../case-view.ts';
import { listCaseLetters } from '../letters/service.ts';
import { receiptSentence, replay, type CaseState } from '../lifecycle.ts';
import { reminderLevel } from '../reminders.ts';
import { actorIn, getCase, intakeOf, mayContact } from '../service.ts';
import * as store from '../store.ts';
import type { SentLetter } from './case-sections.tsx';
import { offeredSteps, lettersOfStep, type OfferedStep } from './offered-steps.ts';
import { handlersOf, peopleNames, type HandlerChoice } from './page-store.ts';
import type { Urgency } from './tags.tsx';

/** A case's page data. */
export interface CaseData {
  view: CaseView;
  state: CaseState;
  agencyName: string;
  receipt: string;
  urgency: Urgency;
  contact: boolean;
  mayWrite: boolean;
  isHead: boolean;
  offered: OfferedStep[];
  names: Map<number, string>;
  handlers: HandlerChoice[];
  letters: SentLetter[];
  suggestedLetters: ReturnType<typeof lettersOfStep>;
  attachments: AttachmentSummary[];
}

/** Red (overdue) and amber (due soon) as the pages say them. */
export function urgencyOf(dueOn: IsoDate | null, today: IsoDate, calendar: WorkingCalendar): Urgency {
  if (dueOn === null) return null;
  const found = reminderLevel(dueOn, today, calendar);
  return found === 'red' ? 'overdue' : found === 'amber' ? 'soon' : null;
}

/** Loads a case's page for `acting` on `today`. */
export async function loadCase(services: Services, acting: Acting, id: number, today: IsoDate): Promise<CaseData> {
  const view = await getCase(services, acting, id);
  const { db } = services;
  const [record, events, calendar, agency, letters, handlers, attachments] = await Promise.all([
    store.getApplication(db, id), store.listEvents(db, id), store.loadCalendar(db), getAgency(db, view.agencyId),
    listCaseLetters(services, id), handlersOf(db, [view.agencyId]), listAttachments(db, id),
  ]);
  const state = replay(intakeOf(record!), events);
  const actor = actorIn(acting, view.agencyId);
  const mayWrite = acting.grants === null || can(acting.grants, 'records.write', view.agencyId);
  const ids = [...events.map((e) => e.by), view.handlerId, ...letters.map((l) => l.createdBy)].filter((n): n is number => n !== null);
  return {
    view, state,
    agencyName: agency?.name ?? '',
    receipt: receiptSentence(state),
    urgency: record!.closedOn === null ? urgencyOf(record!.dueOn, today, calendar) : null,
    contact: mayContact(acting, view.agencyId),
    mayWrite,
    isHead: actor.isHead,
    offered: offeredSteps(state, actor, mayWrite, today, calendar),
    names: await peopleNames(db, ids),
    handlers,
    letters,
    suggestedLetters: lettersOfStep(state),
    attachments,
  };
}
