/**
 * The 检查意见 (check-result.ts) as HTML for the printable page: an <article class="check-result">
 * set like a document (site.css: 仿宋 body, centred title, A4 page when printed). Classes only —
 * the site's CSP allows no inline style or script.
 */
import type { CheckResult } from './check-result.ts';

/** Props of CheckResultArticle. */
export interface CheckResultArticleProps {
  result: CheckResult;
}

/** The 检查意见 as an article: title, addressee, opening, errors then warnings with their cells, closing, date. */
export function CheckResultArticle(props: CheckResultArticleProps) {
  const r = props.result;
  return (
    <article class="check-result">
      <h1>{r.title}</h1>
      {r.addressee === undefined ? null : <p class="check-result-addressee">{r.addressee}</p>}
      {r.opening.map((text) => <p>{text}</p>)}
      {r.groups.map((group) => (
        <section class={`check-result-group check-result-${group.severity}`}>
          <h2>{group.heading}</h2>
          <p>{group.ask}</p>
          <ol class="check-result-items">
            {group.items.map((item) => (
              <li>
                <p>{item.message}</p>
                {item.cells.length === 0 ? null : (
                  <>
                    <p class="check-result-cells-label">{item.cellsHeading}</p>
                    <ul class="check-result-cells">
                      {item.cells.map((line) => <li>{line}</li>)}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
      <p>{r.closing}</p>
      <p class="check-result-date">检查日期：{r.checkedOnText}</p>
    </article>
  );
}
