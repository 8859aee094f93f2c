/**
 * The XML parts of a DOCX, parsed by htmlparser2 (xmlMode), read for what the report needs.
 *
 * documentXmlToTree: word/document.xml → the tree html-dom.ts's readHtmlTree reads, so a DOCX
 * table reads as the same table in HTML would. w:p → p, w:tbl/w:tr/w:tc → table/tr/td, w:t → text,
 * w:br (text wrapping) and w:cr → br, w:tab → tab. Where WordprocessingML says more, the reading is
 * mammoth's (its convertToHtml was the reference of the old reader):
 * - merged cells: w:gridSpan → colspan; a w:vMerge continue cell is dropped and the cell above it
 *   at the same grid column (counted with gridSpan) gains a row (mammoth's calculateRowSpans);
 *   w:gridBefore/w:gridAfter ignored; a row whose w:trPr holds w:del (a deleted row) is dropped;
 * - tracked changes: w:del and w:moveFrom content dropped, w:ins and w:moveTo kept; a paragraph
 *   whose mark is deleted (w:pPr/w:rPr/w:del) runs on into the next paragraph;
 * - mc:AlternateContent: mc:Fallback read, mc:Choice not; a text box's paragraphs (w:txbxContent)
 *   come after the paragraph that anchors it;
 * - hyperlinks, fields' results, content controls, smart tags, custom XML: their text, in place.
 * Unlike mammoth: a run hidden by w:vanish is not read (Word does not show or print it); note
 * references, symbols (w:sym) and checkboxes give no text (they are not the report's content).
 * Element names are read by namespace, not by prefix (the strict OOXML namespace reads as w:).
 *
 * Damaged XML is refused (SourceReadError) rather than guessed at: an element closed by another
 * element's end tag, or a body that ends before </w:document>.
 */
import { Parser } from 'htmlparser2';
import type { HtmlElement, HtmlNode } from '../html/html-dom.ts';
import { SourceReadError } from '../read-error.ts';

/** Namespaces whose elements are read, by the prefix used for them below. */
const NAMESPACES = new Map([
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w'],
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc'],
]);
/** Prefixes in force where a part declares none (a hand-made fragment). */
const DEFAULT_PREFIXES: ReadonlyMap<string, string> = new Map([['w', 'w'], ['mc', 'mc']]);

/** Elements whose content is not read (deleted or moved-away text, the choice mc:Fallback replaces). */
const DROPPED = new Set(['w:del', 'w:moveFrom', 'mc:Choice']);
/** Output elements, by the element that opens them. */
const FRAMES = new Map([['w:p', 'p'], ['w:tbl', 'table'], ['w:tr', 'tr'], ['w:tc', 'td'], ['w:txbxContent', '#box']]);

interface CellProps {
  colspan: number;
  /** true: w:vMerge continue (or no value); false: restart or no merge. */
  continues: boolean;
}

/** An output element being filled. */
interface Frame {
  node: HtmlElement;
  /** Text boxes anchored in this paragraph: placed after it. */
  extras: HtmlNode[];
  /** The paragraph mark is deleted: its content runs on into the next paragraph. */
  markDeleted: boolean;
}

/** An open XML element. */
interface Open {
  name: string;
  prefixes: ReadonlyMap<string, string>;
  selfClosing: boolean;
  frame?: Frame;
  dropped?: boolean;
  run?: { hidden: boolean };
  text?: string[];
}

const PART = '正文（word/document.xml）';

/**
 * The document body as a tree (its root; the root itself is not an element of the body).
 * Throws SourceReadError when the XML is damaged (see the module comment).
 */
export function documentXmlToTree(xml: string): HtmlElement {
  const root = element('#root');
  const frames: Frame[] = [{ node: root, extras: [], markDeleted: false }];
  const stack: Open[] = [];
  const runs: { hidden: boolean }[] = [];
  const cells = new Map<HtmlElement, CellProps>();
  const deletedRows = new Set<HtmlElement>();
  const tables: HtmlElement[] = [];
  /** Content of paragraphs whose mark is deleted, for the next paragraph. */
  let carried: HtmlNode[] = [];
  let dropping = 0;
  let ending = false;

  const top = (): Frame => frames[frames.length - 1] as Frame;
  const hidden = (): boolean => runs.some((r) => r.hidden);
  const add = (node: HtmlNode): void => {
    if (!hidden()) top().node.children.push(node);
  };

  const parser: Parser = new Parser(
    {
      onopentag(rawName, attrs) {
        const parent = stack[stack.length - 1];
        const prefixes = declare(parent?.prefixes ?? DEFAULT_PREFIXES, attrs);
        const name = qualified(rawName, prefixes);
        const open: Open = { name, prefixes, selfClosing: xml.charCodeAt(parser.endIndex - 1) === 0x2f };
        stack.push(open);
        if (dropping > 0 || DROPPED.has(name)) {
          // A w:del in paragraph or row properties marks the paragraph mark or the row as deleted.
          if (dropping === 0 && name === 'w:del' && parent?.name === 'w:rPr' && stack[stack.length - 3]?.name === 'w:pPr') {
            top().markDeleted = top().node.tag === 'p';
          } else if (dropping === 0 && name === 'w:del' && parent?.name === 'w:trPr') {
            if (top().node.tag === 'tr') deletedRows.add(top().node);
          } else {
            open.dropped = true;
            dropping += 1;
          }
          return;
        }
        const tag = FRAMES.get(name);
        if (tag !== undefined) {
          const frame: Frame = { node: element(tag), extras: [], markDeleted: false };
          if (tag === 'p' && carried.length > 0) {
            frame.node.children.push(...carried);
            carried = [];
          }
          if (tag === 'table') tables.push(frame.node);
          if (tag === 'td') cells.set(frame.node, { colspan: 1, continues: false });
          open.frame = frame;
          frames.push(frame);
          return;
        }
        switch (name) {
          case 'w:r':
            open.run = { hidden: false };
            runs.push(open.run);
            break;
          case 'w:t':
            if (!hidden()) open.text = [];
            break;
          case 'w:tab':
            // In w:pPr/w:tabs a w:tab is a tab stop, not a character.
            if (parent?.name !== 'w:tabs') add('\t');
            break;
          case 'w:br': {
            const type = attribute(attrs, 'type');
            if (type === undefined || type === 'textWrapping') add(element('br'));
            break;
          }
          case 'w:cr':
            add(element('br'));
            break;
          case 'w:noBreakHyphen':
            add('\u2011');
            break;
          case 'w:softHyphen':
            add('\u00ad');
            break;
          case 'w:gridSpan':
          case 'w:vMerge': {
            const props = parent?.name === 'w:tcPr' ? cells.get(top().node) : undefined;
            if (props === undefined) break;
            const val = attribute(attrs, 'val');
            if (name === 'w:vMerge') props.continues = val === undefined || val === 'continue';
            else props.colspan = Number.parseInt(val ?? '', 10) || 1;
            break;
          }
          case 'w:vanish': {
            const run = parent?.name === 'w:rPr' && stack[stack.length - 3]?.run;
            if (run) run.hidden = !OFF.has(attribute(attrs, 'val') ?? 'true');
            break;
          }
          default:
            break;
        }
      },
      ontext(text) {
        stack[stack.length - 1]?.text?.push(text);
      },
      onclosetag(_name, implied) {
        const open = stack.pop();
        if (open === undefined) return;
        if (implied && !open.selfClosing) {
          const why = ending ? '在结尾前中断，文件不完整或已损坏' : `的 XML 有误（<${open.name}> 没有正确结束），文件已损坏`;
          throw new SourceReadError(`无法读取 DOCX 文件：${PART}${why}。`, 'docx.unreadable');
        }
        if (open.dropped) dropping -= 1;
        else if (open.run) runs.pop();
        else if (open.text) {
          const text = open.text.join('');
          if (text !== '') top().node.children.push(text);
        } else if (open.frame) {
          frames.pop();
          closeFrame(open.frame);
        }
      },
    },
    { xmlMode: true },
  );

  function closeFrame(frame: Frame): void {
    const { node, extras } = frame;
    if (node.tag === '#box') {
      const paragraph = frames.findLast((f) => f.node.tag === 'p');
      if (paragraph) paragraph.extras.push(...node.children);
      else top().node.children.push(...node.children);
      return;
    }
    if (frame.markDeleted) {
      carried.push(...node.children);
      top().node.children.push(...extras);
      return;
    }
    top().node.children.push(node, ...extras);
  }

  parser.write(xml);
  ending = true;
  parser.end();
  for (const table of tables) mergeCells(table, cells, deletedRows);
  return root;
}

/** w:val values that switch a toggle property off. */
const OFF = new Set(['false', '0', 'off']);

/** The prefixes in force inside an element: its parent's, with the element's own xmlns declarations. */
function declare(prefixes: ReadonlyMap<string, string>, attrs: Record<string, string>): ReadonlyMap<string, string> {
  let own: Map<string, string> | undefined;
  for (const key in attrs) {
    if (!key.startsWith('xmlns')) continue;
    const prefix = key === 'xmlns' ? '' : key.startsWith('xmlns:') ? key.slice(6) : undefined;
    if (prefix === undefined) continue;
    own ??= new Map(prefixes);
    // An unknown namespace gets a prefix no name here is compared with.
    own.set(prefix, NAMESPACES.get(attrs[key] ?? '') ?? `{${attrs[key] ?? ''}}`);
  }
  return own ?? prefixes;
}

/** An element's name with the prefix this module uses for its namespace (w:, mc:), others as written. */
function qualified(rawName: string, prefixes: ReadonlyMap<string, string>): string {
  const colon = rawName.indexOf(':');
  const mapped = prefixes.get(colon < 0 ? '' : rawName.slice(0, colon));
  if (mapped === undefined) return rawName;
  return mapped === '' ? rawName.slice(colon + 1) : `${mapped}:${rawName.slice(colon + 1)}`;
}

/** A WordprocessingML attribute by its local name (w:val, or the same name under another prefix). */
function attribute(attrs: Record<string, string>, local: string): string | undefined {
  const value = attrs[`w:${local}`];
  if (value !== undefined) return value;
  for (const key in attrs) if (key.endsWith(`:${local}`)) return attrs[key];
  return undefined;
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

function element(tag: string): HtmlElement {
  return { tag, attrs: '', children: [], skip: false };
}

/** An element of a small XML part, as written (no namespace mapping). */
export interface XmlElementInfo {
  name: string;
  attrs: Record<string, string>;
}

/**
 * The first element of a small XML part (docProps, relationships) for which `match` holds (given
 * the element and its parent), with its own text (entities decoded); undefined when there is none.
 */
export function firstElement(
  xml: string,
  match: (element: XmlElementInfo, parent: XmlElementInfo | undefined) => boolean,
): (XmlElementInfo & { text: string }) | undefined {
  const open: XmlElementInfo[] = [];
  let found: (XmlElementInfo & { text: string }) | undefined;
  let text: string[] | undefined;
  let depth = -1;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const info = { name, attrs };
        if (found === undefined && match(info, open[open.length - 1])) {
          found = { ...info, text: '' };
          text = [];
          depth = open.length;
        }
        open.push(info);
      },
      ontext(chunk) {
        if (text !== undefined && open.length === depth + 1) text.push(chunk);
      },
      onclosetag() {
        open.pop();
        if (found !== undefined && text !== undefined && open.length === depth) {
          found.text = text.join('');
          text = undefined;
        }
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return found;
}
