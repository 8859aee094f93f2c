/**
 * The syndication feeds (issue 18 §5): Atom (RFC 4287) and JSON Feed 1.1, of an agency's newest
 * published items (with the agencies under it), all or of one 第二十条 item. Pure: the items, the
 * feed's names and addresses in, the document out. An entry carries the item's body when it is not
 * too long (other sites and new-media accounts republish it), else a summary of its text.
 */
import type { PublicItemWithBody } from '../catalog/index.ts';
import { ARTICLE20_LABELS } from '../law/taxonomy.ts';
import { article20Number, itemPath } from './urls.ts';

/** What a feed is about and where it lives (absolute addresses). */
export interface FeedInfo {
  title: string;
  description: string;
  /** The feed's own address. */
  feedUrl: string;
  /** The page it follows. */
  homeUrl: string;
  /** The site's origin, for the entries' addresses. */
  origin: string;
  /** The publishing agency (the feed's author). */
  author: string;
  /** When the feed last changed (no items: this). */
  updated: Date;
}

/** Bodies longer than this (characters of HTML) are summarised in a feed. */
export const MAX_FEED_BODY = 100_000;
/** A summary's length (characters of text). */
const SUMMARY_LENGTH = 300;

/** Characters XML 1.0 does not allow, dropped. */
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML character data or an attribute value. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** An item's 发布日期 as an instant: the start of that day in China. */
const publishedInstant = (item: PublicItemWithBody) => `${item.publishedOn}T00:00:00+08:00`;

/** The first `SUMMARY_LENGTH` characters of the item's text. */
export function summaryOf(item: PublicItemWithBody): string {
  const text = item.bodyText.replace(/\s+/g, ' ').trim();
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH)}…` : text;
}

/** The item's line of facts: 文号, 索引号, 发布机构. */
function factsOf(item: PublicItemWithBody): string {
  return [item.docNo ? `文号：${item.docNo}` : '', `索引号：${item.indexNo}`, `发布机构：${item.publisher}`].filter(Boolean).join('；');
}

/** The newest change among the items, or the feed's own when it has none. */
function updatedOf(info: FeedInfo, items: readonly PublicItemWithBody[]): Date {
  if (items.length === 0) return info.updated;
  return new Date(Math.max(...items.map((item) => item.updatedAt.getTime())));
}

/** The feed as an Atom document. */
export function atomFeed(info: FeedInfo, items: readonly PublicItemWithBody[]): string {
  const entries = items.map((item) => {
    const url = `${info.origin}${itemPath(item.indexNo)}`;
    const categories = [
      item.article20Item ? `<category term="${article20Number(item.article20Item)}" label="${xmlText(ARTICLE20_LABELS[item.article20Item])}"/>` : '',
      item.topic ? `<category term="${xmlText(item.topic)}" scheme="主题分类"/>` : '',
      `<category term="${xmlText(item.genre)}" scheme="体裁"/>`,
    ].join('');
    const content = item.bodyHtml && item.bodyHtml.length <= MAX_FEED_BODY ? `<content type="html">${xmlText(item.bodyHtml)}</content>` : '';
    return `<entry><id>${xmlText(url)}</id><title>${xmlText(item.title)}</title><link rel="alternate" type="text/html" href="${xmlText(url)}"/>`
      + `<published>${publishedInstant(item)}</published><updated>${item.updatedAt.toISOString()}</updated>`
      + `<author><name>${xmlText(item.publisher)}</name></author>${categories}`
      + `<summary type="text">${xmlText(`${factsOf(item)}。${summaryOf(item)}`)}</summary>${content}</entry>`;
  });
  return '<?xml version="1.0" encoding="utf-8"?>\n'
    + '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">'
    + `<id>${xmlText(info.feedUrl)}</id><title>${xmlText(info.title)}</title><subtitle>${xmlText(info.description)}</subtitle>`
    + `<updated>${updatedOf(info, items).toISOString()}</updated>`
    + `<link rel="self" type="application/atom+xml" href="${xmlText(info.feedUrl)}"/><link rel="alternate" type="text/html" href="${xmlText(info.homeUrl)}"/>`
    + `<author><name>${xmlText(info.author)}</name></author><generator>Gongkai</generator>`
    + entries.join('')
    + '</feed>\n';
}

/** The feed as a JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). */
export function jsonFeed(info: FeedInfo, items: readonly PublicItemWithBody[]): Record<string, unknown> {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: info.title,
    description: info.description,
    home_page_url: info.homeUrl,
    feed_url: info.feedUrl,
    language: 'zh-CN',
    authors: [{ name: info.author }],
    items: items.map((item) => {
      const url = `${info.origin}${itemPath(item.indexNo)}`;
      const full = item.bodyHtml !== '' && item.bodyHtml.length <= MAX_FEED_BODY;
      return {
        id: url,
        url,
        title: item.title,
        ...(full ? { content_html: item.bodyHtml } : { content_text: `${factsOf(item)}。${summaryOf(item)}` }),
        summary: summaryOf(item),
        date_published: publishedInstant(item),
        date_modified: item.updatedAt.toISOString(),
        authors: [{ name: item.publisher }],
        tags: [item.article20Item ? ARTICLE20_LABELS[item.article20Item] : null, item.topic, item.genre].filter((t): t is string => t !== null),
        _gongkai: {
          index_no: item.indexNo,
          doc_no: item.docNo,
          agency: item.agencyName,
          published_on: item.publishedOn,
          formed_on: item.formedOn,
          article20_item: item.article20Item ? article20Number(item.article20Item) : null,
          topic: item.topic,
          genre: item.genre,
        },
      };
    }),
  };
}
