/**
 * The dashboard's own stylesheet (the site's CSP allows no inline styles): the counts at the top,
 * the charts scaled to their column (the SVG keeps its proportions by its viewBox), white under the
 * charts in high contrast (their colours are drawn for a white ground), the rule lists in cells.
 */
import { createHash } from 'node:crypto';

/** The stylesheet. */
export const DASHBOARD_CSS = `
.summary-counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 9rem), 1fr)); gap: 0.75rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.summary-counts li { border: 1px solid var(--border); border-left: 5px solid var(--link); padding: 0.5rem 0.75rem; background: var(--panel); }
.summary-counts a { display: block; font-weight: 700; }
.summary-counts .count { display: block; font-size: 1.75rem; line-height: 1.2; font-variant-numeric: tabular-nums; }
.summary-counts .hint { font-size: 0.9rem; margin: 0.25rem 0 0; }
.rule-list { margin: 0; padding-left: 1.1em; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); gap: 1.5rem; }
.chart { margin: 0 0 1.5rem; min-width: 0; }
.chart figcaption { font-weight: 700; font-size: 1.1rem; margin-bottom: 0.5rem; }
.chart-svg { display: block; width: 100%; height: auto; max-width: 40rem; background: #fff; border: 1px solid var(--border); }
.rate-definition { border-left: 4px solid var(--link); padding-left: 0.75rem; margin: 0.75rem 0; }
@media screen {
  html.contrast-high .chart-svg { background-color: #fff !important; border: 2px solid #fff !important; }
}
`;

/** Its address, with a content hash (cached for long). */
export const DASHBOARD_CSS_PATH = `/assets/supervision-dashboard.css?v=${createHash('sha256').update(DASHBOARD_CSS).digest('hex').slice(0, 10)}`;
