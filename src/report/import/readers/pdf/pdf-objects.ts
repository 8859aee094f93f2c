/**
 * A minimal PDF object reader for the fast text layer (pdf-text-layer.ts): objects (ISO 32000-1
 * §7.3), cross-reference tables and streams (§7.5.4, §7.5.8), object streams (§7.5.7), FlateDecode
 * with PNG predictors (§7.4.4). Anything else (encryption, other filters, a broken xref) throws
 * Unsupported and the caller falls back to pdf.js, which repairs what this reader does not.
 * Every loop and size is capped: fuzzed input must fail fast, never hang.
 */
/** Thrown for anything the fast path does not handle; the caller reads the file with pdf.js. */
export class Unsupported extends Error {}

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(readonly num: number, readonly gen: number) {}
}
export type PdfDict = Map<string, PdfValue>;
export interface PdfStream {
  dict: PdfDict;
  start: number;
  end: number;
}
export type PdfValue = number | boolean | null | Uint8Array | PdfName | PdfRef | PdfValue[] | PdfDict | PdfStream;

const MAX_DEPTH = 64;

export function isDict(v: PdfValue | undefined): v is PdfDict {
  return v instanceof Map;
}
export function isStream(v: PdfValue | undefined): v is PdfStream {
  return typeof v === 'object' && v !== null && 'start' in v && 'dict' in v;
}
export function nameOf(v: PdfValue | undefined): string | undefined {
  return v instanceof PdfName ? v.name : undefined;
}

/** Character classes, §7.2.2 Tables 1 and 2: 1 white-space, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
/** Hex digit values, 255 for anything else. */
const HEX = new Uint8Array(256).fill(255);
for (let c = 0; c < 16; c += 1) {
  HEX['0123456789abcdef'.charCodeAt(c)] = c;
  HEX['0123456789ABCDEF'.charCodeAt(c)] = c;
}
const isWhite = (c: number): boolean => CLASS[c] === 1;
const isDelim = (c: number): boolean => CLASS[c] === 2;
/** Regular characters end a token at neither white space nor a delimiter. */
const isRegular = (c: number): boolean => CLASS[c] === 0;

/** Names of up to six bytes without # escapes, by their bytes as a number, shared (never mutated). */
const SHORT_NAMES = new Map<number, PdfName>();

/** A token: a value, or a keyword/operator (`{ op }`), or end of data. */
export type Token = PdfValue | { op: string } | undefined;

/**
 * The content operators (Annex A) as internalised strings (property keys are), so that the
 * interpreter's `switch` compares them by identity rather than by content.
 */
const INTERNED = new Map(Object.keys({
  b: 0, B: 0, 'b*': 0, 'B*': 0, BDC: 0, BI: 0, BMC: 0, BT: 0, BX: 0, c: 0, cm: 0, CS: 0, cs: 0, d: 0, d0: 0, d1: 0, Do: 0, DP: 0, EI: 0, EMC: 0,
  ET: 0, EX: 0, f: 0, F: 0, 'f*': 0, G: 0, g: 0, gs: 0, h: 0, i: 0, ID: 0, j: 0, J: 0, K: 0, k: 0, l: 0, m: 0, M: 0, MP: 0, n: 0, q: 0, Q: 0,
  re: 0, RG: 0, rg: 0, ri: 0, s: 0, S: 0, SC: 0, sc: 0, SCN: 0, scn: 0, sh: 0, 'T*': 0, Tc: 0, Td: 0, TD: 0, Tf: 0, Tj: 0, TJ: 0, TL: 0, Tm: 0,
  Tr: 0, Ts: 0, Tw: 0, Tz: 0, v: 0, w: 0, W: 0, 'W*': 0, y: 0, "'": 0, '"': 0, R: 0, obj: 0, endobj: 0, stream: 0, xref: 0, trailer: 0,
}).map((k) => [k, k]));

/** Operator tokens of up to three bytes by their bytes as a number, shared (never mutated). */
const SHORT_OPS = new Map<number, { op: string }>();

/** Lexer for objects and content streams (§7.2, §7.3). */
export class Lexer {
  pos: number;
  constructor(readonly data: Uint8Array, start = 0, readonly end = data.length) {
    this.pos = start;
  }

  skipSpace(): void {
    const d = this.data;
    while (this.pos < this.end) {
      const c = d[this.pos] ?? 0;
      if (isWhite(c)) this.pos += 1;
      else if (c === 0x25) while (this.pos < this.end && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos += 1;
      else break;
    }
  }

  /** The next token; arrays and dictionaries are returned whole. */
  next(depth = 0): Token {
    if (depth > MAX_DEPTH) throw new Unsupported('nesting');
    this.skipSpace();
    if (this.pos >= this.end) return undefined;
    const d = this.data;
    const c = d[this.pos] ?? 0;
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literal();
    if (c === 0x3c) {
      if (d[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return this.dict(depth);
      }
      return this.hex();
    }
    if (c === 0x5b) {
      this.pos += 1;
      const arr: PdfValue[] = [];
      for (let i = 0; ; i += 1) {
        this.skipSpace();
        if (this.pos >= this.end) throw new Unsupported('unterminated array');
        if (d[this.pos] === 0x5d) {
          this.pos += 1;
          return arr;
        }
        const t = this.next(depth + 1);
        if (isOp(t) && t.op === 'R' && arr.length >= 2) {
          // `n g R` inside an array (§7.3.10).
          const g = arr.pop();
          const n = arr.pop();
          if (typeof n !== 'number' || typeof g !== 'number') throw new Unsupported('bad reference');
          arr.push(new PdfRef(n, g));
          continue;
        }
        if (isOp(t)) throw new Unsupported(`operator in array: ${t.op}`);
        if (t === undefined) throw new Unsupported('unterminated array');
        arr.push(t);
      }
    }
    if (c === 0x5d || c === 0x3e || c === 0x29 || c === 0x7b || c === 0x7d) {
      this.pos += 1;
      return { op: String.fromCharCode(c) };
    }
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const n = this.number();
      if (n !== undefined) return n;
    }
    const start = this.pos;
    // Short keywords (every content operator) are looked up by their bytes, without making a string.
    let key = 0;
    while (this.pos < this.end && !isWhite(d[this.pos] ?? 0) && !isDelim(d[this.pos] ?? 0)) {
      key = key * 256 + (d[this.pos] ?? 0);
      this.pos += 1;
    }
    const length = this.pos - start;
    if (length > 32) throw new Unsupported('keyword too long');
    if (length <= 3) {
      const known = SHORT_OPS.get(key);
      if (known) return known;
    }
    const word = Buffer.from(d.buffer, d.byteOffset + start, length).toString('latin1');
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    const op = { op: INTERNED.get(word) ?? word };
    if (length <= 3 && SHORT_OPS.size < 512) SHORT_OPS.set(key, op);
    return op;
  }

  /** A number (§7.3.3): sign, digits, at most one point. Undefined (position kept) when the word is not one. */
  private number(): number | undefined {
    const d = this.data;
    const start = this.pos;
    let i = start;
    let sign = 1;
    if (d[i] === 0x2b || d[i] === 0x2d) {
      if (d[i] === 0x2d) sign = -1;
      i += 1;
    }
    let v = 0;
    let digits = 0;
    let scale = 0;
    let point = false;
    for (; i < this.end; i += 1) {
      const c = d[i] ?? 0;
      if (c >= 0x30 && c <= 0x39) {
        v = v * 10 + (c - 0x30);
        digits += 1;
        if (point) scale += 1;
      } else if (c === 0x2e && !point) point = true;
      else break;
    }
    const next = d[i] ?? 0x20;
    if (digits === 0 || (i < this.end && !isWhite(next) && !isDelim(next))) return undefined;
    this.pos = i;
    return scale === 0 ? sign * v : (sign * v) / 10 ** scale;
  }

  private name(): PdfName {
    const d = this.data;
    const start = this.pos + 1;
    let key = 0;
    let i = start;
    for (; i < this.end && isRegular(d[i] ?? 0x20) && d[i] !== 0x23 && i - start < 6; i += 1) key = key * 256 + (d[i] ?? 0);
    if (i - start < 6 && (i >= this.end || !isRegular(d[i] ?? 0x20))) {
      this.pos = i;
      const k = key + (i - start) * 2 ** 48;
      let name = SHORT_NAMES.get(k);
      if (!name) {
        name = new PdfName(Buffer.from(d.buffer, d.byteOffset + start, i - start).toString('latin1'));
        if (SHORT_NAMES.size < 4096) SHORT_NAMES.set(k, name);
      }
      return name;
    }
    return new PdfName(this.longName());
  }

  private longName(): string {
    const d = this.data;
    this.pos += 1;
    const bytes: number[] = [];
    while (this.pos < this.end && !isWhite(d[this.pos] ?? 0) && !isDelim(d[this.pos] ?? 0)) {
      const c = d[this.pos] ?? 0;
      // #xx escapes, §7.3.5.
      if (c === 0x23 && this.pos + 2 < this.end) {
        const v = parseInt(String.fromCharCode(d[this.pos + 1] ?? 0, d[this.pos + 2] ?? 0), 16);
        if (!Number.isNaN(v)) {
          bytes.push(v);
          this.pos += 3;
          continue;
        }
      }
      bytes.push(c);
      this.pos += 1;
    }
    return Buffer.from(bytes).toString('latin1');
  }

  private literal(): Uint8Array {
    const d = this.data;
    this.pos += 1;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < this.end) {
      const c = d[this.pos++] ?? 0;
      if (c === 0x28) depth += 1;
      else if (c === 0x29 && --depth === 0) return Uint8Array.from(out);
      if (c !== 0x5c) {
        out.push(c);
        continue;
      }
      // Escapes, §7.3.4.2 Table 3.
      const e = d[this.pos++] ?? 0;
      const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
      if (e in simple) out.push(simple[e] ?? 0);
      else if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let k = 0; k < 2 && (d[this.pos] ?? 0) >= 0x30 && (d[this.pos] ?? 0) <= 0x37; k += 1) v = v * 8 + (d[this.pos++] ?? 0) - 0x30;
        out.push(v & 0xff);
      } else if (e === 0x0d) {
        if (d[this.pos] === 0x0a) this.pos += 1;
      } else if (e !== 0x0a) out.push(e);
    }
    throw new Unsupported('unterminated string');
  }

  private hex(): Uint8Array {
    const d = this.data;
    this.pos += 1;
    // Common case: only hex digits up to '>' (a content stream's <0010>), straight into the bytes.
    let j = this.pos;
    while (j < this.end && HEX[d[j] ?? 0] !== 255) j += 1;
    if (d[j] === 0x3e && (j - this.pos) % 2 === 0) {
      const bytes = new Uint8Array((j - this.pos) / 2);
      for (let k = 0; k < bytes.length; k += 1) bytes[k] = ((HEX[d[this.pos + 2 * k] ?? 0] ?? 0) << 4) | (HEX[d[this.pos + 2 * k + 1] ?? 0] ?? 0);
      this.pos = j + 1;
      return bytes;
    }
    const out: number[] = [];
    let half = -1;
    while (this.pos < this.end) {
      const c = d[this.pos++] ?? 0;
      if (c === 0x3e) {
        if (half >= 0) out.push(half << 4);
        return Uint8Array.from(out);
      }
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (v < 0) {
        if (isWhite(c)) continue;
        throw new Unsupported('bad hex string');
      }
      if (half < 0) half = v;
      else {
        out.push((half << 4) | v);
        half = -1;
      }
    }
    throw new Unsupported('unterminated hex string');
  }

  private dict(depth: number): PdfDict {
    const dict: PdfDict = new Map();
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.end) throw new Unsupported('unterminated dictionary');
      if (this.data[this.pos] === 0x3e && this.data[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return dict;
      }
      const key = this.next(depth + 1);
      if (!(key instanceof PdfName)) throw new Unsupported('bad dictionary key');
      const value = this.value(depth + 1);
      dict.set(key.name, value);
    }
  }

  /** A value, with `n g R` references resolved to PdfRef (§7.3.10). */
  value(depth = 0): PdfValue {
    const t = this.next(depth);
    if (t === undefined || isOp(t)) throw new Unsupported('expected a value');
    if (typeof t === 'number' && Number.isInteger(t)) {
      const save = this.pos;
      const g = this.next(depth);
      if (typeof g === 'number' && Number.isInteger(g)) {
        const r = this.next(depth);
        if (isOp(r) && r.op === 'R') return new PdfRef(t, g);
      }
      this.pos = save;
    }
    return t;
  }
}

export function isOp(t: Token): t is { op: string } {
  return typeof t === 'object' && t !== null && !(t instanceof Uint8Array) && !(t instanceof Map) && !Array.isArray(t) && 'op' in t;
}
