import { describe, expect, it } from 'vitest';
import { packageCalendar } from './calendar-data.ts';
import type { IsoDate } from './dates.ts';
import { computeDeadlines, computePublishDue, type DeadlineInput, type DeadlineOptions, type DeadlineResult } from './deadlines.ts';

/*
 * Every expected date below was counted by hand on a printed month calendar against the holiday
 * table of law.md §3 (the State Council notices), never produced by the code under test. The
 * comment of each case shows the count.
 */

type Case = {
  name: string;
  input: Partial<DeadlineInput> & Pick<DeadlineInput, 'submitted'>;
  options?: DeadlineOptions;
  expected: Partial<Record<keyof DeadlineResult, unknown>>;
};

const d = (s: string): IsoDate => s as IsoDate;

function app(p: Case['input']): DeadlineInput {
  return {
    channel: 'inPerson', confirmed: null, onTheSpot: false, correction: null, extensionWorkingDays: 0, thirdParty: null, ...p,
  };
}

const CASES: Case[] = [
  // ---- 收到日与节假日 ----
  { name: '2019端午：当面06-03收到，06-07端午不计', input: { submitted: d('2019-06-03') },
    // 04,05,06,[07端午],10,11,12,13=7；…07-01=19，07-02=20
    expected: { receiptDate: '2019-06-03', correctionNoticeDue: '2019-06-13', replyDue: '2019-07-02', provisional: false } },
  { name: '2019劳动节（国办发明电〔2019〕3号调整）：邮寄04-26签收，04-28(日)、05-05(日)调休上班', input: { channel: 'post', submitted: d('2019-04-24'), confirmed: d('2019-04-26') },
    // 04-28=1,29,30=3,[05-01~04],05-05=4,06,07,08=7；09…05-27=20
    expected: { receiptDate: '2019-04-26', correctionNoticeDue: '2019-05-08', replyDue: '2019-05-27' } },
  { name: '2019国庆：网络09-27双方确认，补正告知期限届满于调休上班的10-12(六)（C-03）', input: { channel: 'online', submitted: d('2019-09-26'), confirmed: d('2019-09-27') },
    // 09-29(日)=1,09-30=2,[10-01~07],08,09,10,11=6,10-12(六)=7；14…30=20
    expected: { receiptDate: '2019-09-27', correctionNoticeDue: '2019-10-12', replyDue: '2019-10-30' } },
  { name: '2019国庆：国庆假期中10-03网络确认，仍以10-03为收到日（C-04）', input: { channel: 'online', submitted: d('2019-10-02'), confirmed: d('2019-10-03') },
    // [04~07],08=1,…,11=4,12(六)=5,14,15=7；…11-01=20
    expected: { receiptDate: '2019-10-03', correctionNoticeDue: '2019-10-15', replyDue: '2019-11-01' } },
  { name: '2019→2020跨年：12-20收到，2020元旦不计，答复期限届满于调休上班的2020-01-19(日)', input: { submitted: d('2019-12-20') },
    // 12-23=1…12-31=7；[01-01],01-02=8,…,01-17=19,01-19(日)=20
    expected: { correctionNoticeDue: '2019-12-31', replyDue: '2020-01-19' } },
  { name: '2020春节延长（国办发明电〔2020〕1号）：01-20收到，01-24至02-02放假，02-01(六)不调休', input: { submitted: d('2020-01-20') },
    // 21,22,23=3,[01-24~02-02],02-03=4,04,05,06=7；07…02-25=20
    expected: { correctionNoticeDue: '2020-02-06', replyDue: '2020-02-25' } },
  { name: '2020春节延长：传真02-01(六)确认（假期中），自02-03起算', input: { channel: 'fax', submitted: d('2020-01-31'), confirmed: d('2020-02-01') },
    // 02-03=1…02-11=7；…02-28=20
    expected: { receiptDate: '2020-02-01', correctionNoticeDue: '2020-02-11', replyDue: '2020-02-28' } },
  { name: '2020劳动节：04-24收到，04-26(日)、05-09(六)调休上班', input: { submitted: d('2020-04-24') },
    // 04-26=1,27,28,29,30=5,[05-01~05],06,07=7；08=8,09(六)=9,…05-25=20
    expected: { correctionNoticeDue: '2020-05-07', replyDue: '2020-05-25' } },
  { name: '2020国庆中秋八天：09-25收到，09-27(日)、10-10(六)调休上班', input: { submitted: d('2020-09-25') },
    // 09-27=1,28,29,30=4,[10-01~08],09=5,10(六)=6,12=7；…10-29=20
    expected: { correctionNoticeDue: '2020-10-12', replyDue: '2020-10-29' } },
  { name: '2021春节：02-05收到，补正告知期限届满于调休上班的02-20(六)', input: { submitted: d('2021-02-05') },
    // 02-07(日)=1,08,09,10=4,[11~17],18,19=6,20(六)=7；22…03-10=20
    expected: { correctionNoticeDue: '2021-02-20', replyDue: '2021-03-10' } },
  { name: '2020→2021跨年：12-31收到，元旦01-01至01-03不计', input: { submitted: d('2020-12-31') },
    // 01-04=1…01-12=7；…01-29=20
    expected: { correctionNoticeDue: '2021-01-12', replyDue: '2021-01-29' } },
  { name: '2021中秋接国庆：09-16收到，09-18(六)、09-26(日)、10-09(六)调休上班', input: { submitted: d('2021-09-16') },
    // 17=1,18(六)=2,[19~21],22,23,24=5,26(日)=6,27=7；28,29,30=10,[10-01~07],08=11,09(六)=12,…10-20=20
    expected: { correctionNoticeDue: '2021-09-27', replyDue: '2021-10-20' } },
  { name: '2022春节：01-27收到，01-29(六)、01-30(日)调休上班', input: { submitted: d('2022-01-27') },
    // 28=1,29=2,30=3,[01-31~02-06],07…10=7；…03-01=20
    expected: { correctionNoticeDue: '2022-02-10', replyDue: '2022-03-01' } },
  { name: '2022清明接劳动节：03-31收到，04-02(六)、04-24(日)调休上班', input: { submitted: d('2022-03-31') },
    // 04-01=1,02(六)=2,[03~05],06…12=7；…22=15,24(日)=16,25…28=20
    expected: { correctionNoticeDue: '2022-04-12', replyDue: '2022-04-28' } },
  { name: '2022国庆：09-29收到，10-08(六)、10-09(日)调休上班', input: { submitted: d('2022-09-29') },
    // 30=1,[10-01~07],08=2,09=3,10…13=7；…11-01=20
    expected: { correctionNoticeDue: '2022-10-13', replyDue: '2022-11-01' } },
  { name: '2022端午后平常信函：06-06与申请人确认之日为收到日', input: { channel: 'ordinaryLetter', submitted: d('2022-06-01'), confirmed: d('2022-06-06') },
    // 07=1…15=7；…07-04=20
    expected: { receiptDate: '2022-06-06', correctionNoticeDue: '2022-06-15', replyDue: '2022-07-04' } },
  { name: '2022→2023跨年：元旦2022-12-31至2023-01-02，随后春节01-21至01-27', input: { submitted: d('2022-12-29') },
    // 12-30=1,[12-31~01-02],03…10=7；…01-20=15,[21~27],28(六)=16,29(日)=17,30,31,02-01=20
    expected: { correctionNoticeDue: '2023-01-10', replyDue: '2023-02-01' } },
  { name: '2023中秋国庆：09-27收到，10-07(六)、10-08(日)调休上班', input: { submitted: d('2023-09-27') },
    // 28=1,[09-29~10-06],07=2,08=3,09…12=7；…10-31=20
    expected: { correctionNoticeDue: '2023-10-12', replyDue: '2023-10-31' } },
  { name: '2023劳动节：04-27收到，05-06(六)调休上班', input: { submitted: d('2023-04-27') },
    // 28=1,[04-29~05-03],04=2,05=3,06(六)=4,08,09,10=7；…05-29=20
    expected: { correctionNoticeDue: '2023-05-10', replyDue: '2023-05-29' } },
  { name: '2024春节：除夕02-09(五)是工作日，02-18(日)调休上班', input: { submitted: d('2024-02-07') },
    // 08=1,09=2,[10~17],18(日)=3,19…22=7；…03-12=20
    expected: { correctionNoticeDue: '2024-02-22', replyDue: '2024-03-12' } },
  { name: '2024清明接劳动节调休：04-02收到，04-07(日)、04-28(日)调休上班', input: { submitted: d('2024-04-02') },
    // 03=1,[04~06],07(日)=2,08…12=7；…26=17,28(日)=18,29,30=20
    expected: { correctionNoticeDue: '2024-04-12', replyDue: '2024-04-30' } },
  { name: '2024中秋接国庆：09-12收到，09-14(六)、09-29(日)、10-12(六)调休上班', input: { submitted: d('2024-09-12') },
    // 13=1,14(六)=2,[15~17],18,19,20,23,24=7；25,26,27=10,29(日)=11,30=12,[10-01~07],08…11=16,12(六)=17,14,15,16=20
    expected: { correctionNoticeDue: '2024-09-24', replyDue: '2024-10-16' } },
  { name: '2025春节：01-24收到，01-26(日)、02-08(六)调休上班', input: { submitted: d('2025-01-24') },
    // 26(日)=1,27=2,[01-28~02-04],05,06,07=5,08(六)=6,10=7；…02-27=20
    expected: { correctionNoticeDue: '2025-02-10', replyDue: '2025-02-27' } },
  { name: '2025劳动节（五天、只调休04-27）：04-25收到', input: { submitted: d('2025-04-25') },
    // 27(日)=1,28,29,30=4,[05-01~05],06,07,08=7；…05-27=20
    expected: { correctionNoticeDue: '2025-05-08', replyDue: '2025-05-27' } },
  { name: '2025国庆中秋八天：09-26收到，09-28(日)、10-11(六)调休上班', input: { submitted: d('2025-09-26') },
    // 28(日)=1,29,30=3,[10-01~08],09,10=5,11(六)=6,13=7；…10-30=20
    expected: { correctionNoticeDue: '2025-10-13', replyDue: '2025-10-30' } },
  { name: '2025→2026跨年：12-31收到，元旦01-01至01-03，01-04(日)调休上班', input: { submitted: d('2025-12-31') },
    // 01-04(日)=1,05…09=6,12=7；…01-29=20
    expected: { correctionNoticeDue: '2026-01-12', replyDue: '2026-01-29' } },
  { name: '2026春节九天：02-11收到，02-14(六)、02-28(六)调休上班', input: { submitted: d('2026-02-11') },
    // 12,13=2,14(六)=3,[15~23],24…27=7；28(六)=8,03-02…03-17=20
    expected: { correctionNoticeDue: '2026-02-27', replyDue: '2026-03-17', provisional: false } },
  { name: '2026中秋接国庆：09-18收到，09-20(日)、10-10(六)调休上班', input: { submitted: d('2026-09-18') },
    // 20(日)=1,21…24=5,[25~27],28,29=7；30=8,[10-01~07],08,09=10,10(六)=11,…10-22=20
    expected: { correctionNoticeDue: '2026-09-29', replyDue: '2026-10-22', provisional: false } },
  // ---- C-04 非工作日收到 ----
  { name: 'C-04：周五03-10收到', input: { channel: 'online', submitted: d('2023-03-10'), confirmed: d('2023-03-10') },
    // 13=1…21=7；…04-04=17,[04-05清明],06,07,10=20
    expected: { correctionNoticeDue: '2023-03-21', replyDue: '2023-04-10' } },
  { name: 'C-04：周六03-11双方确认，期限与周五收到相同', input: { channel: 'online', submitted: d('2023-03-10'), confirmed: d('2023-03-11') },
    expected: { receiptDate: '2023-03-11', correctionNoticeDue: '2023-03-21', replyDue: '2023-04-10' } },
  { name: 'C-04：周日03-12双方确认，期限与周五收到相同', input: { channel: 'online', submitted: d('2023-03-12'), confirmed: d('2023-03-12') },
    expected: { receiptDate: '2023-03-12', correctionNoticeDue: '2023-03-21', replyDue: '2023-04-10' } },
  { name: 'C-04另一做法（可选）：周六收到视为下一工作日收到，各期限晚1个工作日', input: { channel: 'online', submitted: d('2023-03-10'), confirmed: d('2023-03-11') },
    options: { nonWorkdayReceipt: 'nextWorkday' },
    expected: { receiptDate: '2023-03-11', correctionNoticeDue: '2023-03-22', replyDue: '2023-04-11' } },
  // ---- 补正（第三十条，C-05） ----
  { name: '补正：按时告知，自收到补正申请之日03-20重新起算', input: { submitted: d('2023-03-01'), correction: { notifiedOn: d('2023-03-06'), correctedReceivedOn: d('2023-03-20') } },
    // 告知：02,03,06…10=7 → 03-10；答复：21…04-04=11,[05],06…18=20
    expected: { correctionNoticeDue: '2023-03-10', correctionNoticeTimely: true, replyDue: '2023-04-18' } },
  { name: '补正：在第7个工作日当日告知仍属按时', input: { submitted: d('2023-03-01'), correction: { notifiedOn: d('2023-03-10'), correctedReceivedOn: d('2023-03-20') } },
    expected: { correctionNoticeTimely: true, replyDue: '2023-04-18' } },
  { name: '补正：告知逾期（03-13）仍自收到补正申请之日起算，并记录逾期', input: { submitted: d('2023-03-01'), correction: { notifiedOn: d('2023-03-13'), correctedReceivedOn: d('2023-03-20') } },
    expected: { correctionNoticeTimely: false, replyDue: '2023-04-18' } },
  { name: '补正：申请人未补正，视为放弃申请，无答复期限', input: { submitted: d('2023-03-01'), correction: { notifiedOn: d('2023-03-06'), correctedReceivedOn: null }, extensionWorkingDays: 10 },
    expected: { correctionNoticeDue: '2023-03-10', correctionNoticeTimely: true, replyDue: null, extendedReplyDue: null } },
  { name: '补正跨2024春节：02-08收到补正申请，除夕02-09计入', input: { submitted: d('2024-01-29'), correction: { notifiedOn: d('2024-02-02'), correctedReceivedOn: d('2024-02-08') } },
    // 告知：30,31,02-01,02=4,04(日)=5,05,06=7；答复：09=1,[10~17],18(日)=2,…03-13=20
    expected: { correctionNoticeDue: '2024-02-06', correctionNoticeTimely: true, replyDue: '2024-03-13' } },
  // ---- 延期（第三十三条第二款，C-06） ----
  { name: '延期20个工作日：自原期限10-31届满次日续算至第40个工作日', input: { submitted: d('2023-09-27'), extensionWorkingDays: 20 },
    // 11-01=21…11-28=40
    expected: { replyDue: '2023-10-31', extendedReplyDue: '2023-11-28' } },
  { name: '延期15个工作日跨2025春节', input: { submitted: d('2025-01-02'), extensionWorkingDays: 15 },
    // 03=1…24=16,26(日)=17,27=18,[28~02-04],05=19,06=20；07=21,08(六)=22,…02-26=35
    expected: { correctionNoticeDue: '2025-01-13', replyDue: '2025-02-06', extendedReplyDue: '2025-02-26' } },
  { name: '延期1个工作日', input: { submitted: d('2019-06-03'), extensionWorkingDays: 1 },
    expected: { replyDue: '2019-07-02', extendedReplyDue: '2019-07-03' } },
  { name: '不延期时 extendedReplyDue 为 null', input: { submitted: d('2019-06-03') },
    expected: { extendedReplyDue: null, thirdPartyOpinionDue: null, correctionNoticeTimely: null } },
  // ---- 第三方（第三十二条、第三十三条第三款，C-07、C-08） ----
  { name: '第三方按时提出意见（C-07）：扣除（03-06发出，03-15收到意见］内7个工作日', input: { submitted: d('2023-03-01'), thirdParty: { sentOn: d('2023-03-06'), receivedOn: d('2023-03-08'), repliedOn: d('2023-03-15') } },
    // 意见期限：09…29=15；答复：02,03,06=3，扣除07~15，16…04-04=14,[05],06,07,10=17 → 第27个工作日04-10
    expected: { thirdPartyOpinionDue: '2023-03-29', replyDue: '2023-04-10' } },
  { name: '第三方（C-07另一做法，可选）：发出当日也扣除，晚1个工作日', input: { submitted: d('2023-03-01'), thirdParty: { sentOn: d('2023-03-06'), receivedOn: d('2023-03-08'), repliedOn: d('2023-03-15') } },
    options: { thirdPartyExclusion: 'sentDayExcluded' },
    expected: { thirdPartyOpinionDue: '2023-03-29', replyDue: '2023-04-11' } },
  { name: '第三方逾期未提意见（C-08）：扣除至意见期限03-29，答复期限届满于调休上班的04-23(日)', input: { submitted: d('2023-03-01'), thirdParty: { sentOn: d('2023-03-06'), receivedOn: d('2023-03-08'), repliedOn: null } },
    // 扣除(03-06,03-29]=17个；第37个工作日：…04-21=36,04-23(日)=37
    expected: { thirdPartyOpinionDue: '2023-03-29', replyDue: '2023-04-23' } },
  { name: '第三方逾期才提意见：扣除同样截至意见期限（C-08）', input: { submitted: d('2023-03-01'), thirdParty: { sentOn: d('2023-03-06'), receivedOn: d('2023-03-08'), repliedOn: d('2023-04-03') } },
    expected: { replyDue: '2023-04-23' } },
  { name: '第三方未提意见并延期20个工作日：延期后的期限同样扣除征求意见期间', input: { submitted: d('2023-03-01'), extensionWorkingDays: 20, thirdParty: { sentOn: d('2023-03-06'), receivedOn: d('2023-03-08'), repliedOn: null } },
    // 第57个工作日：24=38…28=42,[04-29~05-03],04,05=44,06(六)=45,…05-23=57
    expected: { replyDue: '2023-04-23', extendedReplyDue: '2023-05-23' } },
  { name: '第三方跨2024国庆：意见期限含09-29(日)、10-12(六)调休上班日', input: { submitted: d('2024-09-02'), thirdParty: { sentOn: d('2024-09-20'), receivedOn: d('2024-09-23'), repliedOn: null } },
    // 意见期限：24…27=4,29(日)=5,30=6,[10-01~07],08…11=10,12(六)=11,14…17=15；答复：发出前13个工作日(含14(六))，17之后18,21…28=20
    expected: { correctionNoticeDue: '2024-09-11', thirdPartyOpinionDue: '2024-10-17', replyDue: '2024-10-28' } },
  { name: '第三方在原答复期限届满后、延期期间征求：只影响延期后的期限', input: { submitted: d('2023-09-27'), extensionWorkingDays: 20, thirdParty: { sentOn: d('2023-11-01'), receivedOn: d('2023-11-02'), repliedOn: d('2023-11-06') } },
    // 扣除(11-01,11-06]=02,03,06=3；第43个工作日：11-28=40,29,30,12-01=43；意见期限：03…23=15
    expected: { replyDue: '2023-10-31', extendedReplyDue: '2023-12-01', thirdPartyOpinionDue: '2023-11-23' } },
  // ---- 当场答复（第三十三条第一款，C-09） ----
  { name: '当场答复：答复日即收到日', input: { submitted: d('2024-05-06'), onTheSpot: true },
    // 告知：07…10=4,11(六)=5,13,14=7
    expected: { replyDue: '2024-05-06', extendedReplyDue: null, correctionNoticeDue: '2024-05-14' } },
  // ---- 2027：日历未覆盖 ----
  { name: '2026-12-15收到：答复期限进入2027年，结果为暂定（provisional）', input: { submitted: d('2026-12-15') },
    // 16…24=7；25=8,28…31=12,2027-01-01=13(按周一至周五),04…08=18,11,12=20
    expected: { correctionNoticeDue: '2026-12-24', replyDue: '2027-01-12', provisional: true } },
  { name: '2027年收到：全部期限为暂定', input: { submitted: d('2027-03-01') },
    // 02…10=7；…29=20（周一至周五）
    expected: { correctionNoticeDue: '2027-03-10', replyDue: '2027-03-29', provisional: true } },
];

describe('依申请公开期限（第三十条至第三十三条）', () => {
  const calendar = packageCalendar();
  it('至少40个手算案例', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = computeDeadlines(app(c.input), calendar, c.options);
    const picked = Object.fromEntries(Object.keys(c.expected).map((k) => [k, result[k as keyof DeadlineResult]]));
    expect(picked).toEqual(c.expected);
    if (!('provisional' in c.expected)) expect(result.provisional).toBe(false);
    expect(result.calendarVersion).toBe(calendar.version);
    expect(result.explanation.length).toBeGreaterThan(3);
  });

  it('explain: false 时不生成说明，日期相同', () => {
    for (const c of CASES) {
      const fast = computeDeadlines(app(c.input), calendar, { ...c.options, explain: false });
      const full = computeDeadlines(app(c.input), calendar, c.options);
      expect(fast.explanation).toEqual([]);
      expect({ ...fast, explanation: null }).toEqual({ ...full, explanation: null });
    }
  });

  it('说明写明条文、节假日、调休和扣除的天数', () => {
    const r = computeDeadlines(app({ submitted: d('2023-03-01'), thirdParty: { sentOn: d('2023-03-06'), receivedOn: d('2023-03-08'), repliedOn: null } }), calendar);
    const text = r.explanation.join('\n');
    expect(text).toMatch(/第三十一条/);
    expect(text).toMatch(/第三十三条第三款/);
    expect(text).toMatch(/C-07/);
    expect(text).toMatch(/C-08/);
    expect(text).toMatch(/工作日17个/);
    expect(text).toMatch(/清明法定节假日1天（04-05）/);
    expect(text).toMatch(/调休上班日计入：04-23/);
  });

  it('暂定结果在说明中写明原因', () => {
    const r = computeDeadlines(app({ submitted: d('2026-12-15') }), calendar);
    expect(r.explanation.join('\n')).toMatch(/暂定（provisional）：答复期限的计数区间涉及2027年/);
  });
});

describe('主动公开期限（第二十六条）', () => {
  const calendar = packageCalendar();
  it.each([
    // 09-29(日)=1,30=2,[10-01~07],08…11=6,12(六)=7,14…30=20
    ['2024-09-27 形成：跨国庆，届满于10-30', '2024-09-27', '2024-10-30', false],
    // 2020-01-20 形成：21,22,23=3,[01-24~02-02],03…02-25=20（同依申请案例）
    ['2020-01-20 形成：跨延长的春节假期', '2020-01-20', '2020-02-25', false],
    // 12-21…25=5,28…31=9,2027-01-01=10,…01-15=20
    ['2026-12-20 形成：进入2027年，暂定', '2026-12-20', '2027-01-15', true],
  ])('%s', (_name, formed, due, provisional) => {
    const r = computePublishDue(formed as IsoDate, calendar);
    expect(r.publishDue).toBe(due);
    expect(r.provisional).toBe(provisional);
    expect(r.explanation.join('')).toMatch(/第二十六条/);
  });
});
