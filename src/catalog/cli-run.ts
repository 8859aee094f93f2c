/**
 * What `gongkai catalog import` does (declared in cli-commands.ts): read the file, check every row, store
 * all or none, as the command line (recorded in the audit log as `cli:<user>`). A refusal names the
 * option or each refused row with its line: with `--json` one line `{"error": {"field", "message",
 * "details"}}` on stdout, otherwise Chinese sentences on stderr; exit 2.
 */
import { agencyByName } from '../platform/accounts/service.ts';
import { jsonErrorLine } from '../platform/cli/json-error.ts';
import type { CommandRun } from '../platform/cli/types.ts';
import { operatorActing, withServices } from '../platform/cli/with-services.ts';
import { AppError, exitCodeFor } from '../platform/errors.ts';
import type { CATALOG_IMPORT_OPTIONS } from './cli-commands.ts';
import { readImportFile } from './import-file.ts';
import { importItems } from './import.ts';

/** `gongkai catalog import FILE --agency NAME [--json]`: all rows or none; each refused row with its line. */
export const runCatalogImport: CommandRun<typeof CATALOG_IMPORT_OPTIONS> = async ({ values, positionals }, io, context) => {
  const json = values.json === true;
  try {
    const lines = await readImportFile(positionals[0]!);
    const { outcome, agencyName } = await withServices(context, async (services) => {
      const agency = await agencyByName(services.db, values.agency, 'agency');
      return { outcome: await importItems(services, operatorActing(context), agency.id, lines), agencyName: agency.name };
    });
    if (outcome.ok) {
      const published = outcome.imported.filter((i) => i.published).length;
      if (json) io.stdout(JSON.stringify({ agencyId: outcome.agencyId, imported: outcome.imported.length, published, items: outcome.imported }) + '\n');
      else io.stdout(`已导入 ${outcome.imported.length} 条信息到“${agencyName}”：已发布 ${published} 条，草稿 ${outcome.imported.length - published} 条（索引号 ${outcome.imported[0]?.indexNo ?? '—'} 起）。\n`);
      return 0;
    }
    const lineCount = new Set(outcome.problems.map((p) => p.line)).size;
    const summary = `文件中有 ${lineCount} 行不能导入，什么也没有保存（共 ${outcome.rows} 行）`;
    if (json) {
      const first = outcome.problems[0]!;
      io.stdout(JSON.stringify({ error: { field: 'FILE', message: `${summary}：第 ${first.line} 行：${first.message}`, details: outcome.problems } }) + '\n');
    } else {
      io.stderr(`${summary}：\n${outcome.problems.map((p) => `  第 ${p.line} 行：${p.message}`).join('\n')}\n`);
    }
    return 2;
  } catch (error) {
    if (!(error instanceof AppError) || exitCodeFor(error) !== 2) throw error;
    const field = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields?.[0];
    const option = field?.field === 'agency' ? '--agency' : field?.field === 'FILE' ? 'FILE' : null;
    if (json) io.stdout(jsonErrorLine([{ field: option, message: field?.message ?? error.message }]));
    else io.stderr(`错误：${option ? `${option} ` : ''}${field?.message ?? error.message}\n`);
    return 2;
  }
};
