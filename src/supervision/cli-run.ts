/**
 * What `gongkai report draft|rollup` do (declared in cli-commands.ts). `draft` prints exactly the report
 * the workspace shows (`workspaceOf(…).report`: the staff's edits applied; once published, the newest
 * published version); `rollup` prints the report drafted from the records alone, whose tables 三/四 are
 * the agency's own cases plus those of every agency under it (reportFactsOf). A bad option or an
 * unknown agency is named: with `--json` one line `{"error": {"field", "message"}}` on stdout, otherwise
 * Chinese on stderr; exit 2. The exit code is 0 whatever the rules find: drafting is not a check
 * (`gongkai report validate` on the JSON is).
 */
import type { IsoDate } from '../law/dates.ts';
import { agencyByName } from '../platform/accounts/service.ts';
import { UsageError } from '../platform/cli/args.ts';
import { jsonErrorLine } from '../platform/cli/json-error.ts';
import type { CliIo, CommandRun } from '../platform/cli/types.ts';
import { withServices } from '../platform/cli/with-services.ts';
import { todayIn } from '../platform/clock.ts';
import { AppError, exitCodeFor } from '../platform/errors.ts';
import type { AnnualReport, Finding } from '../report/index.ts';
import type { DRAFT_OPTIONS, ROLLUP_OPTIONS } from './cli-commands.ts';
import { applyEdits, assembleReport } from './core/assemble.ts';
import { draftSections } from './core/sentences.ts';
import { REPORT_STATE_LABELS } from './core/workflow.ts';
import { reportFactsOf } from './facts-service.ts';
import { workspaceOf } from './workspace-service.ts';

/** `--year`: four digits (the range is the workspace's to check: 2008 to this year). */
function yearOption(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new UsageError(`--year：应为四位数的年度，如 2025，实际为“${text.slice(0, 20)}”`, '--year');
  return Number(text.trim());
}

/** The option a use-case's field error names. */
const OPTION_OF: Record<string, string> = { agency: '--agency', year: '--year' };

/** Prints an expected failure as the other commands do, and returns its exit code; rethrows the rest. */
function printFailure(error: unknown, json: boolean, io: CliIo): number {
  if (!(error instanceof AppError) || exitCodeFor(error) !== 2) throw error;
  const field = error instanceof UsageError ? { field: error.field ?? '', message: error.message }
    : (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields?.[0];
  const option = field ? OPTION_OF[field.field] ?? (field.field.startsWith('--') ? field.field : null) : null;
  const message = error instanceof UsageError ? error.message : field?.message ?? error.message;
  if (json) io.stdout(jsonErrorLine([{ field: option, message }]));
  else io.stderr(`错误：${option && !message.startsWith(option) ? `${option} ` : ''}${message}\n`);
  return 2;
}

/** The Chinese summary: the state, the findings by severity, each finding's message. */
function summary(title: string, state: string, report: AnnualReport, findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const received = report.table3.rows['newReceived']?.[6] ?? 0;
  const lines = [
    title,
    `  状态：${state}`,
    `  表三：本年新收政府信息公开申请 ${received ?? '空'} 件`,
    `  检查发现：错误 ${errors.length} 项，警告 ${warnings.length} 项`,
    ...[...errors, ...warnings].map((f) => `  ${f.severity === 'error' ? '✗ 错误' : '! 警告'} ${f.rule}：${f.message}`),
  ];
  if (findings.length === 0) lines.push('  ✓ 未发现问题');
  return lines.join('\n') + '\n';
}

/** `gongkai report draft --agency NAME --year YYYY [--json]`. */
export const runDraft: CommandRun<typeof DRAFT_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  try {
    const year = yearOption(values.year);
    const workspace = await withServices(context, async (services) => {
      const agency = await agencyByName(services.db, values.agency, 'agency');
      return workspaceOf(services.db, agency.id, year, todayIn() as IsoDate);
    });
    if (json) {
      io.stdout(JSON.stringify(workspace.report) + '\n');
    } else {
      const state = workspace.state === 'missing' ? '尚未开始编制（以下为按记录起草的报告）' : REPORT_STATE_LABELS[workspace.state];
      io.stdout(summary(`${workspace.agency}${year}年政府信息公开工作年度报告（报送期限 ${workspace.dueOn}）`, state, workspace.report, workspace.findings));
    }
    return 0;
  } catch (error) {
    return printFailure(error, json, io);
  }
};

/** `gongkai report rollup --agency NAME --year YYYY [--json]`. */
export const runRollup: CommandRun<typeof ROLLUP_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  try {
    const year = yearOption(values.year);
    const latest = Number(todayIn().slice(0, 4));
    if (year < 2008 || year > latest) throw new UsageError(`--year：年度应在 2008–${latest} 之间，实际为 ${year}`, '--year');
    const { report, agencies } = await withServices(context, async (services) => {
      const agency = await agencyByName(services.db, values.agency, 'agency');
      const facts = (await reportFactsOf(services.db, [agency.id], year)).get(agency.id)!;
      return { report: assembleReport(facts, applyEdits(draftSections(facts), {}), {}), agencies: facts.rolledUpAgencies };
    });
    if (json) {
      io.stdout(JSON.stringify(report) + '\n');
    } else {
      const t3 = report.table3.rows;
      io.stdout([
        `${report.agency}${year}年汇总（本级及所属 ${agencies} 个机关）`,
        `  表三：新收申请 ${t3['newReceived']?.[6] ?? 0} 件，上年结转 ${t3['carriedOver']?.[6] ?? 0} 件，办结 ${t3['totalProcessed']?.[6] ?? 0} 件，结转下年 ${t3['carriedForward']?.[6] ?? 0} 件`,
        `  表四：行政复议 ${report.table4['reconsideration']?.['total'] ?? 0} 件，未经复议直接起诉 ${report.table4['litigationDirect']?.['total'] ?? 0} 件，复议后起诉 ${report.table4['litigationAfterReconsideration']?.['total'] ?? 0} 件`,
      ].join('\n') + '\n');
    }
    return 0;
  } catch (error) {
    return printFailure(error, json, io);
  }
};
