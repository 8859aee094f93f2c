/**
 * Coverage of 第二十条 for the agencies a person reads (coverage.ts decides each cell), and an agency's
 * limit set by its 机关管理员 ('agency.profile'), audited.
 */
import { z } from 'zod';
import type { IsoDate } from '../law/dates.ts';
import { can } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { getAgency } from '../platform/accounts/store.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import {
  COVERAGE_MAX_AGE_MAX, COVERAGE_MAX_AGE_MIN, coverageCells, coverageSummary, DEFAULT_COVERAGE_MAX_AGE_DAYS, type CoverageCell, type CoverageState,
} from './coverage.ts';
import { coverageMaxAges, latestPublishedByItem, putCoverageMaxAge } from './coverage-store.ts';

/** One agency's row. */
export interface AgencyCoverage {
  agencyId: number;
  agencyName: string;
  /** The limit in force (the agency's own, or the default). */
  maxAgeDays: number;
  /** Whether the agency set its own limit. */
  ownLimit: boolean;
  cells: CoverageCell[];
  summary: Record<CoverageState, number>;
}

/** Coverage of each agency (in the order given) on `today`. */
export async function coverageOf(db: Queryable, agencies: readonly { id: number; name: string }[], today: IsoDate): Promise<AgencyCoverage[]> {
  const ids = agencies.map((a) => a.id);
  const [latest, limits] = await Promise.all([latestPublishedByItem(db, ids), coverageMaxAges(db, ids)]);
  return agencies.map((a) => {
    const own = limits.get(a.id);
    const maxAgeDays = own ?? DEFAULT_COVERAGE_MAX_AGE_DAYS;
    const cells = coverageCells(latest.get(a.id) ?? new Map(), today, maxAgeDays);
    return { agencyId: a.id, agencyName: a.name, maxAgeDays, ownLimit: own !== undefined, cells, summary: coverageSummary(cells) };
  });
}

const LIMIT_MESSAGE = `应为 ${COVERAGE_MAX_AGE_MIN}–${COVERAGE_MAX_AGE_MAX} 之间的整数天数（不填则用默认的 ${DEFAULT_COVERAGE_MAX_AGE_DAYS} 天）`;
const limitField = z.union([z.string(), z.number(), z.null(), z.undefined()]).transform((raw, ctx): number | null => {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  const n = typeof raw === 'number' ? raw : /^\s*\d{1,4}\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isInteger(n) && n >= COVERAGE_MAX_AGE_MIN && n <= COVERAGE_MAX_AGE_MAX) return n;
  ctx.addIssue({ code: 'custom', message: LIMIT_MESSAGE });
  return z.NEVER;
});

/** Sets the agency's limit (`raw`: days, or blank for the default); returns the limit now in force (null: the default). */
export async function setCoverageMaxAge(services: Services, acting: Acting, agencyId: number, raw: unknown): Promise<number | null> {
  const parsed = limitField.safeParse(raw);
  if (!parsed.success) {
    const message = `过期期限（maxAgeDays）：${parsed.error.issues[0]?.message ?? LIMIT_MESSAGE}`;
    throw new ValidationError('catalog.coverage_invalid', message, { fields: [{ field: 'maxAgeDays', message }] });
  }
  const days = parsed.data;
  return withTransaction(services.db, async (tx) => {
    const agency = await getAgency(tx, agencyId);
    const reaches = acting.grants === null || acting.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId));
    if (!agency || !reaches) throw new NotFoundError('catalog.agency_not_found', '没有找到这个机关（或您无权查看）。');
    if (acting.grants !== null && !can(acting.grants, 'agency.profile', agencyId)) {
      throw new ForbiddenError('catalog.coverage_forbidden', '只有本机关的机关管理员可以修改过期期限。');
    }
    const before = await putCoverageMaxAge(tx, agencyId, days);
    await writeAudit(tx, {
      actor: acting.actor, action: 'catalog.coverage_limit', subject: `agency:${agencyId}`, agencyId, ip: acting.ip,
      details: { before: { coverageMaxAgeDays: before }, after: { coverageMaxAgeDays: days } },
    });
    return days;
  });
}
