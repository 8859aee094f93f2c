/**
 * The case page's lower sections: its 经办人 (assign), its letters (sent ones to download, the letter
 * of the current step to draft), and its appeals (行政复议、行政诉讼: record, decide).
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import type { AppealView } from '../case-view.ts';
import { LETTER_KIND_INFO, LETTER_KINDS, type LetterKind } from '../letters/model.ts';
import { APPEAL_KIND_LABELS, APPEAL_KINDS, APPEAL_RESULT_LABELS, APPEAL_RESULTS } from '../statistics.ts';
import { ErrorSummary, SelectField, TextField, type FormState } from '../../platform/http/form.tsx';
import { dateText, momentText } from './format.ts';
import type { HandlerChoice } from './page-store.ts';

/** Props of the handler section. */
export interface AssignProps {
  caseId: number;
  version: number;
  handlerId: number | null;
  choices: readonly HandlerChoice[];
  csrfToken: string | undefined;
}

/** Who handles the case, and the form to change it. */
export function AssignSection(props: AssignProps) {
  const choices = props.choices.map((h) => ({ value: String(h.personId), label: `${h.name}（${h.role === 'head' ? '负责人' : '经办人'}）` }));
  return (
    <section aria-labelledby="assign-title">
      <h2 id="assign-title">经办人</h2>
      <form method="post" action={`/applications/${props.caseId}/assign`} class="inline-fields">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="version" value={String(props.version)} />
        <SelectField name="handlerId" label="指定经办人" form={{ values: {}, errors: [] }} initial={props.handlerId === null ? '' : String(props.handlerId)}
          blank="不指定" choices={choices} hint="本机关的经办人和负责人。到期提醒发给经办人和负责人。" />
        <div class="button-row"><button type="submit" class="button button-secondary">保存经办人</button></div>
      </form>
    </section>
  );
}

/** A letter sent in the case. */
export interface SentLetter {
  id: number;
  kind: LetterKind;
  title: string;
  createdBy: number | null;
  createdAt: Date;
}

/** Props of the letters section. */
export interface LettersProps {
  caseId: number;
  sent: readonly SentLetter[];
  names: ReadonlyMap<number, string>;
  /** The letters of the case's current step, the usual one first. */
  suggested: readonly LetterKind[];
}

/** The letters sent, and the way to draft the current step's letter (or any other). */
export function LettersSection(props: LettersProps) {
  const base = `/applications/${props.caseId}`;
  return (
    <section aria-labelledby="letters-title">
      <h2 id="letters-title">文书</h2>
      {props.sent.length === 0 ? <p>本申请还没有存档的文书。</p> : (
        <ul class="letters-list">
          {props.sent.map((l) => (
            <li>
              <a href={`${base}/letters/${l.id}`}>{LETTER_KIND_INFO[l.kind].label}：{l.title}</a>
              <span class="muted"> {props.names.get(l.createdBy ?? 0) ?? ''} 于 {momentText(l.createdAt)} 存档</span>
              {' '}<a href={`${base}/letters/${l.id}/docx`} download>下载 Word 文件</a>
            </li>
          ))}
        </ul>
      )}
      {props.suggested.length > 0 ? (
        <p class="button-row">
          {props.suggested.map((kind, i) => (
            <a class={i === 0 ? 'button' : 'button button-secondary'} href={`${base}/letter?kind=${kind}`}>起草{LETTER_KIND_INFO[kind].label}{LETTER_KIND_INFO[kind].group === 'reply' ? '答复' : ''}</a>
          ))}
        </p>
      ) : null}
      <form method="get" action={`${base}/letter`} class="inline-fields">
        <SelectField name="kind" id="letter-kind" label="起草其他文书" form={{ values: {}, errors: [] }} initial={props.suggested[0] ?? ''}
          choices={LETTER_KINDS.map((k) => ({ value: k, label: `${LETTER_KIND_INFO[k].label}（${LETTER_KIND_INFO[k].title}）` }))} />
        <div class="button-row"><button type="submit" class="button button-secondary">预览文书</button></div>
      </form>
    </section>
  );
}

/** Props of the appeals section. */
export interface AppealsProps {
  caseId: number;
  appeals: readonly AppealView[];
  mayWrite: boolean;
  today: string;
  /** A refused appeal form (which: 'new' or the appeal's id). */
  form?: (FormState & { which: string }) | undefined;
  csrfToken: string | undefined;
}

const KIND_CHOICES = APPEAL_KINDS.map((k) => ({ value: k, label: APPEAL_KIND_LABELS[k] }));
const RESULT_CHOICES = APPEAL_RESULTS.map((r) => ({ value: r, label: APPEAL_RESULT_LABELS[r] }));

/** The appeals against the case (table 四), with the forms to record and decide them. */
export function AppealsSection(props: AppealsProps) {
  const base = `/applications/${props.caseId}/appeals`;
  const formOf = (which: string): FormState => (props.form?.which === which ? props.form : { values: {}, errors: [] });
  return (
    <section aria-labelledby="appeals-title">
      <h2 id="appeals-title">行政复议、行政诉讼</h2>
      {props.form ? <ErrorSummary errors={props.form.errors} anchors={Object.fromEntries(props.form.errors.map((e) => [e.field, `appeal-${props.form!.which}-${e.field}`]))} /> : null}
      {props.appeals.length === 0 ? <p>没有针对本申请的行政复议或行政诉讼。</p> : (
        <ul class="appeals-list">
          {props.appeals.map((a) => (
            <li>
              <strong>{APPEAL_KIND_LABELS[a.kind]}</strong>：{dateText(a.filedOn)} 提起；
              {a.decidedOn && a.result ? `${dateText(a.decidedOn)} 审结，${APPEAL_RESULT_LABELS[a.result]}` : '尚未审结'}
              {props.mayWrite && a.decidedOn === null ? (
                <form method="post" action={`${base}/${a.id}/decision`} class="inline-fields">
                  <CsrfField token={props.csrfToken} />
                  <TextField name="decidedOn" id={`appeal-${a.id}-decidedOn`} type="date" label="审结日期" form={formOf(String(a.id))} max={props.today} />
                  <SelectField name="result" id={`appeal-${a.id}-result`} label="结果" form={formOf(String(a.id))} choices={RESULT_CHOICES} blank="请选择" />
                  <div class="button-row"><button type="submit" class="button button-secondary">记录审结</button></div>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.mayWrite ? (
        <details class="admin-form" open={props.form?.which === 'new'}>
          <summary>记录行政复议或行政诉讼</summary>
          <form method="post" action={base}>
            <CsrfField token={props.csrfToken} />
            <SelectField name="kind" id="appeal-new-kind" label="类别" form={formOf('new')} choices={KIND_CHOICES} blank="请选择" />
            <TextField name="filedOn" id="appeal-new-filedOn" type="date" label="提起日期" form={formOf('new')} max={props.today} />
            <TextField name="decidedOn" id="appeal-new-decidedOn" type="date" label="审结日期（尚未审结的不填）" form={formOf('new')} max={props.today} />
            <SelectField name="result" id="appeal-new-result" label="结果（尚未审结的不选）" form={formOf('new')} choices={RESULT_CHOICES} blank="尚未审结" />
            <div class="button-row"><button type="submit" class="button button-secondary">记录</button></div>
          </form>
        </details>
      ) : null}
    </section>
  );
}
