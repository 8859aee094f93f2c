/**
 * The check result of a stored report as a supervisor sends it back to the agency: the 检查意见
 * as a printable page and as a Word document, and the JSON download with the findings alongside
 * the canonical report. routes.tsx mounts these before its downloads, so that `download.json`
 * is served here (the other forms of the report stay there).
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import { buildCheckResult, checkDateOf } from './render/check-result.ts';
import type { CheckResult } from './render/check-result.ts';
import { renderCheckResultDocx } from './render/check-result-docx.ts';
import { CheckResultArticle } from './render/check-result-html.tsx';
import { renderJsonWithFindings } from './render/check-result-json.ts';
import { RENDER_MEDIA_TYPES } from './render/index.ts';
import { getReportOrThrow } from './service.ts';
import type { CheckedReport } from './store.ts';

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const refOf = (c: Context<AppEnv>) => c.req.param('ref') ?? '';

/**
 * The 检查意见 of a stored report: its findings as stored, dated the day it was checked (China
 * time). A report stored with a previous-year report was compared with the year before (service.ts
 * pairs a report only with the same agency's previous year).
 */
export function checkResultOf(stored: CheckedReport): CheckResult {
  return buildCheckResult({
    report: stored.canonical,
    findings: stored.findings,
    previous: stored.previousReportId === null ? undefined : { year: stored.year === null ? null : stored.year - 1 },
    checkedOn: checkDateOf(stored.createdAt),
  });
}

/** The page around the printable article: the way back, the Word download and how to print; none of it printed. */
function CheckResultPage(props: { reportRef: string; result: CheckResult }) {
  return (
    <>
      <div class="button-row" aria-label="检查意见">
        <a class="button button-secondary" href={`/reports/${props.reportRef}`}>返回检查结果</a>
        <a class="button button-secondary" href={`/reports/${props.reportRef}/check-result.docx`}>下载检查意见（Word）</a>
      </div>
      <p class="check-result-hint muted">用浏览器的“打印”（Ctrl+P，手机在分享菜单中）打印本页，或存为 PDF；打印时不含网站的页眉和按钮。</p>
      <CheckResultArticle result={props.result} />
    </>
  );
}

/**
 * Routes of the check result, to be mounted at '/' before the report downloads of routes.tsx;
 * `guard` is the report's access declaration (report-access.ts), on the `ref` parameter.
 */
export function checkResultRoutes(services: Services, guard: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/reports/:ref{[0-9a-f]+}/check-result', guard, async (c) => {
    const result = checkResultOf(await getReportOrThrow(services.db, refOf(c)));
    return renderPage(c, result.title, <CheckResultPage reportRef={refOf(c)} result={result} />);
  });

  app.get('/reports/:ref{[0-9a-f]+}/check-result.docx', guard, async (c) => {
    const result = checkResultOf(await getReportOrThrow(services.db, refOf(c)));
    c.header('content-type', RENDER_MEDIA_TYPES.docx);
    c.header('content-disposition', attachment(`check-result-${refOf(c)}.docx`, `${result.title}.docx`));
    return c.body((await renderCheckResultDocx(result)) as Uint8Array<ArrayBuffer>);
  });

  // The JSON download carries the findings beside the canonical report (render/check-result-json.ts).
  app.get('/reports/:ref{[0-9a-f]+}/download.json', guard, async (c) => {
    const stored = await getReportOrThrow(services.db, refOf(c));
    const name = `${stored.agency ?? '未识别机关'}${stored.year ?? ''}年政府信息公开工作年度报告.json`;
    c.header('content-type', RENDER_MEDIA_TYPES.json);
    c.header('content-disposition', attachment(`report-${refOf(c)}.json`, name));
    return c.body(renderJsonWithFindings(stored.canonical, stored.findings));
  });

  return app;
}
