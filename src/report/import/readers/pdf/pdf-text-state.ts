/**
 * The text state (ISO 32000-1 §9.3, §9.4) and the grouping of shown glyphs into text items,
 * ported from pdf.js's getTextContent (evaluator.js: buildTextContentItem,
 * compareWithLastPosition, addFakeSpaces, flushTextContentItem) so that the fast path gives the
 * items pdf.js gives: same strings, transforms and widths. Whitespace-only items, which the
 * reader drops, are not produced.
 */
import type { FontInfo } from './pdf-font-info.ts';
import { Unsupported } from './pdf-objects.ts';
import { IDENTITY, multiply, translate, type Matrix, type TextState } from './pdf-text-matrix.ts';

/** A text item as pdf.js gives it (the fields the reader uses). */
export interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** pdf.js's getCharUnicodeCategory, regular expression included. */
const CATEGORY = /^(\s)|(\p{Mn})|(\p{Cf})$/u;
const categories = new Map<string, { ws: boolean; diacritic: boolean; invisible: boolean }>();
function category(ch: string): { ws: boolean; diacritic: boolean; invisible: boolean } {
  let c = categories.get(ch);
  if (!c) {
    const m = CATEGORY.exec(ch);
    c = { ws: !!m?.[1], diacritic: !!m?.[2], invisible: !!m?.[3] };
    if (categories.size < 10_000) categories.set(ch, c);
  }
  return c;
}

/** Right-to-left characters need pdf.js's bidi pass: not done here. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/** One text run being built (pdf.js's textContentItem). */
interface Current {
  initialized: boolean;
  str: string[];
  totalWidth: number;
  totalHeight: number;
  width: number;
  height: number;
  vertical: boolean;
  prevTransform: Matrix | undefined;
  prevTextRise: number;
  textAdvanceScale: number;
  spaceInFlowMin: number;
  spaceInFlowMax: number;
  trackingSpaceMin: number;
  negativeSpaceMax: number;
  notASpace: number;
  transform: Matrix;
}

/** Builds text items from shown strings; one per content stream (a form XObject gets its own, as in pdf.js). */
export class TextItemBuilder {
  private readonly x: Current = { initialized: false, str: [], totalWidth: 0, totalHeight: 0, width: 0, height: 0, vertical: false, prevTransform: undefined, prevTextRise: 0, textAdvanceScale: 0, spaceInFlowMin: 0, spaceInFlowMax: 0, trackingSpaceMin: Infinity, negativeSpaceMax: -Infinity, notASpace: -Infinity, transform: [...IDENTITY] };
  private readonly last = [' ', ' '];
  private lastAt = 0;
  /** The state at the last font change (pdf.js's `preprocessor state clone`). */
  private fontState: { fontSize: number; fontName: string | undefined; font: FontInfo | undefined } | undefined;
  state: TextState;

  constructor(state: TextState, private readonly viewBox: readonly number[], readonly items: TextItem[]) {
    this.state = state;
  }

  private saveLastChar(ch: string): boolean {
    const other = (this.lastAt + 1) % 2;
    const add = this.last[this.lastAt] !== ' ' && this.last[other] === ' ';
    this.last[this.lastAt] = ch;
    this.lastAt = other;
    return add;
  }
  private shouldAddWhitespace(): boolean {
    return this.last[this.lastAt] !== ' ' && this.last[(this.lastAt + 1) % 2] === ' ';
  }
  private resetLastChars(): void {
    this.last[0] = ' ';
    this.last[1] = ' ';
    this.lastAt = 0;
  }

  /** The text rendering matrix with the font size (§9.4.4). */
  private textTransform(): Matrix {
    const s = this.state;
    return multiply(s.ctm, multiply(s.textMatrix, [s.fontSize * s.textHScale, 0, 0, s.fontSize, 0, s.textRise]));
  }

  /** Marks the start of a new state (pdf.js takes it once per stream, at its first operator). */
  begin(): void {
    this.fontState ??= { fontSize: this.state.fontSize, fontName: this.state.fontName, font: this.state.font };
  }

  private ensureItem(): Current {
    const x = this.x;
    if (x.initialized) return x;
    const s = this.state;
    const t = (x.transform = this.textTransform());
    if (s.font?.vertical) {
      x.width = x.totalWidth = Math.hypot(t[0], t[1]);
      x.height = x.totalHeight = 0;
      x.vertical = true;
    } else {
      x.width = x.totalWidth = 0;
      x.height = x.totalHeight = Math.hypot(t[2], t[3]);
      x.vertical = false;
    }
    x.textAdvanceScale = Math.hypot(s.ctm[0], s.ctm[1]) * Math.hypot(s.textLineMatrix[0], s.textLineMatrix[1]);
    const fs = s.fontSize;
    x.trackingSpaceMin = fs * 0.102;
    x.notASpace = fs * 0.03;
    x.negativeSpaceMax = fs * -0.2;
    x.spaceInFlowMin = fs * 0.102;
    x.spaceInFlowMax = fs * 0.6;
    x.initialized = true;
    return x;
  }

  /** After Tm: a new scale of advances (pdf.js's updateAdvanceScale). */
  updateAdvanceScale(): void {
    const x = this.x;
    if (!x.initialized) return;
    const s = this.state;
    const scale = Math.hypot(s.ctm[0], s.ctm[1]) * Math.hypot(s.textLineMatrix[0], s.textLineMatrix[1]);
    if (scale === x.textAdvanceScale) return;
    if (x.vertical) {
      x.totalHeight += x.height * x.textAdvanceScale;
      x.height = 0;
    } else {
      x.totalWidth += x.width * x.textAdvanceScale;
      x.width = 0;
    }
    x.textAdvanceScale = scale;
  }

  flush(): void {
    const x = this.x;
    if (!x.initialized) return;
    if (x.vertical) x.totalHeight += x.height * x.textAdvanceScale;
    else x.totalWidth += x.width * x.textAdvanceScale;
    const str = x.str.join('');
    if (!x.vertical && RTL.test(str)) throw new Unsupported('right-to-left text');
    this.items.push({ str, transform: x.transform, width: Math.abs(x.totalWidth), height: Math.abs(x.totalHeight) });
    x.initialized = false;
    x.str.length = 0;
  }

  private appendEOL(): void {
    this.resetLastChars();
    if (this.x.initialized) this.flush();
  }

  /** pdf.js's addFakeSpaces: a gap within a word-space range becomes ' ', a larger one splits the item. */
  private addFakeSpaces(gap: number, sign: number): boolean {
    const x = this.x;
    if (sign * x.spaceInFlowMin <= gap && gap <= sign * x.spaceInFlowMax) {
      if (x.initialized) {
        this.resetLastChars();
        x.str.push(' ');
      }
      return false;
    }
    this.flush();
    this.resetLastChars();
    return true;
  }

  /** pdf.js's compareWithLastPosition: false when the glyph is outside the page; splits or spaces the item by the gap. */
  private compareWithLastPosition(glyphWidth: number): boolean {
    const t = this.textTransform();
    let px = t[4];
    let py = t[5];
    const vb = this.viewBox;
    const vertical = this.state.font?.vertical === true;
    const v0 = vb[0] ?? 0;
    const v1 = vb[1] ?? 0;
    const v2 = vb[2] ?? 0;
    const v3 = vb[3] ?? 0;
    if (vertical ? px < v0 || px > v2 || py + glyphWidth < v1 || py > v3 : px + glyphWidth < v0 || px > v2 || py < v1 || py > v3) return false;
    const x = this.x;
    const prev = x.prevTransform;
    if (!this.state.font || !prev) return true;
    let lx = prev[4];
    let ly = prev[5];
    if (lx === px && ly === py) return true;
    let rotation = -1;
    if (t[0] && t[1] === 0 && t[2] === 0) rotation = t[0] > 0 ? 0 : 180;
    else if (t[1] && t[0] === 0 && t[3] === 0) rotation = t[1] > 0 ? 90 : 270;
    if (rotation === 90) [px, py, lx, ly] = [py, px, ly, lx];
    else if (rotation === 180) [px, py, lx, ly] = [-px, -py, -lx, -ly];
    else if (rotation === 270) [px, py, lx, ly] = [-py, -px, -ly, -lx];
    else if (rotation === -1) {
      [px, py] = inverseRotation(px, py, t);
      [lx, ly] = inverseRotation(lx, ly, prev);
    }
    // Along the line (x for horizontal, -y for vertical writing, §9.7.4.3) and across it.
    const advance = (vertical ? ly - py : px - lx) / x.textAdvanceScale;
    const cross = vertical ? px - lx : py - ly;
    const extent = vertical ? x.width : x.height;
    const sign = Math.sign(vertical ? x.height || x.totalHeight : x.width || x.totalWidth);
    if (advance < sign * x.negativeSpaceMax) {
      if (Math.abs(cross) > 0.5 * extent) this.appendEOL();
      else {
        this.resetLastChars();
        this.flush();
      }
      return true;
    }
    // A baseline moved by Ts (§9.3.7) is not a new line (horizontal only, as in pdf.js).
    const riseDiff = vertical ? 0 : this.state.textRise - x.prevTextRise;
    const drift = riseDiff === 0 ? cross : cross - (t[3] / this.state.fontSize) * riseDiff;
    if (Math.abs(drift) > extent) {
      this.appendEOL();
      return true;
    }
    if (advance <= sign * x.notASpace) this.resetLastChars();
    if (advance <= sign * x.trackingSpaceMin) {
      if (this.shouldAddWhitespace()) {
        this.resetLastChars();
        this.flush();
      } else if (vertical) x.height += advance;
      else x.width += advance;
    } else if (!this.addFakeSpaces(advance, sign)) {
      if (x.str.length === 0) this.resetLastChars();
      else if (vertical) x.height += advance;
      else x.width += advance;
    }
    if (Math.abs(cross) > extent * 0.25) this.flush();
    return true;
  }

  /**
   * Shows a string (Tj, and each string of TJ with the adjustment after it), §9.4.3: each glyph
   * advances the text matrix by its width (or vertical displacement) plus Tc, and Tw for code 32.
   */
  showText(bytes: Uint8Array, extraSpacing: number): void {
    const s = this.state;
    const font = s.font;
    if (!font) throw new Unsupported('text without a font');
    const prev = this.fontState;
    if (prev && (prev.fontSize !== s.fontSize || (prev.fontName !== s.fontName && (prev.font?.name !== font.name || prev.font.vertical !== font.vertical)))) {
      this.flush();
      this.fontState = { fontSize: s.fontSize, fontName: s.fontName, font };
    }
    const vertical = font.vertical;
    const charSpacing = vertical ? -s.charSpacing : s.charSpacing;
    if (bytes.length === 0) {
      const w = charSpacing + extraSpacing;
      if (w) {
        if (vertical) translate(s.textMatrix, 0, -w);
        else translate(s.textMatrix, w * s.textHScale, 0);
      }
      return;
    }
    if (font.twoByte && bytes.length % 2 !== 0) throw new Unsupported('odd byte count for a two-byte font');
    const step = font.twoByte ? 2 : 1;
    const count = bytes.length / step;
    const scale = 0.001 * s.fontSize;
    for (let g = 0; g < count; g += 1) {
      const code = step === 2 ? ((bytes[2 * g] ?? 0) << 8) | (bytes[2 * g + 1] ?? 0) : bytes[g] ?? 0;
      const unicode = font.toUnicode.get(code);
      if (unicode === undefined || unicode === '') throw new Unsupported('code without a ToUnicode entry');
      const cat = category(unicode);
      if (cat.invisible) continue;
      let spacing = charSpacing + (g + 1 === count ? extraSpacing : 0);
      let w = font.widths.get(code) ?? font.defaultWidth;
      if (vertical) w = (font.vmetrics.get(code) ?? font.defaultVMetrics)[0] ?? -1000;
      let advance = w * scale;
      if (code === 32) spacing += s.wordSpacing;
      if (cat.ws) {
        if (vertical) {
          spacing += -advance;
          translate(s.textMatrix, 0, -spacing);
        } else {
          spacing += advance;
          translate(s.textMatrix, spacing * s.textHScale, 0);
        }
        this.saveLastChar(' ');
        continue;
      }
      if (!cat.diacritic && !this.compareWithLastPosition(advance)) {
        if (vertical) translate(s.textMatrix, 0, advance);
        else translate(s.textMatrix, advance * s.textHScale, 0);
        continue;
      }
      const x = this.ensureItem();
      if (cat.diacritic) advance = 0;
      if (vertical) {
        translate(s.textMatrix, 0, advance);
        advance = Math.abs(advance);
        x.height += advance;
      } else {
        advance *= s.textHScale;
        translate(s.textMatrix, advance, 0);
        x.width += advance;
      }
      if (advance) {
        x.prevTransform = this.textTransform();
        x.prevTextRise = s.textRise;
      }
      if (this.saveLastChar(unicode)) x.str.push(' ');
      x.str.push(unicode);
      if (spacing) {
        if (vertical) translate(s.textMatrix, 0, -spacing);
        else translate(s.textMatrix, spacing * s.textHScale, 0);
      }
    }
  }
}

function inverseRotation(x: number, y: number, m: Matrix): [number, number] {
  const n = Math.hypot(m[0], m[1]);
  return [(m[0] * x + m[1] * y) / n, (m[2] * x + m[3] * y) / n];
}
