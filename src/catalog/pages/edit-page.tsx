/**
 * A draft's edit page (/catalog/items/{id}/edit): the item form, and below it the draft's attachments
 * (upload, remove) and related items (a 政策解读 and the documents it interprets: link by 索引号, unlink).
 */
import { sizeText } from '../../platform/files/sniff.ts';
import { ErrorSummary, TextField, type FormState } from '../../platform/http/form.tsx';
import { CsrfField } from '../../platform/http/layout.tsx';
import { ITEM_FILES_ACCEPT, ITEM_FILES_TEXT, MAX_ITEM_FILE_BYTES, MAX_ITEM_FILES } from '../attachments.ts';
import type { ItemView } from '../view.ts';
import { ItemForm } from './item-form.tsx';

/** Props of the edit page. */
export interface EditPageProps {
  view: ItemView;
  form: FormState;
  /** Errors of the attachment or link forms. */
  filesForm?: FormState | undefined;
  today: string;
  csrfToken: string | undefined;
}

/** The edit page. */
export function EditPage(props: EditPageProps) {
  const { view } = props;
  const base = `/catalog/items/${view.id}`;
  const files = props.filesForm ?? { values: {}, errors: [] };
  const hidden = (
    <>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="version" value={String(view.version)} />
    </>
  );
  return (
    <>
      <p><a href={base}>返回本条信息</a></p>
      <h1>修改草稿：{view.title}</h1>
      <p>索引号 {view.indexNo}（生成后不再改变）</p>
      <ItemForm form={props.form} action={`${base}/edit`} today={props.today} csrfToken={props.csrfToken} submitLabel="保存草稿" />
      <section aria-labelledby="files-title">
        <h2 id="files-title">附件</h2>
        <ErrorSummary errors={files.errors} title="附件或相关信息有问题" />
        {view.attachments.length === 0 ? <p>没有附件。</p> : (
          <ul>
            {view.attachments.map((a) => (
              <li>
                <form method="post" action={`${base}/attachments/${a.id}/delete`} class="inline-form">
                  {hidden}
                  <a href={`${base}/attachments/${a.id}`}>{a.fileName}</a> <span class="muted">{sizeText(a.sizeBytes)}</span>{' '}
                  <button type="submit" class="link-button">删除<span class="visually-hidden">附件 {a.fileName}</span></button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${base}/attachments`} enctype="multipart/form-data">
          {hidden}
          <div class={`form-group${files.errors.some((e) => e.field === 'attachments') ? ' form-group-error' : ''}`}>
            <label for="attachments">上传附件</label>
            <span class="hint" id="attachments-hint">{ITEM_FILES_TEXT}；每个不超过 {sizeText(MAX_ITEM_FILE_BYTES)}，一条信息最多 {MAX_ITEM_FILES} 个。文件中的文字可被检索，也会检查个人信息。</span>
            <input type="file" id="attachments" name="attachments" multiple accept={ITEM_FILES_ACCEPT} aria-describedby="attachments-hint" />
          </div>
          <div class="button-row"><button type="submit" class="button button-secondary">上传</button></div>
        </form>
      </section>
      <section aria-labelledby="related-title">
        <h2 id="related-title">相关信息</h2>
        {view.related.length === 0 ? <p>没有关联的信息。</p> : (
          <ul>
            {view.related.map((r) => (
              <li>
                <form method="post" action={`${base}/unlink`} class="inline-form">
                  {hidden}
                  <input type="hidden" name="relatedId" value={String(r.id)} />
                  {r.relation}：{r.title} <span class="muted">{r.indexNo}</span>{' '}
                  <button type="submit" class="link-button">取消关联<span class="visually-hidden">：{r.title}</span></button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${base}/links`}>
          {hidden}
          <TextField name="related" label="关联信息的索引号" form={files} maxlength={60} hint="政策解读填写所解读的政策文件的索引号；政策文件也可以填写解读它的政策解读" />
          <div class="button-row"><button type="submit" class="button button-secondary">关联</button></div>
        </form>
      </section>
    </>
  );
}
