/**
 * What `gongkai applications stats|import` do (declared in cli-commands.ts). Options that can be
 * checked without the database are checked first; then the use-cases do the work with their own
 * checks and audit rows. A refusal names the option (or the ledger's line): with `--json` one line
 * `{"error": {"field", "message"[, "details"]}}` on stdout, otherwise Chinese sentences on stderr; exit 2.
 */
import { operatorActing, withServices } from '../platform/cli/with-services.ts';
import { APPLICANT_KIND_LABELS } from '../law/applicant-kinds.ts';
import { OUTCOMES, type OutcomeCode } from '../law/outcomes.ts';
import { jsonErrorLine } from '../platform/cli/json-error.ts';
import type { CliIo, CommandRun } from '../platform/cli/types.ts';
import { agencyByName } from '../platform/accounts/service.ts';
import { AppError, exitCodeFor } from '../platform/errors.ts';
import type { IMPORT_LEDGER_OPTIONS, STATS_OPTIONS } from './cli-commands.ts';
import { importLedger } from './ledger.ts';
import { readLedgerFile } from './ledger-files.ts';
import { statistics } from './service.ts';
import { APPEAL_KIND_LABELS, APPEAL_KINDS, TABLE3_ROW_KEYS, type Table3Row } from './statistics.ts';
import type { StatisticsReport } from './stats-report.ts';

/** The option that carries each field a use-case names. */
const OPTION_OF: Record<string, string> = { agency: '--agency', agencyId: '--agency', year: '--year', FILE: 'FILE' };

/** Prints one problem (JSON line on stdout, or a sentence on stderr) and returns exit code 2. */
function fail(io: CliIo, json: boolean, field: string | null, message: string): number {
  if (json) io.stdout(jsonErrorLine([{ field, message }]));
  else io.stderr(`错误：${field ? `${field} ` : ''}${message}\n`);
  return 2;
}

/** Runs the work; an expected failure (bad input, unknown agency) exits 2 naming the option. */
async function refusing(io: CliIo, json: boolean, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || exitCodeFor(error) !== 2) throw error;
    const details = error.details as { fields?: { field: string; message: string }[] } | undefined;
    const first = details?.fields?.[0];
    return fail(io, json, first ? OPTION_OF[first.field] ?? first.field : null, first?.message ?? error.message);
  }
}


const operator = operatorActing;

const ROW_LABELS: Record<Exclude<Table3Row, OutcomeCode>, string> = {
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  totalProcessed: '三、本年度办理结果（七）总计',
  carriedForward: '四、结转下年度继续办理',
};

/** Tables 三 and 四 as readable lines (columns: 自然人, the five kinds of organisation, 总计). */
function formatReport(r: StatisticsReport): string {
  const lines = [`${r.agency} ${r.year} 年 由申请统计的表三、表四`, '', `表三（列：${Object.values(APPLICANT_KIND_LABELS).join('、')}、总计）`];
  for (const row of TABLE3_ROW_KEYS) {
    const label = row in ROW_LABELS ? ROW_LABELS[row as keyof typeof ROW_LABELS] : OUTCOMES[row as OutcomeCode].label;
    lines.push(`  ${label}：${r.table3.rows[row].join('  ')}`);
  }
  lines.push('', '表四（结果维持、结果纠正、其他结果、尚未审结、总计）');
  for (const kind of APPEAL_KINDS) {
    const t = r.table4[kind];
    lines.push(`  ${APPEAL_KIND_LABELS[kind]}：${[t.upheld, t.corrected, t.other, t.pending, t.total].join('  ')}`);
  }
  return lines.join('\n') + '\n';
}

/** `gongkai applications stats --agency NAME --year YYYY [--json]`: the canonical report JSON. */
export const runStats: CommandRun<typeof STATS_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  const yearText = values.year.trim();
  if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2008 || Number(yearText) > 2100) {
    return fail(io, json, '--year', `年度应为 2008–2100 之间的 4 位数字，如 2023，实际为“${values.year.slice(0, 20)}”`);
  }
  return refusing(io, json, async () => {
    const report = await withServices(context, async (services) => statistics(services, (await agencyByName(services.db, values.agency, 'agency')).id, Number(yearText)));
    io.stdout(json ? JSON.stringify(report) + '\n' : formatReport(report));
    return 0;
  });
};

/** `gongkai applications import FILE --agency NAME [--json]`: all rows or none; each refused row with its line. */
export const runImportLedger: CommandRun<typeof IMPORT_LEDGER_OPTIONS> = async ({ values, positionals }, io, context) => {
  const json = values.json === true;
  const file = positionals[0]!;
  return refusing(io, json, async () => {
    const lines = await readLedgerFile(file);
    const { outcome, agencyName } = await withServices(context, async (services) => {
      const agency = await agencyByName(services.db, values.agency, 'agency');
      return { outcome: await importLedger(services, operator(context), agency.id, lines), agencyName: agency.name };
    });
    if (outcome.ok) {
      if (json) io.stdout(JSON.stringify({ agencyId: outcome.agencyId, imported: outcome.imported.length, applications: outcome.imported }) + '\n');
      else io.stdout(`已导入 ${outcome.imported.length} 件申请到“${agencyName}”（编号 ${outcome.imported[0]?.id ?? '—'}–${outcome.imported.at(-1)?.id ?? '—'}）。\n`);
      return 0;
    }
    const lineCount = new Set(outcome.problems.map((p) => p.line)).size;
    const summary = `台账中有 ${lineCount} 行不能导入，什么也没有保存（共 ${outcome.rows} 行）`;
    if (json) {
      const first = outcome.problems[0]!;
      io.stdout(JSON.stringify({ error: { field: 'FILE', message: `${summary}：第 ${first.line} 行：${first.message}`, details: outcome.problems } }) + '\n');
    } else {
      io.stderr(`${summary}：\n${outcome.problems.map((p) => `  第 ${p.line} 行${p.field ? `（${p.field}）` : ''}：${p.message}`).join('\n')}\n`);
    }
    return 2;
  });
};
