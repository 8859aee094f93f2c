import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readHtml } from './html.ts';
import { gridToLines } from '../lines/grid.ts';
import { corpusPath } from '../../../../../test/support/corpus.ts';
import { CELL_MAY_HAVE_DIGIT, CELL_MAY_HAVE_SPACE, CELL_NORMALIZED, CELL_UNKNOWN } from '../../source.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const rows = (html: string): string[][] => readHtml(utf8(html)).lines.filter((l) => l.isTableRow).map((l) => l.cells);

describe('readHtml: what it tells the interpreter of each cell', () => {
  it('marks the cells it normalised, with exact digit and space bits, and no others', async () => {
    const pages = await Promise.all(['shanghai-office-2019.html', 'shuyang-fgj-2023.html'].map((f) => readFile(corpusPath(f))));
    pages.push(Buffer.from('<p>２０２３年 共　１２件</p><table><tr><td>本年新<br>制作</td><td>Total<br>12</td><td>a\u302b\u302ab</td><td></td></tr><tr><td>x</td></tr></table>'));
    let marked = 0;
    for (const page of pages) {
      for (const line of readHtml(new Uint8Array(page)).lines) {
        expect(line.facts).toHaveLength(line.cells.length);
        line.cells.forEach((cell, i) => {
          const facts = line.facts?.[i] ?? 0;
          if ((facts & CELL_NORMALIZED) === 0) return;
          marked += 1;
          expect(cell).toBe(cell.normalize('NFKC').trim());
          expect(facts & CELL_UNKNOWN).toBe((/\d/u.test(cell) ? CELL_MAY_HAVE_DIGIT : 0) | (/\s/u.test(cell) ? CELL_MAY_HAVE_SPACE : 0));
        });
      }
    }
    expect(marked).toBeGreaterThan(500);
  });
});

describe('readHtml: tables', () => {
  it('repeats a rowspan label into every row it covers and keeps a colspan cell once', () => {
    const html = `<table>
      <tr><td colspan="2" rowspan="2">项目</td><td colspan="2">申请人</td></tr>
      <tr><td>自然人</td><td>总计</td></tr>
      <tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>14</td><td>14</td></tr>
      <tr><td>2.其他法律行政法规禁止公开</td><td>&nbsp;</td><td>0</td></tr>
      <tr><td colspan="2">（七）总计</td><td>１４</td><td>14</td></tr>
    </table>`;
    expect(rows(html)).toEqual([
      ['项目', '申请人'],
      ['项目', '自然人', '总计'],
      ['(三)不予公开', '1.属于国家秘密', '14', '14'],
      ['(三)不予公开', '2.其他法律行政法规禁止公开', '', '0'],
      ['(七)总计', '14', '14'],
    ]);
  });

  it('never copies a number spanning rows: the rows below get a blank and a warning', () => {
    const doc = readHtml(utf8('<table><tr><td>a</td><td rowspan="2">5</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>'));
    expect(doc.lines.map((l) => l.cells)).toEqual([['a', '5', '1'], ['b', '', '2']]);
    expect(doc.warnings.map((w) => w.code)).toEqual(['table.value-rowspan']);
  });

  it('keeps a number merged over several columns once (misaligned Word tables)', () => {
    expect(rows('<table><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr><tr><td>行政许可</td><td colspan="3">0</td></tr></table>'))
      .toEqual([['信息内容', '本年处理决定数量'], ['行政许可', '0']]);
  });

  it('joins a cell broken by <br> or paragraphs without a space between Chinese characters', () => {
    expect(rows('<table><tr><td><p>商业</p><p>企业</p></td><td>本年新<br/>制作数量</td><td>Total<br>count</td></tr></table>'))
      .toEqual([['商业企业', '本年新制作数量', 'Total count']]);
  });

  it('reads a cell the same whatever its shape: text, one paragraph between line breaks, spans, hidden parts', () => {
    const cells = ['本年新\n收', '\r\n  <p>本年新\r\n收</p>\r\n', '<p><span>本年</span><b>新</b>收</p>', ' <p>本年新</p> 收 ',
      '<p>本年新<span style="display:none">9</span>收</p>', '<p hidden>9</p><p>本年新收</p>', '<p>本年新收</p><br>'];
    expect(rows(`<table>${cells.map((c) => `<tr><td>${c}</td><td>1</td></tr>`).join('')}</table>`))
      .toEqual(cells.map(() => ['本年新收', '1']));
    expect(rows('<table><tr><td>a</td><td>\n<p style="display:none">9</p>\n</td><td>1</td></tr></table>')).toEqual([['a', '', '1']]);
  });

  it('reads tables nested in a layout table as tables, and its other cells as text', () => {
    const html = '<table><tr><td><p>三、收到和处理政府信息公开申请情况</p><table><tr><td>自然人</td><td>总计</td></tr><tr><td>3</td><td>3</td></tr></table></td></tr></table>';
    const doc = readHtml(utf8(html));
    expect(doc.lines.map(({ cells, isTableRow }) => ({ cells, isTableRow }))).toEqual([
      { cells: ['三、收到和处理政府信息公开申请情况'], isTableRow: false },
      { cells: ['自然人', '总计'], isTableRow: true },
      { cells: ['3', '3'], isTableRow: true },
    ]);
  });

  it('reads a table of 200,000 rows (no per-row function arguments, which V8 caps)', () => {
    const lines = readHtml(utf8(`<table>${'<tr><td>a</td><td>1</td></tr>'.repeat(200_000)}</table>`)).lines;
    expect(lines).toHaveLength(200_000);
    expect(lines[199_999]?.cells).toEqual(['a', '1']);
  });

  it('clamps hostile spans', () => {
    const { lines } = gridToLines([[{ text: 'x', colspan: 1e9, rowspan: 1e9 }], [{ text: '1', colspan: 1, rowspan: 1 }]], 'table[1]');
    expect(lines[0]?.cells).toEqual(['x']);
  });
});

describe('readHtml: text, entities, Word markup', () => {
  it('makes a line per block, decodes entities, normalises full-width digits', () => {
    const doc = readHtml(utf8('<html><head><title>年度报告</title><meta name="PubDate" content="2024/1/20 09:00"></head><body><h1>一、总体情况</h1><p>收到申请&nbsp;１２３&nbsp;件&amp;<br>其中</p><div>发布日期：2024-01-20</div></body></html>'));
    expect(doc.lines.map((l) => l.cells[0])).toEqual(['一、总体情况', '收到申请 123 件&', '其中', '发布日期:2024-01-20']);
    expect(doc.meta).toEqual({ title: '年度报告', publishedOn: '2024-01-20' });
  });

  it('drops Word junk: conditional comments, <o:p>, mso-hidden text, styles, scripts', () => {
    const html = `<html><head><style>p.MsoNormal{mso-style-parent:"";}</style><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head>
      <body><p class=MsoNormal><![if !supportLists]><span>1.<span style='font:7.0pt "Times New Roman"'>&nbsp; </span></span><![endif]>依申请公开<o:p></o:p></p>
      <p><span style='mso-hide:all'>隐藏</span>可见<o:p>&nbsp;</o:p></p><script>document.write('x')</script></body></html>`;
    expect(readHtml(utf8(html)).lines.map((l) => l.cells[0])).toEqual(['1. 依申请公开', '可见']);
  });

  it('joins a source line break between Chinese characters without a space', () => {
    expect(readHtml(utf8('<p>政府信息\n   公开</p>')).lines[0]?.cells).toEqual(['政府信息公开']);
  });

  it('returns an empty document for a page without text', () => {
    expect(readHtml(new Uint8Array()).lines).toEqual([]);
    expect(readHtml(utf8('<html><body><script>x</script></body></html>')).lines).toEqual([]);
  });
});

describe('readHtml: charsets', () => {
  const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>洪泽区报告</title></head><body><table><tr><td>自然人</td><td>９５</td></tr></table></body></html>';

  it('decodes a declared GB2312 page', () => {
    const doc = readHtml(iconv.encode(page, 'gbk'));
    expect(doc.meta.title).toBe('洪泽区报告');
    expect(doc.lines[0]?.cells).toEqual(['自然人', '95']);
    expect(doc.warnings).toEqual([]);
  });

  it('guesses GB18030 for an undeclared page that is not UTF-8, with a warning', () => {
    const doc = readHtml(iconv.encode('<p>政府信息公开工作年度报告</p>', 'gbk'));
    expect(doc.lines[0]?.cells).toEqual(['政府信息公开工作年度报告']);
    expect(doc.warnings.map((w) => w.code)).toEqual(['html.charset-guessed']);
  });

  it('reads a page re-saved as UTF-8 that still declares gb2312 as UTF-8, with a warning', () => {
    const doc = readHtml(utf8(page));
    expect(doc.meta.title).toBe('洪泽区报告');
    expect(doc.warnings.map((w) => w.code)).toEqual(['html.charset-conflict']);
  });

  it('honours a UTF-8 byte-order mark', () => {
    expect(readHtml(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('<p>报告</p>')])).lines[0]?.cells).toEqual(['报告']);
  });
});
