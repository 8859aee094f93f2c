/**
 * The page and fonts every DOCX of the platform is set in (the report, the 检查意见): A4 with the
 * margins of GB/T 9704, fonts named for Chinese — 宋体 title, 黑体 headings, 仿宋_GB2312 body.
 */
import { Packer } from 'docx';
import type { Document, IFontAttributesProperties, ISectionPropertiesOptions } from 'docx';

/** Font of a kind of text: the eastAsia font is what Word, WPS and LibreOffice use for Chinese. */
export function font(eastAsia: string): IFontAttributesProperties {
  return { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia, hint: 'eastAsia' };
}
export const BODY_FONT = font('仿宋_GB2312');
export const HEADING_FONT = font('黑体');
export const TITLE_FONT = font('宋体');

/** A4 in twips, margins of GB/T 9704 (上37 下35 左28 右26 mm). */
export const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 };

/** The section properties of an A4 page with those margins. */
export const PAGE_PROPERTIES: ISectionPropertiesOptions = {
  page: {
    size: { width: PAGE.width, height: PAGE.height },
    margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
  },
};

/** A document's bytes. */
export async function packDocx(document: Document): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(document);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
