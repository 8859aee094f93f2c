/**
 * The text state of the graphics state (ISO 32000-1 §9.3, Table 104, with the CTM of §8.4.1) and
 * the matrix arithmetic of §8.3.4 and §9.4.4, as pdf.js computes them (same operand order, so
 * that rounding agrees).
 */
import type { FontInfo } from './pdf-font-info.ts';

export type Matrix = [number, number, number, number, number, number];

export interface TextState {
  ctm: Matrix;
  font: FontInfo | undefined;
  fontName: string | undefined;
  fontSize: number;
  textMatrix: Matrix;
  textLineMatrix: Matrix;
  charSpacing: number;
  wordSpacing: number;
  leading: number;
  textHScale: number;
  textRise: number;
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function newState(ctm: Matrix = IDENTITY): TextState {
  return { ctm: [...ctm], font: undefined, fontName: undefined, fontSize: 0, textMatrix: [...IDENTITY], textLineMatrix: [...IDENTITY], charSpacing: 0, wordSpacing: 0, leading: 0, textHScale: 1, textRise: 0 };
}

export function cloneState(s: TextState): TextState {
  // An explicit literal: object spread of this shape is several times slower in V8, and q (§8.4.2) is frequent.
  return {
    ctm: [s.ctm[0], s.ctm[1], s.ctm[2], s.ctm[3], s.ctm[4], s.ctm[5]],
    font: s.font,
    fontName: s.fontName,
    fontSize: s.fontSize,
    textMatrix: [s.textMatrix[0], s.textMatrix[1], s.textMatrix[2], s.textMatrix[3], s.textMatrix[4], s.textMatrix[5]],
    textLineMatrix: [s.textLineMatrix[0], s.textLineMatrix[1], s.textLineMatrix[2], s.textLineMatrix[3], s.textLineMatrix[4], s.textLineMatrix[5]],
    charSpacing: s.charSpacing,
    wordSpacing: s.wordSpacing,
    leading: s.leading,
    textHScale: s.textHScale,
    textRise: s.textRise,
  };
}

/** m1 × m2 in pdf.js's Util.transform order (§8.3.4: the CTM update is args × CTM). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** Translates the text matrix by (tx, ty) in text space (§9.4.4). */
export function translate(m: Matrix, tx: number, ty: number): void {
  m[4] = m[0] * tx + m[2] * ty + m[4];
  m[5] = m[1] * tx + m[3] * ty + m[5];
}

