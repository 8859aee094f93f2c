/**
 * Importing the items of an agency moving off its old site (`gongkai catalog import`): every row is
 * checked as the API checks a draft, plus what an item from the old site carries — its 索引号 (kept,
 * so addresses and citations stay valid; generated when absent), its 发布日期 and 有效性. A row with a
 * 发布日期 arrives published (it was public on the old site), recorded by a 'created' event marked
 * `imported` with that date; a row without one arrives as a draft and goes through review. Personal data
 * in a row that arrives published needs `personalDataJustification`, as 签发 would. All rows are checked
 * before any is stored; then all are stored in one transaction, or none. Imported items queue no
 * 'catalog.published' job: subscribers are not mailed about an old site's archive.
 */
import { z } from 'zod';
import type { IsoDate } from '../law/dates.ts';
import { loadCalendar } from '../law/edge/index.ts';
import { can } from '../platform/accounts/core/roles.ts';
import type { Acting } from '../platform/accounts/service.ts';
import { getAgency } from '../platform/accounts/store.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { checkGivenIndexNo } from './core/index-number.ts';
import { describeFindings, scanPersonalData } from './core/personal-data-scan.ts';
import type { ImportLine } from './import-file.ts';
import { contentShape, dateField, parseWith, type ContentInput } from './input.ts';
import { VALIDITIES, VALIDITY_LABELS, type Validity } from './model.ts';
import { contentRow, eventActor, personIdOf, takeIndexNo, todayIn, type Clock } from './service.ts';
import * as store from './store.ts';
import { initialState, MAX_REASON_LENGTH } from './workflow.ts';

/** One refused row: its line, the field, why. */
export interface ImportProblem {
  line: number;
  field: string | null;
  message: string;
}

/** What an import did: every row stored, or every problem and nothing stored. */
export type ImportOutcome =
  | { ok: true; agencyId: number; imported: { line: number; id: number; indexNo: string; published: boolean }[] }
  | { ok: false; agencyId: number; rows: number; problems: ImportProblem[] };

const optionalDate = z.union([dateField, z.null()]).optional().transform((v) => v ?? null);
const rowSchema = z.object({
  ...contentShape,
  indexNo: z.union([z.string(), z.null()]).optional().transform((v) => (v ?? '').trim() || null),
  publishedOn: optionalDate,
  validity: z.union([z.string(), z.null()]).optional().transform((raw, ctx): Validity => {
    const typed = (raw ?? '').trim();
    if (typed === '') return 'valid';
    const found = VALIDITIES.find((v) => v === typed || VALIDITY_LABELS[v] === typed);
    if (found) return found;
    ctx.addIssue({ code: 'custom', message: `应为 有效、失效 或 废止，实际为“${typed.slice(0, 20)}”` });
    return z.NEVER;
  }),
  validityChangedOn: optionalDate,
  personalDataJustification: z.union([z.string(), z.null()]).optional().transform((v) => (v ?? '').trim() || null).pipe(z.string().max(MAX_REASON_LENGTH).nullable()),
}).strict();
type ImportRow = z.output<typeof rowSchema>;

/** The row's facts beyond its content, checked against each other and today. */
function rowProblems(row: ImportRow, today: IsoDate): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (row.formedOn > today) problems.push({ field: 'formedOn', message: `成文日期：${row.formedOn} 晚于今天（${today}）` });
  if (row.indexNo !== null) {
    const wrong = checkGivenIndexNo(row.indexNo);
    if (wrong) problems.push({ field: 'indexNo', message: `索引号：${wrong}` });
  }
  if (row.publishedOn !== null) {
    if (row.publishedOn > today) problems.push({ field: 'publishedOn', message: `发布日期：${row.publishedOn} 晚于今天（${today}）` });
    if (row.publishedOn < row.formedOn) problems.push({ field: 'publishedOn', message: `发布日期：${row.publishedOn} 早于成文日期 ${row.formedOn}` });
  }
  if (row.validity === 'valid' && row.validityChangedOn !== null) problems.push({ field: 'validityChangedOn', message: '失效或废止日期：有效的信息不填' });
  if (row.validity !== 'valid') {
    const label = VALIDITY_LABELS[row.validity];
    if (row.publishedOn === null) problems.push({ field: 'validity', message: `有效性：${label}的信息只能作为已发布导入（请填写发布日期）` });
    if (row.validityChangedOn === null) problems.push({ field: 'validityChangedOn', message: `失效或废止日期：${label}的信息必须填写` });
    else if (row.validityChangedOn > today) problems.push({ field: 'validityChangedOn', message: `失效或废止日期：${row.validityChangedOn} 晚于今天（${today}）` });
    else if (row.publishedOn !== null && row.validityChangedOn < row.publishedOn) problems.push({ field: 'validityChangedOn', message: `失效或废止日期：${row.validityChangedOn} 早于发布日期 ${row.publishedOn}` });
  }
  return problems;
}

/** Rows stored per statement. */
const CHUNK = 1_000;

/**
 * Imports the rows for an agency (by the command line, or a person with 'records.write' on it).
 * Resolves to the stored items, or to every problem (each with its line) and nothing stored.
 */
export async function importItems(services: Services, acting: Acting, agencyId: number, lines: readonly ImportLine[], clock: Clock = Date.now): Promise<ImportOutcome> {
  const { db } = services;
  const agency = await getAgency(db, agencyId);
  if (!agency || agency.closedAt) throw new NotFoundError('catalog.agency_not_found', `没有编号为 ${agencyId} 的机关（或已撤销）。`, { fields: [{ field: 'agency', message: '没有这个机关' }] });
  if (acting.grants !== null && !can(acting.grants, 'records.write', agencyId)) throw new ForbiddenError('catalog.needs_write', '导入信息需要本机关的经办人或负责人角色。');
  const today = todayIn(clock) as IsoDate;
  const calendar = await loadCalendar(db);
  const problems: ImportProblem[] = [];
  const checked: { line: number; row: ImportRow; content: store.ItemContentRow }[] = [];
  const given = new Map<string, number>();
  for (const entry of lines) {
    if ('error' in entry) {
      problems.push({ line: entry.line, field: null, message: entry.error });
      continue;
    }
    const parsed = parseWith(rowSchema, entry.value, '信息');
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((p) => ({ line: entry.line, field: p.field || null, message: p.message })));
      continue;
    }
    const row = parsed.value;
    const wrong = rowProblems(row, today);
    const content = contentRow(row as ContentInput, agency, calendar);
    if (row.publishedOn !== null && row.personalDataJustification === null) {
      const found = scanPersonalData(`${content.title}\n${content.bodyText}`);
      if (found.length > 0) wrong.push({ field: 'body', message: `正文中有个人信息（${describeFindings(found.slice(0, 3))}）：请删除后再导入，或在“个人信息公开理由”（personalDataJustification）中写明公开的理由` });
    }
    if (row.indexNo !== null) {
      const first = given.get(row.indexNo);
      if (first !== undefined) wrong.push({ field: 'indexNo', message: `索引号：“${row.indexNo}”与第 ${first} 行重复` });
      else given.set(row.indexNo, entry.line);
    }
    if (wrong.length > 0) problems.push(...wrong.map((p) => ({ line: entry.line, ...p })));
    else checked.push({ line: entry.line, row, content });
  }
  for (const taken of await store.takenIndexNos(db, [...given.keys()])) {
    problems.push({ line: given.get(taken)!, field: 'indexNo', message: `索引号：“${taken}”已经有了（已导入过，或与本系统生成的重复）` });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    return { ok: false, agencyId, rows: lines.length, problems };
  }

  const authorId = personIdOf(acting);
  const imported = await withTransaction(db, async (tx) => {
    const who = await eventActor(tx, acting);
    const out: { line: number; id: number; indexNo: string; published: boolean }[] = [];
    for (let i = 0; i < checked.length; i += CHUNK) {
      const slice = checked.slice(i, i + CHUNK);
      const items: store.NewItem[] = [];
      for (const { row, content } of slice) {
        const indexNo = row.indexNo ?? await takeIndexNo(tx, agency, Number(row.formedOn.slice(0, 4)));
        const fold = row.publishedOn === null ? initialState(authorId) : {
          ...initialState(authorId), status: 'published' as const, attribute: '主动公开' as const, attributeReason: '原网站已发布，导入',
          personalDataJustification: row.personalDataJustification, publishedOn: row.publishedOn, validity: row.validity, validityChangedOn: row.validityChangedOn,
        };
        items.push({ agencyId, indexNo, ...content, ...fold });
      }
      const ids = await store.insertItems(tx, items);
      await store.insertEvents(tx, slice.map((c, j) => ({
        itemId: ids[j]!, type: 'created' as const, ...who, onDay: today, decision: null, reason: null,
        details: { imported: true, line: c.line, ...(c.row.publishedOn !== null ? { publishedOn: c.row.publishedOn } : {}) },
      })));
      for (const id of ids) await store.refreshSearchVector(tx, id);
      out.push(...slice.map((c, j) => ({ line: c.line, id: ids[j]!, indexNo: items[j]!.indexNo, published: c.row.publishedOn !== null })));
    }
    await writeAudit(tx, {
      actor: acting.actor, action: 'catalog.import', subject: `agency:${agencyId}`, agencyId, ip: acting.ip,
      details: { rows: out.length, published: out.filter((o) => o.published).length, firstId: out[0]?.id ?? null, lastId: out.at(-1)?.id ?? null },
    });
    return out;
  });
  return { ok: true, agencyId, imported };
}
