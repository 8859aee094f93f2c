/**
 * Stream filters for the fast text layer (ISO 32000-1 §7.4): FlateDecode (§7.4.4) with the PNG
 * predictors (§7.4.4.4) that xref streams use. Other filters and filter chains throw Unsupported.
 * Inflated data is capped, so a zip bomb fails fast.
 */
import { inflateSync } from 'node:zlib';
import { Unsupported, isDict, nameOf, type PdfStream, type PdfValue } from './pdf-objects.ts';

const MAX_INFLATED = 64 * 2 ** 20;

/** Decodes a stream's data: no filter or FlateDecode (with PNG predictors), §7.4.4. */
export function decodeStream(data: Uint8Array, stream: PdfStream, resolve: (v: PdfValue | undefined) => PdfValue | undefined): Uint8Array {
  const raw = data.subarray(stream.start, stream.end);
  let filter = resolve(stream.dict.get('Filter'));
  let parms = resolve(stream.dict.get('DecodeParms'));
  if (Array.isArray(filter)) {
    if (filter.length > 1) throw new Unsupported('filter chain');
    filter = resolve(filter[0]);
    parms = Array.isArray(parms) ? resolve(parms[0]) : parms;
  }
  if (filter === undefined || filter === null) return raw;
  if (nameOf(filter) !== 'FlateDecode') throw new Unsupported(`filter ${nameOf(filter) ?? '?'}`);
  let out: Uint8Array;
  try {
    out = inflateSync(raw, { maxOutputLength: MAX_INFLATED, finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a missing end */ });
  } catch {
    throw new Unsupported('bad flate data');
  }
  const predictor = isDict(parms) ? resolve(parms.get('Predictor')) : undefined;
  if (typeof predictor !== 'number' || predictor <= 1) return out;
  if (predictor < 10 || !isDict(parms)) throw new Unsupported('TIFF predictor');
  const num = (k: string, dflt: number): number => {
    const v = resolve(parms.get(k));
    return typeof v === 'number' ? v : dflt;
  };
  return unpredictPng(out, num('Columns', 1) * num('Colors', 1) * num('BitsPerComponent', 8) / 8, Math.ceil(num('Colors', 1) * num('BitsPerComponent', 8) / 8));
}

/** PNG row filters (§7.4.4.4 referring to the PNG specification). */
function unpredictPng(data: Uint8Array, rowLength: number, bpp: number): Uint8Array {
  const cols = Math.ceil(rowLength);
  if (cols < 1 || cols > 1 << 20) throw new Unsupported('bad predictor columns');
  const rows = Math.floor(data.length / (cols + 1));
  const out = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r += 1) {
    const type = data[r * (cols + 1)] ?? 0;
    const src = r * (cols + 1) + 1;
    const at = r * cols;
    for (let i = 0; i < cols; i += 1) {
      const raw = data[src + i] ?? 0;
      const left = i >= bpp ? out[at + i - bpp] ?? 0 : 0;
      const up = r > 0 ? out[at - cols + i] ?? 0 : 0;
      const ul = r > 0 && i >= bpp ? out[at - cols + i - bpp] ?? 0 : 0;
      let v: number;
      if (type === 0) v = raw;
      else if (type === 1) v = raw + left;
      else if (type === 2) v = raw + up;
      else if (type === 3) v = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - ul;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - ul);
        v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : ul);
      } else throw new Unsupported('bad PNG predictor');
      out[at + i] = v & 0xff;
    }
  }
  return out;
}
