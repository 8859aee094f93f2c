/** Stored reports and uploads of an agency, made through the report room's use-case (for access tests). */
import type { Agency, Person } from '../../src/platform/accounts/store.ts';
import type { Services } from '../../src/platform/services.ts';
import { checkAndStoreFiles } from '../../src/report/service.ts';
import { canonicalReport } from './fixtures.ts';

let serial = 0;

async function upload(services: Services, agency: Agency, person: Person): Promise<{ uploadId: string; reportId: number }> {
  // A distinct year per call: the same bytes twice would be found as one check.
  const report = canonicalReport(agency.name, 2000 + (serial++ % 90));
  const outcome = await checkAndStoreFiles(services.db, {
    files: [{ name: `${agency.name}.json`, bytes: new TextEncoder().encode(JSON.stringify(report)) }],
    actor: { kind: 'person', personId: person.id, username: person.username },
    keeping: { kind: 'agency', agencyId: agency.id },
  });
  const result = outcome.results[0];
  if (!result?.ok) throw new Error(`report not stored: ${JSON.stringify(result)}`);
  return { uploadId: outcome.uploadId, reportId: result.reportId };
}

/** A report stored for the agency by the person; its id. */
export async function storeReportFor(services: Services, agency: Agency, person: Person): Promise<number> {
  return (await upload(services, agency, person)).reportId;
}

/** An upload made by the person for the agency; its id. */
export async function uploadBy(services: Services, agency: Agency, person: Person): Promise<string> {
  return (await upload(services, agency, person)).uploadId;
}

/** A bulk check (评估模式) filed by the person, its checks kept for the agency; its id. Not read: no worker runs. */
export async function batchBy(services: Services, agency: Agency, person: Person): Promise<string> {
  const { createBatch } = await import('../../src/report/evaluate/batch-service.ts');
  const report = canonicalReport(agency.name, 2000 + (serial++ % 90));
  const { batchId } = await createBatch(services.db, {
    files: [{ name: `${agency.name}.json`, bytes: new TextEncoder().encode(JSON.stringify(report)) }],
    actor: { kind: 'person', personId: person.id, username: person.username },
    keeping: { kind: 'agency', agencyId: agency.id },
  });
  return batchId;
}
