/**
 * The public search page: the query with its filters (agency, 第二十条 item, year, order), the results
 * with the words found marked, the pager. The catalog's search (searchItems) does the work.
 */
import type { SearchResult } from '../../catalog/index.ts';
import type { Directory, PortalAgency } from '../directory.ts';
import { SEARCH_PATH } from '../urls.ts';
import { ARTICLE20_CHOICES, FilterSelect, yearChoices } from './filter.tsx';
import { PortalFrame } from './frame.tsx';
import { Pager } from './item-list.tsx';

/** What was asked. */
export interface SearchForm {
  q: string;
  agencyId: number | undefined;
  article20: string;
  year: string;
  order: 'relevance' | 'date';
  page: number;
}

/** Parts of a title or snippet, the words found marked. */
function Marked(props: { parts: readonly { text: string; hit: boolean }[] }) {
  return <>{props.parts.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}</>;
}

/** The query string of a search (a page of it). */
export function searchQueryString(f: SearchForm, page: number): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.agencyId) q.set('agencyId', String(f.agencyId));
  if (f.article20) q.set('article20Item', f.article20);
  if (f.year) q.set('year', f.year);
  if (f.order !== 'relevance') q.set('order', f.order);
  if (page > 1) q.set('page', String(page));
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** /open/search. `result` is absent before anything is asked; `problem` is a refused query's message. */
export function SearchPage(props: { directory: Directory; agency: PortalAgency | undefined; agencies: readonly PortalAgency[]; form: SearchForm; thisYear: number; result: SearchResult | undefined; problem: string | undefined }) {
  const { form, result } = props;
  return (
    <PortalFrame directory={props.directory} heading="搜索公开的政府信息" current="搜索">
      <form method="get" action={SEARCH_PATH} role="search" class="search-form">
        <div class="form-group">
          <label for="search-q">搜索词、文号或索引号</label>
          <span class="hint" id="search-q-hint">例如：非遗、行政许可、太文旅发〔2023〕5号</span>
          <input type="search" id="search-q" name="q" value={form.q} maxlength={100} class="input-long" aria-describedby="search-q-hint" />
        </div>
        <div class="filters">
          <FilterSelect id="search-agency" name="agencyId" label="发布机关（含所属机构）" value={form.agencyId ? String(form.agencyId) : ''} blank="全部机关"
            choices={props.agencies.map((a) => [String(a.id), a.name] as const)} />
          <FilterSelect id="search-item" name="article20Item" label="信息类别" value={form.article20} blank="全部类别" choices={ARTICLE20_CHOICES} />
          <FilterSelect id="search-year" name="year" label="发布年份" value={form.year} blank="全部年份" choices={yearChoices(props.thisYear)} />
          <FilterSelect id="search-order" name="order" label="排序" value={form.order} choices={[['relevance', '按相关程度'], ['date', '按发布日期']]} />
          <div class="form-group"><button type="submit" class="button">搜索</button></div>
        </div>
      </form>
      {props.problem ? <div class="error-summary" role="alert"><h2>无法搜索</h2><p>{props.problem}</p></div> : null}
      {result ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">搜索结果</h2>
          <p role="status">
            {result.exact === 'docNo' ? '按文号查到' : result.exact === 'indexNo' ? '按索引号查到' : '找到'} {result.total}{result.capped ? '+' : ''} 条
            {result.pages > 1 ? `，第 ${result.page} / ${result.pages} 页` : ''}
          </p>
          {result.items.length === 0 ? <p>没有找到符合条件的信息。请换一个词，或减少筛选条件。</p> : (
            <ol class="search-results" start={(result.page - 1) * result.pageSize + 1}>
              {result.items.map((hit) => (
                <li>
                  <h3><a href={hit.url}><Marked parts={hit.titleParts} /></a></h3>
                  <p class="search-snippet"><Marked parts={hit.snippetParts} /></p>
                  <p class="search-meta">
                    <span>{hit.agency}</span>
                    {hit.docNo ? <span>{hit.docNo}</span> : null}
                    <span>发布日期 <time datetime={hit.publishedOn}>{hit.publishedOn}</time></span>
                    <span>索引号 {hit.indexNo}</span>
                  </p>
                </li>
              ))}
            </ol>
          )}
          <Pager first={result.page > 2 ? `${SEARCH_PATH}${searchQueryString(form, 1)}` : undefined}
            previous={result.page > 1 ? `${SEARCH_PATH}${searchQueryString(form, result.page - 1)}` : undefined}
            next={result.page < result.pages ? `${SEARCH_PATH}${searchQueryString(form, result.page + 1)}` : undefined} />
        </section>
      ) : null}
    </PortalFrame>
  );
}
