/**
 * Import + validate of one form's corpus files, round robin, for counting instructions (the
 * benchmark's wall clock cannot show a change under ~10 % on these VMs; see docs/BENCHMARKS.md):
 *
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
 *     node --single-threaded --import tsx bench/report-loop.ts html 1200
 *
 * and the same with 200 (the two runs side by side, one per core); (count at 1200 − count at
 * 200) / 1000 is the instructions per document. `--single-threaded` keeps V8's compiler and GC
 * work on the main thread. The count still moves by some tens of millions between identical runs
 * (GC and compilation happen at other moments), hence the thousand documents between the two.
 * Prints nothing: the output would be counted too.
 */
import { importReport, type ReportFile } from '../src/report/import/index.ts';
import { validateReport } from '../src/report/rules.ts';
import { corpusFiles } from './report.ts';

const WARM_UP = 300;

const [form = 'html', count = '200'] = process.argv.slice(2);
const files = (await corpusFiles([form]))[form];
const documents = Number(count);
if (!files || files.length === 0 || !Number.isInteger(documents) || documents < 0) {
  console.error('用法：node --import tsx bench/report-loop.ts text|html|pdf|docx 文档数');
  process.exit(2);
}
for (let i = 0; i < WARM_UP + documents; i++) validateReport((await importReport(files[i % files.length] as ReportFile)).report);
