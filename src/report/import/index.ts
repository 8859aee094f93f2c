/**
 * Import of an annual report from any published form: detects the form, reads it into a
 * SourceDocument, interprets the report. (Stub: being written.)
 */
import type { AnnualReport } from '../model.ts';
import type { SourceDocument } from './source.ts';

/** A file as received: its name (for the extension) and its bytes. */
export interface ReportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  report: AnnualReport;
  sourceKind: SourceDocument['kind'];
}

/** Thrown when a file cannot be read at all (not a report, corrupt, unsupported type). Message in Chinese. */
export class ReportReadError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'ReportReadError';
  }
}

/** Reads one report file of any supported form (txt, md, html/htm, pdf, docx, xlsx, json). */
export async function importReport(file: ReportFile): Promise<ImportResult> {
  throw new ReportReadError(`尚不支持读取：${file.name}`, file.name);
}
