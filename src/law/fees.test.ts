import { describe, expect, it } from 'vitest';
import { monthlyApplicationFee, pageFee, perApplicationRate, proposeFee } from './fees.ts';
import { parseFeeInput } from './fee-input.ts';

describe('按件计收（处理费办法第四条）：每个档次边界', () => {
  it.each([
    // F(N) by hand: 11–30 at 100; 31–40 at 200; 41–50 at 300; 51–60 at 400.
    [0, 0], [1, 0], [10, 0], [11, 100], [12, 200], [30, 2000], [31, 2200], [40, 4000], [41, 4300], [50, 7000], [51, 7400],
    [60, 11000], [61, 11500], [70, 16000],
  ])('F(%i) = %i 元', (n, fee) => expect(monthlyApplicationFee(n)).toBe(fee));

  it.each([[10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400], [61, 500]])('第%i件的单价 %i 元', (k, rate) => {
    expect(perApplicationRate(k)).toBe(rate);
  });

  it.each([
    ['本月此前0件、本批10件：不收费', 0, 10, 0],
    ['本月此前10件、本批1件：第11件100元', 10, 1, 100],
    ['本月此前25件、本批20件：F(45)−F(25)=5500−1500', 25, 20, 4000],
    ['本月此前30件、本批1件：第31件200元', 30, 1, 200],
    ['本月此前0件、本批60件：F(60)', 0, 60, 11000],
  ])('%s', (_name, before, batch, fee) => {
    const r = proposeFee({ mode: 'perApplication', applicationsThisMonthBefore: before, applicationsInBatch: batch });
    expect(r.feeYuan).toBe(fee);
    expect(r.explanation.join('')).toMatch(/第四十二条/);
  });

  it('分批计算之和等于一次计算（超额累进）', () => {
    let sum = 0;
    for (const [p, m] of [[0, 7], [7, 9], [16, 20], [36, 1], [37, 30]] as const) {
      sum += proposeFee({ mode: 'perApplication', applicationsThisMonthBefore: p, applicationsInBatch: m }).feeYuan;
    }
    expect(sum).toBe(monthlyApplicationFee(67));
  });
});

describe('按量计收（处理费办法第五条）：每个档次边界', () => {
  it.each([
    [0, 0], [30, 0], [31, 10], [100, 700], [101, 720], [200, 2700], [201, 2740], [250, 4700],
  ])('G(%i) = %i 元', (pages, fee) => {
    expect(pageFee(pages)).toBe(fee);
    expect(proposeFee({ mode: 'perPage', pages }).feeYuan).toBe(fee);
  });

  it('说明列出每个适用档次', () => {
    const r = proposeFee({ mode: 'perPage', pages: 201 });
    expect(r.explanation).toEqual(expect.arrayContaining([
      '第1至30页不收费：30页，0元。',
      '第31至100页每页10元：70页 × 10元 = 700元。',
      '第101至200页每页20元：100页 × 20元 = 2000元。',
      '第201页以上每页40元：1页 × 40元 = 40元。',
      '合计：2740元。',
    ]));
  });
});

describe('处理费输入校验', () => {
  it('接受中文计收方式', () => {
    expect(parseFeeInput({ mode: '按件', applicationsThisMonthBefore: 3, applicationsInBatch: 2, pages: 0 })).toEqual({
      ok: true, value: { mode: 'perApplication', applicationsThisMonthBefore: 3, applicationsInBatch: 2 },
    });
  });
  it.each([
    ['负数件数', { mode: '按件', applicationsThisMonthBefore: -1, applicationsInBatch: 1 }, 'applicationsThisMonthBefore'],
    ['小数页数', { mode: '按量', pages: 1.5 }, 'pages'],
    ['按量缺页数', { mode: '按量' }, 'pages'],
    ['未知方式', { mode: '按人' }, 'mode'],
  ])('%s：报错并指明字段', (_name, input, field) => {
    const r = parseFeeInput(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(field);
  });
});
