/**
 * What the supervision records' routes share: ids from the path, a form's known fields, the owner of
 * a record for access(), a record shown again in its form, and a refused use-case as the form's errors.
 */
import type { Context } from 'hono';
import type { Queryable } from '../platform/db/queryable.ts';
import { AppError } from '../platform/errors.ts';
import type { RecordOwner } from '../platform/http/access.ts';
import { formErrorsOf, plainMessage, type FormState } from '../platform/http/form.tsx';
import type { PageStatus } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import { ownerOf } from './records-store.ts';

/** A positive id from a path or query value, or undefined. */
export function idOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^[1-9][0-9]{0,15}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** access()'s lookup of the agency owning a record of `kind` (undefined: no such record, a 404). */
export function ownerFinder(db: Queryable, kind: Parameters<typeof ownerOf>[1]) {
  return async (_c: Context<AppEnv>, value: string): Promise<RecordOwner | undefined> => {
    const id = idOf(value);
    const agencyId = id === undefined ? undefined : await ownerOf(db, kind, id);
    return agencyId === undefined ? undefined : { agencyId };
  };
}

/** The form's text values of the `fields` asked (others are not the form's, and are dropped). */
export async function fieldsOf(c: Context<AppEnv>, fields: readonly string[]): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const field of fields) {
    const raw = body[field];
    if (typeof raw === 'string') values[field] = raw;
  }
  return values;
}

/** A record's fields as its form shows them (null as empty). */
export function valuesOf(record: object): Record<string, string> {
  const skip = new Set(['id', 'agencyId', 'inspectionId', 'findings', 'version', 'state']);
  return Object.fromEntries(Object.entries(record).filter(([k]) => !skip.has(k)).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}

/** A refused form's errors and status, or undefined for what is not the form's to show (a 404, a crash). */
export function refused(error: unknown, fallback: string): { errors: FormState['errors']; status: PageStatus } | undefined {
  const form = formErrorsOf(error, fallback);
  if (form) return { errors: form.errors, status: form.status };
  if (error instanceof AppError && error.status === 403) return { errors: [{ field: fallback, message: plainMessage(error.message) }], status: 403 };
  return undefined;
}

/** Notices after a redirect, by code (`?notice=…`). */
const NOTICES: Record<string, string> = {
  saved: '记录已保存。',
  inspection: '检查已记录。请逐条记录检查发现的问题和整改期限。',
  finding: '问题已记录。',
  rectified: '整改情况已记录。',
  reopened: '已改回“整改中”。',
};

/** The notice a redirect asked for, if any. */
export function noticeOf(c: Context<AppEnv>): string | undefined {
  const code = c.req.query('notice') ?? '';
  return Object.hasOwn(NOTICES, code) ? NOTICES[code] : undefined;
}
