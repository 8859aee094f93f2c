import { describe, expect, it } from 'vitest';
import { annualReportDueDate } from './annual-report-dates.ts';

describe('annualReportDueDate（条例第四十九条；C-10：当日仍按时，节假日不顺延）', () => {
  it('政府部门：次年1月31日，即使当天在春节假期中（2025-01-31）', () => {
    expect(annualReportDueDate(2024, 'department')).toBe('2025-01-31');
  });
  it('县级以上人民政府：次年3月31日', () => {
    expect(annualReportDueDate(2023, 'government')).toBe('2024-03-31');
  });
});
