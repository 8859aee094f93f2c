/**
 * word/document.xml → the tree html-dom.ts reads, in one regex pass:
 * w:p → p, w:tbl/w:tr/w:tc → table/tr/td, w:t → text, w:br → br, w:tab → tab. Cell merges
 * become colspan/rowspan exactly as mammoth computes them (w:gridSpan → colspan; a
 * w:vMerge continue cell is dropped and the cell above it at the same grid column, counted
 * with gridSpan, gains a row; w:gridBefore ignored), so a table reads as mammoth's HTML of it did.
 *
 * Markup whose reading mammoth defines in ways this pass does not copy (tracked deletions and
 * moves, text boxes, alternate content, notes, symbols, content controls in tables) makes it
 * return undefined: the caller then reads the file through mammoth.
 */
import type { HtmlElement } from '../html/html-dom.ts';

const TAG = /<(\/?)([\w:]+)([^>]*?)(\/?)>/gu;
/** Elements handed to mammoth instead (see the module comment). */
const UNSUPPORTED = new Set([
  'w:del', 'w:moveFrom', 'w:txbxContent', 'mc:AlternateContent', 'w:altChunk', 'w:object', 'w:pict',
  'w:footnoteReference', 'w:endnoteReference', 'w:sym', 'w:subDoc',
]);
const VAL = /\bw:val\s*=\s*"([^"]*)"/u;
const TYPE = /\bw:type\s*=\s*"([^"]*)"/u;

interface CellProps {
  colspan: number;
  /** true: w:vMerge continue (or no value); false: restart or no merge. */
  continues: boolean;
}

/** The document body as a tree (its root), or undefined when mammoth must read it. */
export function documentXmlToTree(xml: string): HtmlElement | undefined {
  const root = el('#root');
  const stack: HtmlElement[] = [root];
  const cells = new Map<HtmlElement, CellProps>();
  const deletedRows = new Set<HtmlElement>();
  const tables: HtmlElement[] = [];
  let current = root;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m !== null; m = TAG.exec(xml)) {
    const closing = m[1] === '/';
    const name = m[2] ?? '';
    const selfClosed = m[4] === '/';
    if (UNSUPPORTED.has(name)) {
      // A deleted table row (w:trPr/w:del) is read by dropping the row, as mammoth does.
      if (name === 'w:del' && current.tag === 'tr') {
        deletedRows.add(current);
        continue;
      }
      return undefined;
    }
    switch (name) {
      case 'w:p':
      case 'w:tbl':
      case 'w:tr':
      case 'w:tc': {
        const tag = name === 'w:p' ? 'p' : name === 'w:tbl' ? 'table' : name === 'w:tr' ? 'tr' : 'td';
        if (closing) {
          if (current.tag !== tag) return undefined;
          stack.pop();
          current = stack[stack.length - 1] ?? root;
          break;
        }
        if (selfClosed) break;
        if (tag === 'table' && current.tag === 'table') return undefined;
        const child = el(tag);
        current.children.push(child);
        stack.push(child);
        current = child;
        if (tag === 'table') tables.push(child);
        if (tag === 'td') cells.set(child, { colspan: 1, continues: false });
        break;
      }
      case 'w:t': {
        if (closing || selfClosed) break;
        const end = xml.indexOf('</w:t>', TAG.lastIndex);
        if (end < 0) return undefined;
        const text = xml.slice(TAG.lastIndex, end);
        current.children.push(text.includes('&') ? decodeXml(text) : text);
        TAG.lastIndex = end + 6;
        break;
      }
      case 'w:tabs': {
        // Tab stops of the paragraph properties, not tab characters.
        if (closing || selfClosed) break;
        const end = xml.indexOf('</w:tabs>', TAG.lastIndex);
        if (end < 0) return undefined;
        TAG.lastIndex = end + 9;
        break;
      }
      case 'w:tab':
        if (!closing) current.children.push('\t');
        break;
      case 'w:noBreakHyphen':
        current.children.push('\u2011');
        break;
      case 'w:softHyphen':
        current.children.push('\u00ad');
        break;
      case 'w:br': {
        const type = TYPE.exec(m[3] ?? '')?.[1];
        if (!closing && (type === undefined || type === 'textWrapping')) current.children.push(el('br'));
        break;
      }
      case 'w:gridSpan': {
        const props = cells.get(current);
        const n = Number.parseInt(VAL.exec(m[3] ?? '')?.[1] ?? '', 10);
        if (props && !closing) props.colspan = Number.isNaN(n) ? 1 : n;
        break;
      }
      case 'w:vMerge': {
        const props = cells.get(current);
        const val = VAL.exec(m[3] ?? '')?.[1];
        if (props && !closing) props.continues = val === undefined || val === 'continue';
        break;
      }
      case 'w:sdt':
        if (current.tag === 'table' || current.tag === 'tr') return undefined;
        break;
      default:
        break;
    }
  }
  if (stack.length !== 1) return undefined;
  for (const table of tables) mergeCells(table, cells, deletedRows);
  return root;
}

/** mammoth's calculateRowSpans: continue cells leave their row and lengthen the cell above. */
function mergeCells(table: HtmlElement, cells: Map<HtmlElement, CellProps>, deletedRows: Set<HtmlElement>): void {
  const rows = table.children.filter((r): r is HtmlElement => typeof r !== 'string' && r.tag === 'tr' && !deletedRows.has(r));
  table.children = rows;
  const rowspans = new Map<HtmlElement, number>();
  const columns = new Map<number, HtmlElement>();
  for (const row of rows) {
    let index = 0;
    const kept: HtmlElement[] = [];
    for (const cell of row.children) {
      if (typeof cell === 'string') continue;
      const props = cells.get(cell) ?? { colspan: 1, continues: false };
      const above = columns.get(index);
      if (props.continues && above) {
        rowspans.set(above, (rowspans.get(above) ?? 1) + 1);
      } else {
        columns.set(index, cell);
        kept.push(cell);
      }
      index += props.colspan;
    }
    row.children = kept;
  }
  for (const row of rows) {
    for (const cell of row.children) {
      if (typeof cell === 'string') continue;
      const colspan = cells.get(cell)?.colspan ?? 1;
      const rowspan = rowspans.get(cell) ?? 1;
      if (colspan !== 1 || rowspan !== 1) cell.attrs = ` colspan="${colspan}" rowspan="${rowspan}"`;
    }
  }
}

function el(tag: string): HtmlElement {
  return { tag, attrs: '', children: [], skip: false };
}

const XML_ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/gu;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character and predefined entity references. */
export function decodeXml(text: string): string {
  return text.replace(XML_ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
