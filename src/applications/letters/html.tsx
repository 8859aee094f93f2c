/**
 * A letter as printable HTML: an <article class="letter"> set like the Word document (仿宋 body, 宋体
 * title centred, 落款 at the right) with a stylesheet of its own (served by routes.tsx at
 * LETTERS_STYLESHEET_PATH) whose print rules give an A4 page with the margins of GB/T 9704 and print
 * the letter alone, whatever page it is on. Classes only: the site's CSP allows no inline style.
 */
import { createHash } from 'node:crypto';
import { toHtml } from '../../platform/http/layout.tsx';
import type { LetterDocument } from './model.ts';

/** The letters' stylesheet. */
export const LETTERS_CSS = `
.letter { max-width: 46em; margin: 1rem 0 2rem; padding: 2rem 2.5rem; background: #fff; border: 1px solid #b1b4b6; page: letter;
  font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Songti SC", "SimSun", "Noto Serif CJK SC", serif;
  font-size: 1.125rem; line-height: 1.9; overflow-wrap: anywhere; }
.letter h1 { font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; text-align: center; font-size: 1.6rem; line-height: 1.5; margin: 0.5rem 0 1.25rem; }
.letter .letter-number { text-align: center; margin: -0.75rem 0 1.25rem; }
.letter p { margin: 0; text-align: justify; }
.letter .letter-body p { text-indent: 2em; }
.letter .letter-signature { margin-top: 3rem; padding-right: 2em; }
.letter .letter-signature p { text-align: right; }
.letter .letter-missing { background: #fff7bf; outline: 2px solid #b58105; }
.letter-hint { margin: 0.5rem 0; }
/* the template editor */
.letter-body-input { display: block; box-sizing: border-box; width: 100%; min-height: 20em; padding: 0.5rem; font: inherit; line-height: 1.6; border: 2px solid var(--text, #0b0c0c); background: #fff; }
.letter-line-input { box-sizing: border-box; width: 100%; max-width: 40em; }
.letter-editor .button-row { margin-top: 0.5rem; }
@media (max-width: 40em) { .letter { padding: 1rem; font-size: 1rem; } }
@page letter { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  body:has(.letter) .site-header, body:has(.letter) .site-footer, body:has(.letter) .skip-link { display: none !important; }
  /* A page with a letter prints the letter alone (the editor's form, a case page's other parts left out). */
  body:has(.letter) main :not(.letter):not(:has(.letter)):not(.letter *) { display: none !important; }
  body:has(.letter) main { padding: 0; margin: 0; max-width: none; min-height: 0; }
  .letter { max-width: none; margin: 0; padding: 0; border: 0; font-size: 16pt; line-height: 28pt; }
  .letter h1 { font-size: 22pt; line-height: 36pt; }
  .letter .letter-missing { background: none; outline: 0; }
}
`;

/** Where routes.tsx serves the stylesheet, with a content hash so browsers may keep it. */
export const LETTERS_STYLESHEET_PATH = `/assets/letters.css?v=${createHash('sha256').update(LETTERS_CSS).digest('hex').slice(0, 10)}`;

/** A line with its 【待填写：…】 markers highlighted (on screen; printed plain). */
function Marked(props: { text: string }) {
  const parts = props.text.split(/(【待填写：[^】]*】)/);
  return <>{parts.map((part) => (part.startsWith('【待填写：') ? <mark class="letter-missing">{part}</mark> : part))}</>;
}

/** The letter as an article: title, 文号, addressee, body, 落款. */
export function LetterArticle(props: { letter: LetterDocument }) {
  const l = props.letter;
  return (
    <article class="letter" aria-label={l.title}>
      <h1><Marked text={l.title} /></h1>
      {l.documentNumber ? <p class="letter-number">{l.documentNumber}</p> : null}
      <p class="letter-addressee"><Marked text={l.addressee} /></p>
      <div class="letter-body">
        {l.paragraphs.map((text) => <p><Marked text={text} /></p>)}
      </div>
      <div class="letter-signature">
        {l.signature.map((line) => <p>{line}</p>)}
      </div>
    </article>
  );
}

/** The article's HTML (escaped by hono/jsx), for a page or an e-mail body. */
export async function renderLetterHtml(letter: LetterDocument): Promise<string> {
  return toHtml(<LetterArticle letter={letter} />);
}
