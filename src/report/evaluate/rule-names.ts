/**
 * The report rules' names in an official's words, for the batch table and the findings export:
 * pages show these, never the rule ids (those stay in the exports' 规则编号 column and the JSON).
 * Pure.
 */
import type { RuleId } from '../findings.ts';

/** Each rule's short Chinese name (shared/spec/annual-report.md, Validation rules). */
export const RULE_NAMES: Readonly<Record<RuleId, string>> = {
  'T3-ROW-TOTAL': '表三各行总计与各类申请人之和不符',
  'T3-OUTCOME-TOTAL': '表三办理结果总计与各项之和不符',
  'T3-BALANCE': '表三申请数量不平衡（新收加上年结转不等于办结加结转下年）',
  'T3-CELL': '表三有不是非负整数的数字',
  'T4-TOTAL': '表四总计与维持、纠正、其他、尚未审结之和不符',
  'T4-CELL': '表四有不是非负整数的数字',
  'T2-CELL': '表二有不合要求的数字',
  'STRUCT-SECTIONS': '六个部分不全或顺序不对',
  'STRUCT-TABLES': '表格的行或列不全',
  'CELL-BLANK': '有空白格（应填 0）',
  'X-CARRY': '上年结转与上一年度结转下年不符',
  'X-IN-FORCE': '现行有效件数与上一年度不衔接',
  'TEXT-TABLE': '正文中的数字与表格不符',
  'FEE-SECTION': '第六部分未说明是否收取信息处理费',
  DEADLINE: '发布晚于法定期限',
};

/** A rule's name; an id unknown to this version (a report stored by a newer checker) as itself. */
export function ruleName(rule: string): string {
  return (RULE_NAMES as Record<string, string | undefined>)[rule] ?? rule;
}
