/**
 * The columns of a `gongkai catalog import` file (import-file.ts reads them; `--help` prints them), kept
 * apart so that the command table loads no reader.
 */

/** The columns: the key (JSON lines, XLSX) and the Chinese heading an XLSX may use instead. */
export const IMPORT_COLUMNS: readonly (readonly [key: string, heading: string, meaning: string])[] = [
  ['indexNo', '索引号', '原网站的索引号（不填则按本机关的格式生成）'],
  ['title', '标题', '必填，2–200 字'],
  ['docNo', '文号', '如 太文旅发〔2023〕5号；没有不填'],
  ['publisher', '发布机构', '不填为本机关'],
  ['formedOn', '成文日期', '必填，YYYY-MM-DD'],
  ['publishedOn', '发布日期', '原网站的发布日期：填写的作为已发布导入；不填的作为草稿导入，走审核流程'],
  ['topic', '主题分类', '如 文化、广电、新闻出版'],
  ['genre', '体裁', '如 行政规范性文件、通知公告（默认 其他文件）'],
  ['article20Item', '第二十条事项', '1–15，或（一）至（十五）'],
  ['article21Item', '第二十一条事项', '如 社会救助'],
  ['disclosureMode', '公开方式', '默认 政府网站'],
  ['disclosureScope', '公开范围', '默认 面向社会'],
  ['validity', '有效性', '有效、失效或废止（默认 有效）'],
  ['validityChangedOn', '失效或废止日期', '失效或废止时必填'],
  ['body', '正文', 'HTML，保存前清理'],
  ['personalDataJustification', '个人信息公开理由', '正文含个人信息而仍作为已发布导入时必填'],
];

