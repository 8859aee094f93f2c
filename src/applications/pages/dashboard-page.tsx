/**
 * The dashboard of 依申请公开 (/applications): the viewer's cases with status, dates and 经办人, due
 * within 3 working days in amber (即将到期) and overdue in red (已逾期); the open cases counted per
 * handler and per agency at the top; filters that work without JavaScript (a GET form). The same list
 * shows the cases behind a number of tables 三/四 (`cell`).
 */
import { APPLICANT_KIND_LABELS } from '../../law/applicant-kinds.ts';
import { CASE_STATUS_LABELS, CASE_STATUSES } from '../model.ts';
import { CheckboxField, SelectField, type Choice, type FormState } from '../../platform/http/form.tsx';
import { dateText } from './format.ts';
import { UrgencyTag, type Urgency } from './tags.tsx';

/** A row of the list. */
export interface DashboardRow {
  id: number;
  agencyName: string;
  trackingCode: string;
  applicantKind: keyof typeof APPLICANT_KIND_LABELS;
  /** Masked for readers who may not contact the applicant. */
  applicantName: string;
  statusLabel: string;
  receiptDate: string | null;
  dueOn: string | null;
  closedOn: string | null;
  handler: string | null;
  urgency: Urgency;
}

/** A line of the counts at the top. */
export interface CountLine {
  label: string;
  open: number;
  soon: number;
  overdue: number;
  /** The dashboard filtered to these cases (none for the unassigned: the list has no such filter). */
  href: string | null;
}

/** Props of the dashboard. */
export interface DashboardPageProps {
  rows: readonly DashboardRow[];
  /** The filter form's values. */
  filters: FormState;
  agencyChoices: readonly Choice[];
  handlerChoices: readonly Choice[];
  byHandler: readonly CountLine[];
  byAgency: readonly CountLine[];
  /** The list is the cases behind a number of tables 三/四: its title and the way back. */
  cell?: { title: string; back: string; total: number } | undefined;
  /** The next page's address, when there is one. */
  next?: string | undefined;
  mayEnter: boolean;
}

/** The status filter's choices: open (default), all, closed, then each status. */
export const STATUS_FILTER_CHOICES: Choice[] = [
  { value: 'all', label: '全部' }, { value: 'closed', label: '已办结' },
  ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] })),
];

function Counts(props: { title: string; lines: readonly CountLine[] }) {
  if (props.lines.length === 0) return null;
  return (
    <div class="table-wrap counts">
      <table class="stack-on-phone">
        <caption>{props.title}</caption>
        <thead><tr><th scope="col">{props.title.replace(/^按/, '').replace(/统计$/, '')}</th><th scope="col" class="num">在办</th><th scope="col" class="num">即将到期</th><th scope="col" class="num">已逾期</th></tr></thead>
        <tbody>
          {props.lines.map((l) => (
            <tr>
              <td class="agency">{l.href ? <a href={l.href}>{l.label}</a> : l.label}</td>
              <td class="num" data-label="在办">{l.open}</td>
              <td class={l.soon > 0 ? 'num count-soon' : 'num'} data-label="即将到期">{l.soon}</td>
              <td class={l.overdue > 0 ? 'num count-overdue' : 'num'} data-label="已逾期">{l.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Filters(props: DashboardPageProps) {
  const f = props.filters;
  return (
    <form method="get" action="/applications" class="filters" role="search" aria-label="筛选申请">
      <SelectField name="status" label="状态" form={f} blank="未办结" choices={STATUS_FILTER_CHOICES} />
      <SelectField name="due" label="期限" form={f} blank="全部" choices={[{ value: 'soon', label: '即将到期（3个工作日内）' }, { value: 'overdue', label: '已逾期' }]} />
      {props.agencyChoices.length > 1 ? <SelectField name="agency" label="机关" form={f} blank="全部机关" choices={props.agencyChoices} /> : null}
      {props.handlerChoices.length > 0 ? <SelectField name="handler" label="经办人" form={f} blank="全部" choices={props.handlerChoices} /> : null}
      <CheckboxField name="mine" label="只看我的" checked={f.values['mine'] === 'yes'} />
      <div class="form-group"><button type="submit" class="button">筛选</button></div>
    </form>
  );
}

/** The dashboard. */
export function DashboardPage(props: DashboardPageProps) {
  const several = props.agencyChoices.length > 1;
  return (
    <>
      <h1>{props.cell ? props.cell.title : '依申请公开'}</h1>
      {props.cell ? (
        <p><a href={props.cell.back}>← 返回统计表</a>　共 {props.cell.total} 件{props.cell.total > props.rows.length ? `，显示最近的 ${props.rows.length} 件` : ''}。</p>
      ) : (
        <>
          {props.mayEnter ? <p class="button-row"><a class="button" href="/applications/new">录入申请</a></p> : null}
          <div class="counts-row">
            <Counts title="按经办人统计" lines={props.byHandler} />
            {props.byAgency.length > 1 ? <Counts title="按机关统计" lines={props.byAgency} /> : null}
          </div>
          <Filters {...props} />
        </>
      )}
      {props.rows.length === 0 ? <p>没有符合条件的申请。</p> : (
        <div class="table-wrap">
          <table class="stack-on-phone case-list">
            <thead>
              <tr>
                <th scope="col">查询码</th>{several ? <th scope="col">机关</th> : null}<th scope="col">申请人</th><th scope="col">状态</th>
                <th scope="col">收到申请之日</th><th scope="col">答复期限</th><th scope="col">经办人</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr class={r.urgency ? `urgency-${r.urgency}` : undefined}>
                  <td class="agency"><a href={`/applications/${r.id}`} lang="en">{r.trackingCode}</a></td>
                  {several ? <td data-label="机关">{r.agencyName}</td> : null}
                  <td data-label="申请人">{r.applicantName}<span class="muted">（{APPLICANT_KIND_LABELS[r.applicantKind]}）</span></td>
                  <td data-label="状态">{r.statusLabel}</td>
                  <td data-label="收到申请之日">{r.receiptDate ? dateText(r.receiptDate) : '待确认'}</td>
                  <td data-label="答复期限">{r.closedOn ? `已于 ${dateText(r.closedOn)} 办结` : r.dueOn ? dateText(r.dueOn) : '—'} <UrgencyTag urgency={r.urgency} /></td>
                  <td data-label="经办人">{r.handler ?? '未指定'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.next ? <p><a href={props.next}>下一页 →</a></p> : null}
    </>
  );
}
