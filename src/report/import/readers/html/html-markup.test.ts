import { describe, expect, it } from 'vitest';
import { readHtml } from './html.ts';
import { readHtmlString } from './html-dom.ts';
import { factsOf } from '../lines/tags.ts';
import { decodeEntities } from './html-text.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const texts = (html: string): string[][] => readHtml(utf8(html)).lines.map((l) => l.cells);
/** The lines of a page given as a decoded string (as a GBK page is read), not as UTF-8 bytes. */
const decodedTexts = (html: string): string[][] => readHtmlString(html).lines.map((l) => l.cells);

describe('html-markup: tokenizer edge cases', () => {
  it('reads inline wrappers as their content, but keeps a wrapper between a row and its cells out of the table', () => {
    expect(texts('<p>甲<span>乙<b>丙</p>丁</b>戊</span>己</p><div><font><p>一</p>二</font></div>')).toEqual([['甲乙丙'], ['丁戊己'], ['一'], ['二']]);
    expect(texts('<table><tr><td>a</td><td>1</td></tr><tr><span><td>b</td></span><td>2</td></tr></table>')).toEqual([['a', '1'], ['2']]);
  });

  it('lets an inline wrapper left open end nothing and keep nothing open, as browsers do', () => {
    // An unclosed <span> does not keep the next cell inside this one; a stray </span> does not end the <div> opened after it.
    expect(texts('<table><tr><td><span>自然人<td>3</tr><tr><td>法人<td><b>4</table>')).toEqual([['自然人', '3'], ['法人', '4']]);
    expect(texts('<p>一<span><div>二</span>三</div>四')).toEqual([['一'], ['二三'], ['四']]);
    // Inside hidden content a wrapper's end tag still ends only itself, not the hidden element.
    expect(texts('<p>甲<span style="display:none">乙<span>丙</span>丁</span>戊</p>')).toEqual([['甲戊']]);
  });

  it('keeps a ">" inside a quoted attribute value inside the tag, and reads upper-case markup', () => {
    expect(texts('<P TITLE="a>b" class=x>正文</P><TABLE><TR><TD COLSPAN=2>项目</TD></TR><TR><TD>a</TD><TD>1</TD></TR></TABLE>'))
      .toEqual([['正文'], ['项目'], ['a', '1']]);
  });

  it('closes the open inline elements of a cell at its end tag (a stray </span> or </td> does not swallow the table)', () => {
    expect(texts('<table><tr><td><span>自然人</td><td>3</td></tr><tr><td>法人</td><td><b>4</td></tr></table><p>后文</p>'))
      .toEqual([['自然人', '3'], ['法人', '4'], ['后文']]);
  });

  it('skips script content up to a loose end tag, comments, declarations and processing instructions', () => {
    expect(texts('<?xml version="1.0"?><!DOCTYPE html><p>甲<!-- <p>注释</p> --></p><script>if (a < b) "</p>"</script ><p>乙</p>'))
      .toEqual([['甲'], ['乙']]);
  });

  it('treats a "<" that starts no tag, and an unclosed comment, as text', () => {
    expect(texts('<p>1 < 2</p><p>x <!-- y</p>')).toEqual([['1 < 2'], ['x <!-- y']]);
  });

  it('takes an end tag as ending the innermost element only when it is exactly its end tag (any case), and reads &nbsp; alone as a blank', () => {
    // <p>x</pre> is not the end of the p; </P> is; </p > (a space before '>') is too.
    expect(texts('<p>甲</pre>乙</p><P>丙</p><p>丁</p >戊<div>己</DIV>')).toEqual([['甲乙'], ['丙'], ['丁'], ['戊'], ['己']]);
    expect(texts('<table><tr><td><p>&nbsp;</p></td><td><p>3</p></td></tr><tr><td>a&nbsp;</td><td>&nbsp;</td></tr></table>'))
      .toEqual([['', '3'], ['a', '']]);
    expect(texts('<p>&nbsp;</p><p>x</p>')).toEqual([['x']]);
  });

  it('reads the texts around transparent inline tags as one text, but decodes no character reference across a tag', () => {
    for (const read of [texts, decodedTexts]) {
      expect(read('<p>甲<span>乙</span>丙&amp;丁<b>戊</b>己</p>')).toEqual([['甲乙丙&丁戊己']]);
      // '&am' + 'p;' on the two sides of a tag is no reference.
      expect(read('<p>a&am<span></span>p;b</p>')).toEqual([['a&amp;b']]);
    }
  });

  it('finds a hiding declaration in any case and when encoded, and hides nothing for a lookalike', () => {
    const page = '<p>甲<span style="dIsPlAy:NONE">乙</span>丙<span style="&#100;isplay:none">丁</span>戊<b HIDDEN>己</b>'
      + '庚<font style="mso-HIDE:all">辛</font><font id="hid" style="width:1px;display:block">壬</font>癸</p>';
    expect(texts(page)).toEqual([['甲丙戊庚壬癸']]);
  });

  it('matches end tags of names it does not know in any case, and of long names', () => {
    // v:… and w:… (VML, Word markup) are skipped up to their own end tag.
    expect(texts('<p>甲<v:shape>图<v:x>内</v:x></V:Shape>乙<w:VeryLongName>隐</W:VERYLONGNAME>丙</p>')).toEqual([['甲乙丙']]);
    expect(texts('<Custom-Tag>一<div>二</div>三</CUSTOM-TAG>四<blockquote>五</BLOCKQUOTE>六')).toEqual([['一'], ['二'], ['三四'], ['五'], ['六']]);
  });

  it('skips an element of a name it does not know exactly when html-tags.ts does (the scanner keeps its own copy of that rule)', () => {
    for (const name of ['v:shape', 'W:Sdt', 'w:verylongname', 'o:x', 'st1:chsdate', 'x:v', 'vml', 'w', 'custom-tag-name-long']) {
      const skipped = !(texts(`<p>甲<${name}>乙</${name}>丙</p>`)[0] ?? []).join('').includes('乙');
      expect(skipped, name).toBe(factsOf(name.toLowerCase()).skipped);
    }
  });

  it('ends raw text only at its own end tag followed by a space, "/" or ">", and a tag with an unclosed quote at its first ">"', () => {
    expect(texts('<p>甲</p><script>a</scripts>b</SCRIPT\t>丙</p><style>p{}</style/>丁<noscript>戊')).toEqual([['甲'], ['丙丁']]);
    expect(texts('<p title="a>甲</p><p title=\'x"y\'>乙</p>')).toEqual([['甲'], ['乙']]);
    expect(texts('<p>甲<!-->乙<!--->丙-->丁</p>')).toEqual([['甲丙-->丁']]);
  });

  it('lets an end tag close its element at most 128 levels down (hostile nesting stays linear)', () => {
    expect(texts('<custom>' + '<div>'.repeat(100) + '甲</custom>乙')).toEqual([['甲'], ['乙']]);
    expect(texts('<custom>' + '<div>'.repeat(200) + '甲</custom>乙')).toEqual([['甲乙']]);
  });

  it('reads a table still open at the end of the page as a table', () => {
    expect(texts('<table><tr><td>自然人</td><td>3')).toEqual([['自然人', '3']]);
  });
});

describe('html-markup: hostile markup', () => {
  // Each case once failed or would fail by exponential backtracking or rescanning: a regression
  // hangs the test (a synchronous regex cannot be interrupted), the run never passes.
  it('reads megabytes of unclosed tags, quotes and hiding hints in linear time', () => {
    const hint = 'style="mso-hidx disx hidx mso-x dd hh mm ';
    const unclosed = ['<a ' + '"x" '.repeat(500_000), '<p>' + '<a "'.repeat(100_000), '<a '.repeat(200_000),
      '<p><span ' + hint.repeat(50_000), '<a b' + 'x'.repeat(5000), '<a "' + 'x'.repeat(5000)];
    for (const html of unclosed) expect(readHtmlString(html).lines.length).toBeLessThanOrEqual(1);
    expect(decodedTexts('<a ' + '"x" '.repeat(500_000) + '>甲</a>')).toEqual([['甲']]);
    // Hints that are not hiding: every span is read as its text.
    expect(texts(('<span ' + hint + '">t</span>').repeat(20_000))).toEqual([['t'.repeat(20_000)]]);
  }, 20_000);
});

describe('html-lines: what is read of a page', () => {
  it('reads deeply nested markup as shallow markup: every block a line, every cell its text', () => {
    expect(texts('<div>'.repeat(5000) + '深层<p>段</p>尾' + '</div>'.repeat(5000))).toEqual([['深层'], ['段'], ['尾']]);
    const cell = '<span><b>'.repeat(3000) + '本年新<p>收</p>' + '</b></span>'.repeat(3000);
    expect(texts(`<table><tr><td>${cell}</td><td>8</td></tr><tr><td>x</td><td>9</td></tr></table>`)).toEqual([['本年新收', '8'], ['x', '9']]);
  });

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

  it('takes the title from the first <title> with text, and the date from <meta> or a CMS <publishtime>', () => {
    const page = '<title></title><title>标<b>题</b><span style="display:none">隐</span></title><meta name="pubdate" content="2024-01-05">'
      + '<p>正文<publishtime>2024-02-03</publishtime></p>';
    expect(readHtml(utf8(page)).meta).toEqual({ title: '标题', publishedOn: '2024-01-05' });
    expect(readHtml(utf8('<p>发布<publishtime>2024年2月3日</publishtime></p>')).meta).toEqual({ publishedOn: '2024-02-03' });
  });
});

describe('decodeEntities', () => {
  it('decodes as the HTML5 decoder does, common references directly and the rest through it', () => {
    expect(decodeEntities('a&nbsp;b&amp;c&#x4e2d;&#25991;&ldquo;')).toBe('a\u00a0b&c中文\u201c');
    expect(decodeEntities('&#128;&#0;&copy;&nbsp x')).toBe('\u20ac\ufffd©\u00a0 x');
    expect(decodeEntities('&nbsp;')).toBe('\u00a0');
    expect(decodeEntities('&nbsp;&nbsp;')).toBe('\u00a0\u00a0');
  });
});
