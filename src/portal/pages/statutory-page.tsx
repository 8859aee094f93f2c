/**
 * 法定主动公开内容: for each item of 条例第二十条, the newest published items and a link to all of them
 * in the catalog. An item with nothing published says so: the gap an evaluator looks for first.
 */
import type { PublicItemSummary } from '../../catalog/index.ts';
import { ARTICLE20_ITEMS, ARTICLE20_LABELS, type Article20Item } from '../../law/taxonomy.ts';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath, article20Number } from '../urls.ts';
import { ItemLinks } from './item-list.tsx';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** /open/{id}/statutory. */
export function StatutoryPage(props: {
  directory: Directory;
  agency: PortalAgency;
  article20: ReadonlyMap<Article20Item, readonly PublicItemSummary[]>;
}) {
  const { agency } = props;
  const catalog = agencyPath(agency.id, 'catalog');
  return (
    <PortalFrame directory={props.directory} agency={agency} section="statutory" heading={`${agency.name}${SECTION_LABELS.statutory}`} current={SECTION_LABELS.statutory}
      lead="按《中华人民共和国政府信息公开条例》第二十条所列各项，列出本机关最近公开的信息。">
      <ol class="statutory-list">
        {ARTICLE20_ITEMS.map((key) => {
          const items = props.article20.get(key) ?? [];
          const id = `item-${article20Number(key)}`;
          return (
            <li>
              <section aria-labelledby={id}>
                <h2 id={id}>{ARTICLE20_LABELS[key]}</h2>
                {items.length === 0 ? <p class="muted">尚未公开此项信息。</p> : (
                  <>
                    <ItemLinks items={items} />
                    <p><a href={`${catalog}?item=${article20Number(key)}`}>查看此项全部信息</a></p>
                  </>
                )}
              </section>
            </li>
          );
        })}
      </ol>
    </PortalFrame>
  );
}
