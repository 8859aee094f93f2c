/**
 * ToUnicode CMaps (ISO 32000-1 §9.10.3): the bfchar and bfrange mappings from character codes to
 * UTF-16BE text, decoded as pdf.js decodes them (surrogate pairs joined; a bfrange destination
 * string counts up in its last byte with a carry into the byte before, as pdf.js does).
 * A `usecmap` or a predefined name is not handled (Unsupported).
 */
import { Lexer, Unsupported, isOp } from './pdf-objects.ts';

/** A bfrange larger than this is refused (pdf.js caps ranges the same way). */
const MAX_RANGE = 2 ** 16;
const MAX_ENTRIES = 2 ** 17;

export function parseToUnicode(bytes: Uint8Array): Map<number, string> {
  const map = new Map<number, string>();
  const lexer = new Lexer(bytes);
  const code = (b: unknown): number => {
    if (!(b instanceof Uint8Array) || b.length === 0 || b.length > 4) throw new Unsupported('bad CMap code');
    let v = 0;
    for (const x of b) v = v * 256 + x;
    return v;
  };
  for (let guard = 0; guard < 4 * MAX_ENTRIES; guard += 1) {
    const t = lexer.next();
    if (t === undefined) return map;
    if (!isOp(t)) continue;
    if (t.op === 'usecmap') throw new Unsupported('usecmap');
    if (t.op === 'beginbfchar') {
      for (;;) {
        const src = lexer.next();
        if (isOp(src) && src.op === 'endbfchar') break;
        const dst = lexer.next();
        if (!(dst instanceof Uint8Array)) throw new Unsupported('bad bfchar');
        map.set(code(src), utf16(dst));
        if (map.size > MAX_ENTRIES) throw new Unsupported('CMap too large');
      }
    } else if (t.op === 'beginbfrange') {
      for (;;) {
        const lo = lexer.next();
        if (isOp(lo) && lo.op === 'endbfrange') break;
        const low = code(lo);
        const high = code(lexer.next());
        const dst = lexer.next();
        if (high < low || high - low > MAX_RANGE) throw new Unsupported('bad bfrange');
        if (Array.isArray(dst)) {
          dst.forEach((d, i) => {
            if (d instanceof Uint8Array && low + i <= high) map.set(low + i, utf16(d));
          });
        } else if (dst instanceof Uint8Array && dst.length > 0) {
          const cur = Uint8Array.from(dst);
          const last = cur.length - 1;
          for (let c = low; c <= high; c += 1) {
            map.set(c, utf16(cur));
            if ((cur[last] ?? 0) < 0xff) cur[last] = (cur[last] ?? 0) + 1;
            else {
              cur[last] = 0;
              if (last > 0) cur[last - 1] = ((cur[last - 1] ?? 0) + 1) & 0xff;
            }
          }
        } else throw new Unsupported('bad bfrange destination');
        if (map.size > MAX_ENTRIES) throw new Unsupported('CMap too large');
      }
    }
  }
  throw new Unsupported('CMap too long');
}

/** UTF-16BE bytes to a string, as pdf.js's readToUnicode (an odd length gets a leading zero byte). */
function utf16(bytes: Uint8Array): string {
  const b = bytes.length % 2 === 0 ? bytes : Uint8Array.from([0, ...bytes]);
  const units: number[] = [];
  for (let i = 0; i + 1 < b.length; i += 2) {
    const u = ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
    if ((u & 0xf800) !== 0xd800) {
      units.push(u);
      continue;
    }
    i += 2;
    const lo = ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
    units.push(((u & 0x3ff) << 10) + (lo & 0x3ff) + 0x10000);
  }
  return String.fromCodePoint(...units);
}
