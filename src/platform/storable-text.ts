/**
 * Text PostgreSQL cannot store: a NUL character (text columns refuse it) and a lone UTF-16 surrogate
 * (not a character; jsonb refuses its escape). Every room checks a value from outside with these
 * before it reaches a query (a key looked up, a field stored). Pure.
 */

// (String.prototype.isWellFormed is ES2024, beyond the project's ES2023 lib.)
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string can be stored (and looked up) as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The string made storable: NUL removed, each lone surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  return isStorableText(text) ? text : text.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}
