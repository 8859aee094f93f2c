/**
 * `npm start`'s demo of the annual report (issue 19 “Done when”): after every room's start-up on an
 * empty database, the demo agency's report of last year is drafted from its records without errors;
 * the demo 经办人 submits it, the demo 监督员 of the government accepts it, the demo 负责人 publishes it,
 * and the room's worker files it in the catalog. Seeding again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRooms } from '../src/app.ts';
import { DEMO_AGENCY_NAME } from '../src/accounts/index.ts';
import type { IsoDate } from '../src/law/dates.ts';
import type { Acting } from '../src/platform/accounts/service.ts';
import { findOpenAgencyByName, getCredentials, reachingGrants, type Agency } from '../src/platform/accounts/store.ts';
import { todayIn } from '../src/platform/clock.ts';
import type { Services } from '../src/platform/services.ts';
import { createTestServices } from './support/services.ts';
import { seedDemoSupervision } from '../src/supervision/demo.ts';
import { takeStep, workspaceOf } from '../src/supervision/workspace-service.ts';

let services: Services;
let agency: Agency;
const TODAY = todayIn() as IsoDate;
const YEAR = Number(TODAY.slice(0, 4)) - 1;

async function actingAs(username: string): Promise<Acting> {
  const person = (await getCredentials(services.db, username))!;
  return { actor: { kind: 'person', personId: person.id, username }, grants: await reachingGrants(services.db, person.id) };
}

beforeAll(async () => {
  services = await createTestServices();
  await startRooms(services, { demoData: true });
  agency = (await findOpenAgencyByName(services.db, DEMO_AGENCY_NAME))!;
}, 120_000);
afterAll(async () => services?.close());

describe('the demo annual report', () => {
  it("last year's report is drafted from records, without errors", async () => {
    const workspace = await workspaceOf(services.db, agency.id, YEAR, TODAY);
    expect(workspace.hasRecords).toBe(true);
    expect(workspace.report.table3.rows['newReceived']?.[6]).toBe(4);
    expect(workspace.facts.catalog.published).toBeGreaterThan(0);
    expect(workspace.facts.records.trainings.count).toBeGreaterThan(0);
    expect(workspace.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('demo-handler submits, demo-supervisor accepts, demo-head publishes; the worker files it in the catalog', async () => {
    expect(await takeStep(services, await actingAs('demo-handler'), agency.id, YEAR, TODAY, { step: 'submit' })).toBe('submitted');
    expect(await takeStep(services, await actingAs('demo-supervisor'), agency.id, YEAR, TODAY, { step: 'accept' })).toBe('accepted');
    expect(await takeStep(services, await actingAs('demo-head'), agency.id, YEAR, TODAY, { step: 'publish' })).toBe('published');
    await expect.poll(async () => (await services.db.query<{ id: number | null }>(
      'SELECT catalog_item_id::int AS id FROM annual_reports WHERE agency_id = $1 AND year = $2', [agency.id, YEAR])).rows[0]?.id ?? null,
    { timeout: 20_000, interval: 200 }).not.toBeNull();
  });

  it('seeding again adds nothing', async () => {
    const count = async () => (await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_items WHERE agency_id = $1', [agency.id])).rows[0]!.n;
    const before = await count();
    await seedDemoSupervision(services);
    expect(await count()).toBe(before);
    expect((await workspaceOf(services.db, agency.id, YEAR, TODAY)).facts.table3['newReceived']?.[6]).toBe(4);
  });
});
