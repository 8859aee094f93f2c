/**
 * Writes small PDFs for the reader's tests (no PDF writing library is installed): objects numbered
 * from 1, with a classic xref table (§7.5.4) or an xref stream with the non-stream objects packed in
 * an object stream (§7.5.7, §7.5.8). Streams are stored uncompressed or FlateDecode'd. The tests
 * make PDFs with exactly the structures they name (CID fonts with ToUnicode CMaps, form XObjects,
 * rotated text, fonts without ToUnicode, encryption), which a converter would not give on demand.
 */
import { deflateSync } from 'node:zlib';

export type TestObject = string | { dict: string; data: string; flate?: boolean };

/**
 * A PDF with `objects` (1 is the catalog); `compact` uses an object stream and an xref stream;
 * `info` is the document information dictionary; `trailer` adds entries to the trailer (e.g. /Encrypt, /ID).
 */
export function writePdf(objects: TestObject[], options: { compact?: boolean; info?: string; trailer?: string } = {}): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]?.length ?? 0;
  const offsets: (number | [number, number])[] = [];
  const push = (b: Buffer): void => {
    parts.push(b);
    length += b.length;
  };
  const streamObject = (num: number, dict: string, data: Buffer): void => {
    offsets[num] = length;
    push(Buffer.concat([Buffer.from(`${num} 0 obj\n<<${dict}/Length ${data.length}>>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  };
  const packed: [number, string][] = [];
  objects.forEach((o, i) => {
    const num = i + 1;
    if (typeof o !== 'string') {
      const data = o.flate ? deflateSync(Buffer.from(o.data, 'latin1')) : Buffer.from(o.data, 'latin1');
      streamObject(num, o.dict + (o.flate ? '/Filter/FlateDecode' : ''), data);
    } else if (options.compact) packed.push([num, o]);
    else {
      offsets[num] = length;
      push(Buffer.from(`${num} 0 obj\n${o}\nendobj\n`, 'latin1'));
    }
  });
  let next = objects.length + 1;
  const trailerEntries = (options.info === undefined ? '' : `/Info ${next} 0 R`) + (options.trailer ?? '');
  if (options.info !== undefined) {
    offsets[next] = length;
    push(Buffer.from(`${next} 0 obj\n${options.info}\nendobj\n`, 'latin1'));
    next += 1;
  }
  if (!options.compact) {
    const xref = length;
    const rows = ['0000000000 65535 f \n', ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)];
    push(Buffer.from(`xref\n0 ${rows.length}\n${rows.join('')}trailer\n<</Size ${rows.length}/Root 1 0 R${trailerEntries}>>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
    return new Uint8Array(Buffer.concat(parts));
  }
  const objStm = next;
  let header = '';
  let body = '';
  packed.forEach(([num, text], index) => {
    header += `${num} ${body.length} `;
    body += `${text}\n`;
    offsets[num] = [objStm, index];
  });
  streamObject(objStm, `/Type/ObjStm/N ${packed.length}/First ${header.length}/Filter/FlateDecode`, deflateSync(Buffer.from(header + body, 'latin1')));
  const xrefNum = objStm + 1;
  const xref = length;
  offsets[xrefNum] = xref;
  const rows: number[] = [0, 0, 0xff, 0xff];
  for (let n = 1; n <= xrefNum; n += 1) {
    const o = offsets[n];
    if (Array.isArray(o)) rows.push(2, o[0] >> 8, o[0] & 0xff, o[1]);
    else rows.push(1, ((o ?? 0) >> 8) & 0xff, (o ?? 0) & 0xff, 0);
  }
  // PNG Up predictor rows (§7.4.4.4), as most writers store xref streams.
  const predicted: number[] = [];
  for (let r = 0; r * 4 < rows.length; r += 1) {
    predicted.push(2);
    for (let c = 0; c < 4; c += 1) predicted.push(((rows[r * 4 + c] ?? 0) - (r > 0 ? rows[(r - 1) * 4 + c] ?? 0 : 0)) & 0xff);
  }
  streamObject(xrefNum, `/Type/XRef/Size ${xrefNum + 1}/W[1 2 1]/Root 1 0 R${trailerEntries}/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 4>>`, deflateSync(Buffer.from(predicted)));
  push(Buffer.from(`startxref\n${xref}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
