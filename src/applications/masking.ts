/**
 * Masked forms of an applicant's personal data (issue 17 §7), for lists, exports and copies seen by
 * anyone but the case's handler, reviewer and 负责人: enough left to tell two applicants apart and to
 * recognise one's own entry, not enough to identify or reach the person (the parts kept are those
 * government sites usually keep). Pure.
 */
import { isOrganisation, type ApplicantKind } from '../law/applicant-kinds.ts';

/** The character that stands for a hidden one. */
const HIDDEN = '*';
/** Marks that the rest of an address is left out. */
const ELLIPSIS = '…';

const hide = (count: number) => HIDDEN.repeat(Math.max(0, count));

/**
 * An ID number masked: 18-character numbers (居民身份证, 统一社会信用代码) keep the first 6 (the region)
 * and the last 4; others keep the first 2 and the last 2, and numbers of 4 characters or fewer only
 * their first.
 *
 * @example maskIdNumber('210902199001011234') // '210902********1234'
 * @example maskIdNumber('E12345678') // 'E1*****78'
 */
export function maskIdNumber(value: string): string {
  const chars = [...value.trim()];
  const n = chars.length;
  if (n === 18) return chars.slice(0, 6).join('') + hide(8) + chars.slice(14).join('');
  if (n >= 5) return chars.slice(0, 2).join('') + hide(n - 4) + chars.slice(n - 2).join('');
  if (n >= 2) return chars[0]! + hide(n - 1);
  return hide(n);
}

/** Hides every digit of `text` but the last `keep`, leaving separators as they are. */
function hideDigitsBeforeLast(text: string, keep: number): string {
  let digitsLeft = [...text].filter((c) => c >= '0' && c <= '9').length;
  return [...text].map((c) => {
    if (c < '0' || c > '9') return c;
    digitsLeft -= 1;
    return digitsLeft < keep ? c : HIDDEN;
  }).join('');
}

/** A landline with its area code: “(0418)2812345”, “0418-2812345-8001”, “02412345678”. */
const LANDLINE = /^(?:\((0\d{2,3})\)|(0\d{2,3})(?=[-\s－—])|(0[12]\d|0[3-9]\d{2})(?=\d{7,8}(?:\D|$)))(.*)$/;

/**
 * A phone number masked: a mobile number keeps its first 3 and last 4 digits (`138****5678`, with
 * +86 kept), a landline its area code and last 2 digits (`0418-*****45`); anything else keeps only
 * its last 2 digits. Separators stay where they were.
 *
 * @example maskPhone('13812345678') // '138****5678'
 * @example maskPhone('0418-2812345') // '0418-*****45'
 */
export function maskPhone(value: string): string {
  const text = value.trim();
  const compact = text.replace(/[\s\-－—()（）]/g, '');
  const mobile = /^(\+?86)?(1\d{2})\d{4}(\d{4})$/.exec(compact);
  if (mobile) return `${mobile[1] ? `${mobile[1]} ` : ''}${mobile[2]}****${mobile[3]}`;
  const landline = LANDLINE.exec(text.replace(/（/g, '(').replace(/）/g, ')'));
  if (landline) {
    const area = landline[1] ?? landline[2] ?? landline[3]!;
    const rest = landline[4]!.replace(/^[-\s－—]+/, '');
    return `${area}-${hideDigitsBeforeLast(rest, 2)}`;
  }
  return hideDigitsBeforeLast(text, 2);
}

/**
 * A name masked: a person's keeps its first character, each other one becomes `*` (张** for 张三丰);
 * an organisation's name is public and stays whole.
 *
 * @example maskName('张三丰') // '张**'
 * @example maskName('阜新市某某律师事务所', 'legalService') // '阜新市某某律师事务所'
 */
export function maskName(name: string, applicantKind: ApplicantKind = 'naturalPerson'): string {
  const text = name.trim();
  if (isOrganisation(applicantKind)) return text;
  const chars = [...text];
  if (chars.length <= 1) return text;
  return chars[0]! + hide(chars.length - 1);
}

/**
 * An e-mail address masked: the first character of the mailbox, then `***` whatever its length,
 * and the domain (which tells the provider, not the person).
 *
 * @example maskEmail('zhangsan@example.com') // 'z***@example.com'
 */
export function maskEmail(value: string): string {
  const text = value.trim();
  const at = text.lastIndexOf('@');
  const local = at < 0 ? text : text.slice(0, at);
  const first = [...local][0] ?? '';
  return `${first}***${at < 0 ? '' : text.slice(at)}`;
}

// Characters of a place name: not a level's suffix, nor what starts the street part of an address.
const SEG = '[^省市州盟区县旗路街道巷弄号村镇乡组楼栋室\\d\\s,，]';
const PROVINCE = `(?:${SEG}{2,6}?(?:省|自治区|特别行政区)|北京市|天津市|上海市|重庆市)`;
const CITY = `(?:${SEG}{1,8}?(?:市|自治州|州|盟|地区))`;
// 市中区、市北区、市南区 begin with 市.
const COUNTY = `(?:市?${SEG}{1,8}?(?:区|县|旗|市))`;
const REGION = new RegExp(`^${PROVINCE}?${CITY}?${COUNTY}?`);

/**
 * An address masked: kept up to the county level (省, 市, 区/县/旗/县级市, as far as the address names
 * them) and the rest replaced by `…`; an address that names no region keeps its first 6 characters
 * (half of a shorter one).
 *
 * @example maskAddress('辽宁省阜新市太平区红树路12号') // '辽宁省阜新市太平区…'
 * @example maskAddress('北京市海淀区中关村大街1号') // '北京市海淀区…'
 */
export function maskAddress(value: string): string {
  const text = value.trim();
  const chars = [...text];
  const region = REGION.exec(text)?.[0] ?? '';
  // An address that is only a region (“北京市海淀区”) has nothing more to hide.
  if (region !== '') return region.length < text.length ? region + ELLIPSIS : text;
  const keep = chars.length > 6 ? 6 : Math.floor(chars.length / 2);
  return chars.slice(0, keep).join('') + (chars.length > 0 ? ELLIPSIS : '');
}
