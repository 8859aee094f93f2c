/**
 * Storage of 政策推送 subscriptions (catalog_subscriptions, migrations 0012 and 0016): one row per
 * address, agency and category (a 第二十条 item and/or a 主题, or everything), confirmed by the link of
 * its request, ended by its one-click link. SQL only.
 */
import type { Queryable } from '../platform/db/queryable.ts';

/** A subscription as stored. */
export interface SubscriptionRow {
  id: number;
  email: string;
  agencyId: number | null;
  article20Item: string | null;
  topic: string | null;
  unsubscribeToken: string;
  requestToken: string | null;
  siteOrigin: string | null;
  createdAt: Date;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
}

interface Row {
  id: number;
  email: string;
  agency_id: number | null;
  article20_item: string | null;
  topic: string | null;
  unsubscribe_token: string;
  request_token: string | null;
  site_origin: string | null;
  created_at: Date;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
}

const COLUMNS = 'id, email, agency_id, article20_item, topic, unsubscribe_token, request_token, site_origin, created_at, confirmed_at, unsubscribed_at';

const toRow = (r: Row): SubscriptionRow => ({
  id: r.id, email: r.email, agencyId: r.agency_id, article20Item: r.article20_item, topic: r.topic, unsubscribeToken: r.unsubscribe_token,
  requestToken: r.request_token, siteOrigin: r.site_origin, createdAt: r.created_at, confirmedAt: r.confirmed_at, unsubscribedAt: r.unsubscribed_at,
});

/** Holds, until the transaction ends, the lock of one address (two requests for it one after the other). */
export async function lockAddress(db: Queryable, email: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 18))', [`catalog_subscriptions:${email.toLowerCase()}`]);
}

/** An address's subscriptions to an agency that are not ended. */
export async function activeSubscriptions(db: Queryable, email: string, agencyId: number): Promise<SubscriptionRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM catalog_subscriptions WHERE lower(email) = lower($1) AND agency_id = $2 AND unsubscribed_at IS NULL ORDER BY id`,
    [email, agencyId],
  );
  return rows.map(toRow);
}

/** Removes unconfirmed subscriptions (replaced by a newer request). */
export async function deleteUnconfirmed(db: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.query('DELETE FROM catalog_subscriptions WHERE id = ANY($1::bigint[]) AND confirmed_at IS NULL', [ids]);
}

/** A subscription to add. */
export interface NewSubscription {
  email: string;
  agencyId: number;
  article20Item: string | null;
  topic: string | null;
  confirmToken: string;
  unsubscribeToken: string;
  requestToken: string;
  siteOrigin: string;
}

/** Adds unconfirmed subscriptions. */
export async function insertSubscriptions(db: Queryable, subs: readonly NewSubscription[]): Promise<void> {
  for (const s of subs) {
    await db.query(
      `INSERT INTO catalog_subscriptions (email, agency_id, article20_item, topic, confirm_token, unsubscribe_token, request_token, site_origin)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.email, s.agencyId, s.article20Item, s.topic, s.confirmToken, s.unsubscribeToken, s.requestToken, s.siteOrigin],
    );
  }
}

/**
 * Confirms the subscriptions of a request made less than `maxAgeDays` ago and not ended (confirming
 * twice changes nothing); returns them (none: no such request, or too old).
 */
export async function confirmRequest(db: Queryable, requestToken: string, maxAgeDays: number): Promise<SubscriptionRow[]> {
  const { rows } = await db.query<Row>(
    `UPDATE catalog_subscriptions SET confirmed_at = coalesce(confirmed_at, now())
     WHERE request_token = $1 AND unsubscribed_at IS NULL AND (confirmed_at IS NOT NULL OR created_at > now() - make_interval(days => $2::int))
     RETURNING ${COLUMNS}`,
    [requestToken, maxAgeDays],
  );
  return rows.map(toRow).sort((a, b) => a.id - b.id);
}

/** Ends the subscription of a one-click link (again: nothing); returns it, or undefined for an unknown link. */
export async function unsubscribeByToken(db: Queryable, token: string): Promise<SubscriptionRow | undefined> {
  const { rows } = await db.query<Row>(
    `UPDATE catalog_subscriptions SET unsubscribed_at = coalesce(unsubscribed_at, now()) WHERE unsubscribe_token = $1 RETURNING ${COLUMNS}`,
    [token],
  );
  return rows[0] && toRow(rows[0]);
}

/** Ends every subscription of the address whose one-click link this is; returns how many were ended. */
export async function unsubscribeAddressOf(db: Queryable, token: string): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE catalog_subscriptions SET unsubscribed_at = now()
     WHERE unsubscribed_at IS NULL AND lower(email) = (SELECT lower(email) FROM catalog_subscriptions WHERE unsubscribe_token = $1)`,
    [token],
  );
  return rowCount ?? 0;
}

/**
 * The confirmed subscriptions an item matches: of one of `agencyIds` (its agency and those above it) or
 * of every agency, of its 第二十条 item or of any, of its 主题 or of any.
 */
export async function matchingSubscriptions(db: Queryable, agencyIds: readonly number[], article20Item: string | null, topic: string | null): Promise<SubscriptionRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM catalog_subscriptions
     WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL
       AND (agency_id IS NULL OR agency_id = ANY($1::bigint[]))
       AND (article20_item IS NULL OR article20_item = $2)
       AND (topic IS NULL OR topic = $3)
     ORDER BY id`,
    [agencyIds, article20Item, topic],
  );
  return rows.map(toRow);
}
