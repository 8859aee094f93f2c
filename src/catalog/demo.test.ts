/**
 * The demo catalog of `npm start`: the demo agency's items published with their 政策解读 linked, one
 * draft of the demo 经办人 waiting for the 公开属性审核, found by the portal's search; seeded once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgency, addPerson } from '../../test/support/accounts.ts';
import { createTestServices } from '../../test/support/services.ts';
import { DEMO_AGENCY_NAME } from '../accounts/index.ts';
import type { Services } from '../platform/services.ts';
import { seedDemoCatalog } from './demo.ts';
import { searchItems } from './index.ts';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
  // The accounts room's demo: the agency and its 经办人 (src/accounts/demo.ts).
  const agency = await addAgency(services, DEMO_AGENCY_NAME, 'department');
  await addPerson(services, 'demo-handler', [['handler', agency]]);
});
afterAll(async () => services?.close());

const statuses = async () => (await services.db.query<{ status: string; n: number }>(
  'SELECT status, count(*)::int AS n FROM catalog_items GROUP BY status ORDER BY status')).rows;

describe('the demo catalog', () => {
  it('publishes the demo agency\'s items, links the 政策解读, leaves one draft with the 审核人, and is found by search', async () => {
    await seedDemoCatalog(services);
    expect(await statuses()).toEqual([{ status: 'attributeReview', n: 1 }, { status: 'published', n: 12 }]);
    const { rows: links } = await services.db.query<{ reading: string; notice: string }>(
      `SELECT r.title AS reading, n.title AS notice FROM catalog_item_links l
         JOIN catalog_items r ON r.id = l.item_id JOIN catalog_items n ON n.id = l.related_id`);
    expect(links).toContainEqual({ reading: expect.stringContaining('政策解读'), notice: expect.stringMatching(/名录的通知$/) });
    const { rows: [draft] } = await services.db.query<{ username: string }>(
      "SELECT p.username FROM catalog_items i JOIN people p ON p.id = i.author_id WHERE i.status = 'attributeReview'");
    expect(draft).toEqual({ username: 'demo-handler' });
    const found = await searchItems(services.db, { q: '非遗' });
    expect(found.items.map((i) => i.title)).toContain('关于公布太平区第六批区级非物质文化遗产代表性项目名录的通知');
  });

  it('is seeded once', async () => {
    await seedDemoCatalog(services);
    expect(await statuses()).toEqual([{ status: 'attributeReview', n: 1 }, { status: 'published', n: 12 }]);
  });
});
