/**
 * HTML reader: a saved web page (government CMS page, Word "save as web page") → SourceDocument.
 * Charset: charset.ts; markup (htmlparser2) → lines: html-dom.ts through lines/line-reader.ts;
 * merged table cells: lines/grid.ts.
 */
import type { SourceDocument } from '../../source.ts';
import { htmlSource } from './charset.ts';
import { readHtmlSource } from './html-dom.ts';

/**
 * Reads an HTML page. Never throws on bad markup: an empty or text-only page gives a document
 * with few or no lines.
 *
 * @example readHtml(bytes).lines.find((l) => l.cells[0] === '一、本年新收政府信息公开申请数量')
 *   // → { cells: ['一、本年新收政府信息公开申请数量', '821', '35', '', '', '2', '1', '859'], isTableRow: true }
 */
export function readHtml(bytes: Uint8Array): SourceDocument {
  const source = htmlSource(bytes);
  const { lines, meta, warnings } = readHtmlSource(source.text, source.utf8);
  return { kind: 'html', lines, meta, warnings: [...source.warnings, ...warnings] };
}
