/**
 * Entering table 二's figures (行政许可、行政处罚、行政强制 decisions, 行政事业性收费 in 万元) for an
 * agency's year: by a 经办人 or 负责人 of the agency ('records.write') on the form, or from the command
 * line's import (figures-import.ts). Each save is one transaction: the row locked, compared with what the
 * person saw (someone else's save in between is a conflict, not overwritten), stored, audited.
 */
import { can } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { getAgency, type Agency } from '../platform/accounts/store.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import type { Queryable } from '../platform/db/queryable.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { parseFigures } from './figures-input.ts';
import type { YearlyFigures } from './table2.ts';
import { getFigures, putFigures, type StoredFigures } from './table2-store.ts';

/** Where a save came from (kept in the audit log). */
export type FiguresSource = 'form' | 'import';

const personOf = (acting: Acting): number | null => (acting.actor.kind === 'person' ? acting.actor.personId : null);
const plain = (f: YearlyFigures | undefined) => (f === undefined ? null : { licensing: f.licensing, punishment: f.punishment, enforcement: f.enforcement, feesFen: f.feesFen });

/** The agency a person may enter figures for, or the refusal (another agency: as if it did not exist). */
export async function writableAgency(db: Queryable, acting: Acting, agencyId: number): Promise<Agency> {
  const agency = await getAgency(db, agencyId);
  const reaches = acting.grants === null || acting.grants.some((g) => g.role === 'sysAdmin' || g.reaches.includes(agencyId));
  if (!agency || !reaches) throw new NotFoundError('catalog.agency_not_found', '没有找到这个机关（或您无权查看）。', { fields: [{ field: 'agencyId', message: '机关：没有找到这个机关（或您无权查看）' }] });
  if (acting.grants !== null && !can(acting.grants, 'records.write', agencyId)) {
    throw new ForbiddenError('catalog.figures_forbidden', '只有本机关的经办人或负责人可以填报表二的数字。');
  }
  if (agency.closedAt !== null) {
    throw new ValidationError('catalog.agency_closed', `“${agency.name}”已撤销，不能再填报。`, { fields: [{ field: 'agencyId', message: `机关：“${agency.name}”已撤销，不能再填报` }] });
  }
  return agency;
}

/**
 * Stores an agency's year's figures inside the caller's transaction, with its audit row. `seen`: when
 * given, the `updatedAt` the person saw (null: no figures yet), and another save since is a conflict.
 */
export async function writeFigures(
  tx: Queryable, acting: Acting, agencyId: number, year: number, figures: YearlyFigures, options: { source: FiguresSource; seen?: string | null },
): Promise<{ before: StoredFigures | undefined; after: StoredFigures }> {
  const before = await getFigures(tx, agencyId, year, true);
  if (options.seen !== undefined && (before?.updatedAt.toISOString() ?? null) !== options.seen) {
    throw new ConflictError('catalog.figures_changed', `${year} 年的数字在您打开本页之后已被他人修改：请查看最新的数字后重新填写。`);
  }
  const after = await putFigures(tx, agencyId, year, figures, personOf(acting));
  await writeAudit(tx, {
    actor: acting.actor, action: 'catalog.figures', subject: `catalog_figures:${agencyId}:${year}`, agencyId, ip: acting.ip,
    details: { year, source: options.source, before: plain(before), after: plain(after) },
  });
  return { before, after };
}

/**
 * The form's save: `values` are the form's fields (year, licensing, punishment, enforcement, feesWan;
 * blank = not entered), `seen` the hidden stamp of the figures shown. A year after this one is refused.
 */
export async function saveFigures(
  services: Services, acting: Acting, agencyId: number, values: Record<string, unknown>, options: { today: string; seen: string | null },
): Promise<StoredFigures> {
  const parsed = parseFigures(values);
  if (!parsed.ok) throw new ValidationError('catalog.figures_invalid', parsed.problems.map((p) => p.message).join('；'), { fields: parsed.problems });
  const thisYear = Number(options.today.slice(0, 4));
  if (parsed.year > thisYear) {
    const message = `年度（year）：不能填报今年（${thisYear} 年）以后的数字`;
    throw new ValidationError('catalog.figures_invalid', message, { fields: [{ field: 'year', message }] });
  }
  return withTransaction(services.db, async (tx) => {
    await writableAgency(tx, acting, agencyId);
    return (await writeFigures(tx, acting, agencyId, parsed.year, parsed.figures, { source: 'form', seen: options.seen })).after;
  });
}
