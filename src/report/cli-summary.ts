/** Readable Chinese summaries for `gongkai report` without --json. */
import type { AnnualReport } from './model.ts';
import type { Finding } from './findings.ts';
import { declinedCells } from './rules/blank.ts';

function title(report: AnnualReport): string {
  return `${report.agency ?? '（未识别机关）'} ${report.year ?? '（未识别年度）'}年度报告（${report.format} 版格式）`;
}

/** What was read from a file, and every doubt the importer had. */
export function formatImportSummary(file: string, report: AnnualReport): string {
  const t3 = report.table3.rows;
  const lines = [`${file}：${title(report)}`];
  if (report.publishedOn) lines.push(`  发布日期：${report.publishedOn}`);
  const total = (key: 'newReceived' | 'totalProcessed' | 'carriedForward') => t3[key]?.[6] ?? '空';
  lines.push(`  表三：新收申请 ${total('newReceived')} 件，办结 ${total('totalProcessed')} 件，结转下年 ${total('carriedForward')} 件`);
  const warnings = report.warnings ?? [];
  lines.push(warnings.length === 0 ? '  解析：无疑点' : `  解析疑点 ${warnings.length} 处：`);
  for (const w of warnings) lines.push(`    - ${w.path ? `[${w.path}] ` : ''}${w.message}`);
  return lines.join('\n') + '\n';
}

/** The findings of one report, errors first. */
export function formatFindingsSummary(file: string, report: AnnualReport, findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const lines = [`${file}：${title(report)}`, `  错误 ${errors.length} 项，警告 ${warnings.length} 项`];
  for (const f of [...errors, ...warnings]) {
    lines.push(`  ${f.severity === 'error' ? '✗ 错误' : '! 警告'} ${f.rule}：${f.message}`);
  }
  // Cells the importer could not read are not the agency's blanks: say so, or "no problem" would
  // pass over them (the page shows them as 未能读出).
  const unread = declinedCells(report).size;
  if (findings.length === 0) lines.push(unread === 0 ? '  ✓ 未发现问题' : '  ✓ 已读出的内容未发现问题');
  if (unread > 0) lines.push(`  ? 有 ${unread} 格程序未能读出（数字连在一起，有多种读法），请对照原文件核对：运行 gongkai report import 查看可能的读法`);
  return lines.join('\n') + '\n';
}
