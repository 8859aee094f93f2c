/**
 * The forms of the supervision records: 培训, 检查, “5·15” event, 咨询/建议, a problem an inspection found,
 * and its 整改. Plain POST forms (they work without JavaScript) with the CSRF token, the version the
 * person saw when changing a record, and the error summary linking each problem to its field.
 */
import type { Child } from 'hono/jsx';
import { ErrorSummary, radioId, RadioGroup, TextArea, TextField, type FormState } from '../../platform/http/form.tsx';
import { CsrfField } from '../../platform/http/layout.tsx';
import { CHANNEL_LABELS, CHANNELS, CONSULTATION_KIND_LABELS, CONSULTATION_KINDS } from '../core/records.ts';
import type { FormKind } from '../records-input.ts';

const DATE_HINT = '如 2024-05-15';

/** The fields of each form. */
function Fields(props: { kind: FormKind; form: FormState }) {
  const { form } = props;
  switch (props.kind) {
    case 'training':
      return (
        <>
          <TextField name="title" label="培训名称" form={form} maxlength={200} width="long" hint="如：全县政务公开业务培训会" />
          <TextField name="heldOn" label="培训日期" type="date" form={form} hint={DATE_HINT} />
          <TextField name="attendees" label="参加人次" type="number" inputmode="numeric" min="1" form={form} width="short" hint="参加培训的人数之和（人次），不需要填写姓名" />
          <TextArea name="note" label="备注（可不填）" form={form} rows={3} maxlength={2000} />
        </>
      );
    case 'inspection':
      return (
        <>
          <TextField name="inspectedOn" label="检查日期" type="date" form={form} hint={DATE_HINT} />
          <TextField name="inspector" label="检查单位" form={form} maxlength={100} width="long" hint="如：区人民政府办公室（区政务公开办）" />
          <TextField name="subject" label="检查内容" form={form} maxlength={200} width="long" hint="如：政府信息公开专栏和依申请公开办理情况" />
          <TextArea name="summary" label="检查情况（可不填）" form={form} rows={4} maxlength={2000} hint="发现的问题在保存后逐条记录，每个问题有自己的整改期限" />
        </>
      );
    case 'finding':
      return (
        <>
          <TextArea name="problem" label="发现的问题" form={form} rows={3} maxlength={1000} />
          <TextField name="deadline" label="整改期限" type="date" form={form} hint={`不早于检查日期，${DATE_HINT}`} />
        </>
      );
    case 'rectification':
      return (
        <>
          <TextField name="rectifiedOn" label="整改完成日期" type="date" form={form} hint={DATE_HINT} />
          <TextArea name="rectification" label="整改情况" form={form} rows={4} maxlength={2000} hint="做了哪些整改，如：已更新机构职能栏目并建立季度核查制度" />
        </>
      );
    case 'publicDay':
      return (
        <>
          <TextField name="title" label="活动名称" form={form} maxlength={200} width="long" hint="如：“5·15 政务公开日”机关开放活动" />
          <TextField name="heldOn" label="活动日期" type="date" form={form} hint={DATE_HINT} />
          <TextArea name="description" label="活动内容（可不填）" form={form} rows={4} maxlength={2000} />
        </>
      );
    case 'consultation':
      return (
        <>
          <TextField name="receivedOn" label="收到日期" type="date" form={form} hint={DATE_HINT} />
          <RadioGroup name="channel" label="渠道" form={form} choices={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
          <RadioGroup name="kind" label="类别" form={form} inline choices={CONSULTATION_KINDS.map((k) => ({ value: k, label: CONSULTATION_KIND_LABELS[k] }))} />
          <TextArea name="subject" label="内容摘要" form={form} rows={3} maxlength={500} hint="只写所咨询或建议的事项，不要写来电人、来信人的姓名、电话、住址等个人信息" />
          <TextArea name="reply" label="答复内容（尚未答复的可不填）" form={form} rows={4} maxlength={2000} />
          <TextField name="repliedOn" label="答复日期（尚未答复的可不填）" type="date" form={form} hint={DATE_HINT} />
        </>
      );
  }
}

/** Radios: the error summary links to the first option. */
const ANCHORS = { channel: radioId('channel', CHANNELS[0]), kind: radioId('kind', CONSULTATION_KINDS[0]) };

/** A record's form page. */
export function RecordFormPage(props: {
  kind: FormKind;
  heading: string;
  /** What the form is about (the agency, the inspection's problem …), above the form. */
  intro?: Child;
  action: string;
  form: FormState;
  csrfToken: string | undefined;
  /** The version of the record being changed (absent for a new one). */
  version?: string | undefined;
  submitLabel: string;
  back: { href: string; label: string };
}) {
  return (
    <>
      <p><a href={props.back.href}>{props.back.label}</a></p>
      <h1>{props.heading}</h1>
      {props.intro}
      <form method="post" action={props.action} class="admin-form" novalidate>
        <ErrorSummary errors={props.form.errors} anchors={ANCHORS} />
        <CsrfField token={props.csrfToken} />
        {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
        <Fields kind={props.kind} form={props.form} />
        <div class="button-row"><button type="submit" class="button">{props.submitLabel}</button></div>
      </form>
    </>
  );
}
