/**
 * An item's page and its attachments: `/items/{索引号}` and `/items/{索引号}/attachments/{n}`. The
 * 索引号 holds a '/' (`123456789012345678/2023-00001`): the address may carry it as %2F (as links and
 * the search API write it) or as a plain slash (as people type it); both reach the same page. Only a
 * published item answers: a draft, an item under review or a withdrawn one is a 404, its
 * attachments too.
 */
import { Hono } from 'hono';
import { findPublishedItem, publicBodyHtml, readPublishedAttachment } from '../catalog/index.ts';
import { PUBLIC } from '../platform/http/access.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { portalNotFound, portalPage, type Portal } from './http.ts';
import { ItemPage } from './pages/item-page.tsx';
import { contentDisposition } from './public-routes.tsx';

/** The longest 索引号 (migration 0012). */
const MAX_INDEX_NO = 60;
const ATTACHMENT = /^(.+)\/attachments\/(\d{1,4})$/;

/** The 索引号 and attachment of an address's remainder (decoded), or undefined. */
export function parseItemAddress(rest: string): { indexNo: string; attachment: number | undefined } | undefined {
  const m = ATTACHMENT.exec(rest);
  const indexNo = m ? m[1]! : rest;
  if (indexNo.length < 5 || indexNo.length > MAX_INDEX_NO) return undefined;
  return { indexNo, attachment: m ? Number(m[2]) : undefined };
}

/** The item routes. */
export function itemRoutes(portal: Portal): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const db = portal.services.db;

  // One route for both forms: hono decodes %2F in the parameter, a plain slash is matched by `.+`. An
  // attachment is revalidated like the pages (by the portal's version: its bytes never change in place).
  app.get('/items/:indexNo{.+}', PUBLIC, portal.pageCache, async (c) => {
    const address = parseItemAddress(c.req.param('indexNo'));
    if (!address) throw portalNotFound();
    if (address.attachment !== undefined) {
      const file = await readPublishedAttachment(db, address.indexNo, address.attachment);
      if (!file) throw portalNotFound('没有找到这个附件：它所属的信息可能已被撤回，或地址有误。');
      c.header('content-type', file.mediaType);
      c.header('content-disposition', contentDisposition(file.fileName, `attachment-${file.position}${/\.[A-Za-z0-9]{1,5}$/.exec(file.fileName)?.[0] ?? ''}`));
      c.header('x-content-type-options', 'nosniff');
      return c.body(file.content as Uint8Array<ArrayBuffer>);
    }
    const item = await findPublishedItem(db, address.indexNo);
    if (!item) throw portalNotFound('没有找到这条信息：它可能尚未发布、已被撤回，或索引号有误。');
    const directory = await portal.directory(c);
    return portalPage(c, item.title, <ItemPage directory={directory} agency={directory.byId.get(item.agencyId)} item={item} bodyHtml={publicBodyHtml(item.bodyHtml)} />);
  });

  return app;
}
