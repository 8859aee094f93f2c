/**
 * TOTP second factor (RFC 6238): HMAC-SHA-1, 6 digits, 30-second steps, the settings every
 * authenticator app supports. The HMAC and encoding come from `otpauth`; the clock and the random
 * secret bytes are parameters, so this stays pure.
 */
import { HOTP, Secret, TOTP } from 'otpauth';

/** Seconds per step. */
export const TOTP_PERIOD_SECONDS = 30;
/** Digits of a code. */
export const TOTP_DIGITS = 6;
/** Secret length in bytes: 160 bits, the HMAC-SHA-1 output size RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;
/** Steps accepted either side of the current one, for a phone's clock that is a little off. */
const DRIFT_STEPS = 1;

const ALGORITHM = 'SHA1';

/** The base32 secret (32 characters, no padding) for 20 random bytes the caller drew. Throws on another length. */
export function totpSecretFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== TOTP_SECRET_BYTES) {
    throw new RangeError(`A TOTP secret needs ${TOTP_SECRET_BYTES} bytes, got ${bytes.length}`);
  }
  // Copy: the view may be a window onto a larger buffer.
  return new Secret({ buffer: bytes.slice().buffer }).base32;
}

/**
 * The `otpauth://totp/Issuer:account?secret=…&issuer=…` URI that authenticator apps read (usually from
 * a QR code). The issuer names the site in the app's list; callers pass 'Gongkai'.
 */
export function totpUri({ secret, account, issuer }: { secret: string; account: string; issuer: string }): string {
  return new TOTP({
    issuer, label: account, secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM, digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The step (RFC 6238's T) a moment falls in. */
export function totpStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The 6-digit code for the moment `nowMs` (milliseconds since 1970). */
export function totpCodeAt(secret: string, nowMs: number): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS, timestamp: nowMs,
  });
}

/** The outcome of checking a code: the matched step is to be stored as the account's `lastUsedStep`. */
export type TotpVerification = { ok: true; step: number } | { ok: false; reason: 'format' | 'wrong' | 'reused' };

/**
 * Checks a code typed by the user at `nowMs`. Spaces are ignored ("123 456", as apps show it) and
 * full-width digits read as digits; anything but 6 digits is 'format'. The current step and one step
 * either side are accepted; a code of a step at or before `lastUsedStep` (null: none used yet) is
 * 'reused', so a code seen over a shoulder or in a log cannot be replayed.
 */
export function verifyTotp({ secret, code, nowMs, lastUsedStep }: {
  secret: string; code: string; nowMs: number; lastUsedStep: number | null;
}): TotpVerification {
  const token = code
    .replace(/\s+/gu, '')
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^[0-9]{6}$/.test(token)) return { ok: false, reason: 'format' };
  const key = Secret.fromBase32(secret);
  const current = totpStepAt(nowMs);
  let reused = false;
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
    // One step at a time (window 0), so that each match is known by its step; compared in constant time.
    const matches = HOTP.validate({ token, secret: key, algorithm: ALGORITHM, digits: TOTP_DIGITS, counter: step, window: 0 }) === 0;
    if (!matches) continue;
    if (lastUsedStep !== null && step <= lastUsedStep) {
      reused = true;
      continue;
    }
    return { ok: true, step };
  }
  return { ok: false, reason: reused ? 'reused' : 'wrong' };
}
