/**
 * For the letters' tests: the paragraphs of a DOCX as Word shows them, read the way any reader would
 * (yauzl for the ZIP, htmlparser2 for word/document.xml).
 */
import { Parser } from 'htmlparser2';
import yauzl from 'yauzl';

/** The text of each paragraph of word/document.xml (runs joined), and the page size and body font. */
export async function readDocx(bytes: Uint8Array): Promise<{ paragraphs: string[]; xml: string }> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true });
  let xml: string | undefined;
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName !== 'word/document.xml') continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    xml = Buffer.concat(chunks).toString('utf8');
  }
  zip.close();
  if (xml === undefined) throw new Error('no word/document.xml');
  const paragraphs: string[] = [];
  let current: string | null = null;
  let inText = false;
  const parser = new Parser({
    onopentag(name) {
      if (name === 'w:p') current = '';
      if (name === 'w:t') inText = true;
    },
    ontext(text) {
      if (inText && current !== null) current += text;
    },
    onclosetag(name) {
      if (name === 'w:t') inText = false;
      if (name === 'w:p' && current !== null) {
        paragraphs.push(current);
        current = null;
      }
    },
  }, { xmlMode: true, decodeEntities: true });
  parser.write(xml);
  parser.end();
  return { paragraphs, xml };
}
