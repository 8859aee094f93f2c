/**
 * One scratch buffer of UTF-16 code units for the readers' single-pass text builders (UTF-8
 * decoding of a page's text, normalisation of a cell): a text is written unit by unit and made a
 * string once, instead of by a concatenation per change.
 *
 * A caller fills the buffer and makes its string before it calls anything else that may use it.
 */

/** The shared buffer holds this many units; a longer text gets a buffer of its own (no large buffer is kept). */
const SCRATCH_UNITS = 1 << 19;
const scratch = new Uint16Array(SCRATCH_UNITS);
/** The scratch buffer's bytes, viewed once: a Buffer made per string cost a third of a short cell's normalisation. */
const scratchBytes = Buffer.from(scratch.buffer, scratch.byteOffset, scratch.byteLength);

/** A buffer for `length` units: the shared one when it fits. */
export function unitBuffer(length: number): Uint16Array {
  return length <= SCRATCH_UNITS ? scratch : new Uint16Array(length);
}

/** units[0, length) as a string (of the scratch buffer or any other). */
export function unitsToString(units: Uint16Array, length: number): string {
  return units === scratch ? scratchBytes.toString('utf16le', 0, length * 2) : Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
}
