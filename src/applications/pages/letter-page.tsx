/**
 * A case's letter: drafted from the case (its facts, with what the writer adds: 获取方式, 理由, 补正事项,
 * the third party, the fee, 文号 and 成文日期), previewed without storing anything, then 生成并存档
 * (frozen with the case: a later change of the template never alters it); and a sent letter to read,
 * print and download as Word.
 */
import type { Child } from 'hono/jsx';
import { isIsoDate, type IsoDate } from '../../law/dates.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import { LETTER_KIND_INFO, LetterArticle, type LetterDetails, type LetterEvent, type LetterKind } from '../letters/service.ts';
import type { LetterDocument } from '../letters/model.ts';
import type { FieldProblem } from '../input.ts';
import { ErrorSummary, TextArea, TextField, type FormState } from '../../platform/http/form.tsx';
import { momentText } from './format.ts';

/** The writer's inputs each kind of letter asks for (成文日期 and 文号 always). */
export function letterInputsOf(kind: LetterKind): string[] {
  const inputs = ['letterDate', 'documentNumber'];
  if (LETTER_KIND_INFO[kind].group === 'reply') inputs.push('reasons');
  if (kind === 'alreadyPublished' || kind === 'granted' || kind === 'partiallyGranted') inputs.push('access');
  if (kind === 'notHeld') inputs.push('holderName', 'holderContact');
  if (kind === 'correction') inputs.push('correctionItems', 'correctionDue');
  if (kind === 'extension') inputs.push('reasons');
  if (kind === 'thirdParty') inputs.push('thirdPartyName');
  if (kind === 'fee') inputs.push('feeAmountYuan', 'feeBasis', 'feeDue');
  return inputs;
}

/** The input a missing placeholder of a letter is given in (letters/model view.ts PLACEHOLDERS). */
export const INPUT_OF_PLACEHOLDER: Record<string, string> = {
  理由: 'reasons', 获取方式: 'access', 补正事项: 'correctionItems', 第三方: 'thirdPartyName', 收费金额: 'feeAmountYuan', 负责机关: 'holderName',
};

/** The defaults of the inputs from the case's steps (the latest reply's reasons, the 补正 note, the fee). */
export function letterDefaults(events: readonly LetterEvent[], today: IsoDate): Record<string, string> {
  const latest = (type: string) => events.findLast((e) => e.type === type);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const fen = latest('feeNoticed')?.['amountFen'];
  return {
    letterDate: today,
    reasons: text(latest('replied')?.['reasons']),
    correctionItems: text(latest('correctionRequested')?.['note']),
    feeAmountYuan: typeof fen === 'number' ? (fen / 100).toFixed(2) : '',
  };
}

/** The writer's inputs as LetterDetails (blank: the case's own fact), with any problem of an input. */
export function letterDetailsOf(values: Record<string, string>): { details: LetterDetails; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const given = (name: string) => {
    const v = values[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const date = (name: string, label: string): IsoDate | undefined => {
    const v = given(name);
    if (v === undefined) return undefined;
    if (isIsoDate(v)) return v;
    problems.push({ field: name, message: `${label}：应为日期，如 2024-06-28` });
    return undefined;
  };
  const long = (name: string, label: string, max: number): string | undefined => {
    const v = given(name);
    if (v !== undefined && v.length > max) problems.push({ field: name, message: `${label}：最多 ${max} 个字` });
    return v;
  };
  const details: LetterDetails = {};
  const letterDate = date('letterDate', '成文日期');
  if (letterDate) details.letterDate = letterDate;
  const documentNumber = long('documentNumber', '文号', 50);
  if (documentNumber) details.documentNumber = documentNumber;
  const reasons = long('reasons', '理由或者说明', 2000);
  if (reasons) details.reasons = reasons;
  const access = long('access', '获取方式', 1000);
  if (access) details.access = access;
  const holderName = long('holderName', '负责公开的机关', 100);
  if (holderName) details.holder = { name: holderName, contact: long('holderContact', '该机关的联系方式', 100) ?? null };
  const correctionItems = long('correctionItems', '需要补正的事项', 2000);
  if (correctionItems) details.correctionItems = correctionItems;
  const correctionDue = date('correctionDue', '补正期限');
  if (correctionDue) details.correctionDue = correctionDue;
  const thirdPartyName = long('thirdPartyName', '第三方', 100);
  if (thirdPartyName) details.thirdPartyName = thirdPartyName;
  const yuan = given('feeAmountYuan');
  if (yuan !== undefined) {
    if (/^\d{1,12}(\.\d{1,2})?$/.test(yuan) && Number(yuan) > 0) details.feeAmountFen = Math.round(Number(yuan) * 100);
    else problems.push({ field: 'feeAmountYuan', message: `收费金额：应为以元计的金额，如 100 或 12.50，实际为“${yuan.slice(0, 20)}”` });
  }
  const feeBasis = long('feeBasis', '收费的计算方式', 500);
  if (feeBasis) details.feeBasis = feeBasis;
  const feeDue = date('feeDue', '缴费期限');
  if (feeDue) details.feeDue = feeDue;
  return { details, problems };
}

/** Props of the draft page. */
export interface LetterDraftPageProps {
  caseId: number;
  trackingCode: string;
  kind: LetterKind;
  form: FormState;
  letter: LetterDocument | undefined;
  /** The viewer may store the letter ('records.write'). */
  mayWrite: boolean;
  csrfToken: string | undefined;
}

const INPUT_FIELDS: Record<string, (form: FormState) => Child> = {
  letterDate: (form) => <TextField name="letterDate" type="date" label="成文日期" form={form} />,
  documentNumber: (form) => <TextField name="documentNumber" label="文号（可不填）" form={form} maxlength={50} hint="如 某政信〔2024〕12号。" />,
  reasons: (form) => <TextArea name="reasons" label="理由或者说明" form={form} rows={4} maxlength={2000} hint="不予公开、部分公开等须写明理由（第三十六条第三项、第三十七条）。" />,
  access: (form) => <TextArea name="access" label="获取方式" form={form} rows={3} maxlength={1000} hint="获取信息的方式、途径和时间，如“随本答复书附送信息的电子文档”。" />,
  holderName: (form) => <TextField name="holderName" label="负责公开该信息的机关（可不填）" form={form} maxlength={100} hint="知道负责机关的，填写后告知申请人（第三十六条第五项）；不填则告知信息不存在。" />,
  holderContact: (form) => <TextField name="holderContact" label="该机关的联系方式（可不填）" form={form} maxlength={100} />,
  correctionItems: (form) => <TextArea name="correctionItems" label="需要补正的事项" form={form} rows={3} maxlength={2000} />,
  correctionDue: (form) => <TextField name="correctionDue" type="date" label="补正期限（可不填）" form={form} hint="不填时写“收到本告知书之日起15个工作日内”。" />,
  thirdPartyName: (form) => <TextField name="thirdPartyName" label="第三方的姓名或者名称" form={form} maxlength={100} />,
  feeAmountYuan: (form) => <TextField name="feeAmountYuan" label="收费金额（元）" form={form} inputmode="decimal" width="short" />,
  feeBasis: (form) => <TextArea name="feeBasis" label="收费的计算方式" form={form} rows={2} maxlength={500} />,
  feeDue: (form) => <TextField name="feeDue" type="date" label="缴费期限（可不填）" form={form} />,
};

/** The letter being drafted: the inputs, 预览, 生成并存档, and the letter as it reads now. */
export function LetterDraftPage(props: LetterDraftPageProps) {
  const info = LETTER_KIND_INFO[props.kind];
  // 生成并存档 posts here ('records.write'); 预览 to …/preview (reading: nothing is stored).
  const action = `/applications/${props.caseId}/letter?kind=${props.kind}`;
  return (
    <>
      <ErrorSummary errors={props.form.errors} />
      <p class="no-print"><a href={`/applications/${props.caseId}`}>← 申请 {props.trackingCode}</a></p>
      <h1>{info.label}</h1>
      <p class="hint no-print">文书由申请的事实生成：日期来自期限计算，理由类别和法律依据来自办理结果。标黄的【待填写】须补充后才能存档。</p>
      <form method="post" action={action} class="letter-form no-print" novalidate>
        <CsrfField token={props.csrfToken} />
        {letterInputsOf(props.kind).map((name) => INPUT_FIELDS[name]!(props.form))}
        <div class="button-row">
          <button type="submit" formaction={`/applications/${props.caseId}/letter/preview?kind=${props.kind}`} class="button button-secondary">预览</button>
          {props.mayWrite ? <button type="submit" class="button">生成并存档</button> : null}
        </div>
      </form>
      {props.letter ? (
        <section aria-label="文书预览" class="letter-preview">
          <h2 class="no-print">预览</h2>
          <LetterArticle letter={props.letter} />
        </section>
      ) : null}
    </>
  );
}

/** A sent letter: to read, print, and download as Word. */
export function SentLetterPage(props: { caseId: number; trackingCode: string; letterId: number; letter: LetterDocument; createdAt: Date; by: string | null }) {
  return (
    <>
      <p class="no-print"><a href={`/applications/${props.caseId}`}>← 申请 {props.trackingCode}</a></p>
      <p class="hint no-print">{props.by ?? ''} 于 {momentText(props.createdAt)} 存档。存档后的文书不随模板改动而改变。</p>
      <p class="button-row no-print">
        <a class="button" href={`/applications/${props.caseId}/letters/${props.letterId}/docx`} download>下载 Word 文件</a>
      </p>
      <LetterArticle letter={props.letter} />
    </>
  );
}
