/**
 * The upload form: one or many report files, optionally the previous year's report, and — for
 * staff who may store their agency's report — whether to store it for the agency or only check.
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import { ACCEPT_ATTRIBUTE } from '../file-check.ts';
import type { StorableAgency } from '../report-access.ts';

const EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx', '.xlsx', '.json'];

/** A form error, linked from the summary to its field. */
export interface FormError {
  field: 'files' | 'previous' | 'store' | 'agencyId' | 'batchFiles';
  message: string;
}

/** Props of UploadPage. */
export interface UploadPageProps {
  maxUploadMb: number;
  csrfToken: string | undefined;
  /** The agencies the person may store a report for (none: the form only checks). */
  agencies: readonly StorableAgency[];
  /** A person is signed in (staff without the right to store are told why the form only checks). */
  signedIn: boolean;
  /** What was chosen, when the form comes back with errors. */
  values?: { store?: string | undefined; agencyId?: string | undefined };
  errors?: FormError[];
}

/** Store or only check: offered to staff who may store their agency's report. */
function KeepingChoice(props: UploadPageProps & { errorOf: (field: FormError['field']) => string | undefined }) {
  const { agencies, values = {}, errorOf } = props;
  const checkOnly = values.store === 'check';
  const only = agencies.length === 1 ? agencies[0] : undefined;
  const error = errorOf('store') ?? errorOf('agencyId');
  return (
    <fieldset class="form-group" id="store" aria-describedby={error ? 'store-error' : undefined}>
      <legend class="label">检查后</legend>
      {error ? <span class="field-error" id="store-error">{error}</span> : null}
      <label>
        <input type="radio" name="store" value="agency" checked={!checkOnly} /> 保存为本机关的年度报告{only ? `（${only.name}）` : ''}
      </label>
      {only ? <input type="hidden" name="agencyId" value={String(only.id)} /> : (
        <div class="form-group">
          <label for="agencyId">保存到哪个机关</label>
          <select id="agencyId" name="agencyId">
            {agencies.map((a) => <option value={String(a.id)} selected={values.agencyId === String(a.id)}>{a.name}</option>)}
          </select>
        </div>
      )}
      <span class="hint">保存后，本机关的工作人员和上级监督员可以查看；不上传上一年度报告时，自动与本机关已保存的上一年度报告核对。</span>
      <label>
        <input type="radio" name="store" value="check" checked={checkOnly} /> 只检查，不保存
      </label>
      <span class="hint">检查结果只保留 24 小时，只能通过检查结果页的地址打开。</span>
    </fieldset>
  );
}

/** The bulk check (评估模式): a ZIP of reports or many files, queued and read in the background. */
function BatchForm(props: UploadPageProps & { errorOf: (field: FormError['field']) => string | undefined }) {
  const error = props.errorOf('batchFiles');
  return (
    <section aria-labelledby="batch-title">
      <h2 id="batch-title">批量检查（评估、研究用）</h2>
      <p>一次检查几十、几百份已发布的年度报告：上传装有报告的 .zip 压缩包，或一次选择多个文件。检查在后台进行，完成后在一张表中列出全部报告和发现的问题，可以下载全部数据（Excel、CSV），也可以逐格对比两份报告。</p>
      <form method="post" action="/reports/batches" enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <div class="form-group">
          <label for="batchFiles">压缩包或多个报告文件</label>
          <span class="hint" id="batchFiles-hint">压缩包中最多 2000 个文件、解压后合计不超过 512 MB，其中不是报告的文件会跳过并列出。检查结果不保存为机关的年度报告，保留 24 小时。</span>
          {error ? <span class="field-error" id="batchFiles-error">{error}</span> : null}
          <input type="file" id="batchFiles" name="files" multiple accept={`.zip,${ACCEPT_ATTRIBUTE}`}
            aria-describedby={error ? 'batchFiles-hint batchFiles-error' : 'batchFiles-hint'} />
        </div>
        <button type="submit" class="button">开始批量检查</button>
      </form>
    </section>
  );
}

/** The checker's home page. */
export function UploadPage(props: UploadPageProps) {
  const errors = props.errors ?? [];
  const errorOf = (field: FormError['field']) => errors.find((e) => e.field === field)?.message;
  const storing = props.agencies.length > 0;
  // The agency is a select only when there are several; else the choice's fieldset is the place.
  const anchorOf = (field: FormError['field']) => (field === 'agencyId' && props.agencies.length > 1 ? 'agencyId' : field === 'agencyId' ? 'store' : field);
  return (
    <>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
          <h2 id="error-summary-title">提交的内容有问题</h2>
          <ul>{errors.map((e) => <li><a href={`#${anchorOf(e.field)}`}>{e.message}</a></li>)}</ul>
        </div>
      ) : null}
      <h1>检查政府信息公开工作年度报告</h1>
      <p class="lead">上传年度报告，逐表核对：总计是否等于各项之和、申请数量是否平衡、与上一年度是否衔接、六个部分是否齐全等。</p>
      <form method="post" action="/reports" enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <div class="form-group">
          <label for="files">年度报告文件（可多选）</label>
          <span class="hint" id="files-hint">
            {/* A break may follow each 、: without <wbr> the list is one unbreakable run (no break before a full stop) and widens a phone's page. */}
            支持 {EXTENSIONS.map((e, i) => <>{i > 0 ? <>、<wbr /></> : ''}{e}</>)}；一次上传合计不超过 {props.maxUploadMb} MB。每个文件单独检查，一个文件读不出不影响其他文件。
          </span>
          {errorOf('files') ? <span class="field-error" id="files-error">{errorOf('files')}</span> : null}
          <input type="file" id="files" name="files" multiple accept={ACCEPT_ATTRIBUTE}
            aria-describedby={errorOf('files') ? 'files-hint files-error' : 'files-hint'} />
        </div>
        <div class="form-group">
          <label for="previous">上一年度报告（可选）</label>
          <span class="hint" id="previous-hint">
            用于核对“上年结转”是否等于上一年度的“结转下年度继续办理”、现行有效件数是否衔接。{storing
              ? '保存为本机关的报告时，不上传则自动使用本机关已保存的上一年度报告。'
              : '不上传时不做跨年度核对。'}
          </span>
          {errorOf('previous') ? <span class="field-error" id="previous-error">{errorOf('previous')}</span> : null}
          <input type="file" id="previous" name="previous" accept={ACCEPT_ATTRIBUTE} aria-describedby="previous-hint" />
        </div>
        {storing ? <KeepingChoice {...props} errorOf={errorOf} /> : (
          <p class="hint" id="keeping-hint">
            {props.signedIn
              ? '您没有保存本机关年度报告的权限（需要经办人或负责人角色），这次只检查：结果保留 24 小时，只能通过检查结果页的地址打开。'
              : '不登录也可以检查：结果保留 24 小时，只能通过检查结果页的地址打开，不会出现在任何列表中。机关工作人员登录后可以把报告保存为本机关的年度报告。'}
          </p>
        )}
        <button type="submit" class="button">开始检查</button>
      </form>
      <BatchForm {...props} errorOf={errorOf} />
      <h2>检查什么</h2>
      <ul>
        <li>表三：每行总计等于各类申请人之和；办理结果总计等于各项之和；新收加上年结转等于办理总数加结转下年度。</li>
        <li>表四：每组总计等于维持、纠正、其他、尚未审结之和。</li>
        <li>跨年度：本年“上年结转”等于上一年度“结转下年度继续办理”。</li>
        <li>结构：六个部分齐全、按顺序；第六部分说明是否收取信息处理费；发布时间是否晚于法定期限。</li>
      </ul>
      <p>
        {props.signedIn ? <>本机关保存的报告见 <a href="/reports">已检查的报告</a>。</> : null}
        程序可通过 <a href="/api/openapi.json">JSON 接口</a> 批量提交。
      </p>
    </>
  );
}
