import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx.ts';
import { loadTruth, seedWithSections } from '../../../test/support/truth.ts';
import { readZipEntries } from '../../../test/support/zip-writer.ts';

async function part(bytes: Uint8Array, name: string): Promise<string> {
  const file = (await readZipEntries(bytes)).find((e) => e.name === name);
  if (file === undefined) throw new Error(`no ${name}`);
  return file.data.toString('utf8');
}

/** The tables of document.xml: for each, the grid width and each row's width (sum of gridSpans). */
function tableGrids(xml: string): { grid: number; rows: number[] }[] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/gu)].map((m) => {
    const body = m[1] ?? '';
    const grid = [...body.matchAll(/<w:gridCol /gu)].length;
    const rows = [...body.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/gu)].map((tr) =>
      [...(tr[1] ?? '').matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/gu)].reduce((sum, tc) => {
        const span = /<w:gridSpan w:val="(\d+)"\/>/u.exec(tc[1] ?? '');
        return sum + (span === null ? 1 : Number(span[1]));
      }, 0),
    );
    return { grid, rows };
  });
}

describe('DOCX', () => {
  it('is a Word package with the merged headers (gridSpan, vMerge) and Chinese fonts', async () => {
    const bytes = await renderDocx(seedWithSections());
    expect(bytes[0]).toBe(0x50); // PK
    const xml = await part(bytes, 'word/document.xml');
    expect(xml).toContain('<w:gridSpan w:val="7"/>'); // 申请人情况
    expect(xml).toContain('<w:gridSpan w:val="10"/>'); // 行政诉讼
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/u);
    expect(xml).toMatch(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/u);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toContain('阜新市太平区文化旅游和广播电视局2023年政府信息公开工作年度报告');
    expect(xml).toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(xml).toContain('2024年1月20日');
    const styles = await part(bytes, 'word/styles.xml');
    expect(styles).toContain('w:eastAsia="黑体"');
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('has bordered tables whose every row spans the whole grid', async () => {
    for (const name of ['seed-taiping-wenlv-2023', 'shanghai-office-2019', 'hongze-2024']) {
      const xml = await part(await renderDocx(loadTruth(name)), 'word/document.xml');
      const grids = tableGrids(xml);
      expect(grids.map((g) => g.grid), name).toEqual(name.endsWith('2019') ? [5, 10, 15] : [4, 10, 15]);
      for (const { grid, rows } of grids) expect(new Set(rows), name).toEqual(new Set([grid]));
      expect(xml).toContain('<w:insideH w:val="single"');
    }
  });

  it('keeps the continue cells of 三、本年度办理结果 in every outcome row', async () => {
    const xml = await part(await renderDocx(loadTruth('seed-taiping-wenlv-2023')), 'word/document.xml');
    const restarts = [...xml.matchAll(/<w:vMerge w:val="restart"\/>/gu)].length;
    const continues = [...xml.matchAll(/<w:vMerge w:val="continue"\/>/gu)].length;
    // 表三: note (3 rows, spans 3 columns → one cell), 自然人, 总计, 三、 (22 rows), (三) 8, (四) 3, (五) 5, (六) 3; 表四: 5 columns × 2 rows.
    expect(restarts).toBe(1 + 2 + 1 + 4 + 5);
    expect(continues).toBe(2 + 1 + 1 + 21 + 7 + 2 + 4 + 2 + 5);
  });

  it('leaves a blank cell empty', async () => {
    const xml = await part(await renderDocx(loadTruth('shanghai-office-2019')), 'word/document.xml');
    const table4 = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/gu)][2]?.[1] ?? '';
    const lastRow = [...table4.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/gu)].at(-1)?.[1] ?? '';
    const texts = [...lastRow.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/gu)].map((tc) => [...(tc[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''));
    expect(texts).toEqual(['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', '']);
  });
});
