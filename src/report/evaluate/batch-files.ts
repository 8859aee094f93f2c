/**
 * The files of a bulk check (评估模式): uploaded report files as they are, and the report files of
 * uploaded ZIP archives, opened with the readers' capped ZIP reader (import/readers/office/zip.ts:
 * entry count and declared sizes checked from the central directory before anything is inflated,
 * each entry inflated under a hard cap and checked against its CRC-32). Entries that are not report
 * files are skipped and listed with why; no entry name is ever used as a path on disk.
 */
import { ACCEPTED_EXTENSIONS, extensionOf } from '../file-check.ts';
import { OfficeZip, type ZipLimits } from '../import/readers/office/zip.ts';
import { SourceReadError } from '../import/readers/read-error.ts';
import type { UploadedFile } from '../service.ts';
import { storableFileName } from '../text-safety.ts';

/**
 * Limits of one batch archive: an evaluator's year of a province's reports is some hundreds of
 * files of a few MB; 2,000 entries and 512 MB inflated leave room while keeping one request's work
 * (each entry is inflated and stored one at a time) bounded.
 */
export const BATCH_ZIP_LIMITS: ZipLimits = { entries: 2_000, entryBytes: 64 * 2 ** 20, totalBytes: 512 * 2 ** 20 };

/** Report files one batch may hold (the archives' entries and loose files together). */
export const MAX_BATCH_FILES = 2_000;

/** An entry or file not read, with why (Chinese). */
export interface SkippedEntry {
  name: string;
  reason: string;
}

/** True for a file sent as a ZIP archive of reports (by its extension: a DOCX is a ZIP too). */
export function isZipName(name: string): boolean {
  return extensionOf(name) === 'zip';
}

/** Why an archive entry is not read, or undefined for a report file. */
export function skipReason(name: string): string | undefined {
  if (name.endsWith('/')) return ''; // a folder: not listed
  const base = name.split('/').pop() ?? name;
  if (name.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store' || base === 'Thumbs.db') return '系统生成的附带文件，不是报告';
  if (name.startsWith('/') || name.split('/').includes('..')) return '文件路径不正常（以“/”开头或含“..”），未读取';
  const ext = extensionOf(base);
  if (ext === 'zip' || ext === 'rar' || ext === '7z') return '压缩包里的压缩包不展开：请解压后一并放入同一个压缩包';
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) return `不是可检查的报告文件类型（.${ext || '无扩展名'}）`;
  return undefined;
}

/**
 * Every report file of an archive, in the archive's order, each handed to `each` as soon as it is
 * inflated (so that only one entry is in memory at a time); entries not read are returned with why.
 * Throws SourceReadError (its Chinese message names the limit) when the archive itself is refused.
 */
export async function eachZipEntry(zipName: string, bytes: Uint8Array, each: (file: UploadedFile) => Promise<void>, limits: ZipLimits = BATCH_ZIP_LIMITS): Promise<SkippedEntry[]> {
  let zip: OfficeZip;
  try {
    zip = await OfficeZip.open(bytes, 'ZIP', limits);
  } catch (error) {
    if (error instanceof SourceReadError) throw new SourceReadError(`${storableFileName(zipName)}：${error.message}`, error.code);
    throw error;
  }
  const skipped: SkippedEntry[] = [];
  try {
    for (const name of zip.names()) {
      // A name is a label (GBK names of old Windows tools show as replacement characters), never a path on disk.
      const shown = storableFileName(`${zipName}/${name}`);
      const reason = skipReason(name);
      if (reason === '') continue;
      if (reason !== undefined) {
        skipped.push({ name: shown, reason });
        continue;
      }
      let data: Buffer | undefined;
      try {
        data = await zip.read(name);
      } catch (error) {
        if (!(error instanceof SourceReadError)) throw error;
        skipped.push({ name: shown, reason: error.message.replace(/^无法读取 ZIP 文件：/u, '') });
        continue;
      }
      if (data === undefined) continue;
      await each({ name: storableFileName(name), bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    }
  } finally {
    zip.close();
  }
  return skipped;
}
