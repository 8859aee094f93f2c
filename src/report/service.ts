/**
 * The report checker's use-cases: check and store uploaded files (each independently, each
 * against the same agency's previous year), list, get, and the demo seed. Routes, the API and
 * the CLI call these; they own transactions and the audit log.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type pg from 'pg';
import type { Logger } from 'pino';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { withTransaction } from '../platform/db/transaction.ts';
import { NotFoundError } from '../platform/errors.ts';
import { fileTypeProblem } from './file-check.ts';
import type { Finding } from './findings.ts';
import { importReport, ReportReadError, type ImportResult, type ReportFile } from './import/index.ts';
import { renderReport, RENDER_MEDIA_TYPES } from './render/index.ts';
import type { RenderFormat } from './render/index.ts';
import type { AnnualReport } from './model.ts';
import { validateReport } from './rules.ts';
import { findLatestReport, getCheckedReport, getReportSource, getUpload, insertCheckedReport, insertUpload, listCheckedReports, countCheckedReports } from './store.ts';
import type { CheckedReport, CheckedReportSummary, ReportListQuery, StoredUpload } from './store.ts';

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
      reportId: number;
      agency: string | null;
      year: number | null;
      errorCount: number;
      warningCount: number;
      parseWarningCount: number;
      previousReportId: number | null;
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
  /** The agency's report of the previous year, checked and stored first, used for X-CARRY / X-IN-FORCE. */
  previous?: UploadedFile | undefined;
  /** 'anonymous' (web), 'cli'. */
  actor: string;
}

interface PreviousReport {
  id: number;
  report: AnnualReport;
}

const countOf = (findings: Finding[], severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;

/** Reads one report file as `importReport` does: in this thread, or in a worker (import/pool.ts) for the server. */
export type ReportImporter = (file: ReportFile) => Promise<ImportResult>;

/** Imports and validates one file, then stores it with an audit entry; never throws for a bad file. */
export async function checkAndStoreFile(
  db: pg.Pool,
  file: UploadedFile,
  options: { actor: string; role?: 'report' | 'previous'; previous?: PreviousReport | undefined; logger?: Logger | undefined; importer?: ReportImporter | undefined },
): Promise<FileOutcome> {
  const role = options.role ?? 'report';
  const refuse = (code: string, message: string): FileOutcome => ({ ok: false, fileName: file.name, role, error: { code, message } });
  const problem = fileTypeProblem(file.name, file.bytes);
  if (problem) return refuse('report.file_type', problem);

  let imported: Awaited<ReturnType<typeof importReport>>;
  try {
    imported = await (options.importer ?? importReport)({ name: file.name, bytes: file.bytes });
  } catch (error) {
    if (error instanceof ReportReadError) return refuse('report.unreadable', error.message);
    options.logger?.error({ err: error, fileName: file.name }, '读取报告时出现意外错误');
    return refuse('report.import_failed', `读取“${file.name}”时出现意外错误，未能检查。请确认文件完好后重试，或换一种格式（如 .docx、.pdf）上传。`);
  }
  const { warnings = [], ...report } = imported.report;
  const previous = choosePrevious(report, options.previous) ?? (await storedPrevious(db, report));

  let findings: Finding[];
  try {
    findings = validateReport(report, previous ? { previous: previous.report } : {});
  } catch (error) {
    options.logger?.error({ err: error, fileName: file.name }, '检查报告时出现意外错误');
    return refuse('report.validate_failed', `检查“${file.name}”时出现意外错误，结果未保存。请把文件发给网站管理员。`);
  }

  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const reportId = await withTransaction(db, async (tx) => {
    const id = await insertCheckedReport(tx, {
      agency: report.agency, year: report.year, format: report.format, agencyKind: report.agencyKind ?? null,
      publishedOn: report.publishedOn ?? null, sourceFileName: file.name, sourceKind: imported.sourceKind,
      sourceSha256: sha256, sourceSize: file.bytes.length, source: file.bytes, canonical: report, findings, warnings,
      previousReportId: previous?.id ?? null,
    });
    await writeAudit(tx, {
      actor: options.actor, action: 'report.check', subject: `checked_report:${id}`,
      details: { fileName: file.name, sha256, agency: report.agency, year: report.year, errors: countOf(findings, 'error'), warnings: countOf(findings, 'warning') },
    });
    return id;
  });
  return {
    ok: true, fileName: file.name, role, reportId, agency: report.agency, year: report.year,
    errorCount: countOf(findings, 'error'), warningCount: countOf(findings, 'warning'),
    parseWarningCount: warnings.length, previousReportId: previous?.id ?? null,
  };
}

/** An uploaded previous-year report applies when it is of the year before. */
function choosePrevious(report: AnnualReport, uploaded: PreviousReport | undefined): PreviousReport | undefined {
  return uploaded && report.year !== null && uploaded.report.year === report.year - 1 ? uploaded : undefined;
}

async function storedPrevious(db: pg.Pool, report: AnnualReport): Promise<PreviousReport | undefined> {
  if (report.agency === null || report.year === null) return undefined;
  const found = await findLatestReport(db, report.agency, report.year - 1);
  return found && { id: found.id, report: found.canonical };
}

/**
 * Checks every file of an upload independently (a broken file affects no other), the
 * previous-year file first, and records the upload. Resolves to each file's outcome.
 */
export async function checkAndStoreFiles(db: pg.Pool, input: CheckFilesInput, logger?: Logger, importer?: ReportImporter): Promise<UploadOutcome> {
  const results: FileOutcome[] = [];
  let previous: PreviousReport | undefined;
  if (input.previous) {
    const outcome = await checkAndStoreFile(db, input.previous, { actor: input.actor, role: 'previous', logger, importer });
    results.push(outcome);
    if (outcome.ok) {
      const stored = await getCheckedReport(db, outcome.reportId);
      previous = stored && { id: stored.id, report: stored.canonical };
    }
  }
  for (const file of input.files) {
    results.push(await checkAndStoreFile(db, file, { actor: input.actor, previous, logger, importer }));
  }
  const uploadId = await insertUpload(db, input.actor, results);
  return { uploadId, results };
}

/** One checked report, or NotFoundError. */
export async function getReportOrThrow(db: pg.Pool, id: number): Promise<CheckedReport> {
  const report = Number.isSafeInteger(id) && id > 0 ? await getCheckedReport(db, id) : undefined;
  if (!report) throw new NotFoundError('report.not_found', `找不到编号为 ${id} 的已检查报告：它可能从未保存过，请从“已检查的报告”列表进入。`);
  return report;
}

/** The source file of a stored report, or NotFoundError. */
export async function getSourceOrThrow(db: pg.Pool, id: number): Promise<{ fileName: string; bytes: Uint8Array }> {
  const source = Number.isSafeInteger(id) && id > 0 ? await getReportSource(db, id) : undefined;
  if (!source) throw new NotFoundError('report.not_found', `找不到编号为 ${id} 的已检查报告。`);
  return source;
}

/** A stored report rendered for download (HTML, DOCX, XLSX, JSON), with a file name. */
export async function renderStoredReport(db: pg.Pool, id: number, format: RenderFormat): Promise<{ fileName: string; mediaType: string; bytes: Uint8Array }> {
  const stored = await getReportOrThrow(db, id);
  const bytes = await renderReport(stored.canonical, format);
  const stem = `${stored.agency ?? '未识别机关'}${stored.year ?? ''}年政府信息公开工作年度报告`;
  return { fileName: `${stem}.${format}`, mediaType: RENDER_MEDIA_TYPES[format], bytes };
}

/** One upload's outcomes, or NotFoundError. */
export async function getUploadOrThrow(db: pg.Pool, id: string): Promise<StoredUpload<FileOutcome>> {
  const upload = await getUpload<FileOutcome>(db, id);
  if (!upload) throw new NotFoundError('report.upload_not_found', '找不到这次上传的检查结果：链接可能有误。请到“已检查的报告”列表查看。');
  return upload;
}

/** A page of checked reports. */
export function listReports(db: pg.Pool, query: ReportListQuery): Promise<{ total: number; items: CheckedReportSummary[] }> {
  return listCheckedReports(db, query);
}

/**
 * The demo agency's 2023 report, shipped in the project as canonical JSON (the facts of the seed
 * agency's published report: 阜新市太平区文化旅游和广播电视局).
 */
export const SEED_REPORT_URL = new URL('./demo/taiping-wenlv-2023.json', import.meta.url);

/**
 * On first start with an empty database, stores the demo agency's report so that the list is
 * not empty. Returns the outcome, or undefined when nothing was done.
 */
export async function seedDemoReport(db: pg.Pool, logger: Logger, seedUrl: URL = SEED_REPORT_URL): Promise<FileOutcome | undefined> {
  if ((await countCheckedReports(db)) > 0) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(seedUrl);
  } catch (error) {
    logger.warn({ file: seedUrl.pathname, err: (error as Error).message }, '示例报告文件读取失败，跳过示例数据');
    return undefined;
  }
  const name = decodeURIComponent(seedUrl.pathname.split('/').pop() ?? 'seed.txt');
  const outcome = await checkAndStoreFile(db, { name, bytes }, { actor: 'cli', logger });
  if (outcome.ok) logger.info({ reportId: outcome.reportId }, '已存入示例报告');
  else logger.warn({ error: outcome.error }, '示例报告未能存入');
  return outcome;
}
