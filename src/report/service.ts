/**
 * The report checker's use-cases: check and store uploaded files (each independently, each
 * against the same agency's previous year), list, get, and the demo seed. Routes, the API and
 * the CLI call these; they own transactions and the audit log.
 *
 * A check is kept one of two ways (`Keeping`): in an agency's record (its staff store the agency's
 * report; compared with that agency's own previous year), or as an anonymous check — anyone,
 * signed in or not — kept 24 hours under an unguessable key and compared only with the
 * previous-year file uploaded with it, so that it tells nobody anything about stored reports.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import type { Logger } from 'pino';
import { findOpenAgencyByName } from '../platform/accounts/store.ts';
import { actorLabel, writeAudit, type Actor } from '../platform/audit/audit-log.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/errors.ts';
import { fileTypeProblem } from './file-check.ts';
import type { Finding } from './findings.ts';
import { importReport, ReportReadError, type ImportResult, type ReportFile } from './import/index.ts';
import { renderReport, RENDER_MEDIA_TYPES } from './render/index.ts';
import type { RenderFormat } from './render/index.ts';
import type { AnnualReport, ParseWarning } from './model.ts';
import { validateReport } from './rules.ts';
import {
  countAgencyReports, deleteExpiredChecks, extendExpiry, findLatestReport, findReportsBySource, getCheckedReport, getReportByRef, getReportSource,
  getUpload, insertCheckedReport, insertUpload, listCheckedReports, lockSource,
} from './store.ts';
import type { CheckedReport, ReportListPage, ReportListQuery, ReportRef, ReportScope, StoredUpload } from './store.ts';
import { storableFileName } from './text-safety.ts';

/** Hours an anonymous check (and an anonymous upload's results page) is kept. */
export const ANONYMOUS_KEEP_HOURS = 24;

/** Where a check is kept: in an agency's record, or as an anonymous check under its key for 24 hours. */
export type Keeping = { kind: 'agency'; agencyId: number } | { kind: 'anonymous' };

/** A file as uploaded. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** What became of one file: stored with its counts, or refused with a Chinese reason. */
export type FileOutcome =
  | {
      ok: true;
      fileName: string;
      role: 'report' | 'previous';
      /** The stored check: a new one, or the earlier check of the same file (`alreadyChecked`). */
      reportId: number;
      /** Its address segment, `/reports/<ref>`: the access key of an anonymous check, else the id. */
      ref: string;
      /** The agency whose record it is (null: an anonymous check). */
      agencyId: number | null;
      /** When an anonymous check is deleted (ISO 8601); null for an agency's report. */
      expiresAt: string | null;
      agency: string | null;
      year: number | null;
      errorCount: number;
      warningCount: number;
      parseWarningCount: number;
      previousReportId: number | null;
      /** The same bytes were checked before with the same result (same previous-year report): nothing was stored, `reportId` is that check. */
      alreadyChecked: boolean;
      /** Checked and stored anew although these bytes were checked before with another result (another previous-year report, or a newer checker): the newest earlier check. */
      earlierReportId: number | null;
      /** That earlier check's address segment. */
      earlierRef: string | null;
    }
  | { ok: false; fileName: string; role: 'report' | 'previous'; error: { code: string; message: string } };

/** The result of one upload. */
export interface UploadOutcome {
  uploadId: string;
  results: FileOutcome[];
}

/** Input of checkAndStoreFiles. */
export interface CheckFilesInput {
  files: UploadedFile[];
  /** The agency's report of the previous year, for X-CARRY / X-IN-FORCE: read first, stored when a file is checked against it. */
  previous?: UploadedFile | undefined;
  /** Who checks: a signed-in person (with their API token), a visitor, the command line. */
  actor: Actor;
  /** Where the checks are kept (default: anonymous checks). */
  keeping?: Keeping | undefined;
  /** The client's address (web requests), for the audit log. */
  ip?: string | null | undefined;
}

/** A previous-year report to check against: a stored one, or one uploaded with the files and stored when first used. */
interface PreviousReport {
  report: AnnualReport;
  /** Its id once stored (at once for a stored report). */
  storedId: number | undefined;
  /** Its id, storing it first if it is not stored yet. */
  id: () => Promise<number>;
}

const countOf = (findings: Finding[], severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;

/** Reads one report file as `importReport` does: in this thread, or in a worker (import/pool.ts) for the server. */
export type ReportImporter = (file: ReportFile) => Promise<ImportResult>;

interface CheckOptions {
  actor: Actor;
  keeping: Keeping;
  ip?: string | null | undefined;
  role?: 'report' | 'previous';
  /** An uploaded previous-year report, used when it is of the same agency and the year before. */
  previous?: PreviousReport | undefined;
  logger?: Logger | undefined;
  importer?: ReportImporter | undefined;
}

type Refusal = Extract<FileOutcome, { ok: false }>;

/** A file read and validated, not yet stored. */
interface CheckedFile {
  ok: true;
  file: UploadedFile;
  sha256: string;
  sourceKind: string;
  report: AnnualReport;
  warnings: ParseWarning[];
  findings: Finding[];
  previous: PreviousReport | undefined;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function refusal(file: UploadedFile, role: 'report' | 'previous', code: string, message: string): Refusal {
  return { ok: false, fileName: file.name, role, error: { code, message } };
}

function outcomeOf(file: UploadedFile, role: 'report' | 'previous', r: CheckedReport, alreadyChecked: boolean, earlier: CheckedReport | undefined): FileOutcome {
  return {
    ok: true, fileName: file.name, role, reportId: r.id, ref: r.ref, agencyId: r.agencyId, expiresAt: r.expiresAt?.toISOString() ?? null,
    agency: r.agency, year: r.year,
    errorCount: countOf(r.findings, 'error'), warningCount: countOf(r.findings, 'warning'), parseWarningCount: r.warnings.length,
    previousReportId: r.previousReportId, alreadyChecked, earlierReportId: earlier?.id ?? null, earlierRef: earlier?.ref ?? null,
  };
}

/** Reads and validates one file (against `previous` or the agency's stored previous year); never throws for a bad file. */
async function readAndValidate(db: pg.Pool, file: UploadedFile, sha256: string, options: CheckOptions): Promise<CheckedFile | Refusal> {
  const role = options.role ?? 'report';
  let imported: ImportResult;
  try {
    imported = await (options.importer ?? importReport)({ name: file.name, bytes: file.bytes });
  } catch (error) {
    if (error instanceof ReportReadError) return refusal(file, role, 'report.unreadable', error.message);
    options.logger?.error({ err: error, fileName: file.name }, '读取报告时出现意外错误');
    return refusal(file, role, 'report.import_failed', `读取“${file.name}”时出现意外错误，未能检查。请确认文件完好后重试，或换一种格式（如 .docx、.pdf）上传。`);
  }
  const { warnings = [], ...report } = imported.report;
  const previous = await previousFor(db, report, options.previous, options.keeping);
  let findings: Finding[];
  try {
    // With the parse warnings: CELL-BLANK skips the cells the importer declined to read.
    findings = validateReport({ ...report, warnings }, previous ? { previous: previous.report } : {});
  } catch (error) {
    options.logger?.error({ err: error, fileName: file.name }, '检查报告时出现意外错误');
    return refusal(file, role, 'report.validate_failed', `检查“${file.name}”时出现意外错误，结果未保存。请把文件发给网站管理员。`);
  }
  return { ok: true, file, sha256, sourceKind: imported.sourceKind, report, warnings, findings, previous };
}

/**
 * Stores a checked file with an audit entry, unless the same bytes were checked before (within the
 * same keeping: the same agency's record, or the unexpired anonymous checks) against the same
 * previous-year report with the same result: then that earlier check is returned (an anonymous one
 * kept 24 hours from now). A file is thus checked again (and stored) only when the result changed:
 * another previous-year report, or a new version of the importer or the rules.
 */
async function storeChecked(db: pg.Pool, checked: CheckedFile, options: CheckOptions): Promise<{ report: CheckedReport; stored: boolean; earlier: CheckedReport | undefined }> {
  const { file, report, findings, warnings, sha256 } = checked;
  const { actor, keeping } = options;
  const previousReportId = checked.previous ? await checked.previous.id() : null;
  const scope: ReportScope = keeping.kind === 'agency' ? { agencyId: keeping.agencyId } : { anonymous: true };
  return withTransaction(db, async (tx) => {
    // Two uploads of one file at once (a double click) look for each other's check one after the other.
    await lockSource(tx, sha256);
    const earlier = await findReportsBySource(tx, sha256, scope);
    const same = earlier.find((r) => r.previousReportId === previousReportId && sameResult(r, checked));
    if (same) {
      // Handed out again: the page says it is kept 24 hours, so it is, from now.
      if (keeping.kind === 'anonymous') await extendExpiry(tx, same.id, ANONYMOUS_KEEP_HOURS);
      return { report: (await getCheckedReport(tx, same.id))!, stored: false, earlier: undefined };
    }
    const agencyId = keeping.kind === 'agency' ? keeping.agencyId : null;
    const id = await insertCheckedReport(tx, {
      agency: report.agency, year: report.year, format: report.format, agencyKind: report.agencyKind ?? null,
      publishedOn: report.publishedOn ?? null, sourceFileName: file.name, sourceKind: checked.sourceKind,
      sourceSha256: sha256, sourceSize: file.bytes.length, source: file.bytes, canonical: report, findings, warnings,
      previousReportId, agencyId, storedBy: actor.kind === 'person' ? actor.personId : null,
      accessKey: keeping.kind === 'anonymous' ? newAccessKey() : null, keepHours: keeping.kind === 'anonymous' ? ANONYMOUS_KEEP_HOURS : null,
    });
    await writeAudit(tx, {
      actor, action: keeping.kind === 'agency' ? 'report.store' : 'report.check', subject: `checked_report:${id}`, agencyId, ip: options.ip,
      details: { fileName: file.name, sha256, agency: report.agency, year: report.year, errors: countOf(findings, 'error'), warnings: countOf(findings, 'warning') },
    });
    const stored = await getCheckedReport(tx, id);
    return { report: stored!, stored: true, earlier: earlier[0] };
  });
}

/** An anonymous check's key: 128 random bits as 32 lowercase hex digits (its only address, so unguessable). */
function newAccessKey(): string {
  return randomBytes(16).toString('hex');
}

/** As stored in JSON (jsonb keeps no key order and no undefined). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** True when a stored check has the result of this one: the report as read, the parse warnings and the findings. */
function sameResult(stored: CheckedReport, checked: CheckedFile): boolean {
  return isDeepStrictEqual(stored.findings, asJson(checked.findings))
    && isDeepStrictEqual(stored.warnings, asJson(checked.warnings))
    && isDeepStrictEqual(stored.canonical, asJson(checked.report));
}

/**
 * Checks one file and stores it with an audit entry; never throws for a bad file. A file checked
 * before with the same result is not stored again: the outcome is that check, `alreadyChecked`.
 */
export async function checkAndStoreFile(db: pg.Pool, sent: UploadedFile, options: CheckOptions): Promise<FileOutcome> {
  const file = { ...sent, name: storableFileName(sent.name) };
  const role = options.role ?? 'report';
  const problem = fileTypeProblem(file.name, file.bytes);
  if (problem) return refusal(file, role, 'report.file_type', problem);
  const checked = await readAndValidate(db, file, sha256Of(file.bytes), options);
  if (!checked.ok) return checked;
  const { report, stored, earlier } = await storeChecked(db, checked, options);
  return outcomeOf(file, role, report, !stored, earlier);
}

/** True when `previous` is the same agency's report of the year before `report`'s. */
function isPreviousOf(previous: AnnualReport, report: AnnualReport): boolean {
  return report.agency !== null && report.year !== null && previous.agency === report.agency && previous.year === report.year - 1;
}

/**
 * The uploaded previous-year report when it applies to `report`; else, for an agency's report, the
 * agency's own stored report of the year before. An anonymous check is never compared with a stored
 * report: it would tell a visitor what an agency stored.
 */
async function previousFor(db: pg.Pool, report: AnnualReport, uploaded: PreviousReport | undefined, keeping: Keeping): Promise<PreviousReport | undefined> {
  if (uploaded && isPreviousOf(uploaded.report, report)) return uploaded;
  if (keeping.kind !== 'agency' || report.year === null) return undefined;
  const found = await findLatestReport(db, keeping.agencyId, report.year - 1);
  return found && { report: found.canonical, storedId: found.id, id: () => Promise.resolve(found.id) };
}
/**
 * Checks every file of an upload independently (a broken file affects no other) and records the
 * upload. The previous-year file is read first and stored only when it is used: when it is the
 * same agency's report of the year before one of the files; otherwise its outcome says why it was
 * not used. Resolves to each file's outcome, the previous-year file first.
 */
export async function checkAndStoreFiles(db: pg.Pool, input: CheckFilesInput, logger?: Logger, importer?: ReportImporter): Promise<UploadOutcome> {
  const common = { actor: input.actor, keeping: input.keeping ?? { kind: 'anonymous' as const }, ip: input.ip, logger, importer };
  const uploaded = input.previous ? await readPrevious(db, input.previous, common) : undefined;
  const results: FileOutcome[] = [];
  for (const file of input.files) {
    results.push(await checkAndStoreFile(db, file, { ...common, previous: uploaded && 'previous' in uploaded ? uploaded.previous : undefined }));
  }
  if (uploaded) results.unshift(previousOutcome(uploaded, results));
  const uploadId = await insertUpload(db, { actor: actorLabel(input.actor), personId: input.actor.kind === 'person' ? input.actor.personId : null }, results);
  return { uploadId, results };
}

/** The uploaded previous-year file: refused, or read (and stored when first used), with its outcome once stored. */
type UploadedPrevious = Refusal | { file: UploadedFile; previous: PreviousReport; outcome: () => FileOutcome | undefined };

async function readPrevious(db: pg.Pool, sent: UploadedFile, common: Omit<CheckOptions, 'role' | 'previous'>): Promise<UploadedPrevious> {
  const file = { ...sent, name: storableFileName(sent.name) };
  const problem = fileTypeProblem(file.name, file.bytes);
  if (problem) return refusal(file, 'previous', 'report.file_type', problem);
  const checked = await readAndValidate(db, file, sha256Of(file.bytes), { ...common, role: 'previous' });
  if (!checked.ok) return checked;
  let storing: Promise<number> | undefined;
  let outcome: FileOutcome | undefined;
  const previous: PreviousReport = {
    report: checked.report,
    storedId: undefined,
    id: () => {
      storing ??= storeChecked(db, checked, common).then(({ report, stored, earlier }) => {
        previous.storedId = report.id;
        outcome = outcomeOf(file, 'previous', report, !stored, earlier);
        return report.id;
      });
      return storing;
    },
  };
  return { file, previous, outcome: () => outcome };
}

/** The previous-year file's outcome: its check when a file was checked against it, else why it was not used. */
function previousOutcome(uploaded: UploadedPrevious, results: readonly FileOutcome[]): FileOutcome {
  if (!('previous' in uploaded)) return uploaded;
  const { file, previous } = uploaded;
  const outcome = uploaded.outcome();
  if (outcome && results.some((r) => r.ok && r.previousReportId === previous.storedId)) return outcome;
  const checked = results.flatMap((r) => (r.ok ? [r] : []));
  const p = previous.report;
  let why: string;
  if (checked.length === 0) {
    why = '本次没有能检查的年度报告';
  } else if (p.agency === null || p.year === null) {
    why = `未能从中读出${p.agency === null ? '机关名称' : '报告年度'}，无法确认它是同一机关上一年度的报告`;
  } else {
    const some = (list: string[]) => [...new Set(list)].slice(0, 3).join('、') + (new Set(list).size > 3 ? '等' : '');
    const agencyOf = (r: { agency: string | null }) => r.agency ?? '（未识别出机关名称）';
    const checkedNames = some(checked.map((r) => `${agencyOf(r)}${r.year ?? '（未识别年度）'}年度`));
    const needed = some(checked.map((r) => `${agencyOf(r)}${r.year === null ? '上一' : r.year - 1}年度`));
    why = `它是${p.agency}${p.year}年度的报告，而本次检查的是${checkedNames}的报告，需要的是${needed}的报告`;
  }
  const kept = previous.storedId === undefined ? '，也未保存' : '';
  return refusal(file, 'previous', 'report.previous_not_used',
    `上一年度报告“${file.name}”未用于跨年度核对${kept}：${why}。如需检查这份报告本身，请把它作为年度报告上传。`);
}

/** How a report is addressed in a path segment: 32 lowercase hex digits (an anonymous check's key), or an id. */
export function parseReportRef(value: string): ReportRef | undefined {
  if (/^[0-9a-f]{32}$/.test(value)) return { key: value };
  if (/^[1-9][0-9]{0,15}$/.test(value)) return { id: Number(value) };
  return undefined;
}

/** The message for a report that is not (or no longer) at an address. */
export function reportNotFound(ref: ReportRef | undefined): NotFoundError {
  if (ref && 'key' in ref) {
    return new NotFoundError('report.expired', `这次检查的结果已经删除，或链接有误：没有保存为机关年度报告的检查结果只保留 ${ANONYMOUS_KEEP_HOURS} 小时。请重新上传文件检查。`);
  }
  return new NotFoundError('report.not_found', ref ? `找不到编号为 ${ref.id} 的已检查报告：请从“已检查的报告”列表进入。` : '找不到这份已检查的报告：链接可能有误。');
}

/**
 * The report at an address (`/reports/<ref>`), or NotFoundError: an anonymous check by its key
 * while unexpired, an agency's report by its id (who may read it is the route's access check).
 */
export async function getReportOrThrow(db: pg.Pool, value: string): Promise<CheckedReport> {
  const ref = parseReportRef(value);
  const report = ref && (await getReportByRef(db, ref));
  if (!report) throw reportNotFound(ref);
  return report;
}

/** The source file of the report at an address, or NotFoundError. */
export async function getSourceOrThrow(db: pg.Pool, value: string): Promise<{ id: number; fileName: string; bytes: Uint8Array }> {
  const report = await getReportOrThrow(db, value);
  const source = await getReportSource(db, report.id);
  if (!source) throw reportNotFound(parseReportRef(value));
  return { id: report.id, ...source };
}

/** The report at an address rendered for download (HTML, DOCX, XLSX, JSON), with a file name. */
export async function renderStoredReport(db: pg.Pool, value: string, format: RenderFormat): Promise<{ id: number; fileName: string; mediaType: string; bytes: Uint8Array }> {
  const stored = await getReportOrThrow(db, value);
  const bytes = await renderReport(stored.canonical, format);
  const stem = `${stored.agency ?? '未识别机关'}${stored.year ?? ''}年政府信息公开工作年度报告`;
  return { id: stored.id, fileName: `${stem}.${format}`, mediaType: RENDER_MEDIA_TYPES[format], bytes };
}

/** One upload's outcomes, or NotFoundError. */
export async function getUploadOrThrow(db: pg.Pool, id: string): Promise<StoredUpload<FileOutcome>> {
  const upload = await getUpload<FileOutcome>(db, id);
  if (!upload) throw new NotFoundError('report.upload_not_found', `找不到这次上传的检查结果：链接可能有误，或已超过 ${ANONYMOUS_KEEP_HOURS} 小时被删除。`);
  return upload;
}

/** A page of agencies' reports within the reader's scope. */
export function listReports(db: pg.Pool, query: ReportListQuery): Promise<ReportListPage> {
  return listCheckedReports(db, query);
}

/** Deletes anonymous checks and anonymous uploads' results older than 24 hours. */
export function purgeExpiredChecks(db: pg.Pool): Promise<{ reports: number; uploads: number }> {
  return deleteExpiredChecks(db, ANONYMOUS_KEEP_HOURS);
}

/**
 * The demo agency's 2023 report, shipped in the project as canonical JSON (the facts of the seed
 * agency's published report: 阜新市太平区文化旅游和广播电视局).
 */
export const SEED_REPORT_URL = new URL('./demo/taiping-wenlv-2023.json', import.meta.url);

/**
 * Stores the demo report in the record of the agency it names (the accounts room's demo seed
 * creates that agency first), when that agency has no report yet, so that its staff's list is not
 * empty. Without such an agency nothing is stored. Returns the outcome, or undefined when nothing
 * was done.
 */
export async function seedDemoReport(db: pg.Pool, logger: Logger, seedUrl: URL = SEED_REPORT_URL): Promise<FileOutcome | undefined> {
  let bytes: Uint8Array;
  let named: unknown;
  try {
    bytes = await fs.readFile(seedUrl);
    named = (JSON.parse(new TextDecoder().decode(bytes)) as { agency?: unknown }).agency;
  } catch (error) {
    logger.warn({ file: seedUrl.pathname, err: (error as Error).message }, '示例报告文件读取失败，跳过示例数据');
    return undefined;
  }
  const agency = typeof named === 'string' ? await findOpenAgencyByName(db, named) : undefined;
  if (!agency) {
    logger.info({ agency: named }, '没有示例报告所属的机关，未存入示例报告');
    return undefined;
  }
  if ((await countAgencyReports(db, agency.id)) > 0) return undefined;
  const name = decodeURIComponent(seedUrl.pathname.split('/').pop() ?? 'seed.json');
  const outcome = await checkAndStoreFile(db, { name, bytes }, { actor: { kind: 'system' }, keeping: { kind: 'agency', agencyId: agency.id }, logger });
  if (outcome.ok) logger.info({ reportId: outcome.reportId, agencyId: agency.id }, '已存入示例报告');
  else logger.warn({ error: outcome.error }, '示例报告未能存入');
  return outcome;
}
