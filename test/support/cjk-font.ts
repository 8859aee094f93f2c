/**
 * The CJK font the generated PDFs embed (pdfkit): Noto Sans CJK SC from Debian's fonts-noto-cjk, which
 * .ci/run installs with the browser. Tests that make PDFs skip when it is absent. For tests only.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where fonts-noto-cjk puts the font collection (path segments: the Debian layout, not this machine's). */
export const CJK_FONT = path.join(path.sep, 'usr', 'share', 'fonts', 'opentype', 'noto', 'NotoSansCJK-Regular.ttc');
/** The simplified-Chinese face of the collection (its PostScript name). */
export const CJK_FONT_NAME = 'NotoSansCJKsc-Regular';
/** Is the font installed? */
export const hasCjkFont = existsSync(CJK_FONT);
