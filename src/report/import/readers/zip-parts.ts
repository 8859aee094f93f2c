/**
 * The few parts of a DOCX (a ZIP archive) the DOCX reader needs, read straight from the central
 * directory and inflated with node:zlib. jszip (pure-JS inflate, async) cost more than the whole
 * rest of reading a report; this reads one part in well under a millisecond.
 *
 * Not handled (the caller falls back to mammoth, which uses jszip): ZIP64, encryption,
 * compression other than stored/deflate.
 */
import { inflateRawSync } from 'node:zlib';

/** Parts larger than this when inflated are refused (a zip bomb must not exhaust memory). */
const MAX_PART_BYTES = 64 * 1024 * 1024;

/** Named entries of a ZIP archive, inflated on demand. */
export class ZipParts {
  private readonly entries = new Map<string, { method: number; offset: number; size: number }>();

  /** Throws (a plain Error) when the bytes are not a ZIP archive this reader handles. */
  constructor(private readonly bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfCentralDirectory(view);
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    for (let i = 0; i < count; i += 1) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new Error('bad central directory');
      const method = view.getUint16(at + 10, true);
      const size = view.getUint32(at + 20, true);
      const nameLength = view.getUint16(at + 28, true);
      const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      const local = view.getUint32(at + 42, true);
      const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, Math.min(nameLength, bytes.length - at - 46)).toString('utf8');
      if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new Error('bad local header');
      const offset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (offset + size > bytes.length) throw new Error('entry past the end');
      this.entries.set(name, { method, offset, size });
      at += 46 + skip;
    }
  }

  /** The entries' names, in the archive's order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A part as UTF-8 text, undefined when absent. Throws on a damaged or unsupported entry. */
  text(name: string): string | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const raw = this.bytes.subarray(entry.offset, entry.offset + entry.size);
    let data: Uint8Array;
    if (entry.method === 0) data = raw;
    else if (entry.method === 8) data = inflateRawSync(raw, { maxOutputLength: MAX_PART_BYTES });
    else throw new Error(`compression method ${entry.method}`);
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw new Error('no end of central directory');
}
