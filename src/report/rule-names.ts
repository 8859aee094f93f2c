/**
 * The validation rules' names in an official's words (shared/spec/annual-report.md § Validation
 * rules), for pages that count findings by rule — the supervisor's dashboard — where a rule id must
 * not show. Pure.
 */
import type { RuleId } from './findings.ts';

/** Each rule, named for what it checks. */
export const RULE_NAMES: Record<RuleId, string> = {
  'T3-ROW-TOTAL': '表三各行总计与各类申请人之和不符',
  'T3-OUTCOME-TOTAL': '表三办理结果总计与各项结果之和不符',
  'T3-BALANCE': '表三新收加上年结转不等于办理结果加结转下年',
  'T3-CELL': '表三数字不是非负整数',
  'T4-TOTAL': '表四总计与各项结果之和不符',
  'T4-CELL': '表四数字不是非负整数',
  'T2-CELL': '表二数字有误',
  'STRUCT-SECTIONS': '缺少规定的章节',
  'STRUCT-TABLES': '表格缺少规定的行或列',
  'CELL-BLANK': '表格有空白单元格',
  'X-CARRY': '上年结转与上年报告的结转下年不符',
  'X-IN-FORCE': '现行有效件数与上年报告衔接不上',
  'TEXT-TABLE': '正文数字与表格不一致',
  'FEE-SECTION': '未说明信息处理费收取情况',
  DEADLINE: '未按期发布',
};

/** The rules comparing a report with the agency's report of the year before (跨年度衔接). */
export const CROSS_YEAR_RULES: readonly RuleId[] = ['X-CARRY', 'X-IN-FORCE'];
