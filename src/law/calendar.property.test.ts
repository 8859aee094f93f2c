import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packageCalendar } from './calendar-data.ts';
import { dayFromCivil, isoOf, type IsoDate } from './dates.ts';
import { computeDeadlines } from './deadlines.ts';

const calendar = packageCalendar();
const FIRST = dayFromCivil(2019, 1, 1);
const LAST = dayFromCivil(2026, 12, 31);
const dayArb = fc.integer({ min: FIRST, max: LAST });
const nArb = fc.integer({ min: 1, max: 60 });

describe('工作日运算的性质', () => {
  it('加N个工作日总是落在工作日上', () => {
    fc.assert(fc.property(dayArb, nArb, (day, n) => calendar.isWorkday(calendar.addWorkingDays(day, n))));
  });

  it('从起算日数到届满日恰好是N个工作日', () => {
    fc.assert(fc.property(dayArb, nArb, (day, n) => calendar.countWorkingDays(day, calendar.addWorkingDays(day, n)) === n));
  });

  it('届满日前一天之前只有N−1个工作日（第N个工作日是最早的届满日）', () => {
    fc.assert(fc.property(dayArb, nArb, (day, n) => calendar.countWorkingDays(day, calendar.addWorkingDays(day, n) - 1) === n - 1));
  });

  it('收到日越晚，各期限不会提前', () => {
    fc.assert(fc.property(dayArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), (day, later, ext) => {
      const at = (d: number) => computeDeadlines({
        channel: 'inPerson', submitted: isoOf(d), confirmed: null, onTheSpot: false, correction: null, extensionWorkingDays: ext, thirdParty: null,
      }, calendar, { explain: false });
      const a = at(day);
      const b = at(day + later);
      return b.correctionNoticeDue >= a.correctionNoticeDue && b.replyDue! >= a.replyDue! && (b.extendedReplyDue ?? '') >= (a.extendedReplyDue ?? '');
    }));
  });

  it('第三方意见回复越晚，答复期限不会提前', () => {
    fc.assert(fc.property(dayArb, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 30 }), (day, sentAfter, replyAfter) => {
      const sent = day + sentAfter;
      const due = (replied: number) => computeDeadlines({
        channel: 'inPerson', submitted: isoOf(day), confirmed: null, onTheSpot: false, correction: null, extensionWorkingDays: 0,
        thirdParty: { sentOn: isoOf(sent), receivedOn: isoOf(sent), repliedOn: isoOf(replied) },
      }, calendar, { explain: false }).replyDue!;
      return due(sent + replyAfter + 1) >= due(sent + replyAfter);
    }));
  });

  it('日期与日数互转不依赖时区', () => {
    fc.assert(fc.property(fc.integer({ min: dayFromCivil(1, 1, 1), max: dayFromCivil(9999, 12, 31) }), (n) => {
      const iso = isoOf(n);
      return new Date(`${iso}T00:00:00Z`).getTime() / 86_400_000 === n && (iso as IsoDate) === isoOf(n);
    }));
  });
});

describe('2027 年未录入时', () => {
  it('任何进入2027年的期限都是暂定', () => {
    fc.assert(fc.property(fc.integer({ min: dayFromCivil(2026, 12, 1), max: dayFromCivil(2027, 12, 1) }), (day) => {
      const r = computeDeadlines({
        channel: 'inPerson', submitted: isoOf(day), confirmed: null, onTheSpot: false, correction: null, extensionWorkingDays: 0, thirdParty: null,
      }, calendar, { explain: false });
      expect(r.provisional).toBe(r.replyDue! >= '2027-01-01');
    }));
  });
});
