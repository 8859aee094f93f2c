/**
 * Lists of published items: the catalog's table (索引号, 标题, 文号, 发布日期, and 发布机构 when the
 * list covers several agencies), stacked one block per item on phones; the short list of a column's
 * newest items; the pager of a keyset-paged list.
 */
import type { Child } from 'hono/jsx';
import type { PublicItemSummary } from '../../catalog/index.ts';
import { itemPath } from '../urls.ts';

/** A 索引号 that may break after its slashes (it is long and has no spaces). */
export function breakable(indexNo: string): Child {
  const parts = indexNo.split('/');
  return <>{parts.map((p, i) => (i < parts.length - 1 ? <>{p}/<wbr /></> : p))}</>;
}

/** The items as the catalog's table. */
export function ItemTable(props: { items: readonly PublicItemSummary[]; caption: Child; showAgency: boolean }) {
  return (
    <div class="table-wrap">
      <table class="stack-on-phone item-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">索引号</th>
            <th scope="col">标题</th>
            <th scope="col">文号</th>
            {props.showAgency ? <th scope="col">发布机构</th> : null}
            <th scope="col">发布日期</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr>
              <td data-label="索引号" class="index-no">{breakable(item.indexNo)}</td>
              <td data-label="标题" class="item-title"><a href={itemPath(item.indexNo)}>{item.title}</a></td>
              <td data-label="文号">{item.docNo ?? '—'}</td>
              {props.showAgency ? <td data-label="发布机构">{item.agencyName}</td> : null}
              <td data-label="发布日期" class="date"><time datetime={item.publishedOn}>{item.publishedOn}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A short list of items: title and date. */
export function ItemLinks(props: { items: readonly PublicItemSummary[] }) {
  return (
    <ul class="item-links">
      {props.items.map((item) => (
        <li>
          <a href={itemPath(item.indexNo)}>{item.title}</a>
          <span class="item-links-date"><time datetime={item.publishedOn}>{item.publishedOn}</time></span>
        </li>
      ))}
    </ul>
  );
}

/** The links to the pages before and after (absent: no such page). */
export function Pager(props: { previous?: string | undefined; next?: string | undefined; first?: string | undefined }) {
  if (!props.previous && !props.next) return null;
  return (
    <nav class="pager" aria-label="分页">
      <ul>
        {props.first && props.previous ? <li><a href={props.first}>第一页</a></li> : null}
        {props.previous ? <li><a href={props.previous} rel="prev">上一页</a></li> : null}
        {props.next ? <li><a href={props.next} rel="next">下一页</a></li> : null}
      </ul>
    </nav>
  );
}
