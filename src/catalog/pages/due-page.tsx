/**
 * 主动公开期限 (/catalog/due): the items of the viewer's agencies that are late (逾期未公开), due within
 * N working days (即将到期), or were published after their due date in a year (超期公开) — 第二十六条's 20
 * working days from the day the information was formed or changed. A supervisor sees every agency of
 * the government, each row with the agency's name, and the counts per agency. Filters are a GET form.
 */
import { type Choice, type FormState, SelectField, TextField } from '../../platform/http/form.tsx';
import { DUE_KIND_LABELS, DUE_SOON_MAX, DUE_SOON_MIN, type DueKind } from '../due.ts';
import type { DueEntry, DueList, DuePart } from '../due-service.ts';
import { ITEM_STATUS_LABELS } from '../model.ts';
import { dateText } from './due-format.ts';

/** Props of the page. */
export interface DuePageProps {
  list: DueList;
  /** The agencies the viewer reads (a select when more than one). */
  agencyChoices: readonly Choice[];
  filters: FormState;
  years: readonly number[];
  /** The address of an item's staff page. */
  itemHref: (id: number) => string;
}

const TAG_CLASS: Record<DueKind, string> = { late: 'tag tag-error', dueSoon: 'tag tag-warning', publishedLate: 'tag tag-warning' };

function Part(props: { id: string; title: string; intro: string; part: DuePart; several: boolean; itemHref: (id: number) => string; empty: string }) {
  const { part } = props;
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}（{part.total} 条）</h2>
      <p class="hint">{props.intro}</p>
      {part.items.length === 0 ? <p>{props.empty}</p> : (
        <div class="table-wrap">
          <table class="stack-on-phone case-list">
            <thead>
              <tr>
                <th scope="col">标题</th>{props.several ? <th scope="col">机关</th> : null}<th scope="col">索引号</th>
                <th scope="col">成文日期</th><th scope="col">公开期限</th><th scope="col">状态</th><th scope="col">期限情况</th>
              </tr>
            </thead>
            <tbody>
              {part.items.map((r: DueEntry) => (
                <tr class={r.due.kind === 'late' ? 'urgency-overdue' : 'urgency-soon'}>
                  <td class="agency"><a href={props.itemHref(r.id)}>{r.title}</a></td>
                  {props.several ? <td data-label="机关">{r.agencyName}</td> : null}
                  <td data-label="索引号">{r.indexNo}</td>
                  <td data-label="成文日期">{dateText(r.formedOn)}</td>
                  <td data-label="公开期限">{dateText(r.publishDue)}{r.publishDueProvisional ? '（暂定：跨入尚无官方节假日安排的年份）' : ''}</td>
                  <td data-label="状态">{r.status === 'published' ? `${dateText(r.publishedOn)}发布` : ITEM_STATUS_LABELS[r.status]}</td>
                  <td data-label="期限情况"><strong class={TAG_CLASS[r.due.kind]}>{DUE_KIND_LABELS[r.due.kind]}</strong> {r.dueText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {part.total > part.items.length ? <p class="hint">只列出前 {part.items.length} 条；请按机关筛选查看。</p> : null}
    </section>
  );
}

/** The page. */
export function DuePage(props: DuePageProps) {
  const { list } = props;
  const several = props.agencyChoices.length > 1;
  return (
    <>
      <h1>主动公开期限</h1>
      <p class="lead">
        《政府信息公开条例》第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起 20 个工作日内及时公开。
        以下按成文日期和工作日历计算，今天是 {dateText(list.today)}。
      </p>
      <p><a href="/catalog/statistics">主动公开统计（表二）</a>　<a href="/catalog/coverage">法定主动公开内容覆盖情况</a></p>
      <form method="get" action="/catalog/due" class="filters" role="search" aria-label="筛选">
        {several ? <SelectField name="agency" label="机关" form={props.filters} blank="全部机关" choices={props.agencyChoices} /> : null}
        <TextField name="days" label="即将到期：几个工作日内" type="number" min={String(DUE_SOON_MIN)} max={String(DUE_SOON_MAX)} inputmode="numeric" form={props.filters} />
        <SelectField name="year" label="超期公开：年度" form={props.filters} choices={props.years.map((y) => ({ value: String(y), label: `${y} 年` }))} />
        <div class="form-group"><button type="submit" class="button">查看</button></div>
      </form>
      {several && list.counts.length > 0 ? (
        <div class="table-wrap">
          <table class="stack-on-phone">
            <caption>按机关统计</caption>
            <thead><tr><th scope="col">机关</th><th scope="col" class="num">逾期未公开</th><th scope="col" class="num">即将到期</th><th scope="col" class="num">{list.year} 年超期公开</th></tr></thead>
            <tbody>
              {list.counts.map((c) => (
                <tr>
                  <td class="agency"><a href={`/catalog/due?agency=${c.agencyId}&days=${list.soonWorkingDays}&year=${list.year}`}>{c.agencyName}</a></td>
                  <td class={c.late > 0 ? 'num count-overdue' : 'num'} data-label="逾期未公开">{c.late}</td>
                  <td class={c.dueSoon > 0 ? 'num count-soon' : 'num'} data-label="即将到期">{c.dueSoon}</td>
                  <td class="num" data-label={`${list.year} 年超期公开`}>{c.publishedLate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Part id="late" title="逾期未公开" intro="尚未发布（草稿或在审核、签发中），公开期限已过。" part={list.late} several={several} itemHref={props.itemHref} empty="没有逾期未公开的信息。" />
      <Part id="due-soon" title={`即将到期（${list.soonWorkingDays} 个工作日内，至 ${dateText(list.soonUntil)}）`} intro="尚未发布，公开期限在今天或之后几个工作日内届满。" part={list.dueSoon} several={several} itemHref={props.itemHref} empty="没有即将到期的信息。" />
      <Part id="published-late" title={`${list.year} 年超期公开`} intro="已发布，但发布日期晚于公开期限。" part={list.publishedLate} several={several} itemHref={props.itemHref} empty="没有超期公开的信息。" />
    </>
  );
}
