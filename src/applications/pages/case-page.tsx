/**
 * A case's page: what was asked and by whom (contact details masked for readers other than the case's
 * 经办人, 审核人 and 负责人), the dates of src/law with their explanation (provisional ones marked 暂定),
 * the files the applicant attached (downloads for those who may see the contact details), the forms of
 * the steps the viewer may take now, the timeline in words, the handler, the letters and the appeals.
 */
import { APPLICANT_KIND_LABELS } from '../../law/applicant-kinds.ts';
import { ATTACHMENT_KIND_LABELS, ATTACHMENT_MEDIA_TYPES, sizeText } from '../attachments.ts';
import type { AttachmentSummary } from '../attachments-store.ts';
import type { CaseView } from '../case-view.ts';
import { ID_TYPE_LABELS } from '../id-numbers.ts';
import { DELIVERY_LABELS, PROVISION_LABELS } from '../input.ts';
import type { CaseEventType } from '../model.ts';
import { AppealsSection, AssignSection, LettersSection, type AppealsProps, type AssignProps, type LettersProps } from './case-sections.tsx';
import { ErrorSummary, radioId } from '../../platform/http/form.tsx';
import { dateText, dateWithWeekday, eventNote, eventSentence, momentText } from './format.ts';
import type { OfferedStep } from './offered-steps.ts';
import { StepForm, stepInputId, type StepContext, type StepFormState } from './step-forms.tsx';
import { UrgencyTag, type Urgency } from './tags.tsx';

/** The steps that move a case on, shown open; the others (补正, 征求意见, 延期, 收费, 撤回) folded. */
const MAIN_STEPS: ReadonlySet<CaseEventType> = new Set(['confirm', 'corrected', 'thirdPartyReplied', 'feePaid', 'replied', 'reviewed', 'signed', 'delivered']);
const STEP_SUMMARIES: Partial<Record<CaseEventType, string>> = {
  correctionRequested: '告知补正', thirdPartySent: '征求第三方意见', extended: '延长答复期限', feeNoticed: '发出收费通知', withdrawn: '申请人撤回申请',
};

/** Props of the case page. */
export interface CasePageProps {
  view: CaseView;
  agencyName: string;
  /** The case's arrival in a sentence (lifecycle.ts receiptSentence). */
  receipt: string;
  /** People's names by id (timeline, handler). */
  names: ReadonlyMap<number, string>;
  urgency: Urgency;
  /** The viewer sees the applicant's contact details unmasked. */
  contact: boolean;
  offered: readonly OfferedStep[];
  stepContext: StepContext;
  /** A refused step form, shown again with its errors. */
  stepForm?: StepFormState | undefined;
  /** A refusal not about one field (a stale version, a rule of the lifecycle). */
  problem?: string | undefined;
  assign: AssignProps | null;
  letters: LettersProps;
  appeals: AppealsProps;
  /** The files the applicant attached (listed to every reader; downloaded by those with `contact`). */
  attachments?: readonly AttachmentSummary[] | undefined;
}

const KIND_OF_MEDIA_TYPE = new Map(Object.entries(ATTACHMENT_MEDIA_TYPES).map(([kind, type]) => [type, kind as keyof typeof ATTACHMENT_KIND_LABELS]));

/** The attached files: name, type and size; a link to each for those who may contact the applicant. */
function Attachments(props: { caseId: number; attachments: readonly AttachmentSummary[]; contact: boolean }) {
  if (props.attachments.length === 0) return <p>申请人没有上传附件。</p>;
  return (
    <>
      <ul class="attachments">
        {props.attachments.map((a) => {
          const kind = KIND_OF_MEDIA_TYPE.get(a.mediaType);
          const about = `（${kind ? ATTACHMENT_KIND_LABELS[kind] : a.mediaType}，${sizeText(a.size)}）`;
          return (
            <li>
              {props.contact ? <a href={`/applications/${props.caseId}/attachments/${a.id}`} download>{a.fileName}</a> : <span>{a.fileName}</span>}
              {' '}<span class="muted">{about}</span>
            </li>
          );
        })}
      </ul>
      {props.contact ? null : <p class="hint">附件可能含有申请人的身份证件等个人信息，只有本机关的经办人、审核人和负责人可以下载。</p>}
    </>
  );
}

function Deadlines(props: { view: CaseView }) {
  const v = props.view;
  const mark = v.provisional ? <span class="tag tag-warning">暂定</span> : null;
  const row = (label: string, date: string | null) => (date ? <><dt>{label}</dt><dd>{dateWithWeekday(date)} {mark}</dd></> : null);
  if (v.receiptDate === null) return <p>尚未确认收到申请：确认后按收到申请之日计算各项期限（第三十一条）。</p>;
  return (
    <>
      <dl class="meta deadlines">
        <dt>收到申请之日</dt><dd>{dateWithWeekday(v.receiptDate)}</dd>
        {row('补正告知期限', v.correctionNoticeDue)}
        {v.closedOn === null ? row('答复期限', v.replyDue) : null}
        {v.closedOn === null ? row('延长后的答复期限', v.extendedReplyDue) : null}
        {v.closedOn === null ? row('第三方意见期限', v.thirdPartyOpinionDue) : null}
        {v.closedOn !== null ? <><dt>{v.status === 'withdrawn' ? '撤回日期' : '答复送达日期'}</dt><dd>{dateWithWeekday(v.closedOn)}</dd></> : null}
      </dl>
      {v.provisional ? <p class="hint">标有“暂定”的日期跨入了尚未公布放假安排的年份：公布并导入后按新日历重新计算。</p> : null}
      {v.explanation.length > 0 ? (
        <details class="explanation">
          <summary>期限是怎样算的</summary>
          <ol>{v.explanation.map((line) => <li>{line}</li>)}</ol>
          {v.calendarVersion ? <p class="hint">工作日历版本：{v.calendarVersion}</p> : null}
        </details>
      ) : null}
    </>
  );
}

function Summary(props: CasePageProps) {
  const v = props.view;
  const a = v.applicant;
  const masked = props.contact ? null : <span class="muted">（已隐去部分内容）</span>;
  return (
    <dl class="meta">
      <dt>查询码</dt><dd lang="en">{v.trackingCode}</dd>
      <dt>受理机关</dt><dd>{props.agencyName}</dd>
      <dt>申请人</dt><dd>{a.name}（{APPLICANT_KIND_LABELS[a.kind]}）</dd>
      {a.idType ? <><dt>身份证明</dt><dd>{ID_TYPE_LABELS[a.idType]}（号码加密保存，不在页面显示）</dd></> : null}
      <dt>联系电话</dt><dd>{a.phone ?? '—'} {a.phone ? masked : null}</dd>
      <dt>通信地址</dt><dd>{a.address ?? '—'} {a.address ? masked : null}</dd>
      <dt>电子邮箱</dt><dd>{a.email ?? '—'} {a.email ? masked : null}</dd>
      <dt>所需信息</dt><dd class="preserve-lines">{v.description}</dd>
      {v.purpose ? <><dt>用途</dt><dd class="preserve-lines">{v.purpose}</dd></> : null}
      <dt>提供形式</dt><dd>{PROVISION_LABELS[v.provision]}；获取方式：{DELIVERY_LABELS[v.delivery]}</dd>
      <dt>收到申请</dt><dd>{props.receipt}</dd>
      <dt>经办人</dt><dd>{v.handlerId === null ? '未指定' : props.names.get(v.handlerId) ?? '—'}</dd>
      {v.outcomeLabel ? <><dt>办理结果</dt><dd>{v.outcomeLabel}{v.onTheSpot ? '（当场答复）' : ''}</dd></> : null}
    </dl>
  );
}

function Timeline(props: { view: CaseView; names: ReadonlyMap<number, string> }) {
  const v = props.view;
  return (
    <ol class="timeline">
      <li>
        <span class="timeline-date">{dateText(v.submitted)}</span>
        <span class="timeline-what">申请人提交申请</span>
      </li>
      {v.events.map((e) => {
        const note = eventNote(e);
        return (
          <li>
            <span class="timeline-date">{dateText(e.date)}</span>
            <span class="timeline-what">{eventSentence(e)}</span>
            {note ? <span class="timeline-note preserve-lines">{e.type === 'correctionRequested' ? '补正事项：' : e.type === 'reviewed' ? '审核意见：' : '理由：'}{note}</span> : null}
            <span class="timeline-who muted">{e.by === null ? '系统' : props.names.get(e.by) ?? '—'} 于 {momentText(e.recordedAt)} 记录</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The case page. */
export function CasePage(props: CasePageProps) {
  const v = props.view;
  const errors = [
    ...(props.problem ? [{ field: props.stepForm ? `step-${props.stepForm.type}` : 'steps', message: props.problem }] : []),
    ...(props.stepForm?.errors ?? []),
  ];
  const anchors = Object.fromEntries((props.stepForm?.errors ?? []).map((e) => [e.field, e.field === 'approved' ? radioId('approved', 'yes') : stepInputId(props.stepForm!.type, e.field)]));
  return (
    <>
      <ErrorSummary errors={errors} anchors={anchors} title={props.problem && !props.stepForm?.errors.length ? '没有办理' : undefined} />
      <p><a href="/applications">← 依申请公开</a></p>
      <h1>申请 <span lang="en">{v.trackingCode}</span></h1>
      <p class="case-status">
        <strong class="tag tag-status">{v.statusLabel}</strong> <UrgencyTag urgency={props.urgency} />
        {v.closedOn === null && (v.extendedReplyDue ?? v.replyDue) ? <> 答复期限 {dateText(v.extendedReplyDue ?? v.replyDue)}</> : null}
      </p>
      <Summary {...props} />

      <h2 id="attachments-title">附件</h2>
      <Attachments caseId={v.id} attachments={props.attachments ?? []} contact={props.contact} />

      <h2>期限</h2>
      <Deadlines view={v} />

      <h2 id="steps">办理</h2>
      {props.offered.length === 0 ? (
        <p>{v.closedOn !== null ? '本申请已办结。' : '您现在没有可以办理的步骤（或须由其他角色办理：审核由审核人，签发、延期由负责人）。'}</p>
      ) : (
        <div class="step-forms">
          {props.offered.filter((s) => MAIN_STEPS.has(s.type)).map((step) => <StepForm step={step} context={props.stepContext} state={props.stepForm} />)}
          {props.offered.filter((s) => !MAIN_STEPS.has(s.type)).map((step) => (
            <details class="step-more" open={props.stepForm?.type === step.type}>
              <summary>{STEP_SUMMARIES[step.type] ?? step.type}</summary>
              <StepForm step={step} context={props.stepContext} state={props.stepForm} />
            </details>
          ))}
        </div>
      )}

      <h2>办理过程</h2>
      <Timeline view={v} names={props.names} />

      {props.assign ? <AssignSection {...props.assign} /> : null}
      <LettersSection {...props.letters} />
      <AppealsSection {...props.appeals} />
    </>
  );
}
