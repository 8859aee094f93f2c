/**
 * Seeded damage to a file, for the fuzz tests and the parity record (bench/parity.ts): cut short,
 * bytes flipped, noise inserted, a stretch deleted, digits and markup sprinkled, or replaced by
 * garbage. Draws only from `random` (createRng of ./report/generate.ts), so a seed reproduces it.
 */
const SPRINKLE = new TextEncoder().encode('0123456789 \t|<>');

export function mutateBytes(source: Uint8Array, random: () => number): Uint8Array {
  const kind = Math.floor(random() * 6);
  const at = Math.floor(random() * source.length);
  if (kind === 0) return source.subarray(0, at);
  const out = new Uint8Array(source);
  if (kind === 1) {
    for (let i = 0; i < 1 + random() * 50; i += 1) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return out;
  }
  if (kind === 2) {
    const noise = Uint8Array.from({ length: Math.floor(random() * 2000) }, () => Math.floor(random() * 256));
    const grown = new Uint8Array(out.length + noise.length);
    grown.set(out.subarray(0, at));
    grown.set(noise, at);
    grown.set(out.subarray(at), at + noise.length);
    return grown;
  }
  if (kind === 3) {
    const end = Math.min(source.length, at + Math.floor(random() * 4000));
    const shrunk = new Uint8Array(source.length - (end - at));
    shrunk.set(source.subarray(0, at));
    shrunk.set(source.subarray(end), at);
    return shrunk;
  }
  if (kind === 4) {
    for (let i = 0; i < 1 + random() * 40; i += 1) out[Math.floor(random() * out.length)] = SPRINKLE[Math.floor(random() * SPRINKLE.length)] as number;
    return out;
  }
  return Uint8Array.from({ length: Math.floor(random() * 4096) }, () => Math.floor(random() * 256));
}
