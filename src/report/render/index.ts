/**
 * Rendering of an annual report: HTML (the layout government websites publish), DOCX, XLSX, JSON.
 * (Stub: being written.)
 */
import type { AnnualReport } from '../model.ts';

export const RENDER_FORMATS = ['html', 'docx', 'xlsx', 'json'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** Renders a report; text formats as UTF-8 bytes. */
export async function renderReport(report: AnnualReport, format: RenderFormat): Promise<Uint8Array> {
  throw new Error(`render ${format} not implemented for ${report.agency ?? ''}`);
}
