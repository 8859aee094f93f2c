/**
 * The signature under a report: the agency's name on one line and the date on the next
 * (阜新市太平区文化旅游和广播电视局 / 2024年1月20日). The date is the report's publishedOn; neither
 * line is text of the last section.
 */

const DIGIT = '[0-9〇零一二三四五六七八九]';
const SMALL = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const DATE_LINE = new RegExp(`^${DIGIT}{4}年${SMALL}月${SMALL}日$`);
const WHITESPACE = /\s+/g;
/** Sentences and list items are text, never a signature. */
const NOT_A_NAME = /[。；;，,：:！!？?、]|^[(（]?[一二三四五六七八九十\d]+[)）.]/;
/** How names of agencies and governments end (局, 委员会, 人民政府, 办公室, 街道办事处 …). */
const AGENCY_END = /(?:局|委|会|政府|办公室|办公厅|厅|办|部|院|中心|所|处|站|队|署|室|馆|社|司|公司|集团|街道|区|县|市|镇|乡|省|旗|州|盟|组|科|行|校)$/;

function compact(s: string): string {
  return s.replace(WHITESPACE, '');
}

/** Whether a line can be the signing agency's name. */
function isAgencyLine(line: string, agency: string | null): boolean {
  if (agency !== null && line === compact(agency)) return true;
  return line.length >= 4 && line.length <= 40 && !NOT_A_NAME.test(line) && AGENCY_END.test(line);
}

/**
 * The lines of the last section without the signature: a final date-only line and, when it
 * looks like an agency's name, the line just before it. Without a date line nothing is dropped.
 */
export function withoutSignature(lines: readonly string[], agency: string | null): readonly string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  if (end === 0 || !DATE_LINE.test(compact(lines[end - 1]!))) return lines;
  end--;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  if (end > 0 && isAgencyLine(compact(lines[end - 1]!), agency)) end--;
  return lines.slice(0, end);
}
