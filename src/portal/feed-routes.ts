/**
 * The feeds (issue 18 §5, §9): `/feeds/{agencyId}.atom` and `.json` (an agency's newest published items,
 * with the agencies under it), `/feeds/{agencyId}/{1–15}.atom` and `.json` (of one 第二十条 item).
 * Public, the same for everyone: revalidated by ETag and kept rendered per version.
 */
import { Hono, type Context } from 'hono';
import { newestPublishedWithBodies, publicBodyHtml } from '../catalog/index.ts';
import { ARTICLE20_LABELS, type Article20Item } from '../law/taxonomy.ts';
import { PUBLIC } from '../platform/http/access.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { subtreeIds } from './directory.ts';
import { atomFeed, jsonFeed, type FeedInfo } from './feeds.ts';
import { agencyOf, portalNotFound, type Portal } from './http.ts';
import { stateOf } from './http-cache.ts';
import { agencyPath, article20OfNumber, feedPath } from './urls.ts';

/** Entries in a feed. */
export const FEED_SIZE = 50;
const FILE = /^(\d{1,15})\.(atom|json)$/;

/** The feed routes. */
export function feedRoutes(portal: Portal): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = portal.services.db;

  const answer = async (c: Context<AppEnv>, agencyText: string, format: string, item: Article20Item | undefined) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, agencyText);
    const stored = await newestPublishedWithBodies(db, { agencyIds: subtreeIds(directory, agency.id), article20Item: item }, FEED_SIZE);
    // Cleaned again, as on the item pages: other sites republish these bodies.
    const items = stored.map((i) => ({ ...i, bodyHtml: publicBodyHtml(i.bodyHtml) }));
    const origin = c.get('origin');
    const kind = format === 'atom' ? 'atom' : 'json';
    const info: FeedInfo = {
      title: item ? `${agency.name}：${ARTICLE20_LABELS[item]}` : `${agency.name}政府信息公开`,
      description: item ? `${agency.name}主动公开的第二十条${ARTICLE20_LABELS[item]}类信息` : `${agency.name}主动公开的政府信息`,
      feedUrl: `${origin}${feedPath(agency.id, kind, item)}`,
      homeUrl: `${origin}${agencyPath(agency.id)}`,
      origin,
      author: agency.name,
      updated: (await stateOf(c, db)).changedAt,
    };
    if (kind === 'atom') return c.body(atomFeed(info, items), 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
    return c.body(JSON.stringify(jsonFeed(info, items)), 200, { 'content-type': 'application/feed+json; charset=utf-8' });
  };

  app.get('/feeds/:feed{[0-9]+\\.(?:atom|json)}', PUBLIC, portal.feedCache, async (c) => {
    const m = FILE.exec(c.req.param('feed'))!;
    return answer(c, m[1]!, m[2]!, undefined);
  });

  app.get('/feeds/:id{[0-9]+}/:feed{[0-9]+\\.(?:atom|json)}', PUBLIC, portal.feedCache, async (c) => {
    const m = FILE.exec(c.req.param('feed'))!;
    const item = article20OfNumber(m[1]);
    if (!item) throw portalNotFound('没有这个信息类别：类别为条例第二十条的第 1 至 15 项。');
    return answer(c, c.req.param('id'), m[2]!, item);
  });

  return app;
}
