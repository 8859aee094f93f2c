/**
 * The template editor's pages: the agency's letters (replies, then the letters on the way) with the
 * settings every letter shows, and one kind's editor — title, body, 预览 and 保存 (two buttons of one
 * form, so it works without JavaScript), the preview on a made-up case, and the placeholders to use.
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import { LetterArticle } from './html.tsx';
import { LETTER_KIND_INFO, MAX_BODY_LENGTH, MAX_TITLE_LENGTH, PLACEHOLDERS, type LetterDocument, type LetterKind } from './model.ts';
import type { TemplateEntry } from './editor-service.ts';
import type { LetterSettings } from './store.ts';

/** A problem with a field of a form (`field` is the input's id). */
export interface FieldError {
  field: string;
  message: string;
}

const errorOf = (errors: readonly FieldError[], field: string) => errors.find((e) => e.field === field)?.message;
const formatTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function ErrorSummary(props: { errors: readonly FieldError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">提交的内容有问题</h2>
      <ul>{props.errors.map((e) => <li><a href={`#${e.field}`}>{e.message}</a></li>)}</ul>
    </div>
  );
}

function Field(props: { id: string; label: string; hint?: string; value: string; errors: readonly FieldError[]; maxlength: number; multiline?: boolean }) {
  const error = errorOf(props.errors, props.id);
  const described = [props.hint ? `${props.id}-hint` : '', error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`form-group${error ? ' form-group-error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? <span class="hint" id={`${props.id}-hint`}>{props.hint}</span> : null}
      {error ? <span class="field-error" id={`${props.id}-error`}>{error}</span> : null}
      {props.multiline
        ? <textarea class="letter-body-input" id={props.id} name={props.id} rows={18} maxlength={props.maxlength} aria-describedby={described} aria-invalid={error ? 'true' : undefined}>{props.value}</textarea>
        : <input type="text" class="letter-line-input" id={props.id} name={props.id} value={props.value} maxlength={props.maxlength} aria-describedby={described} aria-invalid={error ? 'true' : undefined} />}
    </div>
  );
}

function TemplateList(props: { agencyId: number; entries: readonly TemplateEntry[] }) {
  return (
    <div class="table-wrap">
      <table>
        <thead><tr><th scope="col">文书</th><th scope="col">标题</th><th scope="col">文本</th></tr></thead>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td><a href={`/agencies/${props.agencyId}/letters/${e.kind}`}>{e.label}</a></td>
              <td>{e.title}</td>
              <td>{e.custom && e.updatedAt ? `本机关的文本（${formatTime(e.updatedAt)} 修改）` : <span class="muted">默认文本</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Props of TemplatesPage. */
export interface TemplatesPageProps {
  agencyId: number;
  agencyName: string;
  entries: readonly TemplateEntry[];
  settings: Record<keyof LetterSettings, string>;
  errors: readonly FieldError[];
  csrfToken: string;
}

/** The agency's letters and its letter settings. */
export function TemplatesPage(props: TemplatesPageProps) {
  const replies = props.entries.filter((e) => e.group === 'reply');
  const procedure = props.entries.filter((e) => e.group === 'procedure');
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>文书模板</h1>
      <p>{props.agencyName}办理政府信息公开申请时使用的答复书、告知书和通知书。未修改的文书使用系统的默认文本；修改后本机关的新文书按新文本生成，已经发出的文书不受影响。</p>
      <h2>答复类文书</h2>
      <TemplateList agencyId={props.agencyId} entries={replies} />
      <h2>办理过程中的文书</h2>
      <TemplateList agencyId={props.agencyId} entries={procedure} />
      <h2 id="settings-title">每份文书都使用的设置</h2>
      <form method="post" action={`/agencies/${props.agencyId}/letters/settings`} class="admin-fields" aria-labelledby="settings-title">
        <CsrfField token={props.csrfToken} />
        <Field id="sealLine" label="落款（可不填）" hint={`不填时落款为本机关名称“${props.agencyName}”。`} value={props.settings.sealLine} errors={props.errors} maxlength={60} />
        <Field id="reconsiderationBody" label="行政复议机关（可不填）" hint="救济途径中写明的行政复议机关。不填时写“本机关的上一级行政机关或者本级人民政府”。" value={props.settings.reconsiderationBody} errors={props.errors} maxlength={100} />
        <Field id="feePayment" label="信息处理费的缴纳方式（可不填）" hint="收费通知书中的“缴费方式”，如缴款账户、缴款码或缴费窗口。" value={props.settings.feePayment} errors={props.errors} maxlength={500} />
        <button type="submit" class="button">保存设置</button>
      </form>
      <p class="muted">本机关的地址、邮政编码和联系电话取自机关信息，在“机关和人员”中修改。</p>
    </>
  );
}

/** Props of TemplateEditorPage. */
export interface TemplateEditorPageProps {
  agencyId: number;
  kind: LetterKind;
  values: { title: string; body: string };
  /** The agency has its own text of this kind (it may go back to the default). */
  custom: boolean;
  errors: readonly FieldError[];
  /** The letter on the made-up case; undefined when the typed template has problems. */
  preview: LetterDocument | undefined;
  /** The preview shows what was typed, not yet saved. */
  unsaved: boolean;
  csrfToken: string;
}

/** One kind's editor, its preview and the placeholders. */
export function TemplateEditorPage(props: TemplateEditorPageProps) {
  const info = LETTER_KIND_INFO[props.kind];
  const action = `/agencies/${props.agencyId}/letters/${props.kind}`;
  return (
    <>
      <p class="no-print"><a href={`/agencies/${props.agencyId}/letters`}>返回文书模板</a></p>
      <ErrorSummary errors={props.errors} />
      <h1>{info.label}</h1>
      <p>{props.custom ? '正在使用本机关的文本。' : '正在使用系统的默认文本。'}依据：《中华人民共和国政府信息公开条例》{info.article || '（按办理结果引用相应条款）'}。</p>
      <form method="post" action={action} class="admin-fields letter-editor">
        <CsrfField token={props.csrfToken} />
        <Field id="title" label="标题" value={props.values.title} errors={props.errors} maxlength={MAX_TITLE_LENGTH} />
        <Field id="body" label="正文" multiline value={props.values.body} errors={props.errors} maxlength={MAX_BODY_LENGTH}
          hint="每行一段。称呼（申请人：）、文号和落款（机关名称、日期）自动排在正文前后，不必写入。占位符写成 {{申请人}}，可用的占位符见下方列表；一行中的占位符都没有内容时，这一行不打印。" />
        <div class="button-row">
          <button type="submit" name="action" value="preview" class="button button-secondary">预览</button>
          <button type="submit" name="action" value="save" class="button">保存</button>
        </div>
      </form>
      {props.custom ? (
        <form method="post" action={`${action}/reset`} class="inline-form">
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button button-secondary">恢复默认文本</button>
        </form>
      ) : null}
      <h2>预览</h2>
      {props.preview ? (
        <>
          <p class="letter-hint muted">{props.unsaved ? '按上面的文本（尚未保存）' : '按当前的文本'}，用一件虚构的申请生成；机关名称、联系方式和设置是本机关的。</p>
          <LetterArticle letter={props.preview} />
        </>
      ) : <p>文本有问题，改正后再预览。</p>}
      <h2 id="placeholders">可用的占位符</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">占位符</th><th scope="col">内容</th></tr></thead>
          <tbody>
            {Object.entries(PLACEHOLDERS).map(([name, meaning]) => <tr><td><code>{`{{${name}}}`}</code></td><td>{meaning}</td></tr>)}
          </tbody>
        </table>
      </div>
    </>
  );
}
