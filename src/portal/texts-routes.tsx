/**
 * The staff form of an agency's 指南 and 制度 texts (/open/{id}/texts): its 机关管理员 ('agency.profile')
 * edits them; each text is cleaned (sanitize-html's allow-list) when stored; every change is audited.
 */
import { Hono } from 'hono';
import { getAgencyTexts, saveAgencyTexts } from '../catalog/index.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { agencyOf, portalPage, type Portal } from './http.ts';
import { TextsEditPage } from './pages/texts-edit-page.tsx';
import { agencyPath, PORTAL_HOME } from './urls.ts';

/** The longest text (characters of HTML). */
export const MAX_TEXT_LENGTH = 200_000;

const NOTICES: Record<string, string> = { saved: '已保存：公开指南和公开制度已更新，公众页面即时显示新内容。' };

/** The texts routes. */
export function textsRoutes(portal: Portal): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { services } = portal;
  const guard = access({ kind: 'permission', permission: 'agency.profile', agency: { from: 'param', param: 'id' } });
  const path = `${PORTAL_HOME}/:id{[0-9]+}/texts`;

  app.get(path, guard, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const texts = await getAgencyTexts(services.db, agency.id);
    const notice = NOTICES[c.req.query('notice') ?? ''];
    return portalPage(c, '修改公开指南和公开制度',
      <TextsEditPage directory={directory} agency={agency} form={{ values: { guideHtml: texts.guideHtml, rulesHtml: texts.rulesHtml }, errors: [] }} csrfToken={c.get('csrfToken')} />,
      { notice });
  });

  app.post(path, guard, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const body = await c.req.parseBody();
    const values = { guideHtml: typeof body['guideHtml'] === 'string' ? body['guideHtml'] : '', rulesHtml: typeof body['rulesHtml'] === 'string' ? body['rulesHtml'] : '' };
    const labels = { guideHtml: '公开指南正文', rulesHtml: '公开制度正文' } as const;
    const errors = (['guideHtml', 'rulesHtml'] as const).filter((f) => values[f].length > MAX_TEXT_LENGTH)
      .map((field) => ({ field, message: `${labels[field]}不能超过 ${MAX_TEXT_LENGTH} 个字符，请删去多余的格式或分成附件发布` }));
    if (errors.length > 0) {
      return portalPage(c, '修改公开指南和公开制度',
        <TextsEditPage directory={directory} agency={agency} form={{ values, errors }} csrfToken={c.get('csrfToken')} />, { status: 400 });
    }
    const acting = actingOf(c);
    await withTransaction(services.db, async (tx) => {
      const { before, after } = await saveAgencyTexts(tx, agency.id, values);
      const changed = (['guideHtml', 'rulesHtml'] as const).filter((f) => before[f] !== after[f]);
      await writeAudit(tx, {
        actor: acting.actor, action: 'portal.texts', subject: `agency:${agency.id}`, agencyId: agency.id, ip: acting.ip,
        details: { changed, before: Object.fromEntries(changed.map((f) => [f, before[f]])), after: Object.fromEntries(changed.map((f) => [f, after[f]])) },
      });
    });
    return c.redirect(`${agencyPath(agency.id)}/texts?notice=saved`, 303);
  });

  return app;
}
