/**
 * Letter templates: a title and a body of paragraphs (one a line) with placeholders `{{申请人}}`.
 * `checkTemplate` says what is wrong with an edited template (every unknown placeholder named);
 * `renderLetter` fills one in and lays the letter out: title, 文号, addressee, paragraphs, 落款.
 */
import type { LetterKind } from './kinds.ts';
import { isPlaceholder, type Placeholder } from './view.ts';

/** A template as stored: the printed title and the body text. */
export interface LetterTemplate {
  title: string;
  body: string;
}

/** A problem with a template field (`title` or `body`). */
export interface TemplateProblem {
  field: 'title' | 'body';
  message: string;
}

/** The letter as laid out, ready for HTML or DOCX. */
export interface LetterDocument {
  kind: LetterKind;
  title: string;
  /** 文号, printed under the title; null when none. */
  documentNumber: string | null;
  /** The salutation line, e.g. 张三： */
  addressee: string;
  paragraphs: string[];
  /** The 落款: the agency (or its seal line), then the date; printed at the right. */
  signature: string[];
  /** Placeholders the case has no value for yet (shown as 【待填写：…】). */
  missing: Placeholder[];
}

export const MAX_TITLE_LENGTH = 60;
export const MAX_BODY_LENGTH = 10_000;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** Leading and trailing blanks of a line, the ideographic space (full-width indent) included. */
const BLANKS = /^[\s\u3000]+|[\s\u3000]+$/g;

const SURROGATE_PAIR = /[\ud800-\udbff][\udc00-\udfff]/g;
const LONE_SURROGATE = /[\ud800-\udfff]/;

/** The marker of a missing value, as printed. */
export const missingMarker = (name: string) => `【待填写：${name}】`;

/** The placeholder names a text uses, in order, repeated ones once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

function checkText(field: TemplateProblem['field'], label: string, text: string, max: number): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (text.trim() === '') return [{ field, message: `请填写${label}` }];
  if (text.length > max) problems.push({ field, message: `${label}最多 ${max} 个字，现有 ${text.length} 个字` });
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) || LONE_SURROGATE.test(text.replace(SURROGATE_PAIR, ''))) {
    problems.push({ field, message: `${label}含有不能保存的控制字符` });
  }
  const unknown = placeholdersIn(text).filter((name) => !isPlaceholder(name));
  if (unknown.length > 0) {
    problems.push({ field, message: `${label}中有不认识的占位符：${unknown.map((n) => `{{${n}}}`).join('、')}（可用的占位符见页面下方的列表）` });
  }
  const stray = text.replace(PLACEHOLDER, '');
  if (stray.includes('{{') || stray.includes('}}')) problems.push({ field, message: `${label}中有不成对的花括号：占位符应写成 {{申请人}} 这样` });
  return problems;
}

/** Every problem of a template (empty when it may be saved). */
export function checkTemplate(template: LetterTemplate): TemplateProblem[] {
  return [
    ...checkText('title', '标题', template.title, MAX_TITLE_LENGTH),
    ...checkText('body', '正文', template.body, MAX_BODY_LENGTH),
  ];
}

/**
 * A line with its placeholders filled; a value of null prints the missing marker and is noted. Null
 * when the line has placeholders and every one came out empty: an optional fact on a line of its own.
 */
function fill(text: string, values: Readonly<Record<Placeholder, string | null>>, missing: Set<Placeholder>): string | null {
  let used = 0;
  let empty = 0;
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (!isPlaceholder(name)) return whole; // checkTemplate refuses these before a template is stored
    used += 1;
    const value = values[name];
    if (value === '') empty += 1;
    if (value !== null) return value;
    missing.add(name);
    return missingMarker(name);
  });
  return used > 0 && empty === used ? null : filled.replace(BLANKS, '');
}

/** What a letter is laid out from besides its template. */
export interface LetterFrame {
  kind: LetterKind;
  /** The addressee's name; null when the case does not have it yet. */
  addressee: string | null;
  /** The 落款's first line (the agency's name or its seal line). */
  signatory: string;
}

/**
 * Fills in a template: the title and each non-empty line of the body (a line whose placeholders all
 * came out empty is left out, so an optional fact goes on a line of its own), the 文号 and date from
 * the values.
 */
export function renderLetter(template: LetterTemplate, values: Readonly<Record<Placeholder, string | null>>, frame: LetterFrame): LetterDocument {
  const missing = new Set<Placeholder>();
  const title = fill(template.title.replace(BLANKS, ''), values, missing) ?? '';
  const paragraphs = template.body.split(/\r\n|\r|\n/)
    .map((line) => fill(line.replace(BLANKS, ''), values, missing))
    .filter((line): line is string => line !== null && line !== '');
  let addressee = frame.addressee;
  if (addressee === null) {
    missing.add(frame.kind === 'thirdParty' ? '第三方' : '申请人');
    addressee = missingMarker(frame.kind === 'thirdParty' ? '第三方' : '申请人');
  }
  return {
    kind: frame.kind,
    title,
    documentNumber: values.文号 ? values.文号 : null,
    addressee: `${addressee}：`,
    paragraphs,
    signature: [frame.signatory, values.日期 ?? ''],
    missing: [...missing],
  };
}

/** The letter as plain text (stored with the frozen letter; e-mail). */
export function letterText(letter: LetterDocument): string {
  return [
    letter.title,
    ...(letter.documentNumber ? [letter.documentNumber] : []),
    '',
    letter.addressee,
    ...letter.paragraphs.map((p) => `　　${p}`),
    '',
    ...letter.signature,
  ].join('\n');
}
