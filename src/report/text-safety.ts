/**
 * Text PostgreSQL cannot store: a NUL character (text columns refuse it) and a lone UTF-16
 * surrogate (not a character; jsonb refuses its escape). At the boundary, canonical JSON holding
 * either is refused with the field named (the sender must fix it); text read out of a document —
 * the document's own words — is cleaned instead (NUL dropped, a lone surrogate made U+FFFD). Pure.
 */

import { isStorableText, storableText } from '../platform/storable-text.ts';

export { isStorableText, storableText };

/** Paths (`sections[2].text`, `agency`) of the strings in a JSON value that cannot be stored, at most `limit`. */
export function unstorableTextPaths(value: unknown, limit = 10): string[] {
  const found: string[] = [];
  const visit = (v: unknown, path: string): void => {
    if (found.length >= limit) return;
    if (typeof v === 'string') {
      if (!isStorableText(v)) found.push(path || '（根）');
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (!isStorableText(key)) found.push(`${path}${path ? '.' : ''}（键名）`);
        visit(item, path ? `${path}.${key}` : key);
      }
    }
  };
  visit(value, '');
  return found;
}

/** The value itself when every string can be stored (the usual case: no copy), else a copy made storable. */
export function withStorableText<T>(value: T): T {
  return unstorableTextPaths(value, 1).length === 0 ? value : storableCopy(value);
}

function storableCopy<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map((item) => storableCopy(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableCopy(v)])) as T;
  }
  return value;
}

/**
 * A file name as sent in an upload, made safe to store and show: control characters (NUL, CR, LF,
 * tab …) dropped, lone surrogates made U+FFFD, at most 200 characters; an empty name becomes
 * 未命名文件. The name is the sender's label, not content, so it is cleaned, not refused.
 */
export function storableFileName(name: string): string {
  const cleaned = storableText(name).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return cleaned === '' ? '未命名文件' : [...cleaned].slice(0, 200).join('');
}
