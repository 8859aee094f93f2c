/**
 * HTML markup or a DOCX body tree → SourceDocument lines, both through html-lines.ts's
 * LineReader: a page's markup as html-markup.ts reads it, a tree (docx-xml.ts builds one from
 * word/document.xml) walked element by element.
 */
import type { SourceDocument } from '../../source.ts';
import { LineReader } from '../lines/line-reader.ts';
import { readMarkup } from './html-markup.ts';
import { tagFacts } from '../lines/tags.ts';

/** An element: lower-case tag, its raw attribute source (read of td/th only), children in order. */
export interface HtmlElement {
  tag: string;
  attrs: string;
  children: HtmlNode[];
  /** Dropped with its content. */
  skip: boolean;
}

/** A child: an element, or text. */
export type HtmlNode = HtmlElement | string;

type Lines = Pick<SourceDocument, 'lines' | 'meta' | 'warnings'>;

/**
 * Lines, metadata and warnings of a page's markup. With `utf8`, `html` is those bytes as latin1
 * (html-charset.ts's HtmlSource); without, `html` is the decoded page (read as its UTF-8 bytes).
 */
export function readHtmlString(html: string, utf8?: Buffer): Lines {
  const bytes = utf8 ?? Buffer.from(html, 'utf8');
  const latin1 = utf8 ? html : bytes.toString('latin1');
  const reader = new LineReader(latin1, bytes);
  readMarkup(latin1, bytes, reader);
  reader.finish();
  return { lines: reader.lines, meta: reader.meta(), warnings: reader.warnings };
}

/** Lines and warnings of a tree whose root's children are the body (the root itself is not an element of it). */
export function readHtmlTree(root: HtmlElement): Pick<SourceDocument, 'lines' | 'warnings'> {
  const reader = new LineReader();
  // Iteratively: a tree may be deeper than the call stack.
  const stack: { element: HtmlElement; next: number }[] = [{ element: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { element: HtmlElement; next: number };
    if (top.next === top.element.children.length) {
      stack.pop();
      if (stack.length > 0) reader.close();
      continue;
    }
    const child = top.element.children[top.next++] as HtmlNode;
    if (typeof child === 'string') {
      reader.string(child);
      continue;
    }
    reader.open(tagFacts(child.tag), child.skip, child.attrs, false);
    stack.push({ element: child, next: 0 });
  }
  reader.finish();
  return { lines: reader.lines, warnings: reader.warnings };
}
