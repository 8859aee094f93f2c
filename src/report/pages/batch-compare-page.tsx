/**
 * Two reports side by side: each of 表二, 表三, 表四 cell by cell, a cell that differs marked in
 * words (“不同”) and by weight, not by colour alone, with the difference where both are numbers.
 */
import type { ComparedCell, ComparedTable } from '../evaluate/compare.ts';

/** One report of the comparison, as its heading names it. */
export interface ComparedReport {
  ref: string;
  agency: string | null;
  year: number | null;
  format: string;
}

/** Props of ComparePage. */
export interface ComparePageProps {
  a: ComparedReport;
  b: ComparedReport;
  tables: ComparedTable[];
}

const nameOf = (r: ComparedReport) => `${r.agency ?? '未识别机关'} ${r.year ?? ''}年度`;

function shown(value: ComparedCell['a']): string {
  if (value === undefined) return '（无此格）';
  if (value === null) return '（空白）';
  return String(value);
}

function delta(cell: ComparedCell): string {
  if (!cell.changed) return '相同';
  if (cell.delta === undefined) return '不同';
  return `不同（${cell.delta > 0 ? '多' : '少'} ${Math.abs(cell.delta)}）`;
}

/** The comparison page. */
export function ComparePage(props: ComparePageProps) {
  const { a, b, tables } = props;
  const total = tables.reduce((n, t) => n + t.changed, 0);
  return (
    <>
      <h1>对比两份报告</h1>
      <dl class="facts">
        <dt>报告甲</dt><dd><a href={`/reports/${a.ref}`}>{nameOf(a)}</a>（{a.format} 年版模板）</dd>
        <dt>报告乙</dt><dd><a href={`/reports/${b.ref}`}>{nameOf(b)}</a>（{b.format} 年版模板）</dd>
      </dl>
      <p class="lead">共有 {total} 格不同{total > 0 ? '，已标注“不同”并加粗' : ''}。“多/少”是报告乙比报告甲多或少的数。</p>
      <ul>{tables.map((t) => <li><a href={`#${t.table}`}>{t.title}</a>：{t.changed} 格不同</li>)}</ul>
      {tables.map((t) => (
        <section>
          <h2 id={t.table}>{t.title}</h2>
          {t.cells.length === 0 ? <p>两份报告都没有这张表。</p> : (
            <div class="table-wrap" role="region" tabindex={0} aria-labelledby={t.table}>
              <table class="stack-on-phone compare">
                <thead>
                  <tr><th scope="col">项目</th><th scope="col">报告甲</th><th scope="col">报告乙</th><th scope="col">对比</th></tr>
                </thead>
                <tbody>
                  {t.cells.map((c) => (
                    <tr class={c.changed ? 'changed' : undefined}>
                      <td class="agency">{c.changed ? <strong>{c.label}</strong> : c.label}</td>
                      <td class="num" data-label="报告甲">{shown(c.a)}</td>
                      <td class="num" data-label="报告乙">{shown(c.b)}</td>
                      <td data-label="对比">{c.changed ? <strong>{delta(c)}</strong> : delta(c)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}
