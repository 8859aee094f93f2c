/**
 * 填报表二数字 (/catalog/figures): an agency's year's 行政许可、行政处罚、行政强制 decision counts and
 * 行政事业性收费 amount (万元), entered by the agency's 经办人 or 负责人. A blank field is “not entered”
 * (the report shows it blank, never 0). The form carries the stamp of the figures shown, so that a save
 * made meanwhile by someone else is not overwritten unseen.
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import { ErrorSummary, type Choice, type FormState, TextField } from '../../platform/http/form.tsx';
import { FIGURE_LABELS } from '../figures-input.ts';
import { pageHref } from './due-format.ts';
import { AgencyYearChooser } from './figures-chooser.tsx';

/** Props of the page. */
export interface FiguresPageProps {
  agencyId: number;
  agencyName: string;
  year: number;
  /** Agencies the viewer may enter figures for (a select when more than one). */
  agencyChoices: readonly Choice[];
  years: readonly number[];
  form: FormState;
  /** The stamp of the figures shown ('' when none were entered yet). */
  seen: string;
  csrfToken: string | undefined;
}

const COUNT_HINT = '本年作出的处理决定数量（整数）；没有数字的请留空（不是 0 的意思）。';

/** The page. */
export function FiguresPage(props: FiguresPageProps) {
  const { form } = props;
  return (
    <>
      <h1>填报表二数字：{props.agencyName} {props.year} 年</h1>
      <p class="lead">年度报告表二中不能由本系统统计的数字。规章、行政规范性文件的件数由已发布的信息自动统计，不在这里填写。</p>
      <AgencyYearChooser action="/catalog/figures" agencyId={props.agencyId} agencyChoices={props.agencyChoices} year={props.year} years={props.years} button="换一个" prefix="choose-" />
      <ErrorSummary errors={form.errors} />
      <form method="post" action="/catalog/figures" class="admin-fields" novalidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="agency" value={String(props.agencyId)} />
        <input type="hidden" name="year" value={String(props.year)} />
        <input type="hidden" name="seen" value={props.seen} />
        <fieldset class="form-section">
          <legend>第二十条（五）（六）：处理决定数量</legend>
          <TextField name="licensing" label={FIGURE_LABELS.licensing} form={form} inputmode="numeric" width="short" hint={COUNT_HINT} />
          <TextField name="punishment" label={FIGURE_LABELS.punishment} form={form} inputmode="numeric" width="short" hint={COUNT_HINT} />
          <TextField name="enforcement" label={FIGURE_LABELS.enforcement} form={form} inputmode="numeric" width="short" hint={COUNT_HINT} />
        </fieldset>
        <fieldset class="form-section">
          <legend>第二十条（八）：行政事业性收费</legend>
          <TextField name="feesWan" label={FIGURE_LABELS.feesWan} form={form} inputmode="decimal" width="short"
            hint="以万元为单位，最多 6 位小数（精确到分），如 12.5 表示 12.5 万元；没有收费的填 0，未统计的留空。" />
        </fieldset>
        <div class="button-row">
          <button type="submit" class="button">保存</button>
          <a class="button button-secondary" href={pageHref('/catalog/statistics', { agency: props.agencyId, year: props.year })}>返回统计</a>
        </div>
      </form>
    </>
  );
}
