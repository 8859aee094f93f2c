/**
 * The results of one upload: each file, stored (with its counts and a link), checked before (a
 * link to that check), refused (why), or — the previous-year file — not used (why).
 */
import type { FileOutcome } from '../service.ts';
import { CountTags } from './tags.tsx';
import { beijingTime } from './time.ts';

/** Props of UploadResultsPage. */
export interface UploadResultsPageProps {
  results: FileOutcome[];
}

type Stored = Extract<FileOutcome, { ok: true }>;
type Refused = Extract<FileOutcome, { ok: false }>;

// Uploads stored before these fields existed lack them: `=== true`, `?? null`.
const isAlreadyChecked = (r: FileOutcome): boolean => r.ok && r.alreadyChecked === true;
const isNotUsed = (r: FileOutcome): boolean => !r.ok && r.error.code === 'report.previous_not_used';
const refOf = (r: Stored): string => r.ref ?? String(r.reportId);

function summary(results: readonly FileOutcome[]): string {
  const stored = results.filter((r) => r.ok && !isAlreadyChecked(r)).length;
  const before = results.filter(isAlreadyChecked).length;
  const notUsed = results.filter(isNotUsed).length;
  const failed = results.filter((r) => !r.ok && !isNotUsed(r)).length;
  const parts: string[] = [];
  if (stored > 0 || before === 0) parts.push(`${stored} 个已检查并保存`);
  if (before > 0) parts.push(`${before} 个以前检查过、没有重复保存`);
  if (failed > 0) parts.push(`${failed} 个未能读取`);
  if (notUsed > 0) parts.push('上一年度报告未使用');
  return `共 ${results.length} 个文件：${parts.join('，')}。`;
}

function StoredFile(props: { r: Stored }) {
  const { r } = props;
  const earlier = r.earlierRef ?? (r.earlierReportId == null ? null : String(r.earlierReportId));
  return (
    <>
      <p>
        {r.agency ?? '（未识别出机关名称）'} · {r.year ?? '（未识别出年度）'} 年度 · <CountTags errors={r.errorCount} warnings={r.warningCount} doubts={r.parseWarningCount} />
      </p>
      {r.role === 'previous' ? <p>已用于跨年度核对（上年结转、现行有效件数）。</p> : null}
      {isAlreadyChecked(r) ? <p class="notice-inline">这个文件以前已经检查过，结果相同，没有重复保存。</p> : null}
      {earlier !== null ? (
        <p class="notice-inline">
          这个文件以前检查过（<a href={`/reports/${earlier}`}>以前的检查结果</a>）；这次的结果不同（例如这次与上一年度报告做了核对，或检查规则已更新），已另行保存。
        </p>
      ) : null}
      <p><a href={`/reports/${refOf(r)}`}>{isAlreadyChecked(r) ? '查看当时的检查结果和表格' : '查看检查结果和表格'}</a></p>
    </>
  );
}

function RefusedFile(props: { r: Refused }) {
  const { r } = props;
  if (isNotUsed(r)) {
    return <div class="notice-warning"><p><strong>未使用：</strong>{r.error.message}</p></div>;
  }
  return (
    <div class="error-summary" role="alert">
      <p><strong>未能检查：</strong>{r.error.message}</p>
    </div>
  );
}

/** The page after a multi-file upload, or an upload with a file that could not be read or used. */
export function UploadResultsPage(props: UploadResultsPageProps) {
  // The earliest expiry of the anonymous checks shown (they were stored or handed out together).
  const kept = props.results.flatMap((r) => (r.ok && r.expiresAt ? [r.expiresAt] : [])).sort()[0];
  return (
    <>
      {/* Reached right after an upload: the heading takes focus, so a screen reader starts at the result. */}
      <h1 id="result-heading" tabindex={-1} autofocus>检查结果</h1>
      <p class="lead">{summary(props.results)}</p>
      {kept ? (
        <p class="notice-warning">
          这些检查结果没有保存为机关的年度报告，只保留到 <strong>{beijingTime(new Date(kept))}</strong>，之后自动删除；它们不出现在任何列表中，只能通过本页和各结果页的地址打开。
        </p>
      ) : null}
      <ul class="results">
        {props.results.map((r) => (
          <li>
            <h2>
              <span class="file-name">{r.fileName}</span>
              {r.role === 'previous' ? <span class="muted">（上一年度报告）</span> : null}
            </h2>
            {r.ok ? <StoredFile r={r} /> : <RefusedFile r={r} />}
          </li>
        ))}
      </ul>
      <p><a class="button button-secondary" href="/">继续上传</a></p>
    </>
  );
}
