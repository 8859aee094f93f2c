/**
 * The demo records of `npm start`: last year's (relative to the day given) 2 trainings, 1 inspection
 * with 2 problems (one rectified), one 5·15 event and 4 consultations (one via 12345, all replied) for
 * the demo agency, audited as the system; seeded once; nothing without the demo agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { DEMO_AGENCY_NAME } from '../accounts/index.ts';
import type { IsoDate } from '../law/dates.ts';
import type { Agency } from '../platform/accounts/store.ts';
import type { Services } from '../platform/services.ts';
import { NO_RECORD_FACTS } from './core/facts.ts';
import { seedDemoRecords } from './records-demo.ts';
import { recordFactsOf } from './records-store.ts';

let services: Services;
let agency: Agency;
beforeAll(async () => {
  services = await createTestServices();
  const government = await addAgency(services, '阜新市太平区人民政府', 'government');
  agency = await addAgency(services, DEMO_AGENCY_NAME, 'department', government);
});
afterAll(async () => services?.close());

describe('the demo records', () => {
  it('fill last year once, as the report counts them', async () => {
    await seedDemoRecords(services, '2026-01-05' as IsoDate);
    await seedDemoRecords(services, '2027-01-05' as IsoDate);
    const facts = await recordFactsOf(services.db, [agency.id], 2025);
    expect(facts.get(agency.id)).toEqual({
      trainings: { count: 2, attendees: 64 },
      inspections: { count: 1, findings: 2, rectified: 1, open: 1 },
      publicDayEvents: { count: 1 },
      consultations: { count: 4, replied: 4, hotline: 1 },
    });
    expect((await recordFactsOf(services.db, [agency.id], 2026)).get(agency.id)).toEqual(NO_RECORD_FACTS);
    const { rows } = await services.db.query<{ actor: string; n: number }>("SELECT actor, count(*)::int AS n FROM audit_log WHERE action LIKE 'supervision.%' GROUP BY actor");
    expect(rows).toEqual([{ actor: 'system', n: 11 }]);
    const { rows: [inspection] } = await services.db.query<{ inspector: string }>('SELECT inspector FROM supervision_inspections');
    expect(inspection!.inspector).toBe('阜新市太平区人民政府办公室');
  });
});
