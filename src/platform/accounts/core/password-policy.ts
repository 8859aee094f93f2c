/**
 * The deployment's password policy: length, not the user's own name, not a common password. No
 * composition rules (“must contain a digit and a symbol”): they make passwords harder to remember
 * without making them harder to guess, while length and a list of common passwords do.
 */

/** What a deployment requires of passwords. */
export interface PasswordPolicy {
  /** Fewest characters (Unicode code points). */
  minLength: number;
  /** Refuse the username or the person's name as, or inside, the password. */
  forbidUsername: boolean;
  /** Refuse common passwords, and repeated characters or straight sequences. */
  forbidCommon: boolean;
}

/** The policy unless the deployment configures another. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, forbidUsername: true, forbidCommon: true };

/** Longest password accepted, in code points: hashing a very long input costs time (a denial of service). */
export const MAX_PASSWORD_LENGTH = 256;

/** A username shorter than this is refused only as the whole password: short ones occur inside words by chance. */
const MIN_USERNAME_INSIDE = 4;
/** A person's name (usually 2–3 Chinese characters) is refused inside the password from this length. */
const MIN_NAME_INSIDE = 2;
/** A stripped part shorter than this is not checked: “ab” + random digits is not a common password. */
const MIN_CORE_LENGTH = 4;
/** A password made of one unit of at most this many characters repeated is refused (aaaa, 1212, abcabc). */
const MAX_REPEATED_UNIT = 3;

/** Straight runs: digits, the alphabet, the keyboard rows (letters read left to right, row after row). */
const SEQUENCES = [
  '01234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  '`1234567890-=',
  '~!@#$%^&*()_+',
];

/**
 * The problems with a password under a policy, each a sentence to show the user; an empty list means
 * the password is acceptable. `common` is the lower-cased list of common passwords (see
 * common-passwords.ts). A password is refused as common when, lower-cased, it — or what remains of it,
 * if 4 characters or more, with the digits and punctuation at its end removed — is in the list, is one
 * unit of up to 3 characters repeated, or is a straight run of digits, letters or keys (1234567890,
 * abcdefghij, qwertyuiop, also backwards). Digits put in front, or a common word inside, are not caught.
 */
export function checkPassword(
  password: string,
  context: { username: string; name?: string },
  policy: PasswordPolicy,
  common: ReadonlySet<string>,
): string[] {
  const length = [...password].length;
  // Stop here: the other checks need not run on a megabyte of input.
  if (length > MAX_PASSWORD_LENGTH) return [`密码太长：最多 ${MAX_PASSWORD_LENGTH} 个字符，现在是 ${length} 个`];
  const problems: string[] = [];
  if (length < policy.minLength) problems.push(`密码太短：至少 ${policy.minLength} 个字符，现在是 ${length} 个`);
  const lower = password.toLowerCase();
  if (policy.forbidUsername) {
    const username = context.username.trim().toLowerCase();
    const usernameProblem = ownWordProblem(lower, username, MIN_USERNAME_INSIDE, '用户名');
    if (usernameProblem) problems.push(usernameProblem);
    // “Li Wei” is typed “liwei” in a password.
    const name = (context.name ?? '').replace(/\s+/gu, '').toLowerCase();
    // The same name as the username says nothing new.
    const nameProblem = name === username ? null : ownWordProblem(lower, name, MIN_NAME_INSIDE, '姓名');
    if (nameProblem) problems.push(nameProblem);
  }
  if (policy.forbidCommon && length > 0) {
    const commonProblem = commonPasswordProblem(lower, common);
    if (commonProblem) problems.push(commonProblem);
  }
  return problems;
}

/** Refuses `word` (the username or the name) as the password, or inside it when long enough. */
function ownWordProblem(lower: string, word: string, minInside: number, label: string): string | null {
  if (word === '') return null;
  if (lower === word) return `密码不能与${label}相同`;
  if ([...word].length >= minInside && lower.includes(word)) return `密码不能包含${label}`;
  return null;
}

/** Why the lower-cased password counts as common, or null. */
function commonPasswordProblem(lower: string, common: ReadonlySet<string>): string | null {
  const weak = weakness(lower, common);
  if (weak === 'common') return '密码是常见密码，很容易被猜中：请换一个';
  if (weak) return weakMessage(weak);
  // “Password2024!”, “qwerty123”: a weak core with digits or punctuation appended.
  const cores = new Set([
    lower.replace(/[\p{P}\p{S}\s]+$/u, ''),
    lower.replace(/[\p{N}\p{P}\p{S}\s]+$/u, ''),
  ]);
  for (const core of cores) {
    if (core === lower || [...core].length < MIN_CORE_LENGTH) continue;
    const coreWeak = weakness(core, common);
    if (coreWeak === 'common') return '密码是常见密码后面加上数字或符号，很容易被猜中：请换一个';
    if (coreWeak) return weakMessage(coreWeak);
  }
  return null;
}

type Weakness = 'common' | 'repeated' | 'sequence';

function weakness(s: string, common: ReadonlySet<string>): Weakness | null {
  if (common.has(s)) return 'common';
  if (isRepeated(s)) return 'repeated';
  if (isSequence(s)) return 'sequence';
  return null;
}

function weakMessage(weak: 'repeated' | 'sequence'): string {
  return weak === 'repeated'
    ? '密码只是重复的字符（如 aaaaaaaaaa、1212121212），很容易被猜中：请换一个'
    : '密码只是连续的数字、字母或键盘按键（如 1234567890、abcdefghij、qwertyuiop），很容易被猜中：请换一个';
}

/** One unit of at most MAX_REPEATED_UNIT characters, repeated at least twice. */
function isRepeated(s: string): boolean {
  const chars = [...s];
  for (let unit = 1; unit <= MAX_REPEATED_UNIT && unit * 2 <= chars.length; unit++) {
    if (chars.length % unit === 0 && chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

/** A run of at least 3 characters found, forwards or backwards, in one of SEQUENCES. */
function isSequence(s: string): boolean {
  if (s.length < 3) return false;
  const reversed = [...s].reverse().join('');
  return SEQUENCES.some((seq) => seq.includes(s) || seq.includes(reversed));
}
