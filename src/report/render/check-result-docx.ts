/**
 * The 检查意见 (check-result.ts) as a DOCX for Word, WPS and LibreOffice, set as the report DOCX
 * (docx.ts) is: A4 with the margins of GB/T 9704, fonts named for Chinese (eastAsia) — 宋体 title,
 * 黑体 headings, 仿宋_GB2312 body — 三号 body text on a 28 pt line. The cells under each finding
 * are set a size smaller so that a long list stays readable.
 */
import { AlignmentType, Document, HeadingLevel, Paragraph, TextRun } from 'docx';
import { BODY_FONT, HEADING_FONT, PAGE_PROPERTIES, packDocx, TITLE_FONT } from './docx-style.ts';
import type { CheckResult } from './check-result.ts';

/** Half-points: 三号 16pt body, 二号 22pt title, 四号 14pt for the cells. */
const SIZE = { body: 32, title: 44, cells: 28 };
/** Two characters of 三号 text, in twips: the first-line indent of a paragraph. */
const INDENT = 640;

function run(text: string, size: number = SIZE.body): TextRun {
  return new TextRun({ text, font: BODY_FONT, size });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED, children: [run(text)] });
}

/** A line naming a cell and its value: indented under the finding, a size smaller, on a tighter line. */
function cellParagraph(text: string): Paragraph {
  return new Paragraph({
    indent: { left: INDENT * 2 + SIZE.cells * 10, hanging: SIZE.cells * 10 }, // a wrapped line hangs one character in
    spacing: { line: 400, lineRule: 'exact' },
    children: [run(text, SIZE.cells)],
  });
}

function bodyOf(result: CheckResult): Paragraph[] {
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: result.title })] })];
  if (result.addressee !== undefined) children.push(new Paragraph({ children: [run(result.addressee)] }));
  for (const text of result.opening) children.push(bodyParagraph(text));
  for (const group of result.groups) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: group.heading })] }));
    children.push(bodyParagraph(group.ask));
    for (const item of group.items) {
      children.push(bodyParagraph(`${item.number}. ${item.message}`));
      if (item.cells.length > 0) children.push(cellParagraph(item.cellsHeading));
      for (const line of item.cells) children.push(cellParagraph(line));
    }
  }
  children.push(bodyParagraph(result.closing));
  children.push(new Paragraph({}));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`检查日期：${result.checkedOnText}`)] }));
  return children;
}

/** Builds the Word document of a 检查意见. */
export function buildCheckResultDocx(result: CheckResult): Document {
  return new Document({
    title: result.title,
    creator: 'Gongkai',
    description: '政府信息公开工作年度报告检查意见',
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 560, lineRule: 'exact' } },
        },
        heading1: {
          run: { font: TITLE_FONT, size: SIZE.title, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 480, line: 720, lineRule: 'exact' } },
        },
        heading2: {
          run: { font: HEADING_FONT, size: SIZE.body, bold: false, color: '000000' },
          paragraph: { indent: { firstLine: INDENT }, spacing: { before: 120, after: 0 }, keepNext: true },
        },
      },
    },
    sections: [{
      properties: PAGE_PROPERTIES,
      children: bodyOf(result),
    }],
  });
}

/** Renders a 检查意见 as DOCX bytes. */
export async function renderCheckResultDocx(result: CheckResult): Promise<Uint8Array> {
  return packDocx(buildCheckResultDocx(result));
}
