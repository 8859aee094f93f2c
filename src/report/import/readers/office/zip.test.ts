import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../../../test/support/zip-writer.ts';
import { SourceReadError } from '../read-error.ts';
import { OfficeZip, ZIP_LIMITS } from './zip.ts';

/** The error `open` (then, when it opens, reading every entry) ends with; fails the test when there is none. */
async function refusal(bytes: Uint8Array, limits = ZIP_LIMITS): Promise<SourceReadError> {
  try {
    const zip = await OfficeZip.open(bytes, 'DOCX', limits);
    for (const name of zip.names()) await zip.read(name);
    zip.close();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceReadError);
    return error as SourceReadError;
  }
  throw new Error('not refused');
}

/** A message names the problem in Chinese and nothing of the zip library's or zlib's own words. */
function expectOwnWords(message: string): void {
  expect(message).toMatch(/^无法读取 DOCX 文件：/u);
  expect(message).not.toMatch(/[A-Za-z]{4,}\s+[A-Za-z]{4,}|https?:|Bug|End of|data reached|invalid|zlib|yauzl|bytes in the stream/u);
}

describe('OfficeZip', () => {
  it('reads entries by name, as text or bytes, stored or deflated', async () => {
    const zip = await OfficeZip.open(writeZip([
      { name: 'word/document.xml', data: '<w:document>正文</w:document>' },
      { name: 'docProps/core.xml', data: '<x/>', store: true },
    ]), 'DOCX');
    expect(zip.names()).toEqual(['word/document.xml', 'docProps/core.xml']);
    expect(await zip.text('word/document.xml')).toBe('<w:document>正文</w:document>');
    expect((await zip.read('docProps/core.xml'))?.toString()).toBe('<x/>');
    expect(await zip.read('absent.xml')).toBeUndefined();
    zip.close();
  });

  it('refuses an archive with too many entries from its directory, before reading any', async () => {
    const entries = Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ({ name: `x/${i}.xml`, data: '' }));
    const error = await refusal(writeZip(entries));
    expect(error.code).toBe('docx.too-large');
    expect(error.message).toContain(`压缩包中的文件太多（${ZIP_LIMITS.entries + 1} 个，上限 ${ZIP_LIMITS.entries} 个）`);
    expectOwnWords(error.message);
  });

  it('refuses an entry whose declared size is over the cap from the directory, before inflating anything', async () => {
    // open() reads the central directory only: it refuses the archive without inflating an entry.
    const bytes = writeZip([
      { name: 'word/document.xml', data: '<ok/>' },
      { name: 'word/media/huge.bin', data: 'small', declaredSize: 100 * 2 ** 20 },
    ]);
    const refused = OfficeZip.open(bytes, 'DOCX');
    await expect(refused).rejects.toThrow('无法读取 DOCX 文件：文件解压后超过 64 MB（其中“word/media/huge.bin”解压后有 100 MB），不像一份年度报告，未读取。');
    await expect(refused).rejects.toMatchObject({ code: 'docx.too-large' });
    expectOwnWords((await refusal(bytes)).message);
    const total = await refusal(writeZip([{ name: 'a', data: 'x'.repeat(600) }, { name: 'b', data: 'x'.repeat(600) }]), { ...ZIP_LIMITS, totalBytes: 1000 });
    expect(total.message).toMatch(/^无法读取 DOCX 文件：文件解压后超过 [\d.]+ MB/u);
    expect(total.code).toBe('docx.too-large');
  });

  it('stops an entry whose header lies (declares 100 bytes, inflates to 8 MB) at its declared size', async () => {
    const bytes = writeZip([{ name: 'word/document.xml', data: new Uint8Array(8 * 2 ** 20).fill(0x41), declaredSize: 100 }]);
    const error = await refusal(bytes);
    expect(error.code).toBe('docx.unreadable');
    expect(error.message).toBe('无法读取 DOCX 文件：压缩包中的“word/document.xml”解压后超过它在压缩包目录中声明的大小（100 字节），文件已损坏或被改动过，未读取。');
    expectOwnWords(error.message);
  });

  it('says, in Chinese, what is wrong with bytes that are not an archive, a damaged entry, two entries of one name, an entry shorter than declared', async () => {
    const notZip = await refusal(new TextEncoder().encode('not a zip'));
    expect(notZip.message).toContain('不是完整的 ZIP 压缩包');
    expectOwnWords(notZip.message);
    const legacy = await refusal(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(legacy.message).toContain('Word 97-2003 文档（.doc）或加了密码的 Office 文件');
    const good = writeZip([{ name: 'word/document.xml', data: '<w:document>' + 'x'.repeat(1000) + '</w:document>' }]);
    const damaged = new Uint8Array(good);
    damaged.fill(0xff, 40, 60);
    const broken = await refusal(damaged);
    expect(broken.message).toContain('“word/document.xml”');
    expectOwnWords(broken.message);
    const twice = await refusal(writeZip([{ name: 'word/document.xml', data: '<a/>' }, { name: 'word/document.xml', data: '<b/>' }]));
    expect(twice.message).toBe('无法读取 DOCX 文件：压缩包中有两个同名的“word/document.xml”，文件已损坏或被改动过，未读取。');
    const short = await refusal(writeZip([{ name: 'word/document.xml', data: 'x'.repeat(50), declaredSize: 80 }]));
    expect(short.message).toContain('解压后不足它在压缩包目录中声明的大小（80 字节）');
    expectOwnWords(short.message);
  });
});
