import { describe, expect, it } from 'vitest';
import { bodyText, cleanBody, sanitizeBody } from './body-html.ts';

describe('an item body is cleaned before it is stored', () => {
  it.each([
    ['script', '<p>正文</p><script>alert(1)</script>', '<p>正文</p>'],
    ['event handlers', '<p onclick="x()">正文</p><img src="/a.png" onerror="alert(1)" alt="图">', '<p>正文</p><img src="/a.png" alt="图" />'],
    ['javascript: links, any case, with entities', '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href="java&#x09;script:alert(1)">c</a>', '<a>a</a><a>b</a><a>c</a>'],
    ['data: and protocol-relative images', '<img src="data:image/png;base64,AAAA"><img src="//evil.example/x.png">', ''],
    ['style and class', '<p style="color:red" class="x">字</p><style>p{}</style>', '<p>字</p>'],
    ['iframes, objects and forms with their content', '<iframe src="https://x.cn">内</iframe><object data="x">o</object><form><input name="a"></form>', ''],
    ['svg with script inside', '<svg><script>alert(1)</script></svg>', ''],
  ])('removes %s', (_name, html, expected) => expect(sanitizeBody(html)).toBe(expected));

  it('keeps headings (h1 as h2), lists, tables, http/https/mailto/relative links and images', () => {
    const html = '<h1>标题</h1><h3>小节</h3><ul><li>一</li></ul><table><tr><th scope="col">项</th><td colspan="2">值</td></tr></table>'
      + '<a href="https://www.gov.cn/x">国务院</a><a href="mailto:gk@example.cn">信箱</a><a href="/items/a/2024-00001">相关</a><img src="https://x.cn/a.png" alt="图"><strong>重</strong><em>点</em>';
    expect(sanitizeBody(html)).toBe('<h2>标题</h2><h3>小节</h3><ul><li>一</li></ul><table><tr><th scope="col">项</th><td colspan="2">值</td></tr></table>'
      + '<a href="https://www.gov.cn/x">国务院</a><a href="mailto:gk@example.cn">信箱</a><a href="/items/a/2024-00001">相关</a><img src="https://x.cn/a.png" alt="图" /><strong>重</strong><em>点</em>');
  });

  it('reads the text out of the cleaned HTML: a line per block, cells spaced, entities decoded', () => {
    expect(bodyText('<h2>关于&amp;印发</h2><p>第一段&nbsp;内容</p><table><tr><td>甲</td><td>乙</td></tr></table><ul><li>一</li><li>二</li></ul>'))
      .toBe('关于&印发\n第一段 内容\n甲 乙\n一\n二');
    expect(cleanBody('<p>联系电话<script>13800138000</script></p>').text).toBe('联系电话');
  });
});
