/**
 * The ZIP reading of the Office readers (DOCX, XLSX), on yauzl. An archive is checked from its
 * central directory before any entry is inflated: the number of entries, each entry's declared
 * uncompressed size and their sum. An entry is then read through yauzl's openReadStream and
 * inflated as a stream with a hard byte cap (its declared size, itself under the limit), so an entry
 * whose header lies (declares little, inflates to much) stops there instead of filling memory; one
 * that inflates to less is refused too. What an entry inflates to is checked against its CRC-32
 * (neither yauzl nor deflate checks one).
 *
 * Every failure is a SourceReadError whose Chinese message names the problem (not a ZIP archive,
 * too many entries, larger than N MB when inflated, a size that lies, two entries of one name, a
 * damaged entry); yauzl's and zlib's own messages never reach the user.
 */
import { pipeline, type Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { SourceReadError } from '../read-error.ts';

export interface ZipLimits {
  /** Entries in the central directory. */
  entries: number;
  /** Declared uncompressed size of one entry, in bytes. */
  entryBytes: number;
  /** Declared uncompressed size of all entries together, in bytes. */
  totalBytes: number;
}

/**
 * An annual report's DOCX or XLSX has a few dozen entries and some hundred KB of XML; a workbook of
 * MAX_XLSX_CELLS cells has some tens of MB. These limits leave room for images and long reports.
 */
export const ZIP_LIMITS: ZipLimits = { entries: 2_000, entryBytes: 64 * 2 ** 20, totalBytes: 256 * 2 ** 20 };

/** The forms read as ZIP archives: the name used in messages and error codes (ZIP: a batch of reports, evaluate/batch-zip.ts). */
export type OfficeForm = 'DOCX' | 'XLSX' | 'ZIP';

const LEGACY: Record<OfficeForm, string> = { DOCX: 'Word 97-2003 文档（.doc）', XLSX: 'Excel 97-2003 工作簿（.xls）', ZIP: 'Office 97-2003 文件' };
/** Why an archive over a limit is not read: an Office file that large is no report; a batch's archive is over the bulk check's limits. */
const TOO_LARGE: Record<OfficeForm, string> = { DOCX: '不像一份年度报告', XLSX: '不像一份年度报告', ZIP: '超出一次批量检查的上限' };
/** The first bytes of an OLE compound file: a .doc/.xls, or an Office file encrypted with a password. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An archive whose central directory has been read and checked; entries are inflated on demand. */
export class OfficeZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly form: OfficeForm,
  ) {}

  /**
   * Reads and checks the central directory (nothing is inflated). Throws SourceReadError when the
   * bytes are not a ZIP archive, or it holds more entries or more declared bytes than `limits`.
   */
  static async open(bytes: Uint8Array, form: OfficeForm, limits: ZipLimits = ZIP_LIMITS): Promise<OfficeZip> {
    const fail = failure(form);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let zip: yauzl.ZipFile;
    try {
      // decodeStrings off: names are matched as UTF-8 below, and yauzl's checks of names as paths
      // to extract to (absolute, "..") concern no one here. validateEntrySizes: a stored entry's
      // two sizes must agree (read() checks a deflated entry's).
      zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
    } catch (error) {
      if (form !== 'ZIP' && COMPOUND_FILE.every((byte, i) => bytes[i] === byte)) {
        throw fail(`这是${LEGACY[form]}或加了密码的 Office 文件，不是 ${form} 文件；请在 Office 中另存为 ${form}（不设密码）后再导入。`, 'unreadable', error);
      }
      if (form === 'ZIP') throw fail('不是完整的 ZIP 压缩包，文件不完整或已损坏。', 'unreadable', error);
      throw fail(`不是完整的 ZIP 压缩包（${form} 文件本身是一个压缩包），可能不是 ${form} 文件，或文件不完整、已损坏。`, 'unreadable', error);
    }
    if (zip.entryCount > limits.entries) {
      zip.close();
      throw fail(`压缩包中的文件太多（${zip.entryCount} 个，上限 ${limits.entries} 个），${TOO_LARGE[form]}，未读取。`, 'too-large');
    }
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileNameRaw.toString('utf8');
        if (entry.uncompressedSize > limits.entryBytes) {
          throw fail(`文件解压后超过 ${mb(limits.entryBytes)} MB（其中“${shown(name)}”解压后有 ${mb(entry.uncompressedSize)} MB），${TOO_LARGE[form]}，未读取。`, 'too-large');
        }
        total += entry.uncompressedSize;
        if (total > limits.totalBytes) {
          throw fail(`文件解压后超过 ${mb(limits.totalBytes)} MB，${TOO_LARGE[form]}，未读取。`, 'too-large');
        }
        // Two entries of one name: readers differ on which one counts (exceljs's unzipper takes the
        // last), so one could be checked here and the other inflated there. No Office file has them.
        if (entries.has(name)) throw fail(`压缩包中有两个同名的“${shown(name)}”，文件已损坏或被改动过，未读取。`, 'unreadable');
        entries.set(name, entry);
      }
    } catch (error) {
      zip.close();
      if (error instanceof SourceReadError) throw error;
      throw fail('压缩包的目录已损坏，文件不完整或已损坏。', 'unreadable', error);
    }
    return new OfficeZip(zip, entries, form);
  }

  /** The entries' names, in the central directory's order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's bytes, inflated; undefined when there is no such entry. Throws SourceReadError when it cannot be inflated as declared. */
  async read(name: string): Promise<Buffer | undefined> {
    const entry = this.entries.get(name);
    if (entry === undefined) return undefined;
    const fail = failure(this.form);
    const where = `压缩包中的“${shown(name)}”`;
    if (entry.isEncrypted()) throw fail(`${where}加了密码，请导入不设密码的文件。`, 'unreadable');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw fail(`${where}使用了不支持的压缩方式（编号 ${entry.compressionMethod}），文件已损坏或不是 Office 文件。`, 'unreadable');
    }
    let stream: Readable;
    try {
      // The stored bytes as they are: inflated below by a zlib stream whose output chunks are as
      // large as the entry (yauzl's own inflate streams 16 KB chunks, 3–4 times the cost).
      const raw = await this.zip.openReadStreamPromise(entry, { decodeFileData: false });
      stream = entry.compressionMethod === 0 ? raw : pipeline(raw, createInflateRaw({ chunkSize: chunkSize(entry.uncompressedSize) }), () => {});
    } catch (error) {
      throw fail(`${where}已损坏，无法解压。`, 'unreadable', error);
    }
    // The cap: the declared size, which open() held under the limit. An entry inflating to more
    // stops there, its stream destroyed.
    const cap = entry.uncompressedSize;
    const chunks: Buffer[] = [];
    let length = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        length += chunk.length;
        if (length > cap) throw new EntryTooLong();
        chunks.push(chunk);
      }
    } catch (error) {
      stream.destroy();
      if (error instanceof EntryTooLong) {
        throw fail(`${where}解压后超过它在压缩包目录中声明的大小（${cap} 字节），文件已损坏或被改动过，未读取。`, 'unreadable', error);
      }
      throw fail(`${where}已损坏，无法解压。`, 'unreadable', error);
    }
    if (length < cap) throw fail(`${where}解压后不足它在压缩包目录中声明的大小（${cap} 字节），文件不完整或已损坏。`, 'unreadable');
    const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
    // Deflate has no checksum of its own: a damaged byte can inflate to other text of the same size.
    if (crc32(data) >>> 0 !== entry.crc32 >>> 0) {
      throw fail(`${where}的校验值不符，内容已损坏。`, 'unreadable');
    }
    return data;
  }

  /** An entry as UTF-8 text; undefined when there is no such entry. */
  async text(name: string): Promise<string | undefined> {
    return (await this.read(name))?.toString('utf8');
  }

  close(): void {
    this.zip.close();
  }
}

class EntryTooLong extends Error {}

/** zlib's output chunk for an entry of this size: the whole entry in one, up to 1 MiB (zlib's minimum is 64 bytes). */
function chunkSize(size: number): number {
  return Math.max(64, Math.min(size, 2 ** 20));
}

function failure(form: OfficeForm) {
  return (why: string, code: 'unreadable' | 'too-large', cause?: unknown): SourceReadError =>
    new SourceReadError(`无法读取 ${form} 文件：${why}`, `${form.toLowerCase()}.${code}`, cause === undefined ? undefined : { cause });
}

function mb(bytes: number): string {
  return String(Math.round((bytes / 2 ** 20) * 10) / 10);
}

/** An entry's name as put in a message: it comes from the file, so no control or format characters (bidi overrides …), not too long. */
function shown(name: string): string {
  const clean = name.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
