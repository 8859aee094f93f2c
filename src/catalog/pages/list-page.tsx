/**
 * The staff's list of items (/catalog): the viewer's agencies' items with their status and Art. 26 due
 * date (overdue in red, due soon in amber, in words), filtered without JavaScript (a GET form).
 */
import { dueClassText } from '../due.ts';
import { SelectField, TextField, type Choice, type FormState } from '../../platform/http/form.tsx';
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from '../model.ts';
import type { ItemListRow } from '../service.ts';

/** Props of the list. */
export interface ListPageProps {
  rows: readonly ItemListRow[];
  filters: FormState;
  agencyChoices: readonly Choice[];
  mayDraft: boolean;
  /** The agencies whose settings the viewer keeps. */
  settings: readonly Choice[];
  next?: string | undefined;
}

/** The status filter: on the way to publication (default), all, then each status. */
export const STATUS_CHOICES: Choice[] = [
  { value: 'pending', label: '待发布（草稿和审核中）' }, { value: 'all', label: '全部' },
  ...ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] })),
];

/** A publication's urgency as a tag (colour is never the only sign). */
export function DueTag(props: { due: ItemListRow['due'] }) {
  if (props.due === null) return null;
  return <strong class={props.due.kind === 'dueSoon' ? 'tag tag-warning' : 'tag tag-error'}>{dueClassText(props.due)}</strong>;
}

/** The list page. */
export function ListPage(props: ListPageProps) {
  return (
    <>
      <h1>主动公开</h1>
      <p class="lead">本机关的政府信息：起草后经公开属性审核、保密审查和负责人签发后发布。期限按第二十六条计算（自成文之日起 20 个工作日内）。</p>
      <p class="button-row">
        {props.mayDraft ? <a class="button" href="/catalog/new">起草信息</a> : null}
        <a class="button button-secondary" href="/catalog/due">主动公开期限</a>
        {props.settings.map((a) => <a class="button button-secondary" href={`/agencies/${a.value}/catalog-settings`}>{props.settings.length > 1 ? `${a.label}：` : ''}索引号和敏感词设置</a>)}
      </p>
      <form method="get" action="/catalog" class="filters" aria-label="筛选">
        <TextField name="q" label="标题、文号或索引号" form={props.filters} maxlength={100} />
        <SelectField name="status" label="状态" form={props.filters} choices={STATUS_CHOICES} />
        <SelectField name="due" label="期限" form={props.filters} blank="不限" choices={[{ value: 'soon', label: '即将到期（5 个工作日内）' }, { value: 'overdue', label: '已逾期' }]} />
        {props.agencyChoices.length > 1 ? <SelectField name="agency" label="机关" form={props.filters} blank="全部机关" choices={props.agencyChoices} /> : null}
        <div class="button-row"><button type="submit" class="button button-secondary">筛选</button></div>
      </form>
      {props.rows.length === 0 ? <p>没有符合条件的信息。</p> : (
        <div class="table-wrap" tabindex={0} role="region" aria-label="信息列表（可左右滚动）">
          <table class="case-list">
            <caption class="visually-hidden">信息列表</caption>
            <thead><tr><th scope="col">标题</th><th scope="col">索引号</th><th scope="col">状态</th><th scope="col">成文日期</th><th scope="col">主动公开期限</th><th scope="col">发布日期</th></tr></thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td><a href={`/catalog/items/${r.id}`}>{r.title}</a>{r.docNo ? <span class="muted"> {r.docNo}</span> : null}{props.agencyChoices.length > 1 ? <span class="muted"> · {r.agencyName}</span> : null}</td>
                  <td>{r.indexNo}</td>
                  <td>{ITEM_STATUS_LABELS[r.status]}</td>
                  <td>{r.formedOn}</td>
                  <td>{r.publishDue} <DueTag due={r.due} /></td>
                  <td>{r.publishedOn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.next ? <p><a href={props.next}>下一页</a></p> : null}
    </>
  );
}
