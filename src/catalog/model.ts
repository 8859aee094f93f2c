/**
 * The disclosure catalog's vocabulary (政府信息公开目录, issue 18): an information item, its metadata
 * after the national catalog guidance, its review steps and their labels. Pure: types and constants.
 */
import type { IsoDate } from '../law/dates.ts';
import type { Article20Item, Article21Item } from '../law/taxonomy.ts';

/** 主题分类: the State Council's subject classification of government information. */
export const TOPICS = [
  '综合政务', '国民经济管理、国有资产监管', '财政、金融、审计', '国土资源、能源', '农业、林业、水利', '工业、交通',
  '商贸、海关、旅游', '市场监管、安全生产监管', '城乡建设、环境保护', '科技、教育', '文化、广电、新闻出版', '卫生、体育',
  '人口与计划生育、妇女儿童工作', '劳动、人事、监察', '公安、安全、司法', '民政、扶贫、救灾', '民族、宗教', '对外事务',
  '港澳台侨工作', '国防', '其他',
] as const;
export type Topic = (typeof TOPICS)[number];

/**
 * 体裁: the kind of document. 规章 and 行政规范性文件 are counted in table 二 (第二十条第（一）项);
 * 政策解读 items interpret policy documents and have their own portal section.
 */
export const GENRES = ['规章', '行政规范性文件', '其他文件', '政策解读', '通知公告', '规划计划', '统计信息', '财政信息', '人事信息', '工作动态', '其他'] as const;
export type Genre = (typeof GENRES)[number];
export const INTERPRETATION_GENRE: Genre = '政策解读';
/** The genres table 二's first rows count (row key of the canonical report → genre). */
export const TABLE2_GENRES = { regulations: '规章', normativeDocuments: '行政规范性文件' } as const satisfies Record<string, Genre>;

/** 公开属性: the reviewer's decision (公开属性审核). Only 主动公开 goes on to publication. */
export const ATTRIBUTES = ['主动公开', '依申请公开', '不予公开'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** 有效性. */
export const VALIDITIES = ['valid', 'expired', 'repealed'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', expired: '失效', repealed: '废止' };

/** Where an item stands. `notPublished`: the attribute review decided 依申请公开 or 不予公开. */
export const ITEM_STATUSES = ['draft', 'attributeReview', 'secrecyCheck', 'signing', 'published', 'notPublished', 'withdrawn'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  attributeReview: '待公开属性审核',
  secrecyCheck: '待保密审查',
  signing: '待签发',
  published: '已发布',
  notPublished: '不主动公开',
  withdrawn: '已撤回',
};
/** The statuses still on the way to publication (Art. 26's clock runs). */
export const PENDING_STATUSES: readonly ItemStatus[] = ['draft', 'attributeReview', 'secrecyCheck', 'signing'];

/** The steps a person takes on an item (the API's `type`), besides creating and editing it. */
export const STEP_TYPES = ['submitted', 'returned', 'attributeReviewed', 'secrecyChecked', 'signed', 'withdrawn'] as const;
export type StepType = (typeof STEP_TYPES)[number];
export const EVENT_TYPES = ['created', 'edited', ...STEP_TYPES, 'validityChanged'] as const;
export type ItemEventType = (typeof EVENT_TYPES)[number];
export const EVENT_LABELS: Record<ItemEventType, string> = {
  created: '起草',
  edited: '修改',
  submitted: '提交审核',
  returned: '退回修改',
  attributeReviewed: '公开属性审核',
  secrecyChecked: '保密审查',
  signed: '签发',
  withdrawn: '撤回',
  validityChanged: '变更有效性',
};

/** The metadata an author writes (the national catalog guidance's fields). */
export interface ItemContent {
  readonly title: string;
  /** 文号 as written, or null. */
  readonly docNo: string | null;
  /** 发布机构. */
  readonly publisher: string;
  /** 成文日期 (formation or change: Art. 26 counts from it). */
  readonly formedOn: IsoDate;
  readonly topic: Topic | null;
  readonly genre: Genre;
  readonly article20Item: Article20Item | null;
  readonly article21Item: Article21Item | null;
  /** 公开方式 and 公开范围. */
  readonly disclosureMode: string;
  readonly disclosureScope: string;
  /** Sanitised HTML. */
  readonly bodyHtml: string;
}

/** One stored item. */
export interface CatalogItem extends ItemContent {
  readonly id: number;
  readonly agencyId: number;
  readonly agencyName: string;
  /** 索引号. */
  readonly indexNo: string;
  readonly publishDue: IsoDate;
  readonly publishDueProvisional: boolean;
  readonly publishedOn: IsoDate | null;
  readonly validity: Validity;
  readonly validityChangedOn: IsoDate | null;
  readonly bodyText: string;
  readonly status: ItemStatus;
  readonly attribute: Attribute | null;
  readonly attributeReason: string | null;
  readonly personalDataJustification: string | null;
  readonly authorId: number | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One recorded step. */
export interface ItemEvent {
  readonly id: number;
  readonly itemId: number;
  readonly type: ItemEventType;
  readonly actorId: number | null;
  readonly actorLabel: string;
  readonly onDay: IsoDate;
  readonly at: Date;
  readonly decision: string | null;
  readonly reason: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

/** An attachment as stored (its bytes are read separately). */
export interface ItemAttachment {
  readonly id: number;
  readonly itemId: number;
  readonly position: number;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}
