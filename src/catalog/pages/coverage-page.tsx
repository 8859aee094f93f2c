/**
 * 法定主动公开内容覆盖情况 (/catalog/coverage): for each agency the viewer reads, each of 第二十条's fifteen
 * items as 有 (something published, the latest within the agency's limit), 过期 (only older items) or 缺
 * (nothing published) — in words, not colour alone. One agency: a list of the items with their latest
 * date. A supervisor: one table, agency × item. An agency's 机关管理员 sets its limit here.
 */
import { ARTICLE20_ITEMS, ARTICLE20_LABELS, type Article20Item } from '../../law/taxonomy.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import { ErrorSummary, type Choice, type FormState, SelectField, TextField } from '../../platform/http/form.tsx';
import { COVERAGE_LABELS, COVERAGE_MEANINGS, COVERAGE_STATES, DEFAULT_COVERAGE_MAX_AGE_DAYS, type CoverageCell, type CoverageState } from '../coverage.ts';
import type { AgencyCoverage } from '../coverage-service.ts';
import { dateText } from './due-format.ts';

/** Props of the page. */
export interface CoveragePageProps {
  today: string;
  rows: readonly AgencyCoverage[];
  /** Agencies whose limit the viewer may set (机关管理员). */
  settable: readonly Choice[];
  settingsForm: FormState;
  csrfToken: string | undefined;
}

const TAG: Record<CoverageState, string> = { current: 'tag tag-ok', stale: 'tag tag-warning', missing: 'tag tag-error' };

/** '（五）' of an item. */
const numberOf = (item: Article20Item) => /^（[^）]+）/.exec(ARTICLE20_LABELS[item])?.[0] ?? item;
/** The item's words without its number. */
const wordsOf = (item: Article20Item) => ARTICLE20_LABELS[item].replace(/^（[^）]+）/, '');

function Tag(props: { state: CoverageState }) {
  return <strong class={TAG[props.state]}>{COVERAGE_LABELS[props.state]}</strong>;
}

function latestText(cell: CoverageCell): string {
  return cell.latest === null ? '没有已发布的信息' : `最近发布于 ${dateText(cell.latest)}（${cell.ageDays} 天前）`;
}

function OneAgency(props: { row: AgencyCoverage }) {
  return (
    <div class="table-wrap">
      <table class="stack-on-phone">
        <caption>{props.row.agencyName}（过期期限 {props.row.maxAgeDays} 天）</caption>
        <thead><tr><th scope="col">第二十条所列事项</th><th scope="col">情况</th><th scope="col">最近发布</th></tr></thead>
        <tbody>
          {props.row.cells.map((cell) => (
            <tr>
              <td class="agency">{ARTICLE20_LABELS[cell.item]}</td>
              <td data-label="情况"><Tag state={cell.state} /></td>
              <td data-label="最近发布">{latestText(cell)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AllAgencies(props: { rows: readonly AgencyCoverage[] }) {
  return (
    <>
      <p class="scroll-hint">表格较宽，可左右滑动查看。</p>
      <div class="table-wrap" role="region" aria-labelledby="coverage-title" tabindex={0}>
        <table class="statistics-table" id="coverage-table">
          <caption id="coverage-title">各机关第二十条所列事项的覆盖情况</caption>
          <thead>
            <tr>
              <th scope="col">机关</th>
              {ARTICLE20_ITEMS.map((item) => <th scope="col"><abbr title={wordsOf(item)}>{numberOf(item)}</abbr></th>)}
              <th scope="col">缺</th><th scope="col">过期</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <th scope="row">{row.agencyName}</th>
                {row.cells.map((cell) => (
                  <td>
                    <Tag state={cell.state} />
                    <span class="visually-hidden">：{numberOf(cell.item)}{wordsOf(cell.item)}，{latestText(cell)}</span>
                  </td>
                ))}
                <td class="num">{row.summary.missing}</td><td class="num">{row.summary.stale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details class="explanation">
        <summary>第二十条所列事项（表头编号的含义）</summary>
        <ul>{ARTICLE20_ITEMS.map((item) => <li>{ARTICLE20_LABELS[item]}</li>)}</ul>
      </details>
    </>
  );
}

/** The page. */
export function CoveragePage(props: CoveragePageProps) {
  const several = props.rows.length > 1;
  return (
    <>
      <h1>法定主动公开内容覆盖情况</h1>
      <p class="lead">《政府信息公开条例》第二十条所列十五项应当主动公开的政府信息，各项是否有已发布的信息、最近一条是否太久未更新。今天是 {dateText(props.today)}。</p>
      <p><a href="/catalog/due">主动公开期限</a>　<a href="/catalog/statistics">主动公开统计（表二）</a></p>
      <dl class="meta">
        {COVERAGE_STATES.map((s) => (
          <>
            <dt><Tag state={s} /></dt>
            <dd>{COVERAGE_MEANINGS[s]}{s === 'missing' ? '' : `（期限：各机关自定，默认 ${DEFAULT_COVERAGE_MAX_AGE_DAYS} 天）`}</dd>
          </>
        ))}
      </dl>
      {props.rows.length === 0 ? <p>没有可查看的机关。</p> : several ? <AllAgencies rows={props.rows} /> : <OneAgency row={props.rows[0]!} />}
      {props.settable.length > 0 ? (
        <section aria-labelledby="limit-title">
          <h2 id="limit-title">设置过期期限</h2>
          <ErrorSummary errors={props.settingsForm.errors} />
          <form method="post" action="/catalog/coverage/settings" class="admin-fields" novalidate>
            <CsrfField token={props.csrfToken} />
            {props.settable.length > 1
              ? <SelectField name="agency" label="机关" form={props.settingsForm} choices={props.settable} />
              : <input type="hidden" name="agency" value={props.settable[0]!.value} />}
            <TextField name="maxAgeDays" label="最近一条信息超过多少天算“过期”" type="number" min="1" max="3660" inputmode="numeric" width="short" form={props.settingsForm}
              hint={`1–3660 天；留空则用默认的 ${DEFAULT_COVERAGE_MAX_AGE_DAYS} 天。${props.settable.length === 1 ? `（${props.settable[0]!.label}）` : ''}`} />
            <div class="button-row"><button type="submit" class="button">保存</button></div>
          </form>
        </section>
      ) : null}
    </>
  );
}
