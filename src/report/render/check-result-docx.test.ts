import { describe, expect, it } from 'vitest';
import { validateReport } from '../rules.ts';
import { seedTruth } from '../../../test/support/fixtures.ts';
import { readZipEntries } from '../../../test/support/zip-writer.ts';
import { buildCheckResult } from './check-result.ts';
import { renderCheckResultDocx } from './check-result-docx.ts';
import { CheckResultArticle } from './check-result-html.tsx';

function corruptedResult() {
  const report = seedTruth();
  report.table3.rows.totalProcessed = [0, 0, 0, 0, 0, 0, 9];
  report.table4.reconsideration = { upheld: null, corrected: 0, other: 0, pending: 0, total: 0 };
  const findings = validateReport(report);
  return { report, findings, result: buildCheckResult({ report, findings, checkedOn: '2025-03-01' }) };
}

/** The text of each paragraph of a DOCX's body. */
async function paragraphs(bytes: Uint8Array): Promise<{ xml: string; texts: string[] }> {
  const entry = (await readZipEntries(bytes)).find((e) => e.name === 'word/document.xml');
  if (entry === undefined) throw new Error('no word/document.xml');
  const xml = entry.data.toString('utf8');
  const texts = [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/gu)]
    .map((p) => [...(p[1] ?? p[2] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''));
  return { xml, texts };
}

describe('检查意见 as DOCX', () => {
  it('is an A4 Word document with the title, every finding in words with its cells, and the date, in Chinese fonts', async () => {
    const { result } = corruptedResult();
    const bytes = await renderCheckResultDocx(result);
    expect(bytes[0]).toBe(0x50); // PK
    const { xml, texts } = await paragraphs(bytes);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(texts[0]).toBe('关于阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告的检查意见');
    expect(texts).toContain('阜新市太平区文化旅游和广播电视局：');
    expect(texts).toContain('一、错误（3 项）');
    expect(texts.indexOf('一、错误（3 项）')).toBeLessThan(texts.indexOf('二、提醒（1 项）'));
    for (const group of result.groups) {
      for (const item of group.items) {
        expect(texts).toContain(`${item.number}. ${item.message}`);
        for (const line of item.cells) expect(texts).toContain(line);
      }
    }
    expect(texts).toContain('表三「（七）总计」行「总计」列 = 9');
    expect(texts.at(-1)).toBe('检查日期：2025年3月1日');
    expect(texts.join('\n')).not.toMatch(/T3-|CELL-BLANK|t3\./u);
  });
});

describe('检查意见 as the printable article', () => {
  it('prints the same words with classes only (no inline style)', async () => {
    const { result } = corruptedResult();
    const html = String(await (CheckResultArticle({ result }) as unknown as { toString(): string | Promise<string> }).toString());
    expect(html).toContain('<article class="check-result"><h1>关于阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告的检查意见</h1>');
    expect(html).toContain('<li>表三「（七）总计」行「总计」列 = 9</li>');
    expect(html).toContain('<h2>二、提醒（1 项）</h2>');
    expect(html).toContain('<p class="check-result-date">检查日期：2025年3月1日</p>');
    expect(html).not.toContain('style=');
  });
});
