import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readHtml } from './html.ts';
import { readHtmlString, readHtmlTree, type HtmlElement } from './html-dom.ts';
import { corpusPath } from '../../../../../test/support/corpus.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The lines of a page read from its UTF-8 bytes (undecoded, as nearly every page is read). */
const texts = (html: string): string[][] => readHtml(utf8(html)).lines.map((l) => l.cells);
/** The lines of a page given as a decoded string (as a GBK page or mammoth's output is read). */
const decodedTexts = (html: string): string[][] => readHtmlString(html).lines.map((l) => l.cells);

describe('html-dom: a page as htmlparser2 reads it', () => {
  it('reads the same from UTF-8 bytes and from a decoded string', () => {
    const page = '<html><head><title>标题&amp;报告</title><meta name="publisher" content="上海市&nbsp;办公厅"></head><body>'
      + '<p>甲&ldquo;乙&#x4e2d;&#128;😀</p><table><tr><td colspan="2">项目</td></tr><tr><td>自然人</td><td>９５</td></tr></table></body></html>';
    const fromBytes = readHtml(utf8(page));
    const fromString = readHtmlString(page);
    expect(fromBytes.lines).toEqual(fromString.lines);
    expect(fromBytes.meta).toEqual(fromString.meta);
    expect(fromBytes.meta).toEqual({ title: '标题&报告', publisher: '上海市 办公厅' });
    expect(fromBytes.lines.map((l) => l.cells)).toEqual([['甲\u201c乙中\u20ac😀'], ['项目'], ['自然人', '95']]);
  });

  it('reads a GBK page as its UTF-8 version', async () => {
    const page = await readFile(corpusPath('shanghai-office-2019.html'), 'utf8');
    const gbk = iconv.encode(page.replace(/charset=["']?utf-8["']?/iu, 'charset=gbk'), 'gbk');
    const fromGbk = readHtml(gbk);
    const fromUtf8 = readHtml(utf8(page));
    expect(fromGbk.warnings).toEqual([]);
    expect(fromGbk.lines).toEqual(fromUtf8.lines);
    expect(fromGbk.meta).toEqual(fromUtf8.meta);
    expect(fromGbk.lines.length).toBeGreaterThan(50);
  });

  it('decodes character references in text, not across a tag', () => {
    for (const read of [texts, decodedTexts]) {
      expect(read('<p>甲<span>乙</span>丙&amp;丁<b>戊</b>己</p>')).toEqual([['甲乙丙&丁戊己']]);
      expect(read('<p>a&am<span></span>p;b</p>')).toEqual([['a&amp;b']]);
      expect(read('<p>&#0;&copy;&nbsp x</p>')).toEqual([['\ufffd© x']]);
    }
    // An empty cell of a CMS page (&nbsp;) is blank.
    expect(texts('<table><tr><td><p>&nbsp;</p></td><td><p>3</p></td></tr><tr><td>a&nbsp;</td><td>&nbsp;</td></tr></table>')).toEqual([['', '3'], ['a', '']]);
    expect(texts('<p>&nbsp;</p><p>x</p>')).toEqual([['x']]);
  });

  it('drops hidden content: style display:none, visibility:hidden, mso-hide:all in any case and encoded, a hidden attribute', () => {
    const page = '<p>甲<span style="dIsPlAy:NONE">乙</span>丙<span style="&#100;isplay:none">丁</span>戊<b HIDDEN>己</b>'
      + '庚<font style="mso-HIDE:all">辛</font><font id="hid" style="width:1px;display:block">壬</font>癸'
      + '<i style="visibility: hidden">子</i></p>';
    expect(texts(page)).toEqual([['甲丙戊庚壬癸']]);
    // Inside hidden content an inline element's end tag ends only itself.
    expect(texts('<p>甲<span style="display:none">乙<span>丙</span>丁</span>戊</p>')).toEqual([['甲戊']]);
  });

  it('drops script and style as raw text up to their own end tag, comments, declarations and processing instructions', () => {
    expect(texts('<?xml version="1.0"?><!DOCTYPE html><p>甲<!-- <p>注释</p> --></p><script>if (a < b) "</p>"</script ><p>乙</p>')).toEqual([['甲'], ['乙']]);
    expect(texts('<p>甲</p><script>a</scripts>b</SCRIPT\t>丙<style>p{}</style/>丁<noscript>戊')).toEqual([['甲'], ['丙丁']]);
    // Word's conditional comments and markers, its data islands and VML.
    expect(texts('<!--[if gte mso 9]><xml><w:WordDocument>x</w:WordDocument></xml><![endif]--><p><![if !supportLists]>1.<![endif]>甲<v:shape>图</v:shape><w:Sdt>乙</w:Sdt>丙<o:p></o:p></p>'))
      .toEqual([['1.甲丙']]);
    // <!--> and <!---> are empty comments; a comment left open runs to the end of the page.
    expect(texts('<p>甲<!-->乙<!--->丙-->丁</p><p>x <!-- y</p><p>z</p>')).toEqual([['甲乙丙-->丁'], ['x']]);
  });

  it('reads markup as browsers do: a "<" that starts no tag is text, a quoted value runs to its closing quote, a "/>" does not end a div', () => {
    expect(texts('<p>1 < 2</p>')).toEqual([['1 < 2']]);
    expect(texts('<P TITLE="a>b" class=x>正文</P><TABLE><TR><TD COLSPAN=2>项目</TD></TR><TR><TD>a</TD><TD>1</TD></TR></TABLE>')).toEqual([['正文'], ['项目'], ['a', '1']]);
    // The first quote is closed by the one in the second tag: everything up to it is the attribute's value.
    expect(texts('<p title="a>甲</p><p title=\'x"y\'>乙</p>')).toEqual([['乙']]);
    expect(texts('<p>a<br/>b</p><div/>c<p>d')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('ends an element at its own end tag in any case; a stray </p> is an empty paragraph, a stray </pre> nothing', () => {
    expect(texts('<p>甲</pre>乙</p><P>丙</p><p>丁</p >戊<div>己</DIV>')).toEqual([['甲乙'], ['丙'], ['丁'], ['戊'], ['己']]);
    expect(texts('<div>甲</p>乙</div>')).toEqual([['甲'], ['乙']]);
    expect(texts('<p>甲<v:shape>图<v:x>内</v:x></V:Shape>乙<w:VeryLongName>隐</W:VERYLONGNAME>丙</p>')).toEqual([['甲乙丙']]);
    expect(texts('<Custom-Tag>一<div>二</div>三</CUSTOM-TAG>四<blockquote>五</BLOCKQUOTE>六')).toEqual([['一'], ['二'], ['三四'], ['五'], ['六']]);
  });

  it('does not let an end tag reach past a block for an inline element, nor past a table or cell for any other (browsers\' scope)', () => {
    expect(texts('<p>甲<span>乙<b>丙</p>丁</b>戊</span>己</p><div><font><p>一</p>二</font></div>')).toEqual([['甲乙丙'], ['丁戊己'], ['一'], ['二']]);
    expect(texts('<p>一<span><div>二</span>三</div>四')).toEqual([['一'], ['二三'], ['四']]);
    expect(texts('<custom>' + '<div>'.repeat(200) + '甲</custom>乙')).toEqual([['甲乙']]);
    // An end tag looks for its element 128 open elements down at most (a stray one costs no more).
    expect(texts('<div>甲' + '<b>'.repeat(100) + '乙</div>丙')).toEqual([['甲乙'], ['丙']]);
    expect(texts('<div>甲' + '<b>'.repeat(200) + '乙</div>丙')).toEqual([['甲乙丙']]);
    // A stray </font> or </div> in a cell leaves the table around it open.
    expect(texts('<font><div><table><tr><td>a</font>b</td><td>1</td></tr><tr><td>c</div></td><td>2</td></tr></table></div></font><p>后</p>'))
      .toEqual([['ab', '1'], ['c', '2'], ['后']]);
    // A stray </td> in a nested table's row does not end the cell around the nested table.
    expect(texts('<table><tr><td><table><tr></td><td>x</td><td>1</td></tr></table>甲</td><td>2</td></tr></table>'))
      .toEqual([['x', '1'], ['甲'], ['2']]);
  });

  it('ends a cell where another cell, a row or a table section opens in its content (htmlparser2 ends it only when it is the innermost element)', () => {
    expect(texts('<table><tr><td><span>自然人<td>3</tr><tr><td>法人<td><b>4</table>')).toEqual([['自然人', '3'], ['法人', '4']]);
    expect(texts('<table><tr><td>a<th>b</th>c<td>d</td></tr></table>')).toEqual([['a', 'b', 'd']]);
    expect(texts('<table><tr><td><p>甲<tr><td>乙</td><td>1</td></tr></table>')).toEqual([['甲'], ['乙', '1']]);
    expect(texts('<table><tr><td>自然人</td><td>3')).toEqual([['自然人', '3']]);
    // A wrapper between a row and its cells keeps them out of the table.
    expect(texts('<table><tr><td>a</td><td>1</td></tr><tr><span><td>b</td></span><td>2</td></tr></table>')).toEqual([['a', '1'], ['2']]);
  });
});

describe('html-dom: hostile markup', () => {
  /** CPU time of the fastest of three reads (least disturbed by other processes). */
  function fastest(html: string): number {
    const bytes = utf8(html);
    let best = Infinity;
    for (let run = 0; run < 3; run += 1) {
      const started = process.cpuUsage();
      readHtml(bytes);
      const used = process.cpuUsage(started);
      best = Math.min(best, used.user + used.system);
    }
    return best;
  }

  it('reads 50,000 nested elements, open or closed, with time linear in their number (2n takes at most 4 times n)', () => {
    const shapes: ((n: number) => string)[] = [
      (n) => '<div>'.repeat(n) + '甲' + '</div>'.repeat(n),
      (n) => '<table><tr><td>'.repeat(n) + '甲</td></tr></table>'.repeat(n) + '<p>乙</p>',
      (n) => '<span>'.repeat(n) + '甲' + '</x>'.repeat(n),
      (n) => '<div>'.repeat(n) + '</span>'.repeat(n) + '甲',
    ];
    for (const shape of shapes) {
      // Past 512 open elements an element is empty: the text still reads (in the table, in the 512th element, a row: not read).
      const lines = texts(shape(50_000));
      expect(lines.at(-1)).toEqual([shape(1).includes('乙') ? '乙' : '甲']);
      const n = fastest(shape(25_000));
      const twice = fastest(shape(50_000));
      // CPU µs; 50 ms of slack so that a busy machine's noise on a short run does not decide.
      expect(twice, `${shape(1)}: ${n} µs for n, ${twice} µs for 2n`).toBeLessThan(4 * n + 50_000);
    }
  }, 120_000);

  it('reads deeply nested markup as shallow markup: every block a line, every cell its text', () => {
    expect(texts('<div>'.repeat(5000) + '深层<p>段</p>尾' + '</div>'.repeat(5000))).toEqual([['深层'], ['段'], ['尾']]);
    const cell = '<span><b>'.repeat(3000) + '本年新<p>收</p>' + '</b></span>'.repeat(3000);
    expect(texts(`<table><tr><td>${cell}</td><td>8</td></tr><tr><td>x</td><td>9</td></tr></table>`)).toEqual([['本年新收', '8'], ['x', '9']]);
  });

  // A regression to exponential or quadratic work hangs the test; its time limit is the (very generous) bound.
  it('reads megabytes of unclosed tags, quotes and hiding hints', () => {
    const hint = 'style="mso-hidx disx hidx mso-x dd hh mm ';
    const unclosed = ['<a ' + '"x" '.repeat(500_000), '<p>' + '<a "'.repeat(100_000), '<a '.repeat(200_000),
      '<p><span ' + hint.repeat(50_000), '<a b' + 'x'.repeat(5000), '<a "' + 'x'.repeat(5000)];
    for (const html of unclosed) expect(readHtmlString(html).lines.length).toBeLessThanOrEqual(1);
    expect(decodedTexts('<a ' + '"x" '.repeat(500_000) + '>甲</a>')).toEqual([['甲']]);
    expect(texts(('<span ' + hint + '">t</span>').repeat(20_000))).toEqual([['t'.repeat(20_000)]]);
  }, 60_000);
});

describe('html-dom: what is read of a page', () => {
  it('reads a layout frame\'s captions, then its cells as text and its nested tables as tables, wherever the caption stands', () => {
    const page = '<table><tr><td>甲<table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>乙</td><td>丙<br>丁</td></tr>'
      + '<caption>表题</caption></table><p>后</p>';
    expect(texts(page)).toEqual([['表题'], ['甲'], ['a', '1'], ['b', '2'], ['乙'], ['丙'], ['丁'], ['后']]);
  });

  it('drops hidden rows, cells and tables, and reads nothing of a table outside its rows, cells and captions', () => {
    const page = '<table><tr style="display:none"><td>隐</td><td>3</td></tr><tr><td>v</td><td hidden>x</td><td>4</td></tr>'
      + '<p>表内文字</p><div><tr><td>w</td><td>5</td></tr></div><td>孤</td></table>';
    expect(texts(page)).toEqual([['v', '4'], ['w', '5']]);
    // A hidden table inside a cell still makes its table a frame.
    expect(texts('<table><tr><td><table style="display:none"><tr><td>隐</td></tr></table>显</td><td>7</td></tr></table>')).toEqual([['显'], ['7']]);
  });

  it('takes the title from the first <title> with text (its text as written), and the date from <meta> or a CMS <publishtime>', () => {
    const page = '<title></title><title> 标题 &amp; <b>报告</b> </title><meta name="pubdate" content="2024-01-05">'
      + '<p>正文<publishtime>2024-02-03</publishtime></p>';
    expect(readHtml(utf8(page)).meta).toEqual({ title: '标题 & <b>报告</b>', publishedOn: '2024-01-05' });
    expect(readHtml(utf8('<p>发布<publishtime>2024年<span style="display:none">9</span>2月3日</publishtime></p>')).meta).toEqual({ publishedOn: '2024-02-03' });
    expect(readHtml(utf8('<meta property="article:published_time" content="2024年1月5日"><meta name="Publisher" content="上海市&amp;政府">')).meta)
      .toEqual({ publishedOn: '2024-01-05', publisher: '上海市&政府' });
  });
});

describe('readHtmlTree (the DOCX body)', () => {
  const el = (tag: string, children: HtmlElement['children'], attrs = ''): HtmlElement => ({ tag, attrs, children, skip: false });

  it('reads a tree\'s paragraphs and tables, spans from the raw attributes', () => {
    const table = el('table', [
      el('tr', [el('td', ['项目'], ' colspan="2" rowspan="1"'), el('td', ['总计'])]),
      el('tr', [el('td', ['自然人']), el('td', ['3']), el('td', ['3'])]),
    ]);
    const hidden: HtmlElement = { ...el('p', ['隐']), skip: true };
    const root = el('body', [el('p', ['一、总体情况']), hidden, table]);
    expect(readHtmlTree(root).lines.map((l) => l.cells)).toEqual([['一、总体情况'], ['项目', '总计'], ['自然人', '3', '3']]);
  });

  it('walks a tree deeper than the call stack', () => {
    let inner: HtmlElement = el('p', ['深']);
    for (let i = 0; i < 100_000; i += 1) inner = el('div', [inner]);
    expect(readHtmlTree(el('body', [inner])).lines.map((l) => l.cells)).toEqual([['深']]);
  });
});
