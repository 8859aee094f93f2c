/**
 * Class 2: a converter's (or a language model's) markdown that cuts table 三 into pieces — each
 * section of the table its own small pipe table with generic column headers (`| 项目 | 数据1 | … |
 * 数据6 | 总计 |`), section headings (`### （三）不予公开`) between them, sometimes a wrong header
 * row inserted mid-table; rows labelled as real reports print them (with the group prefix or not).
 * Tables 二 and 四 are ordinary pipe tables; the six sections' text around. Every cell is separate,
 * so no cell is ambiguous.
 */
import { SECTION_KEYS, TABLE3_GROUP_LABELS } from '../../src/report/model.ts';
import type { AnnualReport, Table3RowKey } from '../../src/report/model.ts';
import {
  chance, pick, printCell, reportTitle, sectionText, sectionTitle, table2Blocks, table2ColumnLabel, table2RowLabel,
  table3GroupBefore, table3Label, table3RowKeys, table4Cells, TABLE3_APPLICANT_HEADER, TABLE4_COLUMN_NAMES, unscoredCells,
  type Rng, type Variant,
} from './common.ts';

const pipe = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const separator = (n: number): string => `|${'---|'.repeat(n)}`;

const GENERIC_HEADER = ['项目', '数据1', '数据2', '数据3', '数据4', '数据5', '数据6', '总计'];

/** Header rows that name no template column, as converters insert them mid-table. */
const STRAY_HEADERS: readonly (readonly string[])[] = [
  GENERIC_HEADER,
  ['申请人情况', '自然人', '法人或其他组织', '', '', '', '', '总计'],
  ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
  ['项目', '数据1', '数据2', '数据3', '数据4', '数据5', '数据6', '数据7'],
];

/** The pieces table 三 is cut into: a heading (or none) and its rows. */
function pieces(rows: readonly Table3RowKey[]): { heading?: string; rows: Table3RowKey[] }[] {
  const out: { heading?: string; rows: Table3RowKey[] }[] = [{ rows: [] }];
  for (const row of rows) {
    const group = table3GroupBefore(row);
    if (row === 'granted' || row === 'totalProcessed' || row === 'otherDisposal' || (group !== undefined && group !== TABLE3_GROUP_LABELS.outcomes)) {
      out.push({ heading: group ?? (row === 'otherDisposal' ? TABLE3_GROUP_LABELS.otherDisposal : undefined), rows: [] });
    }
    out[out.length - 1]!.rows.push(row);
  }
  return out.filter((p) => p.rows.length > 0);
}

export function markdownVariant(name: string, report: AnnualReport, rng: Rng, index: number): Variant {
  const prefixStyle = pick(rng, ['none', 'prefix', 'mixed'] as const);
  const headingStyle = pick(rng, ['###', '####', '**'] as const);
  let strays = 0;
  const lines: string[] = [`# ${reportTitle(report)}`, ''];
  for (const key of SECTION_KEYS) {
    lines.push(`## ${sectionTitle(key)}`, '', sectionText(key, report.agency ?? '本机关'), '');
    if (key === 'proactive') {
      for (const block of table2Blocks(report.format)) {
        const rows = block.rows.filter((r) => report.table2[r as keyof typeof report.table2] !== undefined);
        if (rows.length === 0) continue;
        lines.push(`**${block.heading}**`, '', pipe(['信息内容', ...block.columns.map(table2ColumnLabel)]), separator(block.columns.length + 1));
        for (const row of rows) {
          lines.push(pipe([table2RowLabel(row), ...block.columns.map((c) => printCell(report.table2[row as keyof typeof report.table2]?.[c], ''))]));
        }
        lines.push('');
      }
    }
    if (key === 'applications') {
      for (const piece of pieces(table3RowKeys(report.table3))) {
        if (piece.heading !== undefined) {
          const heading = headingStyle === '**' ? `**${piece.heading}**` : `${headingStyle} ${piece.heading}`;
          lines.push(heading, '');
        }
        const header = chance(rng, 0.8) ? GENERIC_HEADER : ['', ...TABLE3_APPLICANT_HEADER];
        lines.push(pipe(header), separator(header.length));
        const strayAt = piece.rows.length > 1 && chance(rng, 0.3) ? 1 + Math.floor(rng() * (piece.rows.length - 1)) : -1;
        piece.rows.forEach((row, i) => {
          if (i === strayAt) {
            lines.push(pipe(pick(rng, STRAY_HEADERS)));
            strays++;
          }
          const group = table3GroupBefore(row);
          const prefixed = group !== undefined && (prefixStyle === 'prefix' || (prefixStyle === 'mixed' && chance(rng, 0.5)));
          const label = prefixed ? `${group}${chance(rng, 0.5) ? ' ' : ''}${table3Label(row)}` : table3Label(row);
          lines.push(pipe([label, ...(report.table3.rows[row] ?? []).map((v) => printCell(v, ''))]));
        });
        lines.push('');
      }
    }
    if (key === 'appeals') {
      lines.push(pipe(['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', '']), separator(15));
      lines.push(pipe(['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']));
      lines.push(pipe([...TABLE4_COLUMN_NAMES, ...TABLE4_COLUMN_NAMES, ...TABLE4_COLUMN_NAMES]));
      lines.push(pipe(table4Cells(report.table4).map((v) => printCell(v, ''))), '');
    }
  }
  return {
    id: `markdown/${name}/${index}`,
    layout: 'markdown',
    truth: name,
    description: `markdown in pieces, labels ${prefixStyle}, headings ${headingStyle}, ${strays} stray header row(s)`,
    file: { name: `${name}-${index}.md`, bytes: new TextEncoder().encode(lines.join('\n')) },
    expected: { format: report.format, table2: report.table2, table3: report.table3, table4: report.table4, ambiguous: [], unscored: unscoredCells(name) },
  };
}
