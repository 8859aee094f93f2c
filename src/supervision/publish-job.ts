/**
 * Filing a published annual report in the catalog (issue 19 §1: “publication to the portal and to
 * the catalog as an item of 第二十条”). Publishing a version queues 'annual-report.published'
 * ({ reportId, versionNo }, workspace-service.ts); its handler imports one published item through the
 * catalog's import (as an agency's old site would: published on its date, no review of its own — the
 * 负责人 approved the report) under 第二十条（十五） (the report is required by 条例第四十九条/第五十条),
 * 体裁 其他文件, and keeps its id on the report. A retried or repeated job finds the item it made (same
 * agency, title and 发布日期) instead of making a second: the job is idempotent.
 */
import { z } from 'zod';
import { importItems, listPublishedItems } from '../catalog/index.ts';
import type { Acting } from '../platform/accounts/service.ts';
import type { JobHandler } from '../platform/jobs/worker.ts';
import type { Services } from '../platform/services.ts';
import { agencyPath } from '../portal/index.ts';
import type { AnnualReport } from '../report/index.ts';
import { REPORT_PUBLISHED_JOB } from './workspace-service.ts';
import { listVersions, updateReport, type PublishedVersion } from './workspace-store.ts';

const payloadSchema = z.object({ reportId: z.number().int().positive(), versionNo: z.number().int().positive() });

/** The system files the report: the 负责人's publication is the decision, recorded on the report. */
const SYSTEM: Acting = { actor: { kind: 'system' }, grants: null };

/** Two jobs of one report (a retry beside a late first try) file one item at a time. */
const LOCK_CLASS = 19_001;

/** The catalog item's title: `…年政府信息公开工作年度报告`, a correction marked （更正）. */
export function reportItemTitle(agency: string, year: number, versionNo: number): string {
  return `${agency}${year}年政府信息公开工作年度报告${versionNo > 1 ? '（更正）' : ''}`;
}

/** The portal page of a version (the newest at the year's address; an earlier one with ?version=). */
export function portalReportPath(agencyId: number, year: number, versionNo?: number): string {
  return `${agencyPath(agencyId, 'reports')}/${year}${versionNo === undefined ? '' : `?version=${versionNo}`}`;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The item's body: the six sections as headings and paragraphs, the 更正说明, and the link to the full report with its tables. */
export function reportItemBody(report: AnnualReport, version: PublishedVersion, agencyId: number, year: number): string {
  const parts: string[] = [];
  if (version.correction) parts.push(`<p><strong>更正说明：</strong>${escapeHtml(version.correction)}</p>`);
  for (const section of report.sections ?? []) {
    parts.push(`<h2>${escapeHtml(section.title)}</h2>`);
    for (const line of section.text.split('\n').map((l) => l.trim()).filter((l) => l !== '')) parts.push(`<p>${escapeHtml(line)}</p>`);
  }
  const href = portalReportPath(agencyId, year, version.versionNo);
  parts.push(`<p>报告全文（含统计表格）及 Word 版见<a href="${escapeHtml(href)}">政府信息公开年报栏目</a>。</p>`);
  return parts.join('\n');
}

/** What filing did. */
export interface FiledReport {
  itemId: number | null;
  /** A new item was made (false: the job had made it before, or the version is gone). */
  created: boolean;
}

/**
 * Files version `versionNo` of the report in the catalog, once. The report keeps the item of its newest
 * version (a late job of an older version does not take its place).
 */
export async function fileReportInCatalog(services: Services, reportId: number, versionNo: number): Promise<FiledReport> {
  const { db } = services;
  const { rows: [row] } = await db.query<{ agency_id: number; year: number; catalog_item_id: number | null }>(
    'SELECT agency_id::int, year, catalog_item_id::int FROM annual_reports WHERE id = $1', [reportId]);
  if (!row) return { itemId: null, created: false };
  const versions = await listVersions(db, reportId);
  const version = versions.find((v) => v.versionNo === versionNo);
  if (!version) return { itemId: null, created: false };
  const newest = versions.at(-1)!.versionNo === versionNo;
  const report = version.canonical;
  const title = reportItemTitle(report.agency ?? '', row.year, versionNo);

  const client = await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, reportId]);
    const page = await listPublishedItems(db, {
      agencyIds: [row.agency_id], article20Item: 'other', genre: '其他文件', year: Number(version.publishedOn.slice(0, 4)), order: 'newest', limit: 100,
    });
    const made = page.items.find((i) => i.title === title && i.publishedOn === version.publishedOn);
    let itemId = made?.id ?? null;
    if (itemId === null) {
      const item = {
        title, formedOn: version.publishedOn, publishedOn: version.publishedOn, genre: '其他文件', article20Item: 'other', topic: '综合政务',
        body: reportItemBody(report, version, row.agency_id, row.year),
      };
      let outcome = await importItems(services, SYSTEM, row.agency_id, [{ line: 1, value: item }]);
      // The same text is public on the portal already, approved by the 负责人: a number in it the
      // personal-data scan takes for a person's is published with that reason rather than not at all.
      if (!outcome.ok && outcome.problems.every((p) => p.field === 'body')) {
        outcome = await importItems(services, SYSTEM, row.agency_id, [{ line: 1, value: { ...item, personalDataJustification: '年度报告经本机关负责人审批发布，全文已在政府信息公开年报栏目公开' } }]);
      }
      if (!outcome.ok) throw new Error(`年度报告未能存入目录：${outcome.problems.map((p) => p.message).join('；')}`);
      itemId = outcome.imported[0]!.id;
    }
    if (newest && row.catalog_item_id !== itemId) await updateReport(db, reportId, { catalogItemId: itemId });
    return { itemId, created: made === undefined };
  } finally {
    // A connection whose unlock failed is closed, not pooled with the lock still held.
    const unlocked = await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, reportId]).then(() => true, () => false);
    client.release(!unlocked);
  }
}

/** The publication job of a worker: `{ 'annual-report.published': … }`. */
export function publishJobs(): Record<string, JobHandler> {
  return {
    [REPORT_PUBLISHED_JOB]: async (payload, services, job) => {
      const { reportId, versionNo } = payloadSchema.parse(payload);
      const filed = await fileReportInCatalog(services, reportId, versionNo);
      services.logger.info({ jobId: job.id, reportId, versionNo, ...filed }, '年度报告已存入主动公开目录');
    },
  };
}
