/**
 * Attachments are judged by their bytes: real magic numbers of each accepted type, and the files that
 * only look like one by their name (an .exe renamed .pdf, HTML, SVG, an old .doc, a ZIP) refused,
 * naming the file and what is accepted.
 */
import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_MEDIA_TYPES, checkAttachments, cleanFileName, MAX_ATTACHMENT_BYTES, MAX_TEXT_BYTES, sniffKind, type AttachmentKind, type UploadedFile,
} from './attachments.ts';

const bytes = (...parts: (number[] | string)[]) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
};

/** The first bytes of real files of each kind. */
const SAMPLES = {
  pdf: bytes('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n'),
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
  zip: bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00], '[Content_Types].xml'),
  exe: bytes('MZ', [0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00], 'This program cannot be run in DOS mode.'),
  doc: bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00]),
  html: bytes('<!DOCTYPE html><html><script>alert(1)</script></html>'),
  svg: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  text: bytes('申请获取 2023 年本市义务教育学校划片方案。\r\n'),
  utf16: bytes([0xff, 0xfe, 0x33, 0x75, 0xf7, 0x8b]),
  gbk: bytes([0xc9, 0xea, 0xc7, 0xeb]), // 申请 in GBK: not UTF-8
};

describe('the type is decided by the bytes', () => {
  const cases: [string, string, Uint8Array, AttachmentKind | undefined][] = [
    ['a PDF', '申请书.pdf', SAMPLES.pdf, 'pdf'],
    ['a PDF named .png is a PDF', 'scan.png', SAMPLES.pdf, 'pdf'],
    ['a JPEG photo', '身份证.JPG', SAMPLES.jpeg, 'jpeg'],
    ['a PNG image', 'screen.png', SAMPLES.png, 'png'],
    ['a Word document (a ZIP named .docx)', '说明.docx', SAMPLES.zip, 'docx'],
    ['an Excel workbook (a ZIP named .xlsx)', '清单.XLSX', SAMPLES.zip, 'xlsx'],
    ['a ZIP named .zip is refused', 'files.zip', SAMPLES.zip, undefined],
    ['a ZIP named .pdf is refused', 'files.pdf', SAMPLES.zip, undefined],
    ['UTF-8 text named .txt', '说明.txt', SAMPLES.text, 'text'],
    ['UTF-8 text without .txt is refused', '说明', SAMPLES.text, undefined],
    ['UTF-16 text (NULs) is refused', '说明.txt', SAMPLES.utf16, undefined],
    ['GBK text is refused', '说明.txt', SAMPLES.gbk, undefined],
    ['an .exe renamed .pdf is refused', 'setup.pdf', SAMPLES.exe, undefined],
    ['an old Word .doc is refused', '申请.doc', SAMPLES.doc, undefined],
    ['HTML is refused', 'page.html', SAMPLES.html, undefined],
    ['SVG is refused', 'logo.svg', SAMPLES.svg, undefined],
    ['HTML named .pdf is refused', 'page.pdf', SAMPLES.html, undefined],
    ['three bytes of a PNG are not a PNG', 'a.png', SAMPLES.png.slice(0, 3), undefined],
  ];
  it.each(cases)('%s', (_, name, data, kind) => {
    expect(sniffKind(name, data)).toBe(kind);
  });
});

describe('the stored name', () => {
  const cases: [string, string, AttachmentKind, string][] = [
    ['a Windows path is cut to the name', 'C:\\Users\\张三\\扫描\\身份证.JPG', 'jpeg', '身份证.JPG'],
    ['a Unix path is cut to the name', '../../etc/passwd.txt', 'text', 'passwd.txt'],
    ['control characters go', 'a\u0000b\u0007c\n.pdf', 'pdf', 'abc.pdf'],
    ['a right-to-left override cannot disguise an extension', 'invoice\u202Efdp.exe', 'pdf', 'invoicefdp.exe.pdf'],
    ['characters Windows refuses become _', 'a<b>:c|d?.pdf', 'pdf', 'a_b__c_d_.pdf'],
    ['a name without the kind\'s extension gets one', 'scan', 'pdf', 'scan.pdf'],
    ['a PDF named .png keeps its name and says it is a PDF', 'scan.png', 'pdf', 'scan.png.pdf'],
    ['.jpeg is a JPEG extension too', 'photo.jpeg', 'jpeg', 'photo.jpeg'],
    ['an empty name is 附件', '', 'png', '附件.png'],
    ['leading dots go', '...hidden.txt', 'text', 'hidden.txt'],
  ];
  it.each(cases)('%s', (_, raw, kind, expected) => {
    expect(cleanFileName(raw, kind)).toBe(expected);
  });

  it('a long name is cut to 100 characters with its extension kept', () => {
    const name = cleanFileName(`${'政'.repeat(300)}.docx`, 'docx');
    expect([...name]).toHaveLength(100);
    expect(name.endsWith('政.docx')).toBe(true);
  });
});

describe('checking the files of an application', () => {
  const LIMIT = 20 * 1024 * 1024;
  const file = (name: string, data: Uint8Array): UploadedFile => ({ name, bytes: data });
  const big = (size: number, head: Uint8Array) => { const b = new Uint8Array(size).fill(0x20); b.set(head); return b; };

  it('accepts a PDF and a PNG with their sniffed media types and cleaned names', () => {
    const result = checkAttachments([file('申请书.pdf', SAMPLES.pdf), file('C:\\fakepath\\图.png', SAMPLES.png)], LIMIT);
    expect(result).toEqual({
      ok: true,
      attachments: [
        { fileName: '申请书.pdf', kind: 'pdf', mediaType: ATTACHMENT_MEDIA_TYPES.pdf, size: SAMPLES.pdf.length, bytes: SAMPLES.pdf },
        { fileName: '图.png', kind: 'png', mediaType: 'image/png', size: SAMPLES.png.length, bytes: SAMPLES.png },
      ],
    });
  });

  it('no files is fine', () => {
    expect(checkAttachments([], LIMIT)).toEqual({ ok: true, attachments: [] });
  });

  it('an .exe renamed .pdf is refused naming the file and what is accepted', () => {
    const result = checkAttachments([file('身份证.pdf', SAMPLES.exe)], LIMIT);
    expect(result.ok).toBe(false);
    const [problem] = result.ok ? [] : result.problems;
    expect(problem!.field).toBe('attachments');
    expect(problem!.message).toContain('“身份证.pdf”');
    expect(problem!.message).toContain('PDF、JPEG 或 PNG 图片、Word 文档（.docx）、Excel 表格（.xlsx）、纯文本（.txt）');
  });

  it('every bad file is named at once, and a good one among them does not pass alone', () => {
    const result = checkAttachments([file('a.pdf', SAMPLES.pdf), file('b.html', SAMPLES.html), file('c.txt', SAMPLES.gbk), file('d.png', new Uint8Array())], LIMIT);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('“b.html”的内容不是可以接受的类型'),
      expect.stringContaining('“c.txt”不是 UTF-8 编码的纯文本'),
      expect.stringContaining('“d.png”是空的'),
    ]);
  });

  it('six files are refused', () => {
    const result = checkAttachments(Array.from({ length: 6 }, (_, i) => file(`${i}.pdf`, SAMPLES.pdf)), LIMIT);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['附件：最多上传 5 个文件，您选择了 6 个。请把多页材料合成一个 PDF，或只上传必要的文件']);
  });

  it('five files are accepted', () => {
    expect(checkAttachments(Array.from({ length: 5 }, (_, i) => file(`${i}.pdf`, SAMPLES.pdf)), LIMIT).ok).toBe(true);
  });

  it('a file of exactly 10 MB is accepted, one byte more is refused', () => {
    expect(checkAttachments([file('ok.pdf', big(MAX_ATTACHMENT_BYTES, SAMPLES.pdf))], LIMIT).ok).toBe(true);
    const result = checkAttachments([file('scan.pdf', big(MAX_ATTACHMENT_BYTES + 1, SAMPLES.pdf))], LIMIT);
    expect(result.ok ? '' : result.problems[0]!.message).toBe('附件：文件“scan.pdf”有 10.1 MB，每个文件不能超过 10 MB。扫描件可以降低分辨率或分成几个文件');
  });

  it('a text over 1 MB is refused', () => {
    const result = checkAttachments([file('long.txt', big(MAX_TEXT_BYTES + 1, SAMPLES.text))], LIMIT);
    expect(result.ok ? '' : result.problems[0]!.message).toContain('纯文本不能超过 1 MB');
  });

  it('files together over the upload limit are refused', () => {
    const nine = big(9 * 1024 * 1024, SAMPLES.pdf);
    const result = checkAttachments([file('a.pdf', nine), file('b.pdf', nine), file('c.pdf', nine)], LIMIT);
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual(['附件：文件合计 27 MB，合计不能超过 20 MB']);
  });
});
