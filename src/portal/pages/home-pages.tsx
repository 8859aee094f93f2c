/**
 * The portal's start page (every government with the agencies under it, the newest items of all) and an
 * agency's start page (its columns, its newest items, the agencies under it, its feeds).
 */
import type { PublicItemSummary } from '../../catalog/index.ts';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath, feedPath, SEARCH_PATH } from '../urls.ts';
import { ItemLinks } from './item-list.tsx';
import { PortalFrame, SearchBox, SECTION_LABELS } from './frame.tsx';

/** A branch of the agency tree, as nested lists. */
function AgencyTree(props: { directory: Directory; agencies: readonly PortalAgency[] }) {
  return (
    <ul class="agency-tree">
      {props.agencies.map((a) => {
        const children = props.directory.children.get(a.id) ?? [];
        return (
          <li>
            <a href={agencyPath(a.id)}>{a.name}</a>
            {children.length > 0 ? <AgencyTree directory={props.directory} agencies={children} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** /open: the governments and agencies, the newest items of all, the search box. */
export function PortalHomePage(props: { directory: Directory; latest: readonly PublicItemSummary[] }) {
  return (
    <PortalFrame directory={props.directory} heading="政府信息公开" current="政府信息公开"
      lead="各级人民政府及其部门依据《中华人民共和国政府信息公开条例》主动公开的政府信息：公开指南、公开制度、法定主动公开内容、公开目录、政策解读和年度报告。">
      <SearchBox />
      <div class="portal-home">
        <section aria-labelledby="agencies-heading">
          <h2 id="agencies-heading">公开机关</h2>
          {props.directory.roots.length === 0 ? <p>尚无机关。</p> : <AgencyTree directory={props.directory} agencies={props.directory.roots} />}
        </section>
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">最新公开</h2>
          {props.latest.length === 0 ? <p>尚无公开的信息。</p> : <ItemLinks items={props.latest} />}
          <p><a href={SEARCH_PATH}>搜索全部公开信息</a></p>
        </section>
      </div>
    </PortalFrame>
  );
}

/** /open/{id}: an agency's start page. */
export function AgencyHomePage(props: { directory: Directory; agency: PortalAgency; latest: readonly PublicItemSummary[]; interpretations: readonly PublicItemSummary[] }) {
  const { agency, directory } = props;
  const children = directory.children.get(agency.id) ?? [];
  return (
    <PortalFrame directory={directory} agency={agency} section="home" heading={`${agency.name}政府信息公开`} current={agency.name}>
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">最新公开</h2>
        {props.latest.length === 0 ? <p>尚无公开的信息。</p> : <ItemLinks items={props.latest} />}
        <p><a href={agencyPath(agency.id, 'catalog')}>查看{SECTION_LABELS.catalog}</a></p>
      </section>
      {props.interpretations.length > 0 ? (
        <section aria-labelledby="interpretations-heading">
          <h2 id="interpretations-heading">政策解读</h2>
          <ItemLinks items={props.interpretations} />
          <p><a href={agencyPath(agency.id, 'interpretations')}>查看全部政策解读</a></p>
        </section>
      ) : null}
      {children.length > 0 ? (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading">{agency.kind === 'government' ? '所属部门和下级政府' : '所属机构'}</h2>
          <AgencyTree directory={directory} agencies={children} />
        </section>
      ) : null}
      <section aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">订阅更新</h2>
        <ul>
          <li><a href={agencyPath(agency.id, 'subscribe')}>用电子邮件订阅（政策推送）</a></li>
          <li><a href={feedPath(agency.id, 'atom')} type="application/atom+xml">Atom 订阅源</a></li>
          <li><a href={feedPath(agency.id, 'json')} type="application/feed+json">JSON Feed 订阅源（供其他网站和新媒体转载）</a></li>
        </ul>
      </section>
    </PortalFrame>
  );
}
