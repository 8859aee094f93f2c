/**
 * The records' pure parts: where a problem's 整改 stands on a day (the deadline day itself still within
 * it), in words; the facts a year's records give; the list page's address the reports link to.
 */
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../law/dates.ts';
import { NO_RECORD_FACTS } from './facts.ts';
import { findingProgress, progressWords, recordsHref, summariseRecords, type Finding, type Inspection } from './records.ts';

const d = (s: string) => s as IsoDate;
const finding = (state: Finding['state'], deadline: string, rectifiedOn: string | null = null): Finding => ({
  id: 1, inspectionId: 1, problem: '问题', deadline: d(deadline), state, rectifiedOn: rectifiedOn === null ? null : d(rectifiedOn), rectification: null, version: 1,
});

describe('findingProgress', () => {
  it.each([
    ['整改期限前 3 天', finding('open', '2024-06-23'), { kind: 'open', daysLeft: 3 }, '整改中', '距整改期限还有 3 天'],
    ['整改期限当天仍在期限内', finding('open', '2024-06-20'), { kind: 'open', daysLeft: 0 }, '整改中', '今天是整改期限'],
    ['超过整改期限 20 天（跨月）', finding('open', '2024-05-31'), { kind: 'overdue', daysOver: 20 }, '逾期未整改', '已超过整改期限 20 天'],
    ['逾期后完成整改的，记为已整改', finding('rectified', '2024-05-31', '2024-06-10'), { kind: 'rectified', on: '2024-06-10' }, '已整改', '2024年6月10日完成整改'],
  ])('%s', (_name, f, progress, label, detail) => {
    const p = findingProgress(f, d('2024-06-20'));
    expect(p).toEqual(progress);
    expect(progressWords(p)).toEqual({ label, detail });
  });
});

describe('summariseRecords', () => {
  it('counts what the report quotes', () => {
    const inspection = (findings: Finding[]): Inspection => ({ id: 1, agencyId: 1, inspectedOn: d('2024-03-01'), inspector: '办公室', subject: '检查', summary: null, version: 1, findings });
    expect(summariseRecords({ trainings: [], inspections: [], publicDays: [], consultations: [] })).toEqual(NO_RECORD_FACTS);
    const facts = summariseRecords({
      trainings: [{ id: 1, agencyId: 1, heldOn: d('2024-01-02'), title: '培训', attendees: 30, note: null, version: 1 }, { id: 2, agencyId: 1, heldOn: d('2024-02-02'), title: '培训', attendees: 12, note: null, version: 1 }],
      inspections: [inspection([finding('open', '2024-04-01'), finding('rectified', '2024-04-01', '2024-03-20')]), inspection([])],
      publicDays: [{ id: 1, agencyId: 1, heldOn: d('2024-05-15'), title: '活动', description: null, version: 1 }],
      consultations: [
        { id: 1, agencyId: 1, receivedOn: d('2024-01-01'), channel: 'hotline', kind: 'consultation', subject: '咨询', reply: '答复', repliedOn: d('2024-01-02'), version: 1 },
        { id: 2, agencyId: 1, receivedOn: d('2024-01-01'), channel: 'phone', kind: 'suggestion', subject: '建议', reply: null, repliedOn: null, version: 1 },
      ],
    });
    expect(facts).toEqual({
      trainings: { count: 2, attendees: 42 }, inspections: { count: 2, findings: 2, rectified: 1, open: 1 },
      publicDayEvents: { count: 1 }, consultations: { count: 2, replied: 1, hotline: 1 },
    });
  });
});

it('recordsHref is the list page of an agency’s year, of one kind or all', () => {
  expect(recordsHref(7, 2024)).toBe('/supervision/records?agency=7&year=2024');
  expect(recordsHref(7, 2024, 'consultation')).toBe('/supervision/records?agency=7&year=2024&kind=consultation');
});
