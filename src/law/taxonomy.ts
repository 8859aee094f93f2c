/**
 * The 条例's vocabularies, each once: `const` list → union type → Chinese labels: channels
 * (第三十一条), reply types (第三十六条), 主动公开 items (第二十条、第二十一条). Outcome codes are in
 * outcomes.ts, applicant kinds in applicant-kinds.ts, agency kinds in agency-kinds.ts.
 */
import { OUTCOME_CODES, type OutcomeCode } from './outcomes.ts';

// ---------- Channels (第三十一条) ----------

/** Channels by which an application arrives; each fixes the receipt date (第三十一条). */
export const CHANNELS = ['inPerson', 'post', 'ordinaryLetter', 'online', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The Chinese names, as the CLI contract and forms use them. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  inPerson: '当面',
  post: '邮寄',
  ordinaryLetter: '平常信函',
  online: '网络',
  fax: '传真',
};

/** Channel code of a Chinese name ('当面' → 'inPerson') or of a code; undefined if unknown. */
export function channelFromLabel(text: string): Channel | undefined {
  for (const c of CHANNELS) if (CHANNEL_LABELS[c] === text || c === text) return c;
  return undefined;
}

/** Which day is the receipt date for a channel (第三十一条), in words. */
export function receiptRule(channel: Channel): string {
  switch (channel) {
    case 'inPerson':
      return '当面提交的，以提交之日为收到申请之日（第三十一条第一项）';
    case 'post':
      return '以邮寄方式提交的，以行政机关签收之日为收到申请之日（第三十一条第二项）';
    case 'ordinaryLetter':
      return '以平常信函等无需签收的邮寄方式提交的，以工作机构与申请人确认之日为收到申请之日（第三十一条第二项）';
    case 'online':
      return '通过互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第三项）';
    case 'fax':
      return '通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（第三十一条第三项）';
    default: {
      const never: never = channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}

/** Whether a channel's receipt date is a separate signing/confirmation date (all but 当面). */
export function needsConfirmation(channel: Channel): boolean {
  return channel !== 'inPerson';
}

// ---------- Reply types (第三十六条) ----------

/** The seven reply types of 第三十六条, in order. */
export const REPLY_TYPES = [
  'alreadyPublished', 'disclosable', 'notDisclosed', 'notExist', 'notThisAgency', 'repeated', 'specialProcedure',
] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

/** Each reply type: item number, label, and the Table 三 outcome codes it is counted under. */
export const REPLY_TYPE_INFO: Record<ReplyType, { readonly item: string; readonly label: string; readonly outcomes: readonly OutcomeCode[] }> = {
  alreadyPublished: { item: '第三十六条第一项', label: '已经主动公开的，告知获取的方式和途径', outcomes: ['granted'] },
  disclosable: {
    item: '第三十六条第二项',
    label: '可以公开的，向申请人提供或告知获取的方式、途径和时间（区分处理的计入部分公开，第三十七条）',
    outcomes: ['granted', 'partiallyGranted'],
  },
  notDisclosed: {
    item: '第三十六条第三项',
    label: '决定不予公开的，告知申请人不予公开并说明理由',
    outcomes: OUTCOME_CODES.filter((c) => c.startsWith('denied.')),
  },
  notExist: { item: '第三十六条第四项', label: '经检索没有所申请公开信息的，告知申请人该政府信息不存在', outcomes: ['unableToProvide.notHeld'] },
  notThisAgency: {
    item: '第三十六条第五项',
    label: '所申请公开信息不属于本行政机关负责公开的，告知并说明理由；能够确定负责机关的，告知其名称、联系方式',
    outcomes: ['unableToProvide.notHeld'],
  },
  repeated: { item: '第三十六条第六项', label: '已就申请作出答复、申请人重复申请公开相同信息的，告知不予重复处理', outcomes: ['notProcessed.duplicate'] },
  specialProcedure: {
    item: '第三十六条第七项',
    label: '工商、不动产登记资料等有专门规定的，告知依照有关法律、行政法规的规定办理',
    // Counted under （六）其他处理 3.其他 in common practice (not fixed by the 年报格式; 未核实).
    outcomes: ['otherDisposal.other'],
  },
};

/** The reply types an outcome code may come from (empty for outcomes resting on other articles). */
export function replyTypesOf(outcome: OutcomeCode): ReplyType[] {
  return REPLY_TYPES.filter((t) => REPLY_TYPE_INFO[t].outcomes.includes(outcome));
}

// ---------- 主动公开 items (第二十条、第二十一条) ----------

/** The fifteen items of 第二十条, in order. */
export const ARTICLE20_ITEMS = [
  'regulations', 'organisation', 'plans', 'statistics', 'licensing', 'punishment', 'budget', 'fees',
  'procurement', 'majorProjects', 'livelihood', 'emergencies', 'inspections', 'civilService', 'other',
] as const;
export type Article20Item = (typeof ARTICLE20_ITEMS)[number];

export const ARTICLE20_LABELS: Record<Article20Item, string> = {
  regulations: '（一）行政法规、规章和规范性文件',
  organisation: '（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  plans: '（三）国民经济和社会发展规划、专项规划、区域规划及相关政策',
  statistics: '（四）国民经济和社会发展统计信息',
  licensing: '（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  punishment: '（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  budget: '（七）财政预算、决算信息',
  fees: '（八）行政事业性收费项目及其依据、标准',
  procurement: '（九）政府集中采购项目的目录、标准及实施情况',
  majorProjects: '（十）重大建设项目的批准和实施情况',
  livelihood: '（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  emergencies: '（十二）突发公共事件的应急预案、预警信息及应对情况',
  inspections: '（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  civilService: '（十四）公务员招考的职位、名额、报考条件等事项以及录用结果',
  other: '（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
};

/**
 * Local items of 第二十一条 for 设区的市级、县级人民政府及其部门. law.md §1.1 quotes four of them
 * (市政建设、土地征收、房屋征收、社会救助) followed by “等”; the others are from memory of the
 * article's text and are marked `verified: false` until checked against the official text.
 */
export const ARTICLE21_ITEMS = [
  'municipalConstruction', 'publicServices', 'publicWelfare', 'landExpropriation', 'housingExpropriation',
  'publicSecurity', 'socialAssistance',
] as const;
export type Article21Item = (typeof ARTICLE21_ITEMS)[number];

export const ARTICLE21_INFO: Record<Article21Item, { readonly label: string; readonly verified: boolean }> = {
  municipalConstruction: { label: '市政建设', verified: true },
  publicServices: { label: '公共服务', verified: false },
  publicWelfare: { label: '公益事业', verified: false },
  landExpropriation: { label: '土地征收', verified: true },
  housingExpropriation: { label: '房屋征收', verified: true },
  publicSecurity: { label: '治安管理', verified: false },
  socialAssistance: { label: '社会救助', verified: true },
};
