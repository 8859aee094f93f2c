/**
 * The demo agency's catalog for `npm start` (the accounts room creates the agency and its people
 * first): twelve published items of the kinds the seed report's agency publishes (机构概况, 景区评定,
 * “双随机、一公开”, 非遗名录 with its 政策解读, 惠民演出计划, 预算, 许可结果 …), imported the way an
 * agency moving off an old site would, and one draft by the demo 经办人 waiting for the demo 审核人 — so
 * that a new user sees the portal filled and can take an item through review at once.
 */
import { readFile } from 'node:fs/promises';
import { DEMO_AGENCY_NAME } from '../accounts/index.ts';
import { findOpenAgencyByName, getCredentials, reachingGrants } from '../platform/accounts/store.ts';
import type { Services } from '../platform/services.ts';
import { readImportJsonLines } from './import-file.ts';
import { importItems } from './import.ts';
import { createDraft } from './service.ts';
import { takeStep } from './steps.ts';
import { insertLink } from './store.ts';

const DEMO_ITEMS_URL = new URL('./demo/items.jsonl', import.meta.url);
/** The demo 经办人 (src/accounts/demo.ts) who wrote the draft waiting for review. */
const DEMO_HANDLER = 'demo-handler';

/** Seeds the demo catalog once (nothing when the agency is absent or already has items). */
export async function seedDemoCatalog(services: Services): Promise<void> {
  const { db, logger } = services;
  const agency = await findOpenAgencyByName(db, DEMO_AGENCY_NAME);
  if (!agency) return;
  const { rows: [existing] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_items WHERE agency_id = $1', [agency.id]);
  if (existing!.n > 0) return;
  const system = { actor: { kind: 'system' as const }, grants: null };
  const lines = readImportJsonLines(await readFile(DEMO_ITEMS_URL, 'utf8'));
  const outcome = await importItems(services, system, agency.id, lines);
  if (!outcome.ok) {
    logger.warn({ problems: outcome.problems }, '示例政府信息未能导入');
    return;
  }
  // The 政策解读 interprets the 非遗 notice published the same day.
  const titles = new Map(lines.flatMap((l) => ('value' in l ? [[l.line, String(l.value['title'] ?? '')] as const] : [])));
  const [notice, reading] = ['名录的通知', '政策解读'].map((words) => outcome.imported.find((i) => titles.get(i.line)?.endsWith(words)));
  // Both arrive published, and links are made on drafts (item-files.ts): the seed links them in the store.
  if (notice && reading) await insertLink(db, reading.id, notice.id);

  const handler = await getCredentials(db, DEMO_HANDLER);
  if (handler) {
    const acting = { actor: { kind: 'person' as const, personId: handler.id, username: handler.username }, grants: await reachingGrants(db, handler.id) };
    const { id } = await createDraft(services, acting, {
      agencyId: agency.id, title: '太平区2027年春节文化惠民活动安排', docNo: null, formedOn: '2026-12-01', genre: '通知公告',
      topic: '文化、广电、新闻出版', article20Item: 11,
      body: '<p>春节期间，全区举办文化惠民活动 18 项，包括新春游园、非遗展演和送春联下乡。</p>',
    });
    await takeStep(services, acting, id, { type: 'submitted' });
  }
  logger.info({ agencyId: agency.id, items: outcome.imported.length + 1 }, '已存入示例政府信息');
}
