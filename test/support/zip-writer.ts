/**
 * Test archives: a small ZIP writer (deflate or stored, no ZIP64), able to write the hostile
 * archives the Office readers must refuse (an entry whose header lies about its size, thousands of
 * entries), and the entries of an archive read back through the readers' own zip module so that a
 * test can change one part of a real DOCX or XLSX and write it again. Writing, not parsing
 * untrusted input: only tests use it.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { OfficeZip } from '../../src/report/import/readers/office/zip.ts';

export interface ZipEntryToWrite {
  name: string;
  data: Uint8Array | string;
  /** Stored instead of deflated. */
  store?: boolean;
  /** The uncompressed size written in both headers instead of the true one (a lying header). */
  declaredSize?: number;
  /**
   * Data already deflated (a zip bomb's gigabyte of zeros is never held inflated), with the
   * inflated size and CRC-32 it has; `data` is then ignored.
   */
  packed?: Uint8Array;
  size?: number;
  crc?: number;
}

/** The bytes of a ZIP archive holding `entries`, in order. */
export function writeZip(entries: readonly ZipEntryToWrite[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const packed = entry.packed ? Buffer.from(entry.packed) : entry.store ? data : deflateRawSync(data);
    const name = Buffer.from(entry.name, 'utf8');
    const fields = {
      method: entry.store && !entry.packed ? 0 : 8,
      crc: (entry.packed ? (entry.crc ?? 0) : crc32(data)) >>> 0,
      compressed: packed.length,
      size: entry.declaredSize ?? (entry.packed ? (entry.size ?? 0) : data.length),
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressed, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(fields.method, 10);
    central.writeUInt32LE(fields.crc, 16);
    central.writeUInt32LE(fields.compressed, 20);
    central.writeUInt32LE(fields.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Every entry of an archive (a real DOCX or XLSX), in order, to be changed and written again with writeZip. */
export async function readZipEntries(bytes: Uint8Array): Promise<{ name: string; data: Buffer }[]> {
  const zip = await OfficeZip.open(bytes, 'DOCX');
  try {
    const entries: { name: string; data: Buffer }[] = [];
    for (const name of zip.names()) entries.push({ name, data: (await zip.read(name)) ?? Buffer.alloc(0) });
    return entries;
  } finally {
    zip.close();
  }
}
