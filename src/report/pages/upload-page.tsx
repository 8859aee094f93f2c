/**
 * The upload form: one or many report files, and optionally the previous year's report.
 */
import { ACCEPT_ATTRIBUTE } from '../file-check.ts';

const EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.pdf', '.docx', '.xlsx', '.json'];

/** A form error, linked from the summary to its field. */
export interface FormError {
  field: 'files' | 'previous';
  message: string;
}

/** Props of UploadPage. */
export interface UploadPageProps {
  maxUploadMb: number;
  errors?: FormError[];
}

/** The checker's home page. */
export function UploadPage(props: UploadPageProps) {
  const errors = props.errors ?? [];
  const errorOf = (field: FormError['field']) => errors.find((e) => e.field === field)?.message;
  return (
    <>
      {errors.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
          <h2 id="error-summary-title">提交的内容有问题</h2>
          <ul>{errors.map((e) => <li><a href={`#${e.field}`}>{e.message}</a></li>)}</ul>
        </div>
      ) : null}
      <h1>检查政府信息公开工作年度报告</h1>
      <p class="lead">上传年度报告，逐表核对：总计是否等于各项之和、申请数量是否平衡、与上一年度是否衔接、六个部分是否齐全等。</p>
      <form method="post" action="/reports" enctype="multipart/form-data">
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
            用于核对“上年结转”是否等于上一年度的“结转下年度继续办理”、现行有效件数是否衔接。不上传时，自动使用本站已保存的同一机关上一年度报告。
          </span>
          {errorOf('previous') ? <span class="field-error" id="previous-error">{errorOf('previous')}</span> : null}
          <input type="file" id="previous" name="previous" accept={ACCEPT_ATTRIBUTE} aria-describedby="previous-hint" />
        </div>
        <button type="submit" class="button">开始检查</button>
      </form>
      <h2>检查什么</h2>
      <ul>
        <li>表三：每行总计等于各类申请人之和；办理结果总计等于各项之和；新收加上年结转等于办理总数加结转下年度。</li>
        <li>表四：每组总计等于维持、纠正、其他、尚未审结之和。</li>
        <li>跨年度：本年“上年结转”等于上一年度“结转下年度继续办理”。</li>
        <li>结构：六个部分齐全、按顺序；第六部分说明是否收取信息处理费；发布时间是否晚于法定期限。</li>
      </ul>
      <p>检过的报告见 <a href="/reports">已检查的报告</a>。程序可通过 <a href="/api/openapi.json">JSON 接口</a> 批量提交。</p>
    </>
  );
}
