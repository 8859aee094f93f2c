/**
 * A generated year of records for a test of the annual report drafted from them (issue 19 §8): for
 * each agency, applications over two years (every outcome and applicant kind; some received the year
 * before and closed in the year, some still open at its end; late replies; fees; appeals of each kind
 * and result) and catalog items (规章 and 行政规范性文件 formed, repealed and in force, 政策解读, drafts),
 * seeded — the same rows on every run.
 *
 * Each generated row carries, beside what the import takes, its plain facts (received on, closed on,
 * outcome, late, fee paid; an item's genre and dates), so that a test counts the tables itself from
 * the rows, independently of the application's counting code. `loadGeneratedYear` stores the rows
 * through the rooms' own imports (applications' ledger, catalog import, table 二 figures), so every
 * case went through the lifecycle's checks.
 */
import { APPLICANT_KINDS, type ApplicantKind } from '../../src/law/applicant-kinds.ts';
import { dayOf, isoOf, type IsoDate } from '../../src/law/dates.ts';
import { OUTCOME_CODES, type OutcomeCode } from '../../src/law/outcomes.ts';
import { CHANNELS, type Channel } from '../../src/law/taxonomy.ts';
import { importLedger } from '../../src/applications/ledger.ts';
import { importItems } from '../../src/catalog/import.ts';
import { writeFigures } from '../../src/catalog/figures-service.ts';
import { withTransaction } from '../../src/platform/db/transaction.ts';
import type { Services } from '../../src/platform/services.ts';
import { OPERATOR } from './accounts.ts';
import { createRng, type Rng } from './report/generate.ts';

export const APPEAL_KINDS = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other'] as const;
export type GeneratedAppealKind = (typeof APPEAL_KINDS)[number];
export type GeneratedAppealResult = (typeof APPEAL_RESULTS)[number];

/** An appeal as generated: the ledger's fields are its facts. */
export interface GeneratedAppeal {
  kind: GeneratedAppealKind;
  filedOn: IsoDate;
  decidedOn?: IsoDate;
  result?: GeneratedAppealResult;
}

/** One application: the ledger row's fields and the facts the tables count. */
export interface GeneratedCase {
  ref: string;
  applicantKind: ApplicantKind;
  channel: Channel;
  submitted: IsoDate;
  /** Receipt (收到申请之日): null when a posted or online application was never confirmed (counted nowhere). */
  receivedOn: IsoDate | null;
  closedOn: IsoDate | null;
  outcome: OutcomeCode | null;
  /** Replied 45 or more days after receipt with no extension: after the statutory 20 working days, whatever the holidays. */
  late: boolean;
  /** 信息处理费: the notice's amount and the day it was paid (null: none paid). */
  fee: { amountFen: number; paidOn: IsoDate | null } | null;
  events: Record<string, unknown>[];
  appeals: GeneratedAppeal[];
}

/** One catalog item: the import row's fields are its facts (`publishedOn` null: a draft). */
export interface GeneratedItem {
  title: string;
  genre: '规章' | '行政规范性文件' | '政策解读' | '通知公告' | '工作动态';
  formedOn: IsoDate;
  publishedOn: IsoDate | null;
  validity: 'valid' | 'repealed';
  validityChangedOn: IsoDate | null;
  docNo: string | null;
}

/** Table 二's entered figures of a year. */
export interface GeneratedFigures {
  licensing: number;
  punishment: number;
  enforcement: number;
  feesFen: number;
}

/** The records of one agency. */
export interface GeneratedAgencyRecords {
  cases: GeneratedCase[];
  items: GeneratedItem[];
  /** Figures per year. */
  figures: Record<number, GeneratedFigures>;
}

/** Outcomes a reply may give straight away (the other three need a correction or a fee notice first). */
const DIRECT_OUTCOMES = OUTCOME_CODES.filter((c) => !['otherDisposal.noCorrection', 'otherDisposal.unpaidFee', 'unableToProvide.unclearAfterCorrection'].includes(c));

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

/**
 * The case `i`: received between 1 January of the year before and 31 December of `year`, its steps
 * not after `today` (a step that would be later is left out: the case is still open).
 */
function generateCase(rng: Rng, i: number, year: number, today: IsoDate, prefix: string): GeneratedCase {
  // Every applicant kind and every direct outcome appears: the first cases take them in turn.
  const applicantKind = i < APPLICANT_KINDS.length ? APPLICANT_KINDS[i]! : pick(rng, APPLICANT_KINDS);
  const channel = pick(rng, CHANNELS);
  const first = dayOf(`${year - 1}-01-01` as IsoDate);
  const last = dayOf(`${year}-12-31` as IsoDate);
  const submittedDay = int(rng, first, last);
  const submitted = isoOf(submittedDay) as IsoDate;
  const c: GeneratedCase = {
    ref: `${prefix}-${i + 1}`, applicantKind, channel, submitted, receivedOn: null, closedOn: null, outcome: null, late: false, fee: null, events: [], appeals: [],
  };
  // 2 % of posted/online applications are never confirmed as received.
  if (channel !== 'inPerson' && rng() < 0.02) return c;
  let day = channel === 'inPerson' ? submittedDay : submittedDay + int(rng, 0, 3);
  c.receivedOn = isoOf(day) as IsoDate;
  const receivedDay = day;
  let open = true;
  /** Adds a step `after` days after the last; false (and nothing added) when it would be after today. */
  const step = (after: number, event: Record<string, unknown>): boolean => {
    if (!open) return false;
    const date = isoOf(day + after);
    if (date > today) {
      open = false;
      return false;
    }
    day += after;
    c.events.push({ ...event, date });
    return true;
  };
  const reply = (after: number, outcome: OutcomeCode) => {
    if (step(after, { type: 'replied', outcome })) {
      c.closedOn = isoOf(day) as IsoDate;
      c.outcome = outcome;
    }
  };
  const scenario = i < DIRECT_OUTCOMES.length + APPLICANT_KINDS.length ? 0 : int(rng, 0, 19);
  if (scenario <= 8) {
    const outcome = i >= APPLICANT_KINDS.length && i < APPLICANT_KINDS.length + DIRECT_OUTCOMES.length ? DIRECT_OUTCOMES[i - APPLICANT_KINDS.length]! : pick(rng, DIRECT_OUTCOMES);
    reply(int(rng, 0, 14), outcome);
  } else if (scenario === 9) {
    // Late: 45–70 days after receipt (the statutory period is 20 working days).
    reply(int(rng, 45, 70), pick(rng, DIRECT_OUTCOMES));
    c.late = c.closedOn !== null;
  } else if (scenario === 10) {
    if (step(int(rng, 1, 2), { type: 'correctionRequested' })) reply(int(rng, 3, 8), 'otherDisposal.noCorrection');
  } else if (scenario === 11) {
    if (step(int(rng, 1, 2), { type: 'correctionRequested' }) && step(int(rng, 1, 3), { type: 'corrected' })) {
      reply(int(rng, 1, 5), rng() < 0.5 ? 'unableToProvide.unclearAfterCorrection' : pick(rng, DIRECT_OUTCOMES));
    }
  } else if (scenario === 12) {
    const amountFen = int(rng, 100, 50_000);
    if (step(int(rng, 1, 3), { type: 'feeNoticed', amountFen })) {
      c.fee = { amountFen, paidOn: null };
      reply(int(rng, 3, 8), 'otherDisposal.unpaidFee');
    }
  } else if (scenario === 13 || scenario === 14) {
    const amountFen = int(rng, 100, 50_000);
    if (step(int(rng, 1, 3), { type: 'feeNoticed', amountFen })) {
      c.fee = { amountFen, paidOn: null };
      if (step(int(rng, 1, 3), { type: 'feePaid' })) {
        c.fee.paidOn = isoOf(day) as IsoDate;
        reply(int(rng, 1, 5), pick(rng, DIRECT_OUTCOMES));
      }
    }
  } else if (scenario === 15) {
    if (step(int(rng, 1, 10), { type: 'withdrawn' })) {
      c.closedOn = isoOf(day) as IsoDate;
      c.outcome = 'otherDisposal.other';
    }
  }
  // scenarios 16–19: no step yet (open at today unless received long ago: still open, carried forward)
  void receivedDay;
  if (c.closedOn !== null && c.events.at(-1)?.['type'] === 'replied' && rng() < 0.3) {
    const filed = dayOf(c.closedOn) + int(rng, 5, 60);
    if (isoOf(filed) <= today) {
      const kind = pick(rng, APPEAL_KINDS);
      const decided = rng() < 0.65 ? filed + int(rng, 10, 200) : null;
      c.appeals.push(decided !== null && isoOf(decided) <= today
        ? { kind, filedOn: isoOf(filed) as IsoDate, decidedOn: isoOf(decided) as IsoDate, result: pick(rng, APPEAL_RESULTS) }
        : { kind, filedOn: isoOf(filed) as IsoDate });
    }
  }
  return c;
}

/** The item `i`: formed in the two years or the one before them, published (usually) within weeks. */
function generateItem(rng: Rng, i: number, year: number, today: IsoDate): GeneratedItem {
  // The first two: a 规章 and a 行政规范性文件 of the year before, repealed in the year.
  const repealedInYear = i < 2;
  const genre = repealedInYear ? (['规章', '行政规范性文件'] as const)[i]! : pick(rng, ['规章', '行政规范性文件', '行政规范性文件', '政策解读', '政策解读', '通知公告', '通知公告', '工作动态'] as const);
  const formedDay = int(rng, dayOf(`${year - (repealedInYear ? 1 : 2)}-01-01` as IsoDate), dayOf(`${repealedInYear ? year - 1 : year}-11-30` as IsoDate) + (repealedInYear ? 0 : 31));
  const formedOn = isoOf(formedDay) as IsoDate;
  const publishedDay = formedDay + int(rng, 0, 30);
  const draft = (!repealedInYear && rng() < 0.08) || isoOf(publishedDay) > today;
  const publishedOn = draft ? null : (isoOf(publishedDay) as IsoDate);
  let validity: GeneratedItem['validity'] = 'valid';
  let validityChangedOn: IsoDate | null = null;
  if (repealedInYear) {
    validity = 'repealed';
    validityChangedOn = isoOf(int(rng, dayOf(`${year}-01-01` as IsoDate), dayOf(`${year}-12-31` as IsoDate))) as IsoDate;
  } else if (publishedOn !== null && (genre === '规章' || genre === '行政规范性文件') && rng() < 0.4) {
    const changed = publishedDay + int(rng, 30, 500);
    if (isoOf(changed) <= today) {
      validity = 'repealed';
      validityChangedOn = isoOf(changed) as IsoDate;
    }
  }
  const documentYear = formedOn.slice(0, 4);
  return {
    title: `${genre}第${i + 1}号：关于做好${documentYear}年政务公开工作的${genre === '政策解读' ? '解读' : '通知'}`,
    genre, formedOn, publishedOn, validity, validityChangedOn,
    docNo: genre === '规章' || genre === '行政规范性文件' ? `测发〔${documentYear}〕${i + 1}号` : null,
  };
}

/**
 * The records of `agencies` agencies for `year` and the year before, as of `today` (after the year's
 * end: some cases close in the next year, some stay open). Agency k's rows come from seed + k.
 */
export function generateYear(options: { seed: number; year: number; today: IsoDate; agencies: number; cases: number; items: number }): GeneratedAgencyRecords[] {
  const out: GeneratedAgencyRecords[] = [];
  for (let k = 0; k < options.agencies; k++) {
    const rng = createRng(options.seed + k);
    const cases = Array.from({ length: options.cases }, (_, i) => generateCase(rng, i, options.year, options.today, `GY${k}`));
    const items = Array.from({ length: options.items }, (_, i) => generateItem(rng, i, options.year, options.today));
    const figures: Record<number, GeneratedFigures> = {};
    for (const y of [options.year - 1, options.year]) {
      figures[y] = { licensing: int(rng, 0, 500), punishment: int(rng, 0, 100), enforcement: int(rng, 0, 20), feesFen: int(rng, 0, 5_000_000) };
    }
    out.push({ cases, items, figures });
  }
  return out;
}

/** The ledger row of a case (src/applications/ledger.ts). */
export function ledgerRowOf(c: GeneratedCase): Record<string, unknown> {
  const confirmed = c.channel !== 'inPerson' && c.receivedOn !== null ? { confirmed: c.receivedOn } : {};
  return {
    ref: c.ref, applicant: { kind: c.applicantKind, name: `申请人${c.ref}` }, description: `申请公开${c.ref}所需的政府信息`,
    provision: 'electronic', delivery: 'pickup', channel: c.channel, submitted: c.submitted, ...confirmed, events: c.events, appeals: c.appeals,
  };
}

/** The catalog import row of an item (src/catalog/import.ts). */
export function itemRowOf(item: GeneratedItem): Record<string, unknown> {
  return {
    title: item.title, genre: item.genre, formedOn: item.formedOn, docNo: item.docNo, publishedOn: item.publishedOn,
    validity: item.validity === 'repealed' ? '废止' : '有效', validityChangedOn: item.validityChangedOn, body: `<p>${item.title}。</p>`,
  };
}

/** Stores each agency's records through the rooms' imports, as the operator, with the clock at `today`. */
export async function loadGeneratedYear(services: Services, agencyIds: readonly number[], records: readonly GeneratedAgencyRecords[], today: IsoDate): Promise<void> {
  const clock = () => Date.parse(`${today}T04:00:00Z`);
  for (const [k, agencyId] of agencyIds.entries()) {
    const r = records[k]!;
    const ledger = await importLedger(services, OPERATOR, agencyId, r.cases.map((c, i) => ({ line: i + 1, value: ledgerRowOf(c) })), clock);
    if (!ledger.ok) throw new Error(`ledger of agency ${agencyId}: ${JSON.stringify(ledger.problems.slice(0, 5))}`);
    const items = await importItems(services, OPERATOR, agencyId, r.items.map((item, i) => ({ line: i + 1, value: itemRowOf(item) })), clock);
    if (!items.ok) throw new Error(`items of agency ${agencyId}: ${JSON.stringify(items.problems.slice(0, 5))}`);
    for (const [year, f] of Object.entries(r.figures)) {
      await withTransaction(services.db, (tx) => writeFigures(tx, OPERATOR, agencyId, Number(year), f, { source: 'import' }));
    }
  }
}
