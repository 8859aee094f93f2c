/**
 * The forms of a case's steps, one per step the viewer may take now (offered-steps.ts). Each posts the
 * case's version (optimistic locking: a case changed meanwhile is refused, nothing overwritten) and the
 * step's date (today by default, not before the last step). The form → step translation is here too.
 */
import { MAX_EXTENSION_WORKING_DAYS } from '../../law/deadlines.ts';
import { OUTCOMES, type OutcomeCode } from '../../law/outcomes.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import type { FieldProblem } from '../input.ts';
import { CASE_EVENT_LABELS, DELIVERY_METHOD_LABELS, DELIVERY_METHODS, type CaseEventType, type DeliveryMethod } from '../model.ts';
import { CheckboxField, RadioGroup, SelectField, TextArea, TextField, type ChoiceGroup, type FormState } from '../../platform/http/form.tsx';
import type { OfferedStep } from './offered-steps.ts';

/** The form of one step, as submitted (to show it again with its errors). */
export interface StepFormState extends FormState {
  type: CaseEventType;
}

/** What a step form needs of the case. */
export interface StepContext {
  caseId: number;
  version: number;
  today: string;
  /** The last step's date: no step may be dated before it. */
  lastDate: string;
  /** The viewer holds 负责人 in the case's agency (a reply of theirs is final). */
  isHead: boolean;
  /** The delivery the applicant asked for (the default method of 送达). */
  delivery: DeliveryMethod;
  csrfToken: string | undefined;
}

/** Where each step's form posts: the review is a 审核人's (no 'records.write'), the others the handlers'. */
export const stepAction = (caseId: number, type: CaseEventType) => `/applications/${caseId}/${type === 'reviewed' ? 'review' : 'steps'}`;

/** The id of a step form's input (several forms on one page). */
export const stepInputId = (type: CaseEventType, name: string) => `${type}-${name}`;

/** The headings of the forms. */
const STEP_TITLES: Record<CaseEventType, string> = {
  ...CASE_EVENT_LABELS,
  confirm: '确认收到申请',
  replied: '答复',
  reviewed: '审核答复',
  withdrawn: '记录申请人撤回申请',
};

/** What each form says before its fields. */
const STEP_HINTS: Partial<Record<CaseEventType, string>> = {
  confirm: '网络、平常信函、传真提交的，以与申请人确认之日为收到申请之日；邮寄的以签收之日为准（第三十一条）。',
  correctionRequested: '申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知补正（第三十条）。答复期限自收到补正后的申请之日起计算。',
  corrected: '收到申请人补正后的申请，答复期限自该日重新计算。',
  thirdPartySent: '征求第三方和其他机关意见所需时间不计算在答复期限内（第三十二条、第三十三条）。',
  extended: `需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 ${MAX_EXTENSION_WORKING_DAYS} 个工作日（第三十三条第二款）。`,
  feeNoticed: '申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费（第四十二条）。',
  withdrawn: '申请人在答复前撤回申请的，记录撤回之日，本申请办结（年度报告表三计入“其他处理：其他”）。',
};

const OUTCOME_GROUPS: { prefix: string; label: string }[] = [
  { prefix: 'granted', label: '予以公开' }, { prefix: 'partiallyGranted', label: '部分公开' }, { prefix: 'denied.', label: '不予公开' },
  { prefix: 'unableToProvide.', label: '无法提供' }, { prefix: 'notProcessed.', label: '不予处理' }, { prefix: 'otherDisposal.', label: '其他处理' },
];

/** The outcomes a reply may have now, grouped as table 三 groups them. */
export function outcomeGroups(outcomes: readonly OutcomeCode[]): ChoiceGroup[] {
  return OUTCOME_GROUPS
    .map((g) => ({ label: g.label, choices: outcomes.filter((o) => o.startsWith(g.prefix)).map((o) => ({ value: o, label: OUTCOMES[o].label })) }))
    .filter((g) => g.choices.length > 0);
}

const METHOD_CHOICES = DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_METHOD_LABELS[m] }));

/** One step's form. */
export function StepForm(props: { step: OfferedStep; context: StepContext; state?: StepFormState | undefined }) {
  const { step, context: ctx } = props;
  const { type } = step;
  const form: FormState = props.state?.type === type ? props.state : { values: {}, errors: [] };
  const id = (name: string) => stepInputId(type, name);
  const date = (label = '日期') => (
    <TextField name="date" id={id('date')} type="date" label={label} form={form} initial={ctx.today} min={ctx.lastDate} max={ctx.today}
      hint={`不早于上一步的日期（${ctx.lastDate}），不晚于今天。`} />
  );
  const finalReply = type === 'replied' && ctx.isHead;
  return (
    <form method="post" action={stepAction(ctx.caseId, type)} class="step-form" id={`step-${type}`} novalidate>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="version" value={String(ctx.version)} />
      <h3>{finalReply ? '答复（负责人直接答复）' : type === 'replied' ? '起草答复' : STEP_TITLES[type]}</h3>
      {STEP_HINTS[type] ? <p class="hint">{STEP_HINTS[type]}</p> : null}
      {type === 'replied' ? (
        <p class="hint">{finalReply
          ? '您是本机关的负责人：答复将直接记为已于所填日期送达申请人，不再经过审核、签发。'
          : '提交后由审核人审核、负责人签发，再记录送达。答复日期以送达之日为准。'}</p>
      ) : null}
      {type === 'confirm' ? date('确认收到之日（收到申请之日）')
        : type === 'delivered' ? date('送达日期')
        : type === 'corrected' ? date('收到补正后的申请之日')
        : type === 'thirdPartySent' ? date('发出征求意见书之日')
        : type === 'replied' ? date(finalReply ? '答复送达日期' : '起草日期')
        : date()}
      {type === 'correctionRequested' ? (
        <TextArea name="note" id={id('note')} label="需要补正的事项" form={form} rows={3} maxlength={2000}
          hint="写入补正告知书，如“请写明所需信息的名称、文号或者便于查询的其他特征性描述”。" />
      ) : null}
      {type === 'thirdPartySent' ? (
        <TextField name="receivedOn" id={id('receivedOn')} type="date" label="第三方收到征求意见书之日（可不填）" form={form}
          hint="第三方提出意见的15个工作日自收到之日起算；不填视为发出当日收到。" />
      ) : null}
      {type === 'extended' ? (
        <TextField name="workingDays" id={id('workingDays')} type="number" label="延长的工作日数" form={form} initial={String(MAX_EXTENSION_WORKING_DAYS)}
          min="1" max={String(MAX_EXTENSION_WORKING_DAYS)} inputmode="numeric" hint={`1–${MAX_EXTENSION_WORKING_DAYS} 个工作日。`} />
      ) : null}
      {type === 'feeNoticed' ? (
        <TextField name="amountYuan" id={id('amountYuan')} label="收费金额（元，可不填）" form={form} inputmode="decimal" width="short" hint="如 100 或 12.50。" />
      ) : null}
      {type === 'replied' ? (
        <>
          <SelectField name="outcome" id={id('outcome')} label="办理结果" form={form} groups={outcomeGroups(step.outcomes ?? [])} blank="请选择"
            hint="年度报告表三的分类。" />
          <TextArea name="reasons" id={id('reasons')} label="理由或者说明（不予公开、部分公开等须说明理由）" form={form} rows={3} maxlength={2000} />
          <CheckboxField name="onTheSpot" id={id('onTheSpot')} label="当场答复" checked={form.values['onTheSpot'] === 'yes'}
            hint="只适用于收到申请之日当场作出的答复。" />
        </>
      ) : null}
      {type === 'reviewed' ? (
        <>
          <RadioGroup name="approved" label="审核结论" form={{ ...form, values: { approved: 'yes', ...form.values } }} inline
            choices={[{ value: 'yes', label: '通过，送负责人签发' }, { value: 'no', label: '退回重新办理' }]} />
          <TextArea name="note" id={id('note')} label="审核意见（退回时请写明理由）" form={form} rows={2} maxlength={2000} />
        </>
      ) : null}
      {type === 'delivered' ? (
        <SelectField name="method" id={id('method')} label="送达方式" form={form} choices={METHOD_CHOICES} initial={ctx.delivery} />
      ) : null}
      <div class="button-row">
        <button type="submit" class={type === 'withdrawn' ? 'button button-secondary' : 'button'}>
          {finalReply ? '答复并记为已送达' : type === 'replied' ? '提交审核' : `记录${STEP_TITLES[type].replace(/^记录/, '')}`}
        </button>
      </div>
    </form>
  );
}

/**
 * A step form's values as the body parseEvent reads (input.ts): numbers and booleans from their
 * inputs, blanks left out; an amount in 元 as fen. A problem of the form's own (an amount that is no
 * amount) is returned beside it.
 */
export function stepBody(values: Record<string, string>): { body: Record<string, unknown>; problems: FieldProblem[] } {
  const type = values['type'] ?? '';
  const given = (name: string) => {
    const v = values[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const body: Record<string, unknown> = { type, date: given('date') };
  const problems: FieldProblem[] = [];
  switch (type) {
    case 'correctionRequested':
      body['note'] = values['note'] ?? null;
      break;
    case 'thirdPartySent':
      if (given('receivedOn')) body['receivedOn'] = given('receivedOn');
      break;
    case 'extended': {
      const days = given('workingDays');
      body['workingDays'] = days === undefined ? undefined : /^\d{1,3}$/.test(days) ? Number(days) : days;
      break;
    }
    case 'feeNoticed': {
      const yuan = given('amountYuan');
      if (yuan !== undefined) {
        if (/^\d{1,12}(\.\d{1,2})?$/.test(yuan)) body['amountFen'] = Math.round(Number(yuan) * 100);
        else problems.push({ field: 'amountYuan', message: `收费金额：应为以元计的金额，如 100 或 12.50，实际为“${yuan.slice(0, 20)}”` });
      }
      break;
    }
    case 'replied':
      body['outcome'] = given('outcome');
      body['reasons'] = values['reasons'] ?? null;
      if (values['onTheSpot'] === 'yes') body['onTheSpot'] = true;
      break;
    case 'reviewed':
      body['approved'] = values['approved'] === 'yes' ? true : values['approved'] === 'no' ? false : undefined;
      body['note'] = values['note'] ?? null;
      break;
    case 'delivered':
      body['method'] = given('method');
      break;
  }
  return { body, problems };
}
