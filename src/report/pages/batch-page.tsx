/**
 * A bulk check (评估模式): its progress while the job reads it (the page reloads itself every few
 * seconds, with a link to reload by hand and one to stop reloading), then one table of all its
 * reports — agency, year, template, counts and the problems found by name — with links to each,
 * a form to compare two of them, and the exports. Works without JavaScript.
 */
import type { Batch, BatchFileRow } from '../evaluate/batch-store.ts';
import type { Finding } from '../findings.ts';
import { ruleName } from '../evaluate/rule-names.ts';
import { CountTags } from './tags.tsx';
import { beijingTime } from './time.ts';

/** Props of BatchPage. */
export interface BatchPageProps {
  batch: Batch;
  files: BatchFileRow[];
  /** The page reloads itself (while the batch is read, unless turned off). */
  refreshing: boolean;
  /** Anonymous checks are kept until this time (null: kept in an agency's record). */
  keptUntil: Date | null;
}

const STATE_TEXT = { queued: '排队等待检查', running: '正在检查', done: '检查完成', failed: '检查中断' } as const;

/** The problems found in a report, each rule once, by name, errors first. */
function ruleNamesOf(findings: readonly Finding[]): string[] {
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return [...new Set(sorted.map((f) => ruleName(f.rule)))];
}

function Progress(props: BatchPageProps) {
  const { batch, refreshing } = props;
  const base = `/reports/batches/${batch.id}`;
  const busy = batch.state === 'queued' || batch.state === 'running';
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">进度：{STATE_TEXT[batch.state]}</h2>
      <p>
        <progress max={batch.total} value={batch.done} aria-labelledby="progress-title">{batch.done} / {batch.total}</progress>
      </p>
      <p>
        共 {batch.total} 个文件，已检查 {batch.done} 个{batch.failed > 0 ? `，其中 ${batch.failed} 个未能读取` : ''}。
        {busy ? (refreshing ? '本页每 10 秒自动刷新一次。' : '已停止自动刷新。') : null}
      </p>
      {busy ? (
        <p class="button-row">
          <a href={base}>刷新</a>
          {refreshing ? <a href={`${base}?refresh=off`}>停止自动刷新</a> : null}
        </p>
      ) : null}
      {batch.state === 'failed' ? <p class="notice-warning">检查在处理过程中中断，已检查的报告见下表。请把未检查的文件重新上传。</p> : null}
    </section>
  );
}

function ReportsTable(props: { files: BatchFileRow[] }) {
  return (
    <div class="table-wrap" role="region" tabindex={0} aria-labelledby="reports-title">
      <table class="stack-on-phone">
        <thead>
          <tr>
            <th scope="col">机关</th><th scope="col">年度</th><th scope="col">模板</th><th scope="col">检查结果</th>
            <th scope="col">发现的问题</th><th scope="col">文件</th>
          </tr>
        </thead>
        <tbody>
          {props.files.map((f) => {
            const r = f.report;
            if (r) {
              const errors = r.findings.filter((x) => x.severity === 'error').length;
              return (
                <tr>
                  <td class="agency"><a href={`/reports/${r.ref}`}>{r.agency ?? '（未识别出机关名称）'}</a></td>
                  <td class="num" data-label="年度">{r.year ?? '—'}</td>
                  <td data-label="模板">{r.format} 年版</td>
                  <td data-label="检查结果"><CountTags errors={errors} warnings={r.findings.length - errors} doubts={r.parseWarningCount} /></td>
                  <td data-label="发现的问题">{r.findings.length === 0 ? '无' : <ul class="plain">{ruleNamesOf(r.findings).map((n) => <li>{n}</li>)}</ul>}</td>
                  <td class="file-name" data-label="文件">{f.fileName}</td>
                </tr>
              );
            }
            return (
              <tr>
                <td class="agency">{f.error ? '未能检查' : f.finished ? '检查结果已删除' : '等待检查'}</td>
                <td data-label="年度">—</td>
                <td data-label="模板">—</td>
                <td data-label="检查结果">{f.error ? <span class="tag tag-error">未能读取</span> : '—'}</td>
                <td data-label="发现的问题">{f.error ? f.error.message : f.finished ? '未登录时的检查结果只保留 24 小时。' : '—'}</td>
                <td class="file-name" data-label="文件">{f.fileName}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CompareForm(props: { files: BatchFileRow[] }) {
  const reports = props.files.flatMap((f) => (f.report ? [{ ...f.report, fileName: f.fileName }] : []));
  if (reports.length < 2) return null;
  const label = (r: (typeof reports)[number]) => `${r.agency ?? '未识别机关'} ${r.year ?? ''}年度（${r.fileName}）`;
  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">对比两份报告</h2>
      <p class="hint">选择两份报告（如两个机关，或同一机关的两个年度），逐格对比表二、表三、表四。</p>
      <form method="get" action="/reports/compare">
        <div class="form-group">
          <label for="compare-a">报告甲</label>
          <select id="compare-a" name="a">{reports.map((r, i) => <option value={r.ref} selected={i === 0}>{label(r)}</option>)}</select>
        </div>
        <div class="form-group">
          <label for="compare-b">报告乙</label>
          <select id="compare-b" name="b">{reports.map((r, i) => <option value={r.ref} selected={i === 1}>{label(r)}</option>)}</select>
        </div>
        <button type="submit" class="button">对比</button>
      </form>
    </section>
  );
}

/** The batch page. */
export function BatchPage(props: BatchPageProps) {
  const { batch, files } = props;
  const base = `/reports/batches/${batch.id}`;
  const checked = files.filter((f) => f.report !== null).length;
  return (
    <>
      <h1>批量检查结果</h1>
      <p class="lead">{beijingTime(batch.createdAt)} 上传，共 {batch.total} 个报告文件。</p>
      {props.keptUntil ? (
        <p class="notice-warning">
          这些检查结果没有保存为机关的年度报告，只保留到 <strong>{beijingTime(props.keptUntil)}</strong>，之后自动删除。{batch.personId === null ? '本页只能通过本页地址打开，请保存本页地址；' : ''}需要长期保留的，请下载表格。
        </p>
      ) : null}
      <Progress {...props} />
      {batch.skipped.length > 0 ? (
        <details>
          <summary>压缩包中有 {batch.skipped.length} 个文件未检查</summary>
          <ul>{batch.skipped.map((s) => <li><span class="file-name">{s.name}</span>：{s.reason}</li>)}</ul>
        </details>
      ) : null}
      <h2 id="reports-title">全部报告（{checked} 份已检查）</h2>
      <ReportsTable files={files} />
      {checked > 0 ? (
        <section aria-labelledby="export-title">
          <h2 id="export-title">下载全部数据</h2>
          <p class="hint">每份报告一行，表二、表三、表四的每一格一列，另有一张表列出每个问题。</p>
          <ul>
            <li><a href={`${base}/export.xlsx`}>Excel 表格（.xlsx，含报告和问题两张表）</a></li>
            <li><a href={`${base}/reports.csv`}>报告数据（.csv）</a></li>
            <li><a href={`${base}/findings.csv`}>发现的问题（.csv）</a></li>
          </ul>
        </section>
      ) : null}
      <CompareForm files={files} />
      <p><a class="button button-secondary" href="/">继续上传</a></p>
    </>
  );
}
