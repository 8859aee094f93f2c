/**
 * Rows for the dashboard's tests (route and browser): a stored annual report of the 2021 template as
 * the workspace keeps it (canonical JSON, findings, dates) and an application case with its due date,
 * written directly so that a test sets exactly the states it checks. Test support only.
 */
import type { Queryable } from '../platform/db/queryable.ts';

const ROWS = [
  'newReceived', 'carriedOver', 'granted', 'partiallyGranted', 'denied.stateSecret', 'denied.prohibitedByLaw', 'denied.threeSecurityOneStability',
  'denied.thirdPartyRights', 'denied.internalAffairs', 'denied.processInformation', 'denied.enforcementFiles', 'denied.administrativeQuery',
  'unableToProvide.notHeld', 'unableToProvide.needsCreation', 'unableToProvide.unclearAfterCorrection', 'notProcessed.complaint', 'notProcessed.duplicate',
  'notProcessed.publication', 'notProcessed.excessive', 'notProcessed.confirmation', 'otherDisposal.noCorrection', 'otherDisposal.unpaidFee', 'otherDisposal.other',
  'totalProcessed', 'carriedForward',
];

/** Table 四's counts of the reconsideration group (the two litigation groups are 0). */
export interface TestAppeals { upheld: number; corrected: number; other: number; pending: number }

/** A report of the 2021 template whose table 三 has the 总计 given per row (all by natural persons). */
export function testCanonical(agency: string, year: number, totals: Record<string, number>, reconsideration: TestAppeals) {
  const rows = Object.fromEntries(ROWS.map((r) => {
    const n = totals[r] ?? 0;
    return [r, [n, 0, 0, 0, 0, 0, n]];
  }));
  const group = (g: TestAppeals) => ({ ...g, total: g.upheld + g.corrected + g.other + g.pending });
  const zero = { upheld: 0, corrected: 0, other: 0, pending: 0 };
  return {
    agency, year, format: '2021',
    table2: {
      regulations: { issued: 0, repealed: 0, inForce: 0 }, normativeDocuments: { issued: 2, repealed: 0, inForce: 9 },
      licensing: { decisions: 71 }, punishment: { decisions: 0 }, enforcement: { decisions: 0 }, fees: { amountWan: 0 },
    },
    table3: { columns: ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'], rows },
    table4: { reconsideration: group(reconsideration), litigationDirect: group(zero), litigationAfterReconsideration: group(zero) },
  };
}

/** A stored report of an agency's year. */
export async function insertTestReport(db: Queryable, agencyId: number, year: number, fields: {
  state: string; canonical: unknown; findings?: { rule: string; severity: 'error' | 'warning'; cells: string[]; message: string }[];
  submittedOn?: string; acceptedOn?: string; publishedOn?: string;
}): Promise<void> {
  const findings = fields.findings ?? [];
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  await db.query(
    `INSERT INTO annual_reports (agency_id, year, state, canonical, findings, errors, warnings, submitted_on, accepted_on, published_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [agencyId, year, fields.state, JSON.stringify(fields.canonical), JSON.stringify(findings), count('error'), count('warning'),
      fields.submittedOn ?? null, fields.acceptedOn ?? null, fields.publishedOn ?? null]);
}

let tracking = 0;
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A case received on `received`, due on `due`, open or closed on `closed`. */
export async function insertTestCase(db: Queryable, agencyId: number, fields: { received: string; due: string | null; closed?: string }): Promise<void> {
  const n = tracking++;
  const code = `TEST-DASH-${ALPHABET[Math.floor(n / 30) % 30]}${ALPHABET[n % 30]}${ALPHABET[Math.floor(n / 900) % 30]}2`;
  await db.query(
    `INSERT INTO applications (agency_id, tracking_code, applicant_kind, applicant_name, description, provision, delivery, channel, submitted, status, receipt_date, closed_on, outcome, due_on)
     VALUES ($1, $2, 'naturalPerson', '张三', '申请公开某某信息', 'electronic', 'email', 'online', $3, $4, $3, $5, $6, $7)`,
    [agencyId, code, fields.received, fields.closed ? 'closed' : 'accepted', fields.closed ?? null, fields.closed ? 'granted' : null, fields.due]);
}
