import { describe, expect, it } from 'vitest';
import { extensionOf, fileTypeProblem } from './file-check.ts';

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => new Uint8Array([...b, 0, 0, 0, 0]);

describe('fileTypeProblem', () => {
  it.each([
    ['报告.txt', text('一、总体情况')],
    ['report.MD', text('# 年报')],
    ['page.htm', text('<html></html>')],
    ['report.json', text('{}')],
    ['报告.pdf', text('%PDF-1.7\n…')],
    ['报告.docx', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['表.xlsx', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['utf16.txt', bytes(0xff, 0xfe, 0x00, 0x4e)],
  ])('accepts %s', (name, content) => {
    expect(fileTypeProblem(name, content)).toBeUndefined();
  });

  it.each([
    ['报告.exe', bytes(0x4d, 0x5a), '不支持“报告.exe”这种文件类型（.exe）'],
    ['报告.doc', bytes(0xd0, 0xcf, 0x11, 0xe0), '旧版 Office 格式请先另存为 .docx 或 .xlsx'],
    ['报告', text('abc'), '（.无扩展名）'],
    ['报告.pdf', text('<html>'), '扩展名是 .pdf，但内容不是 PDF'],
    ['报告.docx', text('plain'), '扩展名是 .docx，但内容不是 Office 文档'],
    ['报告.docx', bytes(0xd0, 0xcf, 0x11, 0xe0), '是旧版 Office 格式（.doc/.xls）而扩展名写成了 .docx'],
    ['报告.txt', bytes(0x50, 0x4b, 0x03, 0x04), '扩展名是 .txt，但内容不是文本'],
    ['报告.txt', new Uint8Array(0), '是空的（0 字节）'],
  ])('refuses %s: %s', (name, content, message) => {
    expect(fileTypeProblem(name, content)).toContain(message);
  });

  it('reads the extension case-insensitively', () => {
    expect(extensionOf('A.B.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe('');
  });
});
