/**
 * Rendering of an annual report: HTML (the layout government websites publish), DOCX, XLSX and
 * canonical JSON. Every form but JSON is read back by the importer like any published report.
 */
import type { AnnualReport } from '../model.ts';
import { renderJson } from './json.ts';

export const RENDER_FORMATS = ['html', 'docx', 'xlsx', 'json'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** Media type of each rendered form (for downloads). */
export const RENDER_MEDIA_TYPES: Record<RenderFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/**
 * Renders a report; text forms (HTML, JSON) as UTF-8 bytes. The renderers of the other forms (and
 * docx, exceljs, the JSX runtime) load when first used: a command that only checks a report, and
 * the server's start-up, do not pay for them.
 */
export async function renderReport(report: AnnualReport, format: RenderFormat): Promise<Uint8Array> {
  switch (format) {
    case 'html':
      return new TextEncoder().encode((await import('./html.tsx')).renderHtml(report));
    case 'json':
      return new TextEncoder().encode(renderJson(report));
    case 'docx':
      return (await import('./docx.ts')).renderDocx(report);
    case 'xlsx':
      return (await import('./xlsx.ts')).renderXlsx(report);
  }
}
