/**
 * The dashboard's charts as SVG rendered on the server with ECharts' SSR (no JavaScript in the
 * browser), inlined in the page. The site's Content-Security-Policy allows no inline styles, so the
 * SVG ECharts writes is adjusted: its `style` attributes become presentation attributes (font-size,
 * font-family, font-weight), its hover `<style>` block and event metadata go, and its ids are
 * prefixed per chart (several charts on one page). Every text ECharts writes is escaped by it; the
 * charts carry only years, numbers and our own labels, never a name someone typed. The root is an
 * image to screen readers (role="img" with an aria-label); the page gives the numbers as a table.
 */
import * as echarts from 'echarts';

/** CJK-safe fonts for the SVG's text (the site's stack; single quotes: the value lands in an attribute). */
export const CHART_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
/** Series colours, each at least 4.5:1 on white (the site's blue, red, green, ochre, grey, purple). */
export const CHART_COLOURS = ['#1a4f8b', '#9e1b1b', '#00703c', '#8a6500', '#505a5f', '#6f3f98'];

/** A chart to render: ECharts options, its size in the SVG's units, its id prefix and its spoken name. */
export interface ChartSpec {
  /** ECharts options (animation is turned off here). */
  option: echarts.EChartsCoreOption;
  width: number;
  height: number;
  /** Unique on the page: prefixes the SVG's ids (clip paths). */
  id: string;
  /** What the chart shows, for screen readers (role="img"); the numbers are in the text equivalent beside. */
  label: string;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The presentation attributes SVG text accepts, from the CSS properties ECharts writes inline. */
const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'stroke', 'opacity']);

/** One `style="a:b;c:d"` as presentation attributes (properties SVG has no attribute for are dropped). */
function styleToAttributes(style: string): string {
  const out: string[] = [];
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (PRESENTATION.has(name) && value !== '') out.push(` ${name}="${escapeAttribute(value)}"`);
  }
  return out.join('');
}

/** Charts rendered lately, by their spec: one takes ~15 ms, and a dashboard's figures change seldom. */
const rendered = new Map<string, string>();
const KEPT = 200;

/** The SVG of one chart, ready to inline in a page under the site's CSP (the same spec renders once). */
export function renderChart(spec: ChartSpec): string {
  const key = JSON.stringify(spec);
  const kept = rendered.get(key);
  if (kept !== undefined) {
    rendered.delete(key);
    rendered.set(key, kept); // newest last: the first key is the one used longest ago
    return kept;
  }
  const svg = renderChartNow(spec);
  rendered.set(key, svg);
  if (rendered.size > KEPT) rendered.delete(rendered.keys().next().value!);
  return svg;
}

function renderChartNow(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  let svg: string;
  try {
    chart.setOption({ animation: false, color: CHART_COLOURS, textStyle: { fontFamily: CHART_FONT, color: '#0b0c0c' }, ...spec.option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const prefix = spec.id.replace(/[^a-zA-Z0-9-]/g, '');
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, style: string) => styleToAttributes(style))
    .replace(/ (?:ecmeta_[a-z_]+|pointer-events|class)="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, `${prefix}-`)
    .replace(/^<svg width="\d+(?:\.\d+)?" height="\d+(?:\.\d+)?"/, `<svg role="img" aria-label="${escapeAttribute(spec.label)}" focusable="false" class="chart-svg"`);
}
