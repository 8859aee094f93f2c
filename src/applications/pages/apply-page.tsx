/**
 * The application form (条例第二十九条: 申请人的姓名或者名称、身份证明、联系方式; 所需政府信息的名称、
 * 文号或者便于查询的其他特征性描述; 提供形式和获取方式), for the public at /apply and for staff entering
 * an application received in person, by post, fax or letter at /applications/new. Works without
 * JavaScript; one column, so it fits a 320 px phone in large text. The public form also takes files
 * (multipart/form-data; attachments.ts decides their type by their bytes).
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import { ACCEPT_ATTRIBUTE, ACCEPTED_TEXT, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_TEXT_BYTES, sizeText } from '../attachments.ts';
import { ErrorSummary, errorOf, RadioGroup, SelectField, TextArea, TextField, type ChoiceGroup, type FormState } from '../../platform/http/form.tsx';
import {
  APPLICANT_KIND_CHOICES, CHANNEL_CHOICES, DELIVERY_CHOICES, ID_TYPE_CHOICES, INTAKE_ANCHORS, PROVISION_CHOICES,
} from './intake-form.ts';

/** Props of the form. */
export interface ApplyFormProps {
  action: string;
  form: FormState;
  agencies: readonly ChoiceGroup[];
  csrfToken: string | undefined;
  /** Staff entry: channel and dates too. */
  staff?: { today: string } | undefined;
  /** The public form: files too, together at most this many bytes (the server's upload limit). */
  uploads?: { maxTotalBytes: number } | undefined;
}

/** The file input of the public form: what may be sent, and that a refused form needs the files chosen again. */
function AttachmentsField(props: { form: FormState; maxTotalBytes: number }) {
  const error = errorOf(props.form.errors, 'attachments');
  const refused = props.form.errors.length > 0;
  return (
    <div class={`form-group${error ? ' form-group-error' : ''}`}>
      <label for="attachments">附件（可不填）</label>
      <span class="hint" id="attachments-hint">
        如身份证明的扫描件、与所需信息有关的材料。可以上传：{ACCEPTED_TEXT}；最多 {MAX_ATTACHMENTS} 个文件，每个不超过 {sizeText(MAX_ATTACHMENT_BYTES)}
        （纯文本不超过 {sizeText(MAX_TEXT_BYTES)}），合计不超过 {sizeText(props.maxTotalBytes)}。
        {refused ? '提交的内容有问题时，已选择的文件不会保留：改正后请重新选择。' : ''}
      </span>
      {error ? <span class="field-error" id="attachments-error">{error}</span> : null}
      <input type="file" id="attachments" name="attachments" multiple accept={ACCEPT_ATTRIBUTE}
        aria-describedby={error ? 'attachments-hint attachments-error' : 'attachments-hint'} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** The fields of the applicant, the information and its delivery (and, for staff, the arrival). */
export function ApplyForm(props: ApplyFormProps) {
  const { form } = props;
  return (
    <form method="post" action={props.action} class="apply-form" novalidate enctype={props.uploads ? 'multipart/form-data' : undefined}>
      <CsrfField token={props.csrfToken} />
      <SelectField name="agencyId" label="向哪个机关申请" form={form} groups={props.agencies} blank="请选择机关"
        hint="按所属人民政府分组。请选择制作或者保存您所需信息的机关。" />

      {props.staff ? (
        <fieldset class="form-section">
          <legend>申请是怎样收到的</legend>
          <SelectField name="channel" label="提交渠道" form={form} choices={CHANNEL_CHOICES} blank="请选择"
            hint="收到申请之日依第三十一条按渠道确定：当面提交的为提交之日；邮寄的为签收之日；平常信函、网络、传真的为与申请人确认之日。" />
          <TextField name="submitted" type="date" label="提交日期" form={form} initial={props.staff.today} max={props.staff.today}
            hint="申请人提交（寄出、发送）申请的日期。" />
          <TextField name="confirmed" type="date" label="收到申请之日（签收或确认日期，可不填）" form={form} max={props.staff.today}
            hint="邮寄的填签收日期，平常信函、网络、传真的填与申请人确认的日期；尚未确认的不填，确认后在申请页面记录。当面提交的不填。" />
        </fieldset>
      ) : null}

      <fieldset class="form-section">
        <legend>申请人</legend>
        <RadioGroup name="kind" label="申请人类型" form={form} choices={APPLICANT_KIND_CHOICES.person} groups={APPLICANT_KIND_CHOICES.groups} />
        <TextField name="name" label="姓名或者名称" form={form} maxlength={100} autocomplete="name"
          hint="自然人填姓名；法人或其他组织填全称，与证件上的一致。" />
        <SelectField name="idType" label="身份证明类型" form={form} choices={ID_TYPE_CHOICES} blank="请选择"
          hint="自然人一般为居民身份证；法人或其他组织为统一社会信用代码。" />
        <TextField name="idNumber" label="身份证明号码" form={form} maxlength={50} autocomplete="off"
          hint="居民身份证号码为 18 位，最后一位可能是 X；统一社会信用代码为 18 位。" />
        <TextField name="phone" type="tel" label="联系电话" form={form} maxlength={30} autocomplete="tel" inputmode="tel"
          hint="查询办理进度时要用到，如 13800138000 或 0418-1234567。" />
        <TextField name="address" label="通信地址（选择邮寄时必填）" form={form} maxlength={200} autocomplete="street-address" width="long" />
        <TextField name="email" type="email" label="电子邮箱（选择电子邮件时必填）" form={form} maxlength={100} autocomplete="email" />
      </fieldset>

      <fieldset class="form-section">
        <legend>所需的政府信息</legend>
        <TextArea name="description" label="所需政府信息的描述" form={form} rows={5} maxlength={4000}
          hint="请写明信息的名称、文号，或者便于机关查询的其他特征，如制作机关、时间、事项。" />
        <TextArea name="purpose" label="用途（可不填）" form={form} rows={2} maxlength={500}
          hint="法律不要求说明用途，不填不影响办理。" />
        <RadioGroup name="provision" label="提供形式" form={form} choices={PROVISION_CHOICES} inline />
        <RadioGroup name="delivery" label="获取方式" form={form} choices={DELIVERY_CHOICES} inline />
        {props.uploads ? <AttachmentsField form={form} maxTotalBytes={props.uploads.maxTotalBytes} /> : null}
      </fieldset>

      <div class="button-row">
        <button type="submit" class="button">{props.staff ? '录入申请' : '提交申请'}</button>
      </div>
    </form>
  );
}

/** The public form's page. */
export function ApplyPage(props: Omit<ApplyFormProps, 'staff' | 'action'>) {
  return (
    <>
      <ErrorSummary errors={props.form.errors} anchors={INTAKE_ANCHORS} />
      <h1>申请政府信息公开</h1>
      <p class="lead">公民、法人或者其他组织可以向行政机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。</p>
      <p>除注明“可不填”和“选择……时必填”的以外，各项都要填写。提交后您会得到一个查询码，凭查询码和联系电话可以查询办理进度。</p>
      <ApplyForm {...props} action="/apply" />
    </>
  );
}

/** The staff entry page. */
export function StaffEntryPage(props: Omit<ApplyFormProps, 'action'>) {
  return (
    <>
      <ErrorSummary errors={props.form.errors} anchors={INTAKE_ANCHORS} />
      <p><a href="/applications">← 依申请公开</a></p>
      <h1>录入申请</h1>
      <p class="lead">录入当面、邮寄、平常信函、传真或者电子邮件收到的申请。</p>
      <ApplyForm {...props} action="/applications/new" />
    </>
  );
}
