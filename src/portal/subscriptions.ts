/**
 * 政策推送 (issue 18 §5): a visitor subscribes an e-mail address to an agency's items — all of them, or
 * some 第二十条 items, optionally of one 主题 — and confirms by the link of the mail sent (double opt-in);
 * every mail carries a one-click link that ends the subscription. A visitor never learns whether an
 * address was subscribed already: every request gets the same answer. At most `MAILS_PER_ADDRESS_PER_DAY`
 * confirmation mails go to one address a day (the form posts are limited per client address too:
 * subscribeLimit), so the form cannot be made a mail cannon.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TOPICS } from '../catalog/index.ts';
import { ARTICLE20_ITEMS, ARTICLE20_LABELS, type Article20Item } from '../law/taxonomy.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ValidationError } from '../platform/errors.ts';
import type { RateLimit } from '../platform/http/rate-limit.ts';
import { countHit } from '../platform/http/rate-limit.ts';
import { queueMail } from '../platform/mail/outbox.ts';
import type { Services } from '../platform/services.ts';
import * as store from './subscriptions-store.ts';
import { agencyPath } from './urls.ts';

/** Confirmation mails one address may receive in a day. */
export const MAILS_PER_ADDRESS_PER_DAY = 3;
/** Days a confirmation link works. */
export const CONFIRM_DAYS = 7;
/** Subscription requests per client address and hour (the form). */
export const subscribeLimit = (perHour: number): RateLimit => ({ action: 'subscribe', perWindow: perHour, windowSeconds: 3600, doing: '订阅' });

/** A link token: 32 URL-safe characters from 24 random bytes. */
const newToken = () => randomBytes(24).toString('base64url');
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
/** Whether a text can be a token (anything else is not looked up). */
export const isToken = (text: string | undefined): text is string => text !== undefined && TOKEN.test(text);

/** The link that confirms a request, and the one that ends a subscription. */
export const confirmUrl = (origin: string, token: string) => `${origin}/subscriptions/confirm?token=${token}`;
export const unsubscribeUrl = (origin: string, token: string) => `${origin}/subscriptions/unsubscribe?token=${token}`;

/** What a subscription covers, in words: '全部信息', or the items (and the 主题). */
export function coverageText(items: readonly (string | null)[], topic: string | null): string {
  const named = items.filter((i): i is Article20Item => i !== null && (ARTICLE20_ITEMS as readonly string[]).includes(i));
  const what = named.length === 0 ? '全部信息' : named.map((i) => ARTICLE20_LABELS[i]).join('、');
  return topic ? `${what}（主题：${topic}）` : what;
}

const inputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: '电子邮箱：请填写一个有效的电子邮箱地址，例如 name@example.com' }).max(254, { error: '电子邮箱：地址太长' })),
  items: z.array(z.enum(ARTICLE20_ITEMS, { error: '订阅内容：请从列出的类别中选择' })).max(ARTICLE20_ITEMS.length),
  topic: z.enum(TOPICS, { error: '主题分类：请从列出的主题中选择' }).nullable(),
});

/** A subscription request as the form gives it. */
export interface SubscribeInput {
  email: string;
  /** 第二十条 items (none: everything the agency publishes). */
  items: readonly string[];
  topic: string | null;
}

/** What a request did (the page says the same in every case; tests look). */
export type SubscribeOutcome = 'mailed' | 'alreadySubscribed' | 'limited';

/**
 * Records a request and mails its confirmation link; `origin` is the site's address as the visitor
 * used it (the mails' links). Refuses a bad address or category (ValidationError naming the field).
 */
export async function subscribe(
  services: Services,
  agency: { id: number; name: string },
  input: SubscribeInput,
  origin: string,
  clock: () => number = Date.now,
): Promise<SubscribeOutcome> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'email'), message: issue.message }));
    throw new ValidationError('subscription.invalid', fields.map((f) => f.message).join('；'), { fields });
  }
  const { email, items, topic } = parsed.data;
  const wanted = (items.length === 0 ? [null] : [...new Set(items)]).map((item) => ({ item, topic }));
  return withTransaction(services.db, async (tx) => {
    await store.lockAddress(tx, email);
    const active = await store.activeSubscriptions(tx, email, agency.id);
    const same = (row: store.SubscriptionRow, w: { item: string | null; topic: string | null }) => row.article20Item === w.item && row.topic === w.topic;
    const missing = wanted.filter((w) => !active.some((row) => row.confirmedAt !== null && same(row, w)));
    if (missing.length === 0) return 'alreadySubscribed';
    // The address's mails a day are counted under its hash (the counter keeps no address).
    const key = `subscribe-mail:${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
    const { hits } = await countHit(tx, key, 86_400, clock());
    if (hits > MAILS_PER_ADDRESS_PER_DAY) return 'limited';
    // An earlier unconfirmed request for the same categories gives way to this one.
    await store.deleteUnconfirmed(tx, active.filter((row) => row.confirmedAt === null && missing.some((w) => same(row, w))).map((row) => row.id));
    const requestToken = newToken();
    const rows = missing.map((w) => ({
      email, agencyId: agency.id, article20Item: w.item, topic: w.topic, confirmToken: newToken(), unsubscribeToken: newToken(), requestToken, siteOrigin: origin,
    }));
    await store.insertSubscriptions(tx, rows);
    await queueMail(tx, {
      to: email,
      subject: `请确认订阅${agency.name}的政府信息`,
      text: [
        '您好：',
        '',
        `有人（可能是您本人）在政府信息公开网站上用这个邮箱订阅了${agency.name}公开的${coverageText(missing.map((w) => w.item), topic)}。`,
        '',
        `确认订阅，请在 ${CONFIRM_DAYS} 天内打开以下链接：`,
        confirmUrl(origin, requestToken),
        '',
        '如果不是您本人订阅，无需理会这封邮件：不确认就不会收到推送。也可以打开以下链接取消：',
        unsubscribeUrl(origin, rows[0]!.unsubscribeToken),
        '',
        `${agency.name}政府信息公开：${origin}${agencyPath(agency.id)}`,
        '此邮件由系统自动发送，请勿回复。',
      ].join('\n'),
      agencyId: agency.id,
    });
    return 'mailed';
  });
}

/** What a confirmed request covers. */
export interface ConfirmedRequest {
  agencyId: number | null;
  coverage: string;
  unsubscribeToken: string;
}

/** Confirms a request by its link's token; undefined for an unknown, ended or expired link. */
export async function confirmSubscription(services: Services, token: string): Promise<ConfirmedRequest | undefined> {
  if (!isToken(token)) return undefined;
  const rows = await store.confirmRequest(services.db, token, CONFIRM_DAYS);
  const first = rows[0];
  if (!first) return undefined;
  return { agencyId: first.agencyId, coverage: coverageText(rows.map((r) => r.article20Item), first.topic), unsubscribeToken: first.unsubscribeToken };
}

/** Ends the subscription of a one-click link; undefined for an unknown link. */
export async function unsubscribe(services: Services, token: string): Promise<{ agencyId: number | null; coverage: string } | undefined> {
  if (!isToken(token)) return undefined;
  const row = await store.unsubscribeByToken(services.db, token);
  return row && { agencyId: row.agencyId, coverage: coverageText([row.article20Item], row.topic) };
}

/** Ends every subscription of the address of a one-click link; how many were ended. */
export async function unsubscribeAll(services: Services, token: string): Promise<number> {
  if (!isToken(token)) return 0;
  return store.unsubscribeAddressOf(services.db, token);
}
