/**
 * 政府信息公开目录 and 政策解读: the filters (第二十条 item, 主题分类, 体裁, year, agency, order) as a
 * form of selects sent by GET (no JavaScript), the count, the table, the pager.
 */
import type { PublicItemSummary } from '../../catalog/index.ts';
import { GENRES, TOPICS } from '../../catalog/index.ts';
import type { CatalogParams } from '../catalog-query.ts';
import type { Directory, PortalAgency } from '../directory.ts';
import { article20Number, type Section } from '../urls.ts';
import { ARTICLE20_CHOICES, FilterSelect, yearChoices } from './filter.tsx';
import { ItemTable, Pager } from './item-list.tsx';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** Props of CatalogPage. */
export interface CatalogPageProps {
  directory: Directory;
  agency: PortalAgency;
  section: Extract<Section, 'catalog' | 'interpretations'>;
  params: CatalogParams;
  /** The agencies the agency filter offers (the agency and those under it); one: no filter. */
  agencies: readonly PortalAgency[];
  thisYear: number;
  items: readonly PublicItemSummary[];
  count: { count: number; capped: boolean };
  links: { first: string; previous: string | undefined; next: string | undefined };
  path: string;
}

/** /open/{id}/catalog and /open/{id}/interpretations. */
export function CatalogPage(props: CatalogPageProps) {
  const { agency, params: p } = props;
  const interpretations = props.section === 'interpretations';
  const heading = interpretations ? `${agency.name}政策解读` : `${agency.name}${SECTION_LABELS.catalog}`;
  const total = `${props.count.count}${props.count.capped ? '+' : ''}`;
  return (
    <PortalFrame directory={props.directory} agency={agency} section={props.section} heading={heading} current={SECTION_LABELS[props.section]}>
      <form method="get" action={props.path} class="filters" aria-label="筛选">
        {interpretations ? null : (
          <FilterSelect id="filter-item" name="item" label="信息类别（条例第二十条）" value={p.article20Item ? String(article20Number(p.article20Item)) : ''} blank="全部类别"
            choices={ARTICLE20_CHOICES} />
        )}
        <FilterSelect id="filter-topic" name="topic" label="主题分类" value={p.topic ?? ''} blank="全部主题" choices={TOPICS.map((t) => [t, t] as const)} />
        {interpretations ? null : <FilterSelect id="filter-genre" name="genre" label="体裁" value={p.genre ?? ''} blank="全部体裁" choices={GENRES.map((g) => [g, g] as const)} />}
        <FilterSelect id="filter-year" name="year" label="发布年份" value={p.year ? String(p.year) : ''} blank="全部年份" choices={yearChoices(props.thisYear)} />
        {props.agencies.length > 1 ? (
          <FilterSelect id="filter-agency" name="agency" label="发布机关" value={p.agencyId ? String(p.agencyId) : ''} blank="全部机关" choices={props.agencies.map((a) => [String(a.id), a.name] as const)} />
        ) : null}
        <FilterSelect id="filter-order" name="order" label="排序" value={p.order === 'oldest' ? 'oldest' : ''} blank="发布日期从新到旧" choices={[['oldest', '发布日期从旧到新']]} />
        <div class="form-group"><button type="submit" class="button">筛选</button></div>
      </form>
      <p class="result-count" role="status">共 {total} 条</p>
      {props.items.length === 0 ? <p>没有符合条件的信息。</p> : (
        <ItemTable items={props.items} showAgency={props.agencies.length > 1}
          caption={interpretations ? '政策解读' : '政府信息公开目录'} />
      )}
      <Pager first={props.links.first} previous={props.links.previous} next={props.links.next} />
    </PortalFrame>
  );
}
