/**
 * The results of one upload: each file, stored (with its counts and a link) or refused (why).
 */
import type { FileOutcome } from '../service.ts';
import { CountTags } from './tags.tsx';

/** Props of UploadResultsPage. */
export interface UploadResultsPageProps {
  results: FileOutcome[];
}

/** The page after a multi-file upload, or an upload with a file that could not be read. */
export function UploadResultsPage(props: UploadResultsPageProps) {
  const failed = props.results.filter((r) => !r.ok).length;
  return (
    <>
      <h1>检查结果</h1>
      <p class="lead">
        共 {props.results.length} 个文件：{props.results.length - failed} 个已检查并保存
        {failed > 0 ? `，${failed} 个未能读取` : ''}。
      </p>
      <ul class="results">
        {props.results.map((r) => (
          <li>
            <h2>
              {r.fileName}
              {r.role === 'previous' ? <span class="muted">（上一年度报告）</span> : null}
            </h2>
            {r.ok ? (
              <>
                <p>
                  {r.agency ?? '（未识别出机关名称）'} · {r.year ?? '（未识别出年度）'} 年度 · <CountTags errors={r.errorCount} warnings={r.warningCount} doubts={r.parseWarningCount} />
                </p>
                <p><a href={`/reports/${r.reportId}`}>查看检查结果和表格</a></p>
              </>
            ) : (
              <div class="error-summary" role="alert">
                <p><strong>未能检查：</strong>{r.error.message}</p>
              </div>
            )}
          </li>
        ))}
      </ul>
      <p><a class="button button-secondary" href="/">继续上传</a></p>
    </>
  );
}
