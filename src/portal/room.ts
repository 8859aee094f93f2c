/**
 * The public portal (issue 18 §4, §5) as the composition root (src/app.ts) assembles it: the
 * 政府信息公开 pages of every agency and government, the item pages, search, the feeds and 政策推送
 * (e-mail subscriptions). When the server starts, a worker takes the catalog's 'catalog.published' jobs
 * and queues the subscribers' mails (sent by the platform's 'mail.send' worker).
 */
import type { Room } from '../platform/room.ts';

/** The portal room. */
export const portalRoom: Room = {
  name: 'portal',
  nav: [{ href: '/open', label: '政府信息公开' }],
  routes: async (services) => (await import('./routes.ts')).portalRoutes(services),
  onStart: async (services) => {
    (await import('./push.ts')).startPortalJobs(services);
  },
};
