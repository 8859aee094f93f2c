/**
 * A letter as a Word document (Word, WPS, LibreOffice) set as official letters are (GB/T 9704-2012):
 * A4 with its margins, the title in 宋体 二号 centred, the 文号 under it, the body in 仿宋_GB2312 三号
 * on a 28 pt line with a two-character first-line indent, the 落款 (agency, date) at the right.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import type { IFontAttributesProperties } from 'docx';
import type { LetterDocument } from './model.ts';

/** A font for Chinese text: the eastAsia font is what Word, WPS and LibreOffice use for it. */
const font = (eastAsia: string): IFontAttributesProperties => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia, hint: 'eastAsia' });
const BODY_FONT = font('仿宋_GB2312');
const TITLE_FONT = font('宋体');
/** Half-points: 三号 16 pt body, 二号 22 pt title. */
const SIZE = { body: 32, title: 44 };
/** Two characters of 三号 text in twips: the first-line indent, and the 落款's distance from the right margin. */
const TWO_CHARS = 640;
/** A4 in twips, margins of GB/T 9704 (上37 下35 左28 右26 mm). */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 };

const run = (text: string, options: { font?: IFontAttributesProperties; size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: options.font ?? BODY_FONT, size: options.size ?? SIZE.body, bold: options.bold });

function paragraphsOf(letter: LetterDocument): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: letter.documentNumber ? 120 : 480, line: 720, lineRule: 'exact' },
      children: [run(letter.title, { font: TITLE_FONT, size: SIZE.title, bold: true })],
    }),
  ];
  if (letter.documentNumber) out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(letter.documentNumber)] }));
  out.push(new Paragraph({ children: [run(letter.addressee)] }));
  for (const text of letter.paragraphs) {
    out.push(new Paragraph({ indent: { firstLine: TWO_CHARS }, alignment: AlignmentType.JUSTIFIED, children: [run(text)] }));
  }
  // Space for the seal, then the 落款 at the right.
  out.push(new Paragraph({}), new Paragraph({}));
  for (const line of letter.signature) {
    out.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: TWO_CHARS }, children: [run(line)] }));
  }
  return out;
}

/** The Word document of a letter. */
export function buildLetterDocx(letter: LetterDocument): Document {
  return new Document({
    title: letter.title,
    creator: 'Gongkai',
    description: '政府信息公开申请文书',
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 560, lineRule: 'exact' } },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
        },
      },
      children: paragraphsOf(letter),
    }],
  });
}

/** A letter as DOCX bytes. */
export async function renderLetterDocx(letter: LetterDocument): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(buildLetterDocx(letter));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
