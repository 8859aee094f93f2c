/**
 * 信息处理费 (条例第四十二条；《政府信息公开信息处理费管理办法》国办函〔2020〕109号，law.md §4).
 * Charging is discretionary (第四十二条：“可以收取”): every figure here is a proposal for a person to
 * decide on. Amounts are whole yuan (every tier rate is a whole number of yuan).
 */

/** Charging modes (处理费办法第三条): per application or per page, never both for one application. */
export const FEE_MODES = ['perApplication', 'perPage'] as const;
export type FeeMode = (typeof FEE_MODES)[number];
export const FEE_MODE_LABELS: Record<FeeMode, string> = { perApplication: '按件', perPage: '按量' };

/** One progressive tier: counts/pages in [from, to] (to = null: open) at `rate` yuan each. */
export interface FeeTier {
  readonly from: number;
  readonly to: number | null;
  readonly rate: number;
}

/** 按件 (第四条): ≤10 a month free; 11–30 at 100 元; then each band of 10 costs 100 元 more. */
export const FREE_APPLICATIONS_PER_MONTH = 10;
/** 按量 (第五条) tiers per application: ≤30 pages free; 31–100 at 10; 101–200 at 20; >200 at 40. */
export const PAGE_TIERS: readonly FeeTier[] = [
  { from: 1, to: 30, rate: 0 },
  { from: 31, to: 100, rate: 10 },
  { from: 101, to: 200, rate: 20 },
  { from: 201, to: null, rate: 40 },
];

/** Rate in yuan of the k-th application of a natural month (处理费办法第四条). E.g. r(11)=100, r(31)=200. */
export function perApplicationRate(k: number): number {
  if (k <= FREE_APPLICATIONS_PER_MONTH) return 0;
  if (k <= 30) return 100;
  return 100 * (1 + Math.ceil((k - 30) / 10));
}

/** The 按件 tier holding the k-th application: [from, to] and rate. */
function perApplicationTier(k: number): FeeTier {
  if (k <= 10) return { from: 1, to: 10, rate: 0 };
  if (k <= 30) return { from: 11, to: 30, rate: 100 };
  const band = Math.ceil((k - 30) / 10);
  return { from: 30 + (band - 1) * 10 + 1, to: 30 + band * 10, rate: 100 * (1 + band) };
}

/**
 * F(N): 按件 fee for N applications in one natural month, progressive (超额累进).
 * F(10)=0, F(11)=100, F(30)=2000, F(40)=4000, F(50)=7000, F(60)=11000.
 */
export function monthlyApplicationFee(n: number): number {
  let total = 0;
  for (let k = 1; k <= n; ) {
    const tier = perApplicationTier(k);
    const end = Math.min(n, tier.to ?? n);
    total += (end - k + 1) * tier.rate;
    k = end + 1;
  }
  return total;
}

/**
 * G(P): 按量 fee of one application of P pages, progressive.
 * G(30)=0, G(31)=10, G(100)=700, G(101)=720, G(200)=2700, G(201)=2740.
 */
export function pageFee(pages: number): number {
  let total = 0;
  for (const tier of PAGE_TIERS) {
    if (pages < tier.from) break;
    total += (Math.min(pages, tier.to ?? pages) - tier.from + 1) * tier.rate;
  }
  return total;
}

/** A fee question: 按件 (applications before this batch in the month, applications in it) or 按量 (pages). */
export type FeeInput =
  | { readonly mode: 'perApplication'; readonly applicationsThisMonthBefore: number; readonly applicationsInBatch: number }
  | { readonly mode: 'perPage'; readonly pages: number };

/** A proposed fee with the tiers applied, in Chinese. */
export interface FeeProposal {
  readonly feeYuan: number;
  readonly explanation: readonly string[];
}

const DISCRETION = '收费属于行政机关的裁量（条例第四十二条：数量、频次明显超过合理范围的，“可以收取”信息处理费），以上为建议金额，是否收取由行政机关决定；每件申请只能选择按件或按量一种方式，不得同时按两种标准重复计算（处理费办法第三条）。';

/**
 * Proposes the processing fee (处理费办法第三条至第五条). 按件: the batch pays F(p+m) − F(p), where p
 * applications of the same applicant were received earlier in the same natural month (约定 C-11:
 * the month of the receipt date of 第三十一条). 按量: G(pages) for one application.
 */
export function proposeFee(input: FeeInput): FeeProposal {
  const lines: string[] = [];
  let fee = 0;
  switch (input.mode) {
    case 'perApplication': {
      const p = input.applicationsThisMonthBefore;
      const m = input.applicationsInBatch;
      lines.push(`按件计收（处理费办法第四条）：本自然月此前已收到该申请人${p}件，本批${m}件，本批为当月第${p + 1}至第${p + m}件（约定C-11：按收到申请之日所在自然月累计）。`);
      if (m === 0) lines.push('本批没有申请，不收费。');
      for (let k = p + 1; k <= p + m; ) {
        const tier = perApplicationTier(k);
        const end = Math.min(p + m, tier.to ?? p + m);
        const count = end - k + 1;
        const amount = count * tier.rate;
        fee += amount;
        const band = tier.to === null ? `第${tier.from}件以上` : `第${tier.from}至${tier.to}件`;
        lines.push(tier.rate === 0
          ? `当月${band}不收费：本批第${k}至第${end}件，共${count}件，0元。`
          : `当月${band}每件${tier.rate}元：本批第${k}至第${end}件，共${count}件 × ${tier.rate}元 = ${amount}元。`);
        k = end + 1;
      }
      lines.push(`合计：F(${p + m}) − F(${p}) = ${monthlyApplicationFee(p + m)} − ${monthlyApplicationFee(p)} = ${fee}元。`);
      break;
    }
    case 'perPage': {
      const pages = input.pages;
      lines.push(`按量计收（处理费办法第五条）：本件申请${pages}页。`);
      for (const tier of PAGE_TIERS) {
        if (pages < tier.from) break;
        const end = Math.min(pages, tier.to ?? pages);
        const count = end - tier.from + 1;
        const amount = count * tier.rate;
        fee += amount;
        const band = tier.to === null ? `第${tier.from}页以上` : `第${tier.from}至${tier.to}页`;
        lines.push(tier.rate === 0
          ? `${band}不收费：${count}页，0元。`
          : `${band}每页${tier.rate}元：${count}页 × ${tier.rate}元 = ${amount}元。`);
      }
      lines.push(`合计：${fee}元。`);
      break;
    }
    default: {
      const never: never = input;
      throw new Error(`unknown fee mode ${JSON.stringify(never)}`);
    }
  }
  lines.push(DISCRETION);
  return { feeYuan: fee, explanation: lines };
}
