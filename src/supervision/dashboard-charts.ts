/**
 * The dashboard's four charts from the tree's yearly sums (dashboard-store.ts yearSumsOf): applications
 * received and processed per year, the year's outcome mix (table 三's groups), 实质公开率 and 纠错率
 * per year (core/rates.ts). Each comes with its numbers as a table — the text equivalent the page
 * shows beside the image — and, for a rate, its definition.
 */
import { renderChart, type ChartSpec } from './charts.ts';
import {
  CORRECTION_RATE_DEFINITION, correctionRate, DISCLOSURE_RATE_DEFINITION, disclosureRate, OUTCOME_GROUP_LABELS, OUTCOME_GROUPS, outcomeGroupOf, percentText,
  type AppealTotals, type OutcomeGroup, type Rate,
} from './core/rates.ts';
import type { YearSums } from './dashboard-store.ts';

/** A chart as the page shows it: title, SVG, what it means, and its numbers as a table. */
export interface DashboardChart {
  id: string;
  title: string;
  svg: string;
  /** The rate's definition (rates only). */
  definition?: string;
  /** The text equivalent: column heads, then rows of cells (the first cell heads its row). */
  table: { head: string[]; rows: string[][] };
  /** A note under the table (where the numbers come from). */
  note?: string;
}

const WIDTH = 480;
const HEIGHT = 300;
const AXIS = { axisLabel: { fontSize: 13, color: '#0b0c0c' }, axisLine: { lineStyle: { color: '#505a5f' } } };
const VALUE_AXIS = { type: 'value', minInterval: 1, axisLabel: { fontSize: 13, color: '#0b0c0c' }, splitLine: { lineStyle: { color: '#d8d8d8' } } };
const LEGEND = { bottom: 0, textStyle: { fontSize: 13, color: '#0b0c0c' } };
const GRID = { left: 56, right: 16, top: 24, bottom: 56 };

/** The outcome groups' sums of one year. */
export function outcomesOf(sums: YearSums): Record<OutcomeGroup, number> {
  const out = Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, 0])) as Record<OutcomeGroup, number>;
  for (const [row, n] of Object.entries(sums.table3)) {
    const group = outcomeGroupOf(row);
    if (group) out[group] += n;
  }
  return out;
}

/** Table 四's three groups summed, of one year. */
export function appealsOf(sums: YearSums): AppealTotals {
  const n = (k: string) => sums.table4[k] ?? 0;
  return { upheld: n('upheld'), corrected: n('corrected'), other: n('other'), pending: n('pending') };
}

const yearLabel = (s: YearSums) => `${s.year}年`;
const count = (s: YearSums, row: string): number | null => (s.reports === 0 ? null : s.table3[row] ?? 0);
const cellOf = (n: number | null) => (n === null ? '无报告' : String(n));
const percentOf = (r: Rate) => (r.value === null ? null : Math.round(r.value * 1000) / 10);

function chart(spec: Omit<ChartSpec, 'width' | 'height'>): string {
  return renderChart({ ...spec, width: WIDTH, height: HEIGHT });
}

/** Applications received (新收) and processed (办结) per year. */
function trendChart(years: readonly YearSums[]): DashboardChart {
  const received = years.map((s) => count(s, 'newReceived'));
  const processed = years.map((s) => count(s, 'totalProcessed'));
  const title = '收到和办理政府信息公开申请的数量（按年度）';
  return {
    id: 'chart-applications',
    title,
    svg: chart({
      id: 'chart-applications', label: `${title}：柱形图，具体数字见下表`,
      option: {
        grid: GRID, legend: LEGEND, xAxis: { type: 'category', data: years.map(yearLabel), ...AXIS }, yAxis: VALUE_AXIS,
        series: [
          { type: 'bar', name: '本年新收申请', data: received, label: { show: true, position: 'top', fontSize: 12, color: '#0b0c0c' } },
          { type: 'bar', name: '本年办理结果总计', data: processed, label: { show: true, position: 'top', fontSize: 12, color: '#0b0c0c' } },
        ],
      },
    }),
    table: {
      head: ['年度', '本年新收申请', '本年办理结果总计', '汇总的年度报告'],
      rows: years.map((s, i) => [yearLabel(s), cellOf(received[i] ?? null), cellOf(processed[i] ?? null), `${s.reports} 份`]),
    },
    note: '取自年度报告表三“总计”列；本级人民政府的报告已汇总下级各机关，有政府报告的年度只计政府报告。',
  };
}

/** The year's outcomes by group. */
function outcomeChart(last: YearSums): DashboardChart {
  const outcomes = outcomesOf(last);
  const total = OUTCOME_GROUPS.reduce((n, g) => n + outcomes[g], 0);
  const title = `${last.year}年申请的办理结果构成`;
  const labels = OUTCOME_GROUPS.map((g) => OUTCOME_GROUP_LABELS[g]);
  return {
    id: 'chart-outcomes',
    title,
    svg: chart({
      id: 'chart-outcomes', label: `${title}：条形图，具体数字见下表`,
      option: {
        grid: { left: 72, right: 48, top: 16, bottom: 32 },
        xAxis: VALUE_AXIS, yAxis: { type: 'category', data: [...labels].reverse(), ...AXIS },
        series: [{ type: 'bar', name: '件数', data: [...OUTCOME_GROUPS].reverse().map((g) => outcomes[g]), label: { show: true, position: 'right', fontSize: 12, color: '#0b0c0c' } }],
      },
    }),
    table: {
      head: ['办理结果', '件数', '占总计'],
      rows: [
        ...OUTCOME_GROUPS.map((g) => [OUTCOME_GROUP_LABELS[g], last.reports === 0 ? '无报告' : String(outcomes[g]), percentText({ numerator: outcomes[g], denominator: total, value: total > 0 ? outcomes[g] / total : null })]),
        ['总计', last.reports === 0 ? '无报告' : String(total), total > 0 ? '100.0%' : '—'],
      ],
    },
  };
}

/** A rate per year as a line, its definition and its parts in the table. */
function rateChart(id: string, title: string, definition: string, years: readonly YearSums[], rateOfYear: (s: YearSums) => Rate, parts: [string, string]): DashboardChart {
  const rates = years.map((s) => (s.reports === 0 ? null : rateOfYear(s)));
  return {
    id,
    title,
    definition,
    svg: chart({
      id, label: `${title}：折线图，具体数字见下表`,
      option: {
        grid: GRID, xAxis: { type: 'category', data: years.map(yearLabel), ...AXIS },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 13, color: '#0b0c0c', formatter: '{value}%' }, splitLine: { lineStyle: { color: '#d8d8d8' } } },
        series: [{
          type: 'line', name: title, data: rates.map((r) => (r === null ? null : percentOf(r))), connectNulls: false, symbolSize: 8,
          label: { show: true, position: 'top', fontSize: 12, color: '#0b0c0c', formatter: '{c}%' }, lineStyle: { width: 3 },
        }],
      },
    }),
    table: {
      head: ['年度', parts[0], parts[1], title.replace(/（.*$/, '')],
      rows: years.map((s, i) => {
        const r = rates[i] ?? null;
        return r === null ? [yearLabel(s), '无报告', '无报告', '—'] : [yearLabel(s), String(r.numerator), String(r.denominator), percentText(r)];
      }),
    },
  };
}

/** The four charts of the dashboard (years oldest first; the last is the year chosen). */
export function dashboardCharts(years: readonly YearSums[]): DashboardChart[] {
  const last = years[years.length - 1];
  if (!last) return [];
  return [
    trendChart(years),
    outcomeChart(last),
    rateChart('chart-disclosure-rate', '实质公开率（按年度）', DISCLOSURE_RATE_DEFINITION, years, (s) => disclosureRate(outcomesOf(s)), ['予以公开与部分公开', '作出实体答复的件数']),
    rateChart('chart-correction-rate', '纠错率（按年度）', CORRECTION_RATE_DEFINITION, years, (s) => correctionRate(appealsOf(s)), ['结果纠正', '已审结的复议和诉讼']),
  ];
}
