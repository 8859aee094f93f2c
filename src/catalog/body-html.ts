/**
 * An item's body (issue 18 §1, §10): HTML as the author pasted or typed it, cleaned by sanitize-html
 * against an allow-list before it is stored, and its plain text (for search and the personal-data
 * scan) read back out of the cleaned HTML with htmlparser2.
 *
 * Kept: headings (h1 becomes h2: the page's own title is the h1), paragraphs, line breaks, lists,
 * tables (with colspan/rowspan/scope), quotations, pre/code, strong/em/b/i/u/s/sub/sup, links with
 * http, https, mailto or relative addresses, images with http, https or relative sources. Dropped:
 * script, style, iframe, object, forms and their contents, every event handler (on…), style and
 * class attributes, javascript:/data:/vbscript: and protocol-relative (//host) addresses.
 */
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

/** The longest body stored (characters of HTML): about 500 pages of text. */
export const MAX_BODY_LENGTH = 2_000_000;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'code',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a', 'img', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup',
    'span', 'div', 'figure', 'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // The contents of these go with them (the default keeps the text of an unknown tag).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'title', 'head'],
  transformTags: { h1: 'h2' },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
};

/** A body cleaned for storage and display. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const BLOCKS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'li', 'dt', 'dd', 'blockquote', 'pre', 'tr', 'caption', 'div', 'figure', 'figcaption', 'table', 'ul', 'ol', 'dl']);
const CELLS = new Set(['td', 'th']);

/**
 * The text of cleaned HTML: a line per block (paragraph, heading, list item, table row; a row's cells
 * separated by spaces), entities decoded, runs of spaces made one.
 *
 * @example bodyText('<p>第一段</p><p>第二段&nbsp;内容</p>') // '第一段\n第二段 内容'
 */
export function bodyText(html: string): string {
  let out = '';
  const parser = new Parser({
    ontext: (text) => {
      out += text;
    },
    onopentag: (name) => {
      if (BLOCKS.has(name)) out += '\n';
      else if (CELLS.has(name)) out += ' ';
    },
    onclosetag: (name) => {
      if (BLOCKS.has(name)) out += '\n';
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return out
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** The body as stored: cleaned HTML and its text. */
export function cleanBody(html: string): { html: string; text: string } {
  const clean = sanitizeBody(html);
  return { html: clean, text: bodyText(clean) };
}
