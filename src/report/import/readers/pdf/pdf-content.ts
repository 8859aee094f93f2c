/**
 * Content-stream interpretation for text (ISO 32000-1 §7.8.2, operators in Annex A): the
 * graphics-state operators that move text (q, Q, cm, §8.4.4), the text object, state,
 * positioning and showing operators (§9.4), marked content (which ends a text item in pdf.js,
 * §14.6) and form XObjects (§8.10). Every other known operator is skipped; an unknown operator,
 * an inline image (BI), a font set through ExtGState or a malformed operand throws Unsupported.
 */
import { loadFont, type FontInfo } from './pdf-font-info.ts';
import { Lexer, PdfName, PdfRef, Unsupported, isDict, isOp, isStream, nameOf, type PdfDict, type PdfValue } from './pdf-objects.ts';
import { cloneState, multiply, translate, type Matrix, type TextState } from './pdf-text-matrix.ts';
import { TextItemBuilder, type TextItem } from './pdf-text-state.ts';
import type { PdfFile } from './pdf-xref.ts';

/** Operators skipped for text (path, colour, clipping, images, compatibility), Annex A Table A.1. */
const SKIPPED = new Set(['b', 'B', 'b*', 'B*', 'BX', 'c', 'CS', 'cs', 'd', 'd0', 'd1', 'EX', 'f', 'F', 'f*', 'G', 'g', 'h', 'i', 'j', 'J', 'K', 'k', 'l', 'm', 'M', 'MP', 'DP', 'n', 're', 'RG', 'rg', 'ri', 's', 'S', 'SC', 'sc', 'SCN', 'scn', 'sh', 'v', 'w', 'W', 'W*', 'y', 'ET', 'Tr']);
const MAX_OPERANDS = 33;
const MAX_FORM_DEPTH = 8;
const MAX_OPERATIONS = 2_000_000;

export interface PageContext {
  file: PdfFile;
  fonts: Map<PdfDict, FontInfo>;
  viewBox: readonly number[];
  items: TextItem[];
  operations: number;
}

/** Interprets one content stream (a page's or a form's) and appends its text items. */
export function runContent(ctx: PageContext, data: Uint8Array, resources: PdfDict | undefined, initial: TextState, forms: Set<number>): void {
  const { file } = ctx;
  const stack: TextState[] = [];
  const b = new TextItemBuilder(initial, ctx.viewBox, ctx.items);
  const lexer = new Lexer(data);
  const args: PdfValue[] = [];
  const num = (i: number): number => {
    const v = args[i];
    if (typeof v !== 'number') throw new Unsupported('operand is not a number');
    return v;
  };
  const need = (op: string, n: number): void => {
    if (args.length !== n) throw new Unsupported(`${op} with ${args.length} operands`);
  };
  const resource = (kind: string, name: PdfValue | undefined): PdfValue | undefined => {
    if (!(name instanceof PdfName)) throw new Unsupported('resource name expected');
    const dict = file.get(resources, kind);
    return isDict(dict) ? file.get(dict, name.name) : undefined;
  };
  for (;;) {
    const t = lexer.next();
    if (t === undefined) break;
    if (!isOp(t)) {
      if (args.length >= MAX_OPERANDS) throw new Unsupported('too many operands');
      args.push(t);
      continue;
    }
    if ((ctx.operations += 1) > MAX_OPERATIONS) throw new Unsupported('too many operations');
    const op = t.op;
    const s = b.state;
    b.begin();
    switch (op) {
      case 'q':
        stack.push(s);
        b.state = cloneState(s);
        break;
      case 'Q':
        b.state = stack.pop() ?? s;
        break;
      case 'cm':
        need(op, 6);
        s.ctm = multiply(s.ctm, [num(0), num(1), num(2), num(3), num(4), num(5)]);
        break;
      case 'BT':
        s.textMatrix = [1, 0, 0, 1, 0, 0];
        s.textLineMatrix = [1, 0, 0, 1, 0, 0];
        break;
      case 'Tf': {
        need(op, 2);
        const name = args[0];
        const size = num(1);
        if (!(name instanceof PdfName)) throw new Unsupported('Tf without a font name');
        if (s.font && name.name === s.fontName && size === s.fontSize) break;
        s.fontName = name.name;
        s.fontSize = size;
        s.font = fontFor(ctx, resource('Font', name));
        break;
      }
      case 'Ts': need(op, 1); s.textRise = num(0); break;
      case 'Tz': need(op, 1); s.textHScale = num(0) / 100; break;
      case 'TL': need(op, 1); s.leading = num(0); break;
      case 'Tc': need(op, 1); s.charSpacing = num(0); break;
      case 'Tw': need(op, 1); s.wordSpacing = num(0); break;
      case 'Td':
      case 'TD':
        need(op, 2);
        if (op === 'TD') s.leading = -num(1);
        translate(s.textLineMatrix, num(0), num(1));
        s.textMatrix = [...s.textLineMatrix];
        break;
      case 'T*':
        nextLine(s);
        break;
      case 'Tm':
        need(op, 6);
        s.textMatrix = [num(0), num(1), num(2), num(3), num(4), num(5)];
        s.textLineMatrix = [...s.textMatrix];
        b.updateAdvanceScale();
        break;
      case 'Tj':
        need(op, 1);
        b.showText(str(args[0]), 0);
        break;
      case "'":
        need(op, 1);
        nextLine(s);
        b.showText(str(args[0]), 0);
        break;
      case '"':
        need(op, 3);
        s.wordSpacing = num(0);
        s.charSpacing = num(1);
        nextLine(s);
        b.showText(str(args[2]), 0);
        break;
      case 'TJ': {
        need(op, 1);
        const parts = args[0];
        if (!Array.isArray(parts) || !s.font) throw new Unsupported('bad TJ');
        // §9.4.3: a number moves the next glyph by -n/1000 text space units (pdf.js applies it after the preceding string).
        const unit = ((s.font.vertical ? 1 : -1) * s.fontSize) / 1000;
        const pending: Uint8Array[] = [];
        for (const p of parts) {
          if (p instanceof Uint8Array) pending.push(p);
          else if (typeof p === 'number' && p !== 0) {
            b.showText(Buffer.concat(pending), p * unit);
            pending.length = 0;
          }
        }
        if (pending.length > 0) b.showText(Buffer.concat(pending), 0);
        break;
      }
      case 'Do': {
        need(op, 1);
        b.flush();
        const ref = isDict(resources) ? file.get(resources, 'XObject') : undefined;
        const raw = isDict(ref) && args[0] instanceof PdfName ? ref.get(args[0].name) : undefined;
        const xobject = file.resolve(raw);
        if (!isStream(xobject)) throw new Unsupported('XObject is not a stream');
        if (nameOf(file.get(xobject.dict, 'Subtype')) !== 'Form') break;
        const key = raw instanceof PdfRef ? raw.num : -1;
        if (forms.has(key) || forms.size >= MAX_FORM_DEPTH) throw new Unsupported('form XObject nesting');
        const state = cloneState(s);
        const matrix = file.get(xobject.dict, 'Matrix');
        if (Array.isArray(matrix) && matrix.length === 6 && matrix.every((v) => typeof v === 'number')) state.ctm = multiply(state.ctm, matrix as Matrix);
        const formResources = file.get(xobject.dict, 'Resources');
        const inner = new Set(forms).add(key);
        runContent(ctx, file.streamBytes(xobject), isDict(formResources) ? formResources : resources, state, inner);
        break;
      }
      case 'gs': {
        need(op, 1);
        const gs = resource('ExtGState', args[0]);
        if (!isDict(gs)) throw new Unsupported('ExtGState missing');
        if (gs.has('Font')) throw new Unsupported('font set through ExtGState');
        break;
      }
      case 'BMC':
      case 'BDC':
      case 'EMC':
        b.flush();
        break;
      default:
        if (!SKIPPED.has(op)) throw new Unsupported(`operator ${op}`);
    }
    args.length = 0;
  }
  b.flush();
}

function nextLine(s: TextState): void {
  translate(s.textLineMatrix, 0, -s.leading);
  s.textMatrix = [...s.textLineMatrix] as Matrix;
}

function str(v: PdfValue | undefined): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new Unsupported('string operand expected');
  return v;
}

function fontFor(ctx: PageContext, dict: PdfValue | undefined): FontInfo {
  if (!isDict(dict)) throw new Unsupported('font resource missing');
  let font = ctx.fonts.get(dict);
  if (!font) {
    font = loadFont(ctx.file, dict);
    ctx.fonts.set(dict, font);
  }
  return font;
}
