/**
 * 政务公开监督 (/supervision): the supervisor chooses the people's government (those whose reports
 * the viewer reviews) and the report year — a link per government for the default year, and a form
 * (GET, works without JavaScript) for another year.
 */
import { type FormState, SelectField } from '../../platform/http/form.tsx';
import { dashboardHref } from './dashboard-format.ts';

/** Props of the page. */
export interface DashboardStartPageProps {
  governments: readonly { id: number; name: string }[];
  years: readonly number[];
  /** The year the links open (last year). */
  defaultYear: number;
  form: FormState;
}

/** The page. */
export function DashboardStartPage(props: DashboardStartPageProps) {
  return (
    <>
      <h1>政务公开监督</h1>
      <p class="lead">查看所属各机关政府信息公开工作年度报告的报送、审查、发布情况和发现的问题。</p>
      {props.governments.length === 0 ? <p>您审查的机关中没有县级以上人民政府。</p> : (
        <>
          <h2>{props.defaultYear} 年度</h2>
          <ul>
            {props.governments.map((g) => <li><a href={dashboardHref(g.id, { year: props.defaultYear })}>{g.name}</a></li>)}
          </ul>
          <h2>其他年度</h2>
          <form method="get" action="/supervision" class="filters" aria-label="选择人民政府和年度">
            {props.governments.length > 1
              ? <SelectField name="government" label="人民政府" form={props.form} choices={props.governments.map((g) => ({ value: String(g.id), label: g.name }))} />
              : <input type="hidden" name="government" value={String(props.governments[0]!.id)} />}
            <SelectField name="year" label="报告年度" form={props.form} choices={props.years.map((y) => ({ value: String(y), label: `${y} 年` }))} />
            <div class="form-group"><button type="submit" class="button">查看</button></div>
          </form>
        </>
      )}
    </>
  );
}
