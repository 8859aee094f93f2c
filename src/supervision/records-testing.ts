/**
 * One supervision record of each kind for an agency, for tests that walk every route (the permission
 * matrix): a training, an inspection with one problem, a 5·15 event and a consultation, made through
 * the use-cases by the command line. Not used by the app.
 */
import type { Acting } from '../platform/accounts/service.ts';
import type { Services } from '../platform/services.ts';
import { addFinding, addRecord } from './records-service.ts';

const OPERATOR: Acting = { actor: { kind: 'cli', user: 'test' }, grants: null };

/** The ids of the agency's new records, by the resource names the routes' access declarations use. */
export async function insertTestRecords(services: Services, agencyId: number): Promise<Record<'training' | 'inspection' | 'finding' | 'publicDay' | 'consultation', number>> {
  const add = async (kind: Parameters<typeof addRecord>[2], fields: Record<string, unknown>) => (await addRecord(services, OPERATOR, kind, agencyId, fields)).id;
  const training = await add('training', { heldOn: '2024-03-01', title: '测试培训', attendees: 10 });
  const inspection = await add('inspection', { inspectedOn: '2024-04-01', inspector: '测试政务公开办', subject: '测试检查' });
  const { id: finding } = await addFinding(services, OPERATOR, inspection, { problem: '测试问题', deadline: '2024-05-01' });
  const publicDay = await add('publicDay', { heldOn: '2024-05-15', title: '测试政务公开日' });
  const consultation = await add('consultation', { receivedOn: '2024-06-03', channel: 'phone', kind: 'consultation', subject: '测试咨询' });
  return { training, inspection, finding, publicDay, consultation };
}
