/**
 * A letter's Word file opens as any DOCX reader reads it (yauzl + htmlparser2): the paragraphs in
 * order, A4 with the margins of GB/T 9704, 仿宋 body, 宋体 title, the 落款 at the right; and its
 * printable HTML escapes what the case holds.
 */
import { describe, expect, it } from 'vitest';
import { renderLetterDocx } from './docx.ts';
import { renderLetterHtml } from './html.tsx';
import type { LetterDocument } from './model.ts';
import { readDocx } from './testing.ts';

const LETTER: LetterDocument = {
  kind: 'correction',
  title: '政府信息公开申请补正告知书',
  documentNumber: '测建补〔2024〕3号',
  addressee: '王五：',
  paragraphs: ['第一段 <b>&amp;</b>。', '请您于【待填写：补正期限】补正。'],
  signature: ['测试区住房和城乡建设局', '2024年5月20日'],
  missing: ['补正期限'],
};

describe('the Word file', () => {
  it('has the paragraphs in order, set on A4 in 仿宋 and 宋体', async () => {
    const { paragraphs, xml } = await readDocx(await renderLetterDocx(LETTER));
    expect(paragraphs.filter((p) => p !== '')).toEqual([
      '政府信息公开申请补正告知书', '测建补〔2024〕3号', '王五：', '第一段 <b>&amp;</b>。', '请您于【待填写：补正期限】补正。',
      '测试区住房和城乡建设局', '2024年5月20日',
    ]);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:ind w:firstLine="640"/>');
    expect(xml.match(/<w:jc w:val="right"\/>/g)).toHaveLength(2);
  });

  it('leaves out the 文号 line when there is none', async () => {
    const { paragraphs } = await readDocx(await renderLetterDocx({ ...LETTER, documentNumber: null }));
    expect(paragraphs.filter((p) => p !== '').slice(0, 2)).toEqual(['政府信息公开申请补正告知书', '王五：']);
  });
});

describe('the printable HTML', () => {
  it('escapes the text and marks what is missing', async () => {
    const html = await renderLetterHtml(LETTER);
    expect(html).toContain('<p>第一段 &lt;b&gt;&amp;amp;&lt;/b&gt;。</p>');
    expect(html).toContain('<p class="letter-number">测建补〔2024〕3号</p>');
    expect(html).toContain('<p>请您于<mark class="letter-missing">【待填写：补正期限】</mark>补正。</p>');
  });
});
