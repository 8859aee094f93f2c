/**
 * The cross-reference of a PDF for the fast text layer: the xref table or stream found through
 * `startxref` (§7.5.4, §7.5.5, §7.5.8), following /Prev, and object fetching including objects
 * in object streams (§7.5.7). No repair: a wrong offset throws Unsupported (pdf.js repairs).
 */
import { decodeStream } from './pdf-filters.ts';
import { Lexer, PdfRef, Unsupported, isDict, isOp, isStream, type PdfDict, type PdfStream, type PdfValue } from './pdf-objects.ts';

type Entry = { offset: number } | { stream: number; index: number };

const MAX_SECTIONS = 32;
const MAX_OBJECTS = 1 << 20;

export class PdfFile {
  readonly trailer: PdfDict;
  private readonly entries = new Map<number, Entry>();
  private readonly cache = new Map<number, PdfValue>();
  private readonly objStreams = new Map<number, Map<number, PdfValue>>();
  private fetching = new Set<number>();

  constructor(readonly data: Uint8Array) {
    const tail = Buffer.from(data.buffer, data.byteOffset + Math.max(0, data.length - 1024), Math.min(1024, data.length)).toString('latin1');
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/u.exec(tail);
    if (!m) throw new Unsupported('no startxref at the end');
    let offset = Number(m[1]);
    let trailer: PdfDict | undefined;
    const seen = new Set<number>();
    for (let n = 0; n < MAX_SECTIONS && offset > 0; n += 1) {
      if (seen.has(offset) || offset >= data.length) throw new Unsupported('bad xref offset');
      seen.add(offset);
      const section = this.readSection(offset);
      trailer ??= section;
      // A hybrid file's /XRefStm (§7.5.8.4) also has entries.
      const stm = section.get('XRefStm');
      if (typeof stm === 'number' && !seen.has(stm)) {
        seen.add(stm);
        this.readSection(stm);
      }
      const prev = section.get('Prev');
      offset = typeof prev === 'number' ? prev : 0;
    }
    if (!trailer) throw new Unsupported('no trailer');
    if (trailer.has('Encrypt')) throw new Unsupported('encrypted');
    this.trailer = trailer;
  }

  /** Resolves a reference (others pass through). */
  resolve = (v: PdfValue | undefined): PdfValue | undefined => {
    if (!(v instanceof PdfRef)) return v;
    return this.fetch(v.num);
  };

  get(dict: PdfDict | undefined, key: string): PdfValue | undefined {
    return dict ? this.resolve(dict.get(key)) : undefined;
  }

  /** The object `num`, or null when it is free or missing (§7.3.10: a missing object is null). */
  fetch(num: number): PdfValue {
    const cached = this.cache.get(num);
    if (cached !== undefined) return cached;
    const entry = this.entries.get(num);
    if (!entry || ('offset' in entry && entry.offset < 0)) return null;
    if (this.fetching.has(num)) throw new Unsupported('reference loop');
    this.fetching.add(num);
    try {
      const value = 'offset' in entry ? this.readObjectAt(entry.offset, num) : this.fromObjectStream(entry.stream, entry.index, num);
      this.cache.set(num, value);
      return value;
    } finally {
      this.fetching.delete(num);
    }
  }

  /** The decoded bytes of a stream. */
  streamBytes(stream: PdfStream): Uint8Array {
    return decodeStream(this.data, stream, this.resolve);
  }

  private readObjectAt(offset: number, num: number): PdfValue {
    const lexer = new Lexer(this.data, offset);
    const n = lexer.next();
    const g = lexer.next();
    const kw = lexer.next();
    if (n !== num || typeof g !== 'number' || !isOp(kw) || kw.op !== 'obj') throw new Unsupported('xref offset does not point at its object');
    const value = lexer.value();
    lexer.skipSpace();
    if (isDict(value) && this.isKeyword(lexer.pos, 'stream')) return this.streamAfter(value, lexer.pos + 6);
    return value;
  }

  private isKeyword(at: number, word: string): boolean {
    for (let i = 0; i < word.length; i += 1) if (this.data[at + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  /** The stream's data range: /Length when `endstream` follows it, else up to `endstream` (§7.3.8.1). */
  private streamAfter(dict: PdfDict, at: number): PdfStream {
    const d = this.data;
    let start = at;
    if (d[start] === 0x0d) start += 1;
    if (d[start] === 0x0a) start += 1;
    const length = dict.get('Length');
    const len = length instanceof PdfRef ? this.fetch(length.num) : length;
    if (typeof len === 'number' && len >= 0 && start + len <= d.length) {
      let e = start + len;
      while (e < d.length && (d[e] === 0x0a || d[e] === 0x0d || d[e] === 0x20)) e += 1;
      if (this.isKeyword(e, 'endstream')) return { dict, start, end: start + len };
    }
    const found = Buffer.from(d.buffer, d.byteOffset, d.length).indexOf('endstream', start, 'latin1');
    if (found < 0) throw new Unsupported('no endstream');
    let end = found;
    if (d[end - 1] === 0x0a) end -= 1;
    if (d[end - 1] === 0x0d) end -= 1;
    return { dict, start, end: Math.max(start, end) };
  }

  private readSection(offset: number): PdfDict {
    const lexer = new Lexer(this.data, offset);
    const first = lexer.next();
    if (isOp(first) && first.op === 'xref') return this.readTable(lexer);
    if (typeof first !== 'number') throw new Unsupported('no xref at startxref');
    const stream = this.readObjectAt(offset, first);
    if (!isStream(stream)) throw new Unsupported('xref stream expected');
    this.readXrefStream(stream);
    return stream.dict;
  }

  /** An xref table (§7.5.4) and its trailer (§7.5.5). Earlier sections (read first) win. */
  private readTable(lexer: Lexer): PdfDict {
    const d = this.data;
    for (let guard = 0; guard < MAX_OBJECTS; guard += 1) {
      const t = lexer.next();
      if (isOp(t) && t.op === 'trailer') {
        const trailer = lexer.value();
        if (!isDict(trailer)) throw new Unsupported('bad trailer');
        return trailer;
      }
      const count = lexer.next();
      if (typeof t !== 'number' || typeof count !== 'number' || count < 0 || count > MAX_OBJECTS) throw new Unsupported('bad xref subsection');
      lexer.skipSpace();
      for (let i = 0; i < count; i += 1) {
        // Each entry is 20 bytes: 10-digit offset, 5-digit generation, n or f.
        const line = Buffer.from(d.buffer, d.byteOffset + lexer.pos, Math.min(20, d.length - lexer.pos)).toString('latin1');
        const m = /^(\d{10}) (\d{5}) ([nf])/u.exec(line);
        if (!m) throw new Unsupported('bad xref entry');
        const num = t + i;
        if (!this.entries.has(num)) this.entries.set(num, m[3] === 'n' ? { offset: Number(m[1]) } : { offset: -1 });
        lexer.pos += 18;
        lexer.skipSpace();
      }
    }
    throw new Unsupported('xref too long');
  }

  /** An xref stream (§7.5.8): /W field widths, /Index subsections. */
  private readXrefStream(stream: PdfStream): void {
    const bytes = decodeStream(this.data, stream, this.resolve);
    const w = stream.dict.get('W');
    const size = stream.dict.get('Size');
    if (!Array.isArray(w) || w.length < 3 || !w.every((x) => typeof x === 'number' && x >= 0 && x <= 8) || typeof size !== 'number') throw new Unsupported('bad xref stream');
    const [w0, w1, w2] = w as number[];
    const index = stream.dict.get('Index');
    const ranges = Array.isArray(index) ? index : [0, size];
    const rowLength = (w0 ?? 0) + (w1 ?? 0) + (w2 ?? 0);
    let at = 0;
    const field = (width: number, dflt: number): number => {
      if (width === 0) return dflt;
      let v = 0;
      for (let k = 0; k < width; k += 1) v = v * 256 + (bytes[at++] ?? 0);
      return v;
    };
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      const first = ranges[r];
      const count = ranges[r + 1];
      if (typeof first !== 'number' || typeof count !== 'number' || count < 0 || count > MAX_OBJECTS) throw new Unsupported('bad xref index');
      for (let i = 0; i < count; i += 1) {
        if (at + rowLength > bytes.length) throw new Unsupported('short xref stream');
        const type = field(w0 ?? 0, 1);
        const a = field(w1 ?? 0, 0);
        const b = field(w2 ?? 0, 0);
        const num = first + i;
        if (this.entries.has(num)) continue;
        if (type === 1) this.entries.set(num, { offset: a });
        else if (type === 2) this.entries.set(num, { stream: a, index: b });
        else this.entries.set(num, { offset: -1 });
      }
    }
  }

  private fromObjectStream(streamNum: number, index: number, num: number): PdfValue {
    let objects = this.objStreams.get(streamNum);
    if (!objects) {
      const stream = this.fetch(streamNum);
      if (!isStream(stream)) throw new Unsupported('object stream expected');
      const n = stream.dict.get('N');
      const first = stream.dict.get('First');
      if (typeof n !== 'number' || typeof first !== 'number' || n > MAX_OBJECTS) throw new Unsupported('bad object stream');
      const bytes = this.streamBytes(stream);
      const header = new Lexer(bytes, 0, Math.min(first, bytes.length));
      objects = new Map();
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i += 1) {
        const on = header.next();
        const off = header.next();
        if (typeof on !== 'number' || typeof off !== 'number') throw new Unsupported('bad object stream header');
        pairs.push([on, off]);
      }
      for (const [on, off] of pairs) objects.set(on, new Lexer(bytes, first + off).value());
      this.objStreams.set(streamNum, objects);
    }
    const value = objects.get(num);
    if (value === undefined) throw new Unsupported(`object ${num} not in its object stream ${index}`);
    return value;
  }
}
