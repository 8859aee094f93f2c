/**
 * The catalog benchmark's data (issue 18 §12): N generated information items (default 1,000,000) of a
 * city government with 10 districts and their departments (341 agencies), realistic Chinese titles and
 * bodies made from templates and a vocabulary (common words such as 通知 and 工作, rarer ones such as a
 * village, a company or a licence), seeded: item i is the same on every run and in every worker.
 *
 * Loading: two worker threads make the items and cut their words with jieba (src/catalog/search/vector.ts,
 * as the store does); the main thread inserts them in batches (unnest of arrays, the vector computed by
 * PostgreSQL from the words) with the table's indexes dropped, then rebuilds the indexes and ANALYZEs.
 * Items are published in the order of their dates (a catalog that grew over the years), 97 % published,
 * 2 % withdrawn, 1 % waiting for 签发 (the benchmark signs some off: publishing at 1M items).
 */
import os from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';
import type pg from 'pg';
import { docNoKey } from '../src/catalog/search/tokens.ts';
import { searchWords } from '../src/catalog/search/vector.ts';
import { createRng, type Rng } from '../test/support/report/generate.ts';

/** Bump when the generated data changes: a cached database of another version is generated again. */
export const GENERATOR_VERSION = 2;
export const SEED = 20231231;

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const DISTRICTS: readonly (readonly [name: string, abbr: string])[] = [
  ['太平区', '太'], ['海州区', '海'], ['细河区', '细'], ['新邱区', '新'], ['清河门区', '清'],
  ['彰武县', '彰'], ['阜蒙县', '蒙'], ['高新区', '高'], ['东湖区', '东'], ['西山区', '西'],
];
const DEPARTMENTS: readonly (readonly [name: string, abbr: string])[] = [
  ['文化旅游和广播电视局', '文旅'], ['市场监督管理局', '市监'], ['生态环境局', '环'], ['交通运输局', '交'], ['教育局', '教'],
  ['卫生健康局', '卫健'], ['财政局', '财'], ['自然资源局', '自然资'], ['住房和城乡建设局', '住建'], ['农业农村局', '农'],
  ['应急管理局', '应急'], ['民政局', '民'], ['人力资源和社会保障局', '人社'], ['司法局', '司'], ['水利局', '水'],
  ['商务局', '商'], ['审计局', '审'], ['统计局', '统'], ['医疗保障局', '医保'], ['退役军人事务局', '退役'],
  ['林业和草原局', '林草'], ['发展和改革局', '发改'], ['工业和信息化局', '工信'], ['科学技术局', '科'], ['体育局', '体'],
  ['城市管理综合行政执法局', '城管'], ['行政审批局', '审批'], ['民族宗教事务局', '民宗'], ['信访局', '信'], ['档案馆', '档'],
];
const CITY = '阜丰市';

/** Subjects, most frequent first (picked with a Zipf-like skew). */
const THINGS = [
  '安全生产', '营商环境', '乡村振兴', '政务服务', '文化市场', '食品安全', '消防安全', '生态环境保护', '义务教育招生', '就业创业',
  '最低生活保障', '城乡居民医疗保险', '防汛抗旱', '森林草原防火', '老旧小区改造', '农村人居环境整治', '公共文化服务', '非遗保护', '文物保护', '全民健身',
  '大气污染防治', '河湖长制', '高标准农田建设', '道路交通安全', '燃气安全', '特种设备安全', '药品安全', '校园安全', '养老服务', '社会救助',
  '退役军人优待', '住房公积金', '不动产登记', '耕地保护', '矿产资源管理', '水资源管理', '饮用水水源保护', '垃圾分类', '物业管理', '建筑市场监管',
  '招商引资', '科技创新', '数字政府建设', '政府采购', '行政事业性收费', '预算绩效管理', '国有资产管理', '统计执法', '审计整改', '信访工作',
  '殡葬管理', '婚姻登记', '残疾人两项补贴', '困难群众临时救助', '校外培训治理', '托育服务', '疫苗接种', '爱国卫生运动', '电梯安全', '危险化学品',
  '烟花爆竹', '网吧经营', '营业性演出', '旅游市场秩序', 'A级旅游景区评定', '非物质文化遗产代表性项目认定', '文化惠民演出', '农家书屋', '广播电视公共服务', '体育场馆开放',
  '秸秆禁烧', '畜禽养殖污染防治', '动物防疫', '农机购置补贴', '种粮农民补贴', '土地承包经营权确权', '宅基地管理', '村庄规划', '人才引进', '职业技能培训',
  '农民工工资支付', '劳动保障监察', '工伤保险', '社会保险费征缴', '医疗救助', '医保基金监管', '慢性病管理', '家庭医生签约', '无障碍环境建设', '志愿服务',
] as const;
const LAWS = [
  '中华人民共和国政府信息公开条例', '中华人民共和国行政许可法', '中华人民共和国行政处罚法', '中华人民共和国安全生产法', '中华人民共和国食品安全法',
  '中华人民共和国环境保护法', '优化营商环境条例', '中华人民共和国预算法', '中华人民共和国非物质文化遗产法', '中华人民共和国文物保护法',
  '营业性演出管理条例', '娱乐场所管理条例', '中华人民共和国消防法', '社会救助暂行办法', '中华人民共和国政府采购法', '中华人民共和国统计法',
] as const;
const VENUES = ['娱乐场所', '网吧', '歌舞厅', '餐饮单位', '建筑工地', '加油站', '养老机构', '中小学校', '旅游景区', '零售药店', '农贸市场', '宾馆酒店', '校外培训机构', '出租车企业'] as const;
const PROBLEMS = ['消防通道堵塞', '未按规定公示营业执照', '台账记录不完整', '安全出口标识缺失', '从业人员健康证过期', '未落实实名登记制度', '灭火器过期失效', '超范围经营', '进货查验记录缺失', '应急预案未演练'] as const;
const LICENCES = ['营业性演出许可证', '娱乐经营许可证', '网络文化经营许可证', '食品经营许可证', '建筑工程施工许可证', '取水许可证', '排污许可证', '道路运输经营许可证', '药品经营许可证', '民办学校办学许可证'] as const;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const PLACE_KINDS = ['家村', '家屯', '家堡', '家沟', '营子村', '家窝堡', '社区', '家店村'] as const;
const FIRMS = '鑫盛华泰恒通宏达兴隆瑞丰金源永顺德福嘉禾天成广汇博远力信诚安众合';
const TRADES = ['商贸', '文化传媒', '餐饮管理', '建筑工程', '物流', '农业科技', '网络科技', '旅游开发', '娱乐', '医药连锁'] as const;
const VERBS = ['推进', '加强', '规范', '深化', '落实', '做好', '提升'] as const;
const GOALS = ['群众满意度', '依法行政', '公共服务', '监管执法', '治理能力', '服务质量'] as const;

// ---------------------------------------------------------------------------------------------------
// Seeded randomness: item i's own generator (mulberry32, createRng), whatever the worker.
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
/** Zipf-like: index k with weight 1/(k+1)^0.9. */
const CUMULATIVE = (() => {
  const w = THINGS.map((_, k) => 1 / (k + 1) ** 0.9);
  const total = w.reduce((a, b) => a + b, 0);
  let sum = 0;
  return w.map((x) => (sum += x / total));
})();
const thing = (rng: Rng): string => {
  const r = rng();
  return THINGS[Math.max(0, CUMULATIVE.findIndex((c) => c >= r))]!;
};
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const place = (rng: Rng) => `${pick(rng, SURNAMES.split(''))}${pick(rng, PLACE_KINDS)}`;
const company = (rng: Rng) => `${CITY}${pick(rng, FIRMS.split(''))}${pick(rng, FIRMS.split(''))}${pick(rng, TRADES)}有限公司`;
const phone = (rng: Rng) => `0418-${int(rng, 2_000_000, 8_999_999)}`;

// ---------------------------------------------------------------------------------------------------
// Agencies

export interface GeneratedAgency {
  readonly name: string;
  readonly kind: 'government' | 'department';
  /** Index of the parent in the list (-1: none). */
  readonly parent: number;
  readonly creditCode: string;
  /** The 文号 prefix, e.g. 太文旅. */
  readonly prefix: string;
  readonly district: string;
}

/** The city government, its departments, 10 district governments and theirs. */
export function generatedAgencies(): GeneratedAgency[] {
  const list: GeneratedAgency[] = [];
  const code = (i: number) => `11210900MB${String(i).padStart(7, '0')}X`;
  list.push({ name: `${CITY}人民政府`, kind: 'government', parent: -1, creditCode: code(list.length), prefix: '阜政', district: CITY });
  for (const [dept, abbr] of DEPARTMENTS) list.push({ name: `${CITY}${dept}`, kind: 'department', parent: 0, creditCode: code(list.length), prefix: `阜${abbr}`, district: CITY });
  for (const [district, d] of DISTRICTS) {
    const government = list.length;
    list.push({ name: `${CITY}${district}人民政府`, kind: 'government', parent: 0, creditCode: code(list.length), prefix: `${d}政`, district });
    for (const [dept, abbr] of DEPARTMENTS) {
      list.push({ name: `${CITY}${district}${dept}`, kind: 'department', parent: government, creditCode: code(list.length), prefix: `${d}${abbr}`, district });
    }
  }
  return list;
}

// ---------------------------------------------------------------------------------------------------
// Items

export interface GeneratedItem {
  readonly agency: number;
  readonly indexNo: string;
  readonly title: string;
  readonly docNo: string | null;
  readonly formedOn: string;
  readonly publishedOn: string;
  readonly topic: string;
  readonly genre: string;
  readonly article20Item: string | null;
  readonly status: 'published' | 'withdrawn' | 'signing';
  readonly bodyText: string;
}

const FIRST_DAY = Date.UTC(2010, 0, 4);
const LAST_DAY = Date.UTC(2025, 11, 31);
const DAY = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Kind {
  genre: string;
  article20: string | null;
  topic: string;
  weight: number;
  title(rng: Rng, ctx: Context): string;
  docNo: number;
  sentences: readonly ((rng: Rng, ctx: Context) => string)[];
}
interface Context { agency: string; district: string; year: number; month: number; thing: string }

const S = {
  purpose: (r: Rng, c: Context) => `为进一步${pick(r, VERBS)}${c.thing}工作，根据《${pick(r, LAWS)}》等有关规定，结合${c.district}实际，现将有关事项通知如下。`,
  publicity: (r: Rng, c: Context) => `现将${c.year}年${c.thing}有关情况予以公示，公示期为${int(r, 5, 10)}个工作日。`,
  objection: (r: Rng, c: Context) => `如对公示内容有异议，请在公示期内以书面形式向${c.agency}反映，联系电话：${phone(r)}。`,
  inspection: (r: Rng, c: Context) => `${c.year}年${c.month}月${int(r, 1, 28)}日，${c.agency}组织执法人员对${place(r)}辖区内${int(r, 3, 60)}家${pick(r, VENUES)}开展“双随机、一公开”检查。`,
  problem: (r: Rng) => `检查中发现${company(r)}存在${pick(r, PROBLEMS)}问题，已责令限期整改，整改情况将适时向社会公布。`,
  clean: (r: Rng) => `其余${int(r, 2, 40)}家经营单位未发现违法违规问题。`,
  duty: () => '各单位要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。',
  effective: (r: Rng, c: Context) => `本办法自${c.year}年${c.month}月${int(r, 1, 28)}日起施行，有效期${int(r, 2, 5)}年。`,
  licence: (r: Rng) => `经审核，${company(r)}申请的${pick(r, LICENCES)}符合法定条件，准予行政许可，许可证编号${int(r, 100000, 999999)}。`,
  funds: (r: Rng, c: Context) => `全年共投入${c.thing}资金${int(r, 10, 9000)}万元，惠及群众${int(r, 100, 90000)}人次，覆盖${place(r)}等${int(r, 2, 80)}个村（社区）。`,
  nextStep: (r: Rng, c: Context) => `下一步，我们将持续深化${c.thing}，不断提升${pick(r, GOALS)}水平，切实保障人民群众的知情权、参与权和监督权。`,
  attachment: (_r: Rng, c: Context) => `附件：${c.year}年${c.thing}名单`,
  budget: (r: Rng, c: Context) => `${c.year}年收入预算${int(r, 300, 90000)}万元，支出预算${int(r, 300, 90000)}万元，其中“三公”经费${int(r, 5, 300)}万元。`,
  organisation: (r: Rng, c: Context) => `${c.agency}内设办公室、政策法规科、${pick(r, ['执法监督科', '行政审批科', '计划财务科', '产业发展科'])}等${int(r, 4, 12)}个科室，办公地址：${c.district}${pick(r, ['人民路', '解放大街', '中华路', '迎宾大街'])}${int(r, 1, 300)}号。`,
  recruitment: (r: Rng, c: Context) => `本次计划招聘工作人员${int(r, 1, 30)}名，报名时间为${c.year}年${c.month}月${int(r, 1, 20)}日至${int(r, 21, 28)}日，咨询电话：${phone(r)}。`,
  statistic: (r: Rng, c: Context) => `${c.year}年${c.month}月，全区${c.thing}相关指标同比增长${int(r, 1, 30)}.${int(r, 0, 9)}%，${place(r)}等重点区域完成年度任务的${int(r, 40, 100)}%。`,
  emergency: (r: Rng, c: Context) => `一旦发生${pick(r, ['暴雨洪涝', '森林火灾', '危化品泄漏', '道路结冰', '大风寒潮'])}等突发事件，${c.agency}应当立即启动${pick(r, ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'])}级应急响应。`,
  interpretation: (r: Rng, c: Context) => `一、起草背景。${c.thing}事关群众切身利益，《${pick(r, LAWS)}》对此作出明确规定。二、主要内容。文件共${int(r, 3, 9)}章${int(r, 10, 60)}条，明确了适用范围、职责分工和保障措施。`,
  procurement: (r: Rng, c: Context) => `项目编号：${c.district.slice(0, 1)}CG-${c.year}-${int(r, 1, 999)}，预算金额${int(r, 5, 5000)}万元，中标供应商为${company(r)}。`,
  generic: (r: Rng, c: Context) => `${c.agency}认真贯彻落实上级决策部署，围绕${c.thing}${pick(r, ['强化监管', '优化服务', '完善制度', '压实责任'])}，各项工作取得积极成效。`,
};

const KINDS: readonly Kind[] = [
  { genre: '通知公告', article20: 'other', topic: '综合政务', weight: 18, docNo: 0.7,
    title: (r, c) => pick(r, [`关于开展${c.year}年${c.thing}工作的通知`, `关于做好${c.thing}有关工作的通知`, `关于进一步加强${c.thing}的通知`]),
    sentences: [S.purpose, S.duty, S.generic, S.nextStep, S.objection] },
  { genre: '其他文件', article20: 'licensing', topic: '文化、广电、新闻出版', weight: 12, docNo: 0.3,
    title: (r, c) => pick(r, [`${c.year}年${c.thing}结果公示`, `关于${c.thing}拟认定名单的公示`, `${c.district}第${int(r, 1, 9)}批${c.thing}名单公示`, `${c.year}年非遗认定结果公示`]),
    sentences: [S.publicity, S.objection, S.attachment, S.generic] },
  { genre: '其他文件', article20: 'inspections', topic: '市场监管、安全生产监管', weight: 12, docNo: 0.1,
    title: (r, c) => pick(r, [`${c.year}年${c.month}月文化市场“双随机、一公开”执法情况`, `${c.thing}专项检查情况通报`, `${c.year}年${c.thing}监督检查结果`]),
    sentences: [S.inspection, S.problem, S.clean, S.nextStep] },
  { genre: '其他文件', article20: 'licensing', topic: '市场监管、安全生产监管', weight: 10, docNo: 0,
    title: (r, c) => pick(r, [`${c.year}年${c.month}月行政许可办理结果`, `${c.year}年${c.month}月行政许可和行政处罚信息`, `${pick(r, LICENCES)}行政许可决定公示`]),
    sentences: [S.licence, S.licence, S.licence, S.clean, S.generic] },
  { genre: '其他文件', article20: 'punishment', topic: '市场监管、安全生产监管', weight: 5, docNo: 0.9,
    title: (r) => `${company(r)}行政处罚决定书`,
    sentences: [S.problem, S.inspection, S.objection] },
  { genre: '财政信息', article20: 'budget', topic: '财政、金融、审计', weight: 5, docNo: 0,
    title: (r, c) => pick(r, [`${c.agency}${c.year}年部门预算`, `${c.agency}${c.year}年部门决算`, `${c.year}年“三公”经费预算情况说明`]),
    sentences: [S.budget, S.budget, S.generic, S.nextStep] },
  { genre: '规划计划', article20: 'plans', topic: '国民经济管理、国有资产监管', weight: 8, docNo: 0.5,
    title: (r, c) => pick(r, [`${c.district}${c.thing}“十四五”规划`, `${c.year}年${c.thing}工作计划`, `${c.year}年${c.thing}工作总结`, `${c.year}年全年文化惠民演出计划`]),
    sentences: [S.generic, S.funds, S.nextStep, S.duty] },
  { genre: '统计信息', article20: 'statistics', topic: '国民经济管理、国有资产监管', weight: 5, docNo: 0,
    title: (r, c) => pick(r, [`${c.year}年${c.month}月${c.thing}统计数据`, `${c.district}${c.year}年国民经济和社会发展统计公报`]),
    sentences: [S.statistic, S.statistic, S.funds] },
  { genre: '政策解读', article20: 'regulations', topic: '综合政务', weight: 5, docNo: 0,
    title: (r, c) => pick(r, [`《${c.district}${c.thing}实施方案》政策解读`, `一图读懂${c.thing}`, `关于${c.thing}管理办法的解读`]),
    sentences: [S.interpretation, S.generic, S.nextStep] },
  { genre: '行政规范性文件', article20: 'regulations', topic: '综合政务', weight: 5, docNo: 1,
    title: (r, c) => pick(r, [`关于印发《${c.district}${c.thing}管理办法》的通知`, `关于加强${c.thing}管理的若干意见`, `${c.district}${c.thing}实施细则`]),
    sentences: [S.purpose, S.effective, S.duty, S.generic] },
  { genre: '通知公告', article20: 'procurement', topic: '财政、金融、审计', weight: 4, docNo: 0,
    title: (r, c) => pick(r, [`${c.thing}项目政府采购公告`, `${c.thing}采购项目中标结果公告`]),
    sentences: [S.procurement, S.objection, S.generic] },
  { genre: '人事信息', article20: 'civilService', topic: '劳动、人事、监察', weight: 3, docNo: 0,
    title: (r, c) => pick(r, [`${c.year}年${c.agency}公开招聘工作人员公告`, `${c.year}年公务员录用拟录用人员公示`]),
    sentences: [S.recruitment, S.objection, S.duty, S.generic] },
  { genre: '其他文件', article20: 'organisation', topic: '综合政务', weight: 2, docNo: 0,
    title: (_r, c) => `${c.agency}机构概况`,
    sentences: [S.organisation, S.generic, S.nextStep, S.duty] },
  { genre: '规划计划', article20: 'emergencies', topic: '公安、安全、司法', weight: 3, docNo: 0.6,
    title: (r, c) => pick(r, [`${c.district}${c.thing}应急预案`, `关于做好${c.thing}工作的紧急通知`]),
    sentences: [S.emergency, S.duty, S.purpose] },
  { genre: '工作动态', article20: null, topic: '综合政务', weight: 10, docNo: 0,
    title: (r, c) => pick(r, [`${c.agency}召开${c.thing}工作会议`, `${c.district}扎实推进${c.thing}`, `${place(r)}${c.thing}工作取得新进展`]),
    sentences: [S.generic, S.funds, S.nextStep] },
  { genre: '其他文件', article20: 'livelihood', topic: '民政、扶贫、救灾', weight: 6, docNo: 0.2,
    title: (r, c) => `${c.year}年${c.month}月${c.thing}资金发放情况公示`,
    sentences: [S.funds, S.publicity, S.objection] },
];
const KIND_TOTAL = KINDS.reduce((s, k) => s + k.weight, 0);

/** Item i of n (0-based): the same on every run. Agencies take turns; dates grow with i. */
export function generateItem(i: number, n: number, agencies: readonly GeneratedAgency[]): GeneratedItem {
  const rng = createRng((SEED ^ Math.imul(i + 1, 2654435761)) >>> 0);
  const agencyIndex = i % agencies.length;
  const agency = agencies[agencyIndex]!;
  const span = (LAST_DAY - FIRST_DAY) / DAY;
  const day = Math.min(span, Math.max(0, Math.floor((i / n) * span) + int(rng, -20, 20)));
  const published = FIRST_DAY + day * DAY;
  const formed = published - int(rng, 0, 25) * DAY;
  const date = new Date(formed);
  const ctx: Context = { agency: agency.name, district: agency.district, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, thing: thing(rng) };
  let r = rng() * KIND_TOTAL;
  const kind = KINDS.find((k) => (r -= k.weight) < 0) ?? KINDS[0]!;
  const title = kind.title(rng, ctx);
  const docNo = rng() < kind.docNo ? `${agency.prefix}${pick(rng, ['发', '发', '函', '办发'])}〔${ctx.year}〕${int(rng, 1, 120)}号` : null;
  const sentences: string[] = [];
  const target = int(rng, 200, 600);
  let length = 0;
  while (length < target) {
    const s = pick(rng, kind.sentences)(rng, ctx);
    sentences.push(s);
    length += s.length;
  }
  const status = rng() < 0.97 ? 'published' : rng() < 0.67 ? 'withdrawn' : 'signing';
  return {
    agency: agencyIndex,
    indexNo: `${agency.creditCode}/${ctx.year}-${String(Math.floor(i / agencies.length) % 100000).padStart(5, '0')}`,
    title,
    docNo,
    formedOn: isoOf(formed),
    publishedOn: isoOf(published),
    topic: rng() < 0.8 ? kind.topic : '其他',
    genre: kind.genre,
    article20Item: kind.article20,
    status,
    bodyText: sentences.join('\n'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Loading

/** One batch as the worker sends it: columns as arrays (the insert's unnest parameters). */
export interface Batch {
  agency: number[]; indexNo: string[]; title: string[]; docNo: (string | null)[]; docNoKey: (string | null)[];
  formedOn: string[]; publishedOn: (string | null)[]; topic: string[]; genre: string[]; article20: (string | null)[];
  status: string[]; bodyText: string[]; titleWords: string[]; otherWords: string[];
}

/** Items from..to (exclusive) as one batch, with their words cut. */
export function makeBatch(from: number, to: number, n: number, agencies: readonly GeneratedAgency[]): Batch {
  const b: Batch = { agency: [], indexNo: [], title: [], docNo: [], docNoKey: [], formedOn: [], publishedOn: [], topic: [], genre: [], article20: [], status: [], bodyText: [], titleWords: [], otherWords: [] };
  for (let i = from; i < to; i++) {
    const item = generateItem(i, n, agencies);
    const words = searchWords(item);
    b.agency.push(item.agency); b.indexNo.push(item.indexNo); b.title.push(item.title); b.docNo.push(item.docNo);
    b.docNoKey.push(item.docNo === null ? null : docNoKey(item.docNo)); b.formedOn.push(item.formedOn);
    b.publishedOn.push(item.status === 'signing' ? null : item.publishedOn); b.topic.push(item.topic); b.genre.push(item.genre);
    b.article20.push(item.article20Item); b.status.push(item.status); b.bodyText.push(item.bodyText);
    b.titleWords.push(words.titleWords); b.otherWords.push(words.otherWords);
  }
  return b;
}

const BATCH = 5000;

/**
 * Stores the agencies and n items in an empty catalog; returns the agencies' ids (index = position in
 * generatedAgencies()). Prints progress.
 */
export async function loadCatalog(pool: pg.Pool, n: number, log: (line: string) => void = console.log): Promise<number[]> {
  const agencies = generatedAgencies();
  const ids: number[] = [];
  for (const a of agencies) {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO agencies (name, kind, parent_id, credit_code) VALUES ($1, $2, $3, $4) RETURNING id',
      [a.name, a.kind, a.parent < 0 ? null : ids[a.parent], a.creditCode],
    );
    ids.push(Number(rows[0]!.id));
  }
  // Indexes but the constraints' are dropped while loading and built again after (as PostgreSQL defines them).
  const { rows: indexes } = await pool.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'catalog_items'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)`,
  );
  for (const index of indexes) await pool.query(`DROP INDEX ${index.name}`);
  const started = performance.now();
  let done = 0;
  const workers = Math.max(1, Math.min(2, os.cpus().length));
  const chunks: [number, number][] = [];
  for (let from = 0; from < n; from += BATCH) chunks.push([from, Math.min(n, from + BATCH)]);
  let next = 0;
  // Each worker makes its next batch while its last one is inserted (at most one insert a worker).
  await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./catalog-items-worker.js', import.meta.url), { workerData: { n } });
    let inserting: Promise<void> = Promise.resolve();
    const ask = () => {
      const chunk = chunks[next++];
      if (chunk) worker.postMessage(chunk);
      else void inserting.then(() => worker.terminate()).then(() => resolve(), reject);
    };
    worker.on('message', (batch: Batch) => {
      void inserting.then(() => {
        inserting = insertBatch(pool, batch, ids).then(() => {
          done += batch.indexNo.length;
          if (done % 100_000 < BATCH) log(`  ${done} items in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        });
        inserting.catch(reject);
        ask();
      });
    });
    worker.once('error', reject);
    worker.once('online', ask);
  })));
  log(`${n} items generated and stored in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const indexed = performance.now();
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const index of indexes) await client.query(index.def);
  } finally {
    client.release();
  }
  log(`indexes built in ${((performance.now() - indexed) / 1000).toFixed(0)} s`);
  await pool.query('VACUUM ANALYZE catalog_items');
  return ids;
}

export async function insertBatch(pool: pg.Pool, b: Batch, agencyIds: readonly number[]): Promise<void> {
  await pool.query(
    `INSERT INTO catalog_items (agency_id, index_no, title, doc_no, doc_no_key, publisher, formed_on, publish_due, published_on, topic, genre,
                                article20_item, status, attribute, body_html, body_text, search_tsv)
     SELECT a.id, t.index_no, t.title, t.doc_no, t.doc_no_key, a.name, t.formed_on, t.formed_on + 28, t.published_on, t.topic, t.genre,
            t.article20, t.status, '主动公开',
            '<p>' || replace(t.body_text, E'\\n', '</p><p>') || '</p>', t.body_text,
            setweight(to_tsvector('simple', t.title_words), 'A') || setweight(to_tsvector('simple', t.other_words), 'B')
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
            AS t (agency, index_no, title, doc_no, doc_no_key, formed_on, published_on, topic, genre, article20, status, body_text, title_words, other_words)
       JOIN agencies a ON a.id = ($15::bigint[])[t.agency + 1]`,
    [b.agency, b.indexNo, b.title, b.docNo, b.docNoKey, b.formedOn, b.publishedOn, b.topic, b.genre, b.article20, b.status, b.bodyText, b.titleWords, b.otherWords, agencyIds],
  );
}

/** The worker's side: answers each [from, to) with its batch. */
export function serveBatches(port: MessagePort, n: number): void {
  const agencies = generatedAgencies();
  port.on('message', ([from, to]: [number, number]) => port.postMessage(makeBatch(from, to, n, agencies)));
}
