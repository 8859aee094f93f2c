/**
 * Row labels of the template, as patterns that survive what extraction does to them: text is
 * compared after NFKC and with all whitespace removed (so line breaks inside a label vanish),
 * and each row is known by the distinctive words of its label rather than the whole label, so
 * typos elsewhere in it (其他法律行政止公开), variants (社会组织) and interleaved fragments of a
 * neighbouring merged cell (（五）不 … 予处理) do not hide it.
 */
import type { Table2RowKey, Table3RowKey } from '../../model.ts';
import { compileAnchors, labelMatches, type CompiledAnchors } from './label-match.ts';

/** Table 三 rows → patterns on normalised label text. Sub-item numbers may be "1." or "1、". */
export const TABLE3_ANCHORS: Readonly<Record<Table3RowKey, readonly RegExp[]>> = {
  newReceived: [/本年新收/, /新收政府信息公开申请/],
  carriedOver: [/上年结转/],
  granted: [/予以公开/],
  partiallyGranted: [/部分公开/],
  'denied.stateSecret': [/国家秘密/],
  'denied.prohibitedByLaw': [/其他法律/, /禁止公开/, /行政止公开/],
  'denied.threeSecurityOneStability': [/三安全/, /一稳定/],
  'denied.thirdPartyRights': [/第三方/],
  'denied.internalAffairs': [/内部事务/],
  'denied.processInformation': [/过程性/],
  'denied.enforcementFiles': [/执法案卷/],
  'denied.administrativeQuery': [/行政查询/],
  'unableToProvide.notHeld': [/不掌握/],
  'unableToProvide.needsCreation': [/另行制作/, /没有现成/],
  'unableToProvide.unclearAfterCorrection': [/仍不明确/, /补正后申请/],
  'notProcessed.complaint': [/信访/, /举报投诉/],
  'notProcessed.duplicate': [/重复申请/],
  'notProcessed.publication': [/出版物/],
  'notProcessed.excessive': [/大量反复/],
  'notProcessed.confirmation': [/重新出具/, /确认或/, /已获取信息/],
  otherDisposal: [/其他处理/],
  'otherDisposal.noCorrection': [/逾期不补正/, /无正当理由逾期/],
  'otherDisposal.unpaidFee': [/缴纳费用/, /收费通知/],
  // "其他" alone is everywhere (其他组织, 其他结果, 其他法律…): only "3.其他" or a cell that is just 其他.
  'otherDisposal.other': [/3[.、]?其他(?!法律|结果|组织|对外|处理|情形|需要)/, /^其他$/],
  totalProcessed: [/七\)?总计/, /^总计$/],
  carriedForward: [/结转下年/, /下年度继续/],
};

/** Table 二 rows → patterns. Order matters: 行政规范性文件 before 规章 is irrelevant, but 其他对外管理服务事项 must not read as 行政许可. */
export const TABLE2_ANCHORS: Readonly<Record<Table2RowKey, readonly RegExp[]>> = {
  regulations: [/规章/],
  normativeDocuments: [/规范性文件/],
  licensing: [/行政许可/],
  otherServices: [/对外管理服务/],
  punishment: [/行政处罚/],
  enforcement: [/行政强制/],
  fees: [/事业性收费/],
  procurement: [/集中采购/],
};

/** A key found in a label, and where its match ends (the key closest to the numbers wins). */
export interface LabelMatch<K extends string> {
  key: K;
  end: number;
}

// Each anchor table compiled once into a one-pass matcher (see label-match.ts).
const compiled = new WeakMap<object, CompiledAnchors>();
function compiledOf(anchors: Readonly<Record<string, readonly RegExp[]>>): CompiledAnchors {
  let c = compiled.get(anchors);
  if (!c) {
    c = compileAnchors(anchors);
    compiled.set(anchors, c);
  }
  return c;
}

/** Every key whose pattern occurs in `label`, with the end of its last occurrence. */
export function matchLabel<K extends string>(label: string, anchors: Readonly<Record<K, readonly RegExp[]>>): LabelMatch<K>[] {
  return labelMatches(compiledOf(anchors), label).map((m) => ({ key: m.key as K, end: m.end }));
}

/** The key a label names: the match nearest its end (the label text right before the numbers). */
export function lastKey<K extends string>(label: string, anchors: Readonly<Record<K, readonly RegExp[]>>): K | undefined {
  const found = labelMatches(compiledOf(anchors), label);
  return found[found.length - 1]?.key as K | undefined;
}

/** Keys named anywhere in `label`, distinct. */
export function keysIn<K extends string>(label: string, anchors: Readonly<Record<K, readonly RegExp[]>>): K[] {
  return labelMatches(compiledOf(anchors), label).map((m) => m.key as K);
}
