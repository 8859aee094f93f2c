/**
 * The six sections of an annual report drafted from facts (issue 19 §1): templates filled with the
 * records' counts — no language model. Pure. Each sentence has a stable id (so a person's edit of it
 * survives a re-draft), its text, and the facts it quotes with the records behind each, so that every
 * generated figure can be traced to its query. A sentence says only what the records show: “全部按时
 * 办结” is written only when no reply was late.
 */
import type { SectionKey } from '../../report/index.ts';
import type { FactSource, ReportFacts, Table3Rows } from './facts.ts';

/** One drafted sentence. */
export interface DraftSentence {
  /** Stable within a section, e.g. 'overview.applications'. */
  id: string;
  text: string;
  facts: FactSource[];
}

export type DraftSections = Record<SectionKey, DraftSentence[]>;

const TOTAL = 6;
const sum = (rows: Table3Rows, keys: readonly string[]) => keys.reduce((n, k) => n + (rows[k]?.[TOTAL] ?? 0), 0);
const keysWith = (rows: Table3Rows, prefix: string) => Object.keys(rows).filter((k) => k.startsWith(prefix));

/** The links behind the figures (the pages listing the records a count counts). */
export function factLinks(agencyId: number, year: number) {
  return {
    cell: (table: 't3' | 't4', row: string, column: string) => `/applications?cell=${encodeURIComponent(`${table}:${row}:${column}`)}&year=${year}&agency=${agencyId}`,
    statistics: `/agencies/${agencyId}/statistics?year=${year}`,
    catalog: `/catalog/statistics?agency=${agencyId}&year=${year}`,
    records: (kind: 'training' | 'inspection' | 'publicDay' | 'consultation') => `/supervision/records?agency=${agencyId}&year=${year}&kind=${kind}`,
  };
}

/** “较上年增加 3 件” / “与上年持平” / “较上年减少 2 件”. */
function comparedWith(now: number, before: number | undefined, unit: string): string {
  if (before === undefined) return '';
  if (now === before) return '，与上年持平';
  return now > before ? `，较上年增加${now - before}${unit}` : `，较上年减少${before - now}${unit}`;
}

/** 元 with two decimals from fen. */
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The drafted sections of a report from its facts. */
export function draftSections(f: ReportFacts): DraftSections {
  const link = factLinks(f.agencyId, f.year);
  const t3 = f.table3;
  const received = t3['newReceived']?.[TOTAL] ?? 0;
  const carriedOver = t3['carriedOver']?.[TOTAL] ?? 0;
  const processed = t3['totalProcessed']?.[TOTAL] ?? 0;
  const carriedForward = t3['carriedForward']?.[TOTAL] ?? 0;
  const granted = t3['granted']?.[TOTAL] ?? 0;
  const partially = t3['partiallyGranted']?.[TOTAL] ?? 0;
  const denied = sum(t3, keysWith(t3, 'denied.'));
  const unable = sum(t3, keysWith(t3, 'unableToProvide.'));
  const notProcessed = sum(t3, keysWith(t3, 'notProcessed.'));
  const otherDisposal = sum(t3, keysWith(t3, 'otherDisposal.'));
  const people = t3['newReceived']?.[0] ?? 0;
  const who = f.rolledUpAgencies > 0 ? `本级及所属${f.rolledUpAgencies}个机关` : '本机关';
  const { catalog, applications: apps, records } = f;
  const t2 = f.table2;
  const docs = (row: string, col: string) => t2[row]?.[col] ?? 0;
  const recv = { label: '本年新收申请', value: received, href: link.cell('t3', 'newReceived', 'total') };
  const pub = { label: '本年主动公开信息', value: catalog.published, href: link.catalog };

  const overview: DraftSentence[] = [
    {
      id: 'overview.summary',
      text: `${f.year}年，${f.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，${who}全年主动公开政府信息${catalog.published}条${comparedWith(catalog.published, f.previous?.catalog.published, '条')}，新收政府信息公开申请${received}件${comparedWith(received, f.previous?.table3['newReceived']?.[TOTAL], '件')}。`,
      facts: [pub, recv],
    },
    {
      id: 'overview.proactive',
      text: `（一）主动公开。全年主动公开政府信息${catalog.published}条，其中政策解读${catalog.interpretations}条；本年制发行政规范性文件${docs('normativeDocuments', 'issued')}件，现行有效${docs('normativeDocuments', 'inForce')}件。`,
      facts: [pub, { label: '政策解读', value: catalog.interpretations, href: link.catalog }, { label: '本年制发行政规范性文件', value: docs('normativeDocuments', 'issued'), href: link.catalog }],
    },
    {
      id: 'overview.applications',
      text: `（二）依申请公开。本年新收政府信息公开申请${received}件，上年结转${carriedOver}件；办结${processed}件，结转下年度继续办理${carriedForward}件。${
        processed === 0 ? '' : apps.repliedLate === 0 ? '办结的申请均在法定期限内答复。' : `其中${apps.repliedLate}件超过法定期限答复，已逐件分析原因。`}`,
      facts: [recv,
        { label: '上年结转', value: carriedOver, href: link.cell('t3', 'carriedOver', 'total') },
        { label: '办结', value: processed, href: link.cell('t3', 'totalProcessed', 'total') },
        { label: '结转下年度', value: carriedForward, href: link.cell('t3', 'carriedForward', 'total') },
        { label: '超期答复', value: apps.repliedLate, href: link.statistics }],
    },
    {
      id: 'overview.management',
      text: records.inspections.count === 0
        ? '（三）政府信息管理。本年未接受政务公开专项检查，日常按规定做好信息发布前的公开属性审核和保密审查。'
        : `（三）政府信息管理。本年接受政务公开检查${records.inspections.count}次，发现问题${records.inspections.findings}个，已整改${records.inspections.rectified}个。`,
      facts: [{ label: '检查', value: records.inspections.count, href: link.records('inspection') },
        { label: '发现问题', value: records.inspections.findings, href: link.records('inspection') }],
    },
    {
      id: 'overview.supervision',
      text: `（四）监督保障。${records.trainings.count === 0 ? '本年未组织政务公开专题培训' : `组织政务公开培训${records.trainings.count}次，参训${records.trainings.attendees}人次`}；${
        records.publicDayEvents.count === 0 ? '未开展“5·15政务公开日”活动' : `开展“5·15政务公开日”活动${records.publicDayEvents.count}场`}。`,
      facts: [{ label: '培训', value: records.trainings.count, href: link.records('training') },
        { label: '参训人次', value: records.trainings.attendees, href: link.records('training') },
        { label: '5·15 活动', value: records.publicDayEvents.count, href: link.records('publicDay') }],
    },
  ];

  const proactive: DraftSentence[] = [{
    id: 'proactive.table',
    text: `本年制发规章${docs('regulations', 'issued')}件、废止${docs('regulations', 'repealed')}件；制发行政规范性文件${docs('normativeDocuments', 'issued')}件、废止${docs('normativeDocuments', 'repealed')}件。主动公开政府信息情况见下表。`,
    facts: [{ label: '规章、行政规范性文件', value: docs('normativeDocuments', 'issued'), href: link.catalog }],
  }];

  const applications: DraftSentence[] = [{
    id: 'applications.outcomes',
    text: received + carriedOver === 0
      ? '本年未收到政府信息公开申请，无上年结转申请。'
      : `本年新收政府信息公开申请${received}件，其中自然人提出${people}件；予以公开${granted}件，部分公开${partially}件，不予公开${denied}件，无法提供${unable}件，不予处理${notProcessed}件，其他处理${otherDisposal}件。具体情况见下表。`,
    facts: [recv,
      { label: '予以公开', value: granted, href: link.cell('t3', 'granted', 'total') },
      { label: '部分公开', value: partially, href: link.cell('t3', 'partiallyGranted', 'total') }],
  }];

  const t4 = f.table4;
  const lawsuits = t4.litigationDirect.total + t4.litigationAfterReconsideration.total;
  const appeals: DraftSentence[] = [{
    id: 'appeals.summary',
    text: t4.reconsideration.total === 0 && lawsuits === 0
      ? '本年未发生因政府信息公开引起的行政复议、行政诉讼。'
      : `本年因政府信息公开引起的行政复议案件${t4.reconsideration.total}件、行政诉讼案件${lawsuits}件；复议结果纠正${t4.reconsideration.corrected}件，诉讼结果纠正${t4.litigationDirect.corrected + t4.litigationAfterReconsideration.corrected}件。`,
    facts: [{ label: '行政复议', value: t4.reconsideration.total, href: link.cell('t4', 'reconsideration', 'total') },
      { label: '行政诉讼', value: lawsuits, href: link.statistics }],
  }];

  const problems: DraftSentence[] = [
    {
      id: 'problems.found',
      text: records.inspections.findings === 0
        ? '本年检查未发现需要整改的问题；政务公开工作仍存在公开内容的解读深度和回应时效有待提升等不足。'
        : `本年检查发现的${records.inspections.findings}个问题中，已整改${records.inspections.rectified}个，${records.inspections.open}个正在按期整改。`,
      facts: [{ label: '检查发现问题', value: records.inspections.findings, href: link.records('inspection') },
        { label: '已整改', value: records.inspections.rectified, href: link.records('inspection') }],
    },
    {
      id: 'problems.plan',
      text: '下一步，将继续严格执行《中华人民共和国政府信息公开条例》，加强政策解读和依申请公开规范化办理，按期完成整改。',
      facts: [],
    },
  ];

  const other: DraftSentence[] = [
    {
      id: 'other.fees',
      text: apps.feeCases === 0 ? '本年度未收取信息处理费。' : `本年度收取信息处理费${apps.feeCases}件，共计${yuan(apps.feeFen)}元。`,
      facts: [{ label: '收取信息处理费', value: apps.feeCases, href: link.statistics }],
    },
    {
      id: 'other.consultations',
      text: records.consultations.count === 0
        ? '本年未收到公众关于政务公开的咨询和建议。'
        : `本年办理公众咨询、建议${records.consultations.count}件（其中12345热线转办${records.consultations.hotline}件），已答复${records.consultations.replied}件。`,
      facts: [{ label: '咨询、建议', value: records.consultations.count, href: link.records('consultation') }],
    },
  ];

  return { overview, proactive, applications, appeals, problems, other };
}
