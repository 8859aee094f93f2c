/**
 * The form of an item's metadata and body (/catalog/new, /catalog/items/{id}/edit): every field of the
 * national catalog guidance, the body as HTML (cleaned when saved), the errors summarised at the top.
 * Also the form → input translation the routes use.
 */
import { ARTICLE20_ITEMS, ARTICLE20_LABELS, ARTICLE21_INFO, ARTICLE21_ITEMS } from '../../law/taxonomy.ts';
import { ErrorSummary, SelectField, TextArea, TextField, type Choice, type FormState } from '../../platform/http/form.tsx';
import { CsrfField } from '../../platform/http/layout.tsx';
import { GENRES, TOPICS } from '../model.ts';
import type { ItemView } from '../view.ts';

const ARTICLE20_CHOICES = ARTICLE20_ITEMS.map((item, i) => ({ value: String(i + 1), label: ARTICLE20_LABELS[item] }));
const ARTICLE21_CHOICES = ARTICLE21_ITEMS.map((item) => ({ value: item, label: ARTICLE21_INFO[item].label }));
const TOPIC_CHOICES = TOPICS.map((t) => ({ value: t, label: t }));
const GENRE_CHOICES = GENRES.map((g) => ({ value: g, label: g }));

/** The form's fields, by input name. */
export const FORM_FIELDS = ['agencyId', 'title', 'docNo', 'publisher', 'formedOn', 'topic', 'genre', 'article20Item', 'article21Item', 'disclosureMode', 'disclosureScope', 'body'] as const;

/** The input of the use-cases from a posted form (blank optional fields are absent). */
export function itemBody(values: Record<string, string>, withAgency: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of FORM_FIELDS) {
    if (field === 'agencyId' && !withAgency) continue;
    const value = values[field] ?? '';
    if (field === 'body') body[field] = value;
    else if (value.trim() !== '') body[field] = value;
    else if (field === 'title' || field === 'formedOn' || field === 'agencyId') body[field] = value;
  }
  if (values['version'] !== undefined && /^\d{1,9}$/.test(values['version'])) body['version'] = Number(values['version']);
  return body;
}

/** The form's values of a stored item (the edit form before it is submitted). */
export function formValuesOf(item: ItemView): Record<string, string> {
  return {
    title: item.title, docNo: item.docNo ?? '', publisher: item.publisher, formedOn: item.formedOn, topic: item.topic ?? '', genre: item.genre,
    article20Item: item.article20Item === null ? '' : String(item.article20Item), article21Item: item.article21Item ?? '',
    disclosureMode: item.disclosureMode, disclosureScope: item.disclosureScope, body: item.body, version: String(item.version),
  };
}

/** Props of the form. */
export interface ItemFormProps {
  form: FormState;
  action: string;
  /** The agencies the viewer may draft for (new items only). */
  agencies?: readonly Choice[] | undefined;
  today: string;
  csrfToken: string | undefined;
  submitLabel: string;
}

/** The item form. */
export function ItemForm(props: ItemFormProps) {
  const { form } = props;
  return (
    <form method="post" action={props.action} class="admin-form" novalidate>
      <ErrorSummary errors={form.errors} />
      <CsrfField token={props.csrfToken} />
      {form.values['version'] !== undefined ? <input type="hidden" name="version" value={form.values['version']} /> : null}
      {props.agencies ? (
        props.agencies.length === 1
          ? <input type="hidden" name="agencyId" value={props.agencies[0]!.value} />
          : <SelectField name="agencyId" label="发布机关" form={form} blank="请选择" choices={props.agencies} required />
      ) : null}
      <TextField name="title" label="标题" form={form} maxlength={200} required width="long" />
      <TextField name="docNo" label="文号（没有可不填）" form={form} maxlength={60} hint="如 太文旅发〔2023〕5号" />
      <TextField name="publisher" label="发布机构（不填为本机关）" form={form} maxlength={100} width="long" />
      <TextField name="formedOn" label="成文日期" type="date" form={form} max={props.today} required hint="信息形成或者变更之日：应自该日起 20 个工作日内公开（第二十六条）" />
      <SelectField name="genre" label="体裁" form={form} choices={GENRE_CHOICES} initial="其他文件" hint="规章、行政规范性文件计入年度报告表二；政策解读可关联所解读的文件" />
      <SelectField name="topic" label="主题分类" form={form} blank="不分类" choices={TOPIC_CHOICES} />
      <SelectField name="article20Item" label="条例第二十条事项" form={form} blank="不属于第二十条" choices={ARTICLE20_CHOICES} />
      <SelectField name="article21Item" label="条例第二十一条事项" form={form} blank="不属于第二十一条" choices={ARTICLE21_CHOICES} />
      <TextField name="disclosureMode" label="公开方式" form={form} maxlength={50} initial="政府网站" />
      <TextField name="disclosureScope" label="公开范围" form={form} maxlength={50} initial="面向社会" />
      <TextArea name="body" label="正文（HTML）" form={form} rows={16}
        hint="可以粘贴 HTML：保存时只保留标题、段落、列表、表格、链接和图片等，脚本、样式和事件属性一律去掉。附件在保存后上传。" />
      <div class="button-row"><button type="submit" class="button">{props.submitLabel}</button></div>
    </form>
  );
}
