/**
 * An item's staff page (/catalog/items/{id}): its metadata, the warnings of its review (sensitive words
 * found at submission, personal data found now), the forms of the steps the viewer may take now, its
 * body, attachments, related items, and its events (who did what, when, why).
 */
import { raw } from 'hono/html';
import { sizeText } from '../../platform/files/sniff.ts';
import { ErrorSummary, RadioGroup, SelectField, TextArea, TextField, type FormState } from '../../platform/http/form.tsx';
import { CsrfField } from '../../platform/http/layout.tsx';
import { describeFindings } from '../core/personal-data-scan.ts';
import type { SensitiveWordHit } from '../core/sensitive-words.ts';
import { ATTRIBUTES, EVENT_LABELS } from '../model.ts';
import type { ItemView } from '../view.ts';
import type { WorkflowStepType } from '../workflow.ts';

/** A refused step form, shown again with its errors. */
export interface StepFormState extends FormState {
  type: WorkflowStepType;
}

/** Props of the page. */
export interface ItemPageProps {
  view: ItemView;
  offered: readonly WorkflowStepType[];
  mayEdit: boolean;
  today: string;
  csrfToken: string | undefined;
  stepForm?: StepFormState | undefined;
  /** A refusal without a field (a conflict, a role). */
  problem?: string | undefined;
}

const STEP_TITLES: Record<WorkflowStepType, string> = { ...EVENT_LABELS, submitted: '提交审核', signed: '签发并发布', withdrawn: '撤回已发布的信息' };
const STEP_HINTS: Partial<Record<WorkflowStepType, string>> = {
  submitted: '提交后由审核人进行公开属性审核。提交时检查敏感词和个人信息，结果显示给审核人。',
  attributeReviewed: '主动公开的进入保密审查；认定为依申请公开或不予公开的不发布，须写明理由（如所依据的条例条款）。',
  secrecyChecked: '保密审查须由起草人以外的人办理。',
  signed: '签发后信息即在门户网站发布。',
  returned: '退回起草人修改：写明需要修改什么。退回后重新审核。',
  withdrawn: '撤回后信息不再在门户网站和检索中出现。',
  validityChanged: '失效或废止的信息仍然公开，注明有效性。',
};

/** Which sensitive words the submission found (the latest submitted event's). */
function submittedWords(view: ItemView): SensitiveWordHit[] {
  const submitted = [...view.events].reverse().find((e) => e.type === 'submitted');
  return (submitted?.details['sensitiveWords'] as SensitiveWordHit[] | undefined) ?? [];
}

function Metadata(props: { view: ItemView }) {
  const v = props.view;
  const rows: [string, string | null][] = [
    ['索引号', v.indexNo], ['状态', v.statusLabel], ['文号', v.docNo], ['发布机构', v.publisher], ['发布机关', v.agency],
    ['成文日期', v.formedOn], ['主动公开期限', `${v.publishDue}${v.publishDueProvisional ? '（暂定：跨入尚无官方节假日安排的年份）' : ''}`],
    ['发布日期', v.publishedOn], ['主题分类', v.topic], ['体裁', v.genre], ['条例第二十条', v.article20Label], ['条例第二十一条', v.article21Label],
    ['公开方式', v.disclosureMode], ['公开范围', v.disclosureScope],
    ['有效性', `${v.validityLabel}${v.validityChangedOn ? `（${v.validityChangedOn}）` : ''}`],
    ['公开属性', v.attribute ? `${v.attribute}${v.attributeReason ? `：${v.attributeReason}` : ''}` : null],
    ['个人信息公开理由', v.personalDataJustification],
  ];
  return (
    <dl class="meta">
      {rows.filter(([, value]) => value !== null && value !== '').map(([label, value]) => <><dt>{label}</dt><dd>{value}</dd></>)}
    </dl>
  );
}

function Warnings(props: { view: ItemView }) {
  const words = submittedWords(props.view);
  const { personalData, sensitiveWords } = props.view;
  const shownWords = words.length > 0 ? words : sensitiveWords;
  if (shownWords.length === 0 && personalData.length === 0) return null;
  return (
    <section aria-labelledby="warnings-title" class="notice-warning">
      <h2 id="warnings-title">审核提示</h2>
      {shownWords.length > 0 ? (
        <>
          <p>正文或附件中有敏感词{words.length > 0 ? '（提交审核时发现）' : ''}：</p>
          <ul>{shownWords.map((w) => <li><strong>{w.word}</strong>（{w.count} 处）：…{w.context}…</li>)}</ul>
        </>
      ) : null}
      {personalData.length > 0 ? (
        <>
          <p>正文或附件中有个人信息：{describeFindings(personalData)}。{props.view.personalDataJustification ? '保密审查已写明公开的理由。' : '删除之前或保密审查写明公开的理由之前不能签发。'}</p>
          <ul>{personalData.map((f) => <li>{f.context}</li>)}</ul>
        </>
      ) : null}
    </section>
  );
}

/** One step's form. */
function StepForm(props: { type: WorkflowStepType; view: ItemView; today: string; csrfToken: string | undefined; state?: StepFormState | undefined }) {
  const { type, view } = props;
  const form: FormState = props.state?.type === type ? props.state : { values: {}, errors: [] };
  const id = (name: string) => `${type}-${name}`;
  const reason = (label: string, required = true) => <TextArea name="reason" id={id('reason')} label={label} form={form} rows={3} maxlength={1000} required={required} />;
  return (
    <form method="post" action={`/catalog/items/${view.id}/steps`} class="step-form" aria-labelledby={id('title')}>
      <h3 id={id('title')}>{STEP_TITLES[type]}</h3>
      {STEP_HINTS[type] ? <p class="hint">{STEP_HINTS[type]}</p> : null}
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="version" value={String(view.version)} />
      {type === 'attributeReviewed' ? (
        <>
          <RadioGroup name="decision" label="公开属性" form={form} choices={ATTRIBUTES.map((a) => ({ value: a, label: a }))} required />
          {reason('理由（依申请公开、不予公开时必填）', false)}
        </>
      ) : null}
      {type === 'secrecyChecked' ? (
        <>
          {reason('审查意见（可不填）', false)}
          {view.personalData.length > 0 ? (
            <TextArea name="justification" id={id('justification')} label="个人信息公开的理由" form={form} rows={3} maxlength={1000}
              hint={`发现个人信息：${describeFindings(view.personalData)}。确需公开的（如经本人同意、公共利益需要，第十五条），写明理由；不写则不能签发，请退回修改删除。`} />
          ) : null}
        </>
      ) : null}
      {type === 'returned' ? reason('退回理由') : null}
      {type === 'withdrawn' ? reason('撤回理由') : null}
      {type === 'validityChanged' ? (
        <>
          <SelectField name="validity" id={id('validity')} label="有效性" form={form} choices={[{ value: 'valid', label: '有效' }, { value: 'expired', label: '失效' }, { value: 'repealed', label: '废止' }].filter((c) => c.value !== view.validity)} />
          <TextField name="date" id={id('date')} type="date" label="失效或废止之日（恢复有效时不填）" form={form} max={props.today} />
        </>
      ) : null}
      {type === 'signed' && view.personalData.length > 0 && !view.personalDataJustification ? <p class="field-error">发现个人信息且未写明公开理由：不能签发，请退回修改。</p> : null}
      <div class="button-row"><button type="submit" class={type === 'returned' || type === 'withdrawn' ? 'button button-secondary' : 'button'}>{STEP_TITLES[type]}</button></div>
    </form>
  );
}

/** The item page. */
export function ItemPage(props: ItemPageProps) {
  const { view } = props;
  return (
    <>
      <p><a href="/catalog">返回主动公开</a></p>
      <h1>{view.title}</h1>
      {props.problem ? <div class="error-summary" role="alert"><h2>未能办理</h2><p>{props.problem}</p></div> : null}
      {props.stepForm ? <ErrorSummary errors={props.stepForm.errors.map((e) => ({ ...e, field: `${props.stepForm!.type}-${e.field}` }))} /> : null}
      <Warnings view={view} />
      {props.offered.length > 0 ? (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">办理</h2>
          <div class="step-forms">
            {props.offered.map((type) => <StepForm type={type} view={view} today={props.today} csrfToken={props.csrfToken} state={props.stepForm} />)}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="meta-title">
        <h2 id="meta-title">基本信息</h2>
        <Metadata view={view} />
        {props.mayEdit ? <p class="button-row"><a class="button button-secondary" href={`/catalog/items/${view.id}/edit`}>修改草稿、上传附件</a></p> : null}
        {view.url ? <p>门户网站页面：<a href={view.url}>{view.url}</a></p> : null}
      </section>
      <section aria-labelledby="body-title">
        <h2 id="body-title">正文</h2>
        {view.body === '' ? <p class="muted">（无正文）</p> : <div class="item-body table-wrap" tabindex={0} role="region" aria-label="正文内容（可左右滚动）">{raw(view.body)}</div>}
      </section>
      <section aria-labelledby="files-title">
        <h2 id="files-title">附件</h2>
        {view.attachments.length === 0 ? <p>没有附件。</p> : (
          <ul>{view.attachments.map((a) => <li><a href={`/catalog/items/${view.id}/attachments/${a.id}`}>{a.fileName}</a> <span class="muted">{sizeText(a.sizeBytes)}{a.hasText ? '' : '（未能读取文字，检索不到其内容）'}</span></li>)}</ul>
        )}
      </section>
      {view.related.length > 0 ? (
        <section aria-labelledby="related-title">
          <h2 id="related-title">相关信息</h2>
          <ul>{view.related.map((r) => <li>{r.relation}：<a href={`/catalog/items/${r.id}`}>{r.title}</a> <span class="muted">{r.indexNo}</span></li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="events-title">
        <h2 id="events-title">办理过程</h2>
        <ol class="timeline">
          {view.events.map((e) => (
            <li>
              <span class="timeline-date">{e.onDay}</span><strong>{e.label}</strong>{e.decision ? `：${e.decision}` : ''}
              <span class="timeline-who">{e.actor}</span>
              {e.reason ? <span class="timeline-note">理由：{e.reason}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
