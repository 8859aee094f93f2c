/**
 * An item's page (/items/{索引号}): the catalog guidance's metadata as a table (索引号, 发布机构,
 * 成文日期, 发布日期, 文号, 主题分类, 体裁, 有效性, 公开方式, 公开范围, 信息类别), the body, the
 * attachments (downloads), and the related items (a 政策解读 and the documents it interprets).
 */
import { raw } from 'hono/html';
import { INTERPRETATION_GENRE, VALIDITY_LABELS, type PublicItem } from '../../catalog/index.ts';
import { ARTICLE20_LABELS, ARTICLE21_INFO } from '../../law/taxonomy.ts';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath, attachmentPath } from '../urls.ts';
import { ItemLinks } from './item-list.tsx';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** A size in words: 12.3 KB, 1.2 MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const MEDIA_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
};

/** /items/{索引号}. `bodyHtml` is the item's body as cleaned for the page. */
export function ItemPage(props: { directory: Directory; agency: PortalAgency | undefined; item: PublicItem; bodyHtml: string }) {
  const { item } = props;
  const category = item.article20Item ? ARTICLE20_LABELS[item.article20Item]
    : item.article21Item ? `第二十一条：${ARTICLE21_INFO[item.article21Item].label}` : null;
  const validity = item.validityChangedOn ? `${VALIDITY_LABELS[item.validity]}（${item.validityChangedOn}起）` : VALIDITY_LABELS[item.validity];
  const rows: [string, string | null][] = [
    ['索引号', item.indexNo], ['发布机构', item.publisher], ['成文日期', item.formedOn], ['发布日期', item.publishedOn],
    ['文号', item.docNo], ['主题分类', item.topic], ['体裁', item.genre], ['信息类别', category], ['有效性', validity],
    ['公开方式', item.disclosureMode], ['公开范围', item.disclosureScope],
  ];
  const interpretation = item.genre === INTERPRETATION_GENRE;
  const crumbs = props.agency ? [{ href: agencyPath(props.agency.id, interpretation ? 'interpretations' : 'catalog'), label: interpretation ? '政策解读' : SECTION_LABELS.catalog }] : [];
  return (
    <PortalFrame directory={props.directory} agency={props.agency} section={interpretation ? 'interpretations' : 'catalog'} heading={item.title} crumbs={crumbs}>
      {item.validity === 'valid' ? null : <p class="notice-warning">本文件已{VALIDITY_LABELS[item.validity]}{item.validityChangedOn ? `（${item.validityChangedOn}起）` : ''}，仅供查阅。</p>}
      <div class="table-wrap">
        <table class="item-meta">
          <caption class="visually-hidden">信息的目录信息</caption>
          <tbody>
            {rows.map(([label, value]) => (
              <tr>
                <th scope="row">{label}</th>
                <td>{value ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="body-heading">
        <h2 id="body-heading" class="visually-hidden">正文</h2>
        <div class="rich-text item-body">{props.bodyHtml ? raw(props.bodyHtml) : <p class="muted">（无正文，见附件。）</p>}</div>
      </section>
      {item.attachments.length > 0 ? (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">附件</h2>
          <ul class="attachments">
            {item.attachments.map((f) => (
              <li>
                <a href={attachmentPath(item.indexNo, f.position)} download={f.fileName}>{f.fileName}</a>
                <span class="muted">（{MEDIA_LABELS[f.mediaType] ?? f.mediaType}，{sizeText(f.sizeBytes)}）</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {item.related.length > 0 ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">{interpretation ? '解读的政策文件' : item.related.every((r) => r.genre === INTERPRETATION_GENRE) ? '相关解读' : '相关信息'}</h2>
          <ItemLinks items={item.related} />
        </section>
      ) : null}
    </PortalFrame>
  );
}
