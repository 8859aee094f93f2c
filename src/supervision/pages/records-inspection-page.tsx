/**
 * One inspection (/supervision/inspections/{id}): what was inspected, by whom and when, each problem
 * found with its 整改期限 and 整改情况 (overdue said in words), and what the viewer may do — the agency's
 * staff record a problem's 整改, the supervising office changes the inspection and adds problems.
 */
import type { IsoDate } from '../../law/dates.ts';
import { ErrorSummary, TextArea, TextField, type FormState } from '../../platform/http/form.tsx';
import { CsrfField } from '../../platform/http/layout.tsx';
import { dateText, findingProgress, recordsHref, type Inspection } from '../core/records.ts';
import { Progress } from './records-list-page.tsx';

/** Props of the page. */
export interface InspectionPageProps {
  inspection: Inspection;
  agencyName: string;
  today: IsoDate;
  /** The supervising office: change the inspection, add and change problems. */
  mayReview: boolean;
  /** The agency's staff: record 整改. */
  mayRectify: boolean;
  /** The add-a-problem form as submitted (with its errors), or empty. */
  findingForm: FormState;
  csrfToken: string | undefined;
}

/** The page. */
export function InspectionPage(props: InspectionPageProps) {
  const i = props.inspection;
  const year = Number(i.inspectedOn.slice(0, 4));
  return (
    <>
      <p><a href={recordsHref(i.agencyId, year, 'inspection')}>返回{props.agencyName} {year} 年检查记录</a></p>
      <h1>检查：{i.subject}</h1>
      <dl class="meta">
        <dt>被检查机关</dt><dd>{props.agencyName}</dd>
        <dt>检查日期</dt><dd>{dateText(i.inspectedOn)}</dd>
        <dt>检查单位</dt><dd>{i.inspector}</dd>
        {i.summary ? <><dt>检查情况</dt><dd class="preserve-lines">{i.summary}</dd></> : null}
      </dl>
      {props.mayReview ? <p><a href={`/supervision/inspections/${i.id}/edit`}>修改检查记录</a></p> : null}
      <h2>发现的问题（{i.findings.length} 个）</h2>
      {i.findings.length === 0 ? <p>本次检查没有记录问题。</p> : (
        <ol class="findings">
          {i.findings.map((f) => {
            const progress = findingProgress(f, props.today);
            return (
              <li class={progress.kind === 'overdue' ? 'error' : progress.kind === 'open' ? 'warning' : undefined}>
                <p class="preserve-lines"><strong>{f.problem}</strong></p>
                <p>
                  整改期限：{dateText(f.deadline)}。{' '}
                  <Progress progress={progress} />
                </p>
                {f.rectification ? <p class="preserve-lines">整改情况：{f.rectification}</p> : null}
                <p>
                  {props.mayRectify && f.state === 'open' ? <a href={`/supervision/findings/${f.id}/rectify`}>记录整改情况<span class="visually-hidden">：{f.problem.slice(0, 20)}</span></a> : null}
                  {props.mayRectify && f.state === 'rectified' ? <a href={`/supervision/findings/${f.id}/rectify`}>修改整改情况<span class="visually-hidden">：{f.problem.slice(0, 20)}</span></a> : null}
                  {props.mayRectify && props.mayReview ? '　' : null}
                  {props.mayReview ? <a href={`/supervision/findings/${f.id}/edit`}>修改问题或整改期限<span class="visually-hidden">：{f.problem.slice(0, 20)}</span></a> : null}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {props.mayReview ? (
        <section aria-labelledby="add-finding">
          <h2 id="add-finding">记录发现的问题</h2>
          <form method="post" action={`/supervision/inspections/${i.id}/findings`} class="admin-form" novalidate>
            <ErrorSummary errors={props.findingForm.errors} />
            <CsrfField token={props.csrfToken} />
            <TextArea name="problem" label="发现的问题" form={props.findingForm} rows={3} maxlength={1000} />
            <TextField name="deadline" label="整改期限" type="date" form={props.findingForm} hint={`不早于检查日期（${dateText(i.inspectedOn)}），如 2024-06-30`} />
            <div class="button-row"><button type="submit" class="button">记录问题</button></div>
          </form>
        </section>
      ) : null}
    </>
  );
}
