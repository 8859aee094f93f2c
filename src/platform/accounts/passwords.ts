/**
 * Password hashing with Argon2id (@node-rs/argon2: prebuilt native binaries, OWASP's parameters
 * m=19 MiB, t=2, p=1). Loaded on first use, so commands that never hash do not load it.
 */
import { checkPassword, type PasswordPolicy } from './core/password-policy.ts';
import { loadCommonPasswords } from './common-passwords.ts';
import { fieldError } from './fields.ts';

const argon2 = () => import('@node-rs/argon2');
/** Algorithm.Argon2id in @node-rs/argon2 (a const enum, not importable under isolatedModules). */
const ARGON2ID = 2;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** True when the password matches; false for a malformed hash too. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the time of one verification (an unknown username must answer as slowly as a wrong password). */
export async function verifyNothing(password: string): Promise<void> {
  dummy ??= hashPassword('gongkai-timing-equaliser');
  await verifyPassword(await dummy, password);
}

/** Throws a ValidationError naming the password field when the policy refuses the password. */
export function assertPasswordAcceptable(password: string, context: { username: string; name?: string }, policy: PasswordPolicy): void {
  const problems = checkPassword(password, context, policy, loadCommonPasswords());
  if (problems.length > 0) throw fieldError('password', problems.join('；'), 'accounts.weak_password');
}
