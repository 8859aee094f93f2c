/** The fast decoding paths give exactly what TextDecoder gives. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeText, decodeUtf8Lenient, sniffHead } from './decode.ts';

const PIECES = ['\uFEFF', 'a', '中', '😀', '\n', '|', ' ', 'é', '\u3000'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40, size: 'max' }).map((p) => p.join(''));
const bytes = fc.uint8Array({ maxLength: 24, size: 'max' });

describe('decodeText', () => {
  it('drops one BOM in bytes and one at the start of the text, as TextDecoder on the rest', () => {
    expect(decodeText(new TextEncoder().encode('\uFEFF\uFEFF\uFEFFa'))).toEqual({ text: '\uFEFFa', encoding: 'utf-8' });
  });
  it('is TextDecoder (fatal) on any bytes that are UTF-8, else GB18030', () => {
    fc.assert(fc.property(bytes, (b) => {
      let want: string | undefined;
      const body = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
      try {
        want = new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        want = undefined;
      }
      if (b[0] === 0xff && b[1] === 0xfe || b[0] === 0xfe && b[1] === 0xff) return;
      const got = decodeText(b);
      if (want === undefined) expect(got.encoding).toBe('gb18030');
      else expect(got).toEqual({ text: want, encoding: 'utf-8' });
    }), { numRuns: 2000 });
  });
});

describe('decodeUtf8Lenient and sniffHead', () => {
  it('decodeUtf8Lenient is TextDecoder without fatal, on any bytes', () => {
    fc.assert(fc.property(bytes, (b) => {
      expect(decodeUtf8Lenient(b)).toBe(new TextDecoder('utf-8').decode(b));
    }), { numRuns: 2000 });
  });
  it('sniffHead cut out of the decoded text equals decoding the first bytes', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 40 }), (t, limit) => {
      const b = new TextEncoder().encode(t);
      const want = new TextDecoder('utf-8').decode(b.subarray(0, limit)).replace(/^\uFEFF/, '');
      expect(sniffHead(b, limit, decodeText(b))).toBe(want);
    }), { numRuns: 3000 });
  });
});
