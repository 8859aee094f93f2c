/**
 * What `gongkai catalog figures import` does (declared in figures-commands.ts): read the file, check
 * every row, store all or none, as the command line (recorded in the audit log as `cli:<user>`).
 */
import { jsonErrorLine } from '../platform/cli/json-error.ts';
import type { CommandRun } from '../platform/cli/types.ts';
import { operatorActing, withServices } from '../platform/cli/with-services.ts';
import { todayIn } from '../platform/clock.ts';
import { AppError, exitCodeFor } from '../platform/errors.ts';
import type { FIGURES_IMPORT_OPTIONS } from './figures-commands.ts';
import { readFiguresFile } from './figures-file.ts';
import { importFigures, type RefusedFigureRow } from './figures-import.ts';

/** `gongkai catalog figures import FILE [--json]`. */
export const runFiguresImport: CommandRun<typeof FIGURES_IMPORT_OPTIONS> = async ({ values, positionals }, io, context) => {
  const json = values.json === true;
  try {
    const lines = await readFiguresFile(positionals[0]!);
    const rows = await withServices(context, (services) => importFigures(services, operatorActing(context), lines, todayIn()));
    if (json) io.stdout(JSON.stringify({ imported: rows.length, rows }) + '\n');
    else {
      const replaced = rows.filter((r) => r.replaced).length;
      io.stdout(`已导入 ${rows.length} 行表二填报数字${replaced > 0 ? `（其中 ${replaced} 行替换了已有的数字）` : ''}：\n`);
      for (const r of rows) io.stdout(`  第 ${r.line} 行：${r.agency} ${r.year} 年${r.replaced ? '（替换）' : ''}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError) || exitCodeFor(error) !== 2) throw error;
    const rows = (error.details as { rows?: RefusedFigureRow[] } | undefined)?.rows;
    if (json) {
      io.stdout(rows ? JSON.stringify({ error: { field: 'FILE', message: error.message, details: rows } }) + '\n' : jsonErrorLine([{ field: 'FILE', message: error.message }]));
    } else {
      io.stderr(`错误：${error.message}\n${(rows ?? []).map((r) => `  第 ${r.line} 行：${r.message}\n`).join('')}`);
    }
    return 2;
  }
};
