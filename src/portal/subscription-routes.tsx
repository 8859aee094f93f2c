/**
 * 政策推送's routes: the form (GET, POST — limited per client address, then redirect to the same
 * “请查收确认邮件” page whatever happened), the confirmation link, the one-click unsubscription link and
 * the form that ends every subscription of an address.
 */
import { Hono } from 'hono';
import { AppError } from '../platform/errors.ts';
import { PUBLIC } from '../platform/http/access.ts';
import { formErrorsOf } from '../platform/http/form.tsx';
import { rateLimited } from '../platform/http/rate-limit.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Directory } from './directory.ts';
import { agencyOf, portalPage, type Portal } from './http.ts';
import { SubscribePage, SubscribeSentPage, SubscriptionResultPage, type SubscribeFormState } from './pages/subscribe-pages.tsx';
import { confirmSubscription, subscribe, subscribeLimit, unsubscribe, unsubscribeAll, unsubscribeUrl } from './subscriptions.ts';
import { agencyPath, article20OfNumber, PORTAL_HOME } from './urls.ts';

const EMPTY: SubscribeFormState = { values: {}, errors: [], items: [] };

/** The subscription routes. */
export function subscriptionRoutes(portal: Portal): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { services } = portal;
  const agencyOrNone = (directory: Directory, id: number | null) => (id === null ? undefined : directory.byId.get(id));

  app.get(`${PORTAL_HOME}/:id{[0-9]+}/subscribe`, PUBLIC, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    return portalPage(c, `订阅${agency.name}公开的政府信息`, <SubscribePage directory={directory} agency={agency} form={EMPTY} csrfToken={c.get('csrfToken')} />);
  });

  app.post(`${PORTAL_HOME}/:id{[0-9]+}/subscribe`, PUBLIC, rateLimited(services.db, subscribeLimit(services.config.publicPostsPerHour), services.config.trustProxy), async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    const body = await c.req.parseBody({ all: true });
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    const numbers = ([] as unknown[]).concat(body['item'] ?? []).map(text).filter((v) => v !== '' && v !== 'all');
    const values = { email: text(body['email']), topic: text(body['topic']) };
    const form: SubscribeFormState = { values, errors: [], items: numbers };
    const items = numbers.map((n) => article20OfNumber(n) ?? n);
    // The confirmation mail's links must point at this site: a Host header nobody configured is refused.
    const origin = c.get('mailOrigin');
    if (origin === undefined) {
      services.logger.warn({ host: c.get('origin') }, '订阅确认邮件未发送：请求的主机名不在 GONGKAI_PUBLIC_HOSTS 中');
      throw new AppError('portal.site_address_unknown', '暂时不能订阅：本网站的正式地址尚未设置，邮件中的链接无法确定。请通过网站的正式地址访问，或联系本机关。', { status: 503 });
    }
    try {
      await subscribe(services, agency, { email: values.email, items, topic: values.topic === '' ? null : values.topic }, origin);
    } catch (error) {
      const refused = formErrorsOf(error, 'email');
      if (!refused) throw error;
      return portalPage(c, `订阅${agency.name}公开的政府信息`,
        <SubscribePage directory={directory} agency={agency} form={{ ...form, errors: refused.errors }} csrfToken={c.get('csrfToken')} />, { status: 400 });
    }
    return c.redirect(`${agencyPath(agency.id, 'subscribe')}/sent`, 303);
  });

  app.get(`${PORTAL_HOME}/:id{[0-9]+}/subscribe/sent`, PUBLIC, portal.pageCache, async (c) => {
    const directory = await portal.directory(c);
    const agency = agencyOf(directory, c.req.param('id'));
    return portalPage(c, '请查收确认邮件', <SubscribeSentPage directory={directory} agency={agency} />);
  });

  app.get('/subscriptions/confirm', PUBLIC, async (c) => {
    const directory = await portal.directory(c);
    const confirmed = await confirmSubscription(services, c.req.query('token') ?? '');
    if (!confirmed) {
      return portalPage(c, '链接无效', <SubscriptionResultPage directory={directory} agency={undefined} heading="确认链接无效或已过期"
        message="这个确认链接不存在、已过期（7 天内有效）或订阅已被退订。请重新订阅。" />, { status: 404 });
    }
    const agency = agencyOrNone(directory, confirmed.agencyId);
    return portalPage(c, '订阅成功', <SubscriptionResultPage directory={directory} agency={agency} heading="订阅成功"
      message={`您已订阅${agency?.name ?? ''}公开的${confirmed.coverage}。有新信息公开时，我们会发邮件告诉您。`}
      unsubscribeHref={unsubscribeUrl('', confirmed.unsubscribeToken)} />);
  });

  app.get('/subscriptions/unsubscribe', PUBLIC, async (c) => {
    const directory = await portal.directory(c);
    const token = c.req.query('token') ?? '';
    const ended = await unsubscribe(services, token);
    if (!ended) {
      return portalPage(c, '链接无效', <SubscriptionResultPage directory={directory} agency={undefined} heading="退订链接无效"
        message="这个退订链接不存在。请使用推送邮件中的完整链接。" />, { status: 404 });
    }
    const agency = agencyOrNone(directory, ended.agencyId);
    return portalPage(c, '已退订', <SubscriptionResultPage directory={directory} agency={agency} heading="已退订"
      message={`您不会再收到${agency?.name ?? ''}公开的${ended.coverage}的推送邮件。`} unsubscribeAll={{ token, csrfToken: c.get('csrfToken') }} />);
  });

  app.post('/subscriptions/unsubscribe-all', PUBLIC, async (c) => {
    const directory = await portal.directory(c);
    const body = await c.req.parseBody();
    const count = await unsubscribeAll(services, typeof body['token'] === 'string' ? body['token'] : '');
    return portalPage(c, '已退订', <SubscriptionResultPage directory={directory} agency={undefined} heading="已退订全部订阅"
      message={count > 0 ? `这个邮箱的其余 ${count} 项订阅也已退订，不会再收到任何推送邮件。` : '这个邮箱已没有其他订阅，不会再收到推送邮件。'} />);
  });

  return app;
}

