/**
 * The JSON that `gongkai law deadline`, `law fee` and `law calendar --import` read, as their
 * `--help` prints it (commands.ts `loadHelp`): every field of the input, generated from the law
 * room's zod schema — so a field added there cannot be missing here — and examples to paste, each
 * run by input-help.test.ts. A field's meaning is its `describe` in the schema; `requirement`
 * (schema metadata) overrides 必填/可选 where a field is needed only in some cases.
 */
import { z } from 'zod';
import { calendarImportSchema } from '../calendar-import.ts';
import { deadlineInputSchema, FIRST_INPUT_DATE, LAST_INPUT_DATE } from '../deadline-input.ts';
import { feeInputSchema } from '../fee-input.ts';

/** The part of a JSON Schema (as z.toJSONSchema writes it) that the help reads. */
interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly anyOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly description?: string;
  readonly requirement?: string;
  readonly default?: unknown;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** One example: a comment line, then the commands as they are pasted into a shell. */
interface Example {
  readonly title: string;
  readonly lines: readonly string[];
}

/** '1–40', '≥1', '≤40', or '' from a lower and an upper bound. */
function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `≥${min}`;
  return max !== undefined ? `≤${max}` : '';
}

/** The type of a value in words: '日期 YYYY-MM-DD 或 null', '整数 0–20', '数组（1–40项），每项为对象'. */
function typeLabel(node: JsonSchema): string {
  if (node.anyOf) return node.anyOf.map(typeLabel).join(' 或 ');
  const types = node.type === undefined ? [] : typeof node.type === 'string' ? [node.type] : node.type;
  return types.map((type) => {
    switch (type) {
      case 'string': {
        if (node.format === 'date') return '日期 YYYY-MM-DD';
        const length = range(node.minLength, node.maxLength);
        return `字符串${length ? `（${length}字）` : ''}`;
      }
      case 'integer':
      case 'number': {
        const bounds = range(node.minimum, node.maximum);
        return `${type === 'integer' ? '整数' : '数字'}${bounds ? ` ${bounds}` : ''}`;
      }
      case 'boolean':
        return 'true 或 false';
      case 'null':
        return 'null';
      case 'object':
        return '对象';
      case 'array': {
        const count = range(node.minItems, node.maxItems);
        return `数组${count ? `（${count}项）` : ''}${node.items ? `，每项为${typeLabel(node.items)}` : ''}`;
      }
      default:
        return type;
    }
  }).join(' 或 ');
}

/** The objects a value may be (itself, a branch of a union, the items of an array), with the path suffix to reach their fields. */
function nestedObjects(node: JsonSchema): [JsonSchema, string][] {
  const found: [JsonSchema, string][] = [];
  const visit = (n: JsonSchema, suffix: string): void => {
    if (n.properties) found.push([n, suffix]);
    for (const branch of n.anyOf ?? []) visit(branch, suffix);
    if (n.items) visit(n.items, `${suffix}[]`);
  };
  visit(node, '');
  return found;
}

/** One row per field, depth first: [path, '必填。类型。含义']. Arrays' items are written `holidays[].from`. */
function fieldRows(object: JsonSchema, prefix: string): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, node] of Object.entries(object.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const requirement = node.requirement
      ?? (object.required?.includes(key) ? '必填' : `可选${node.default === undefined ? '' : `，默认 ${JSON.stringify(node.default)}`}`);
    rows.push([path, `${requirement}。${typeLabel(node)}。${node.description ?? ''}`]);
    for (const [nested, suffix] of nestedObjects(node)) rows.push(...fieldRows(nested, `${path}${suffix}`));
  }
  return rows;
}

/** The fields of a zod object schema as help lines (the JSON accepted as input: defaults and optional fields as the caller may omit them). */
export function describeFields(schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const rows = fieldRows(json, '');
  const width = Math.max(...rows.map(([path]) => path.length)) + 2;
  return rows.map(([path, text]) => `  ${path.padEnd(width)}${text}`);
}

/** JSON on one line with a space after ':' and ',' (`{"a": 1, "b": [2, 3]}`). */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

const EXAMPLE_WIDTH = 100;

/** JSON as a person writes it: on one line if it fits, else one member per line. */
function pretty(value: unknown, indent: string): string {
  const line = oneLine(value);
  if (indent.length + line.length <= EXAMPLE_WIDTH || value === null || typeof value !== 'object') return line;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  return `{\n${Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * `echo '<json>'` followed by `rest` (`| gongkai …` or `> FILE`), as lines. The JSON is quoted
 * for the shell in single quotes, which it must not contain (nor backslashes, which some echo
 * implementations interpret); a broken example is a bug.
 */
function echo(input: Record<string, unknown>, rest: string): string[] {
  const text = pretty(input, '');
  if (/['\\]/.test(text)) throw new Error(`example JSON cannot be quoted for the shell: ${text}`);
  return `echo '${text}' ${rest}`.split('\n');
}

/** The help sections: the fields, then the examples, each indented under its title. */
function render(fieldsTitle: string, notes: readonly string[], schema: z.ZodType, examples: readonly Example[]): string {
  return [
    fieldsTitle,
    ...notes.map((n) => `  ${n}`),
    ...describeFields(schema),
    '',
    '示例（可直接粘贴到 shell 运行）：',
    ...examples.flatMap((e, i) => [...(i > 0 ? [''] : []), `  # ${e.title}`, ...e.lines.map((l) => `  ${l}`)]),
  ].join('\n') + '\n';
}

/** `gongkai law deadline --help`: the fields of the question on stdin, and two examples. */
export function deadlineHelp(): string {
  return render('输入（标准输入，一个 JSON 对象）：', [
    `日期一律写作 YYYY-MM-DD，在 ${FIRST_INPUT_DATE} 至 ${LAST_INPUT_DATE} 之间；未列出的字段是错误。`,
  ], deadlineInputSchema, [
    {
      title: '当面提交，只填必填字段',
      lines: echo({ channel: '当面', submitted: '2023-09-27' }, '| gongkai law deadline --json'),
    },
    {
      title: '邮寄：签收日为收到日，告知补正后收到补正申请，征求第三方意见，延期5个工作日',
      lines: echo({
        channel: '邮寄', submitted: '2023-02-28', confirmed: '2023-03-01', onTheSpot: false,
        correction: { notifiedOn: '2023-03-06', correctedReceivedOn: '2023-03-20' },
        extensionWorkingDays: 5,
        thirdParty: { sentOn: '2023-03-22', receivedOn: '2023-03-24', repliedOn: '2023-04-03' },
      }, '| gongkai law deadline --json'),
    },
  ]);
}

/** `gongkai law fee --help`: the fields of both modes, and an example of each. */
export function feeHelp(): string {
  return render('输入（标准输入，一个 JSON 对象）：', [
    '按件填 applicationsThisMonthBefore、applicationsInBatch，按量填 pages；未列出的字段是错误。',
  ], feeInputSchema, [
    {
      title: '按件：该申请人本月此前已有25件，本批10件（第26至35件）',
      lines: echo({ mode: '按件', applicationsThisMonthBefore: 25, applicationsInBatch: 10 }, '| gongkai law fee --json'),
    },
    {
      title: '按量：一件申请150页',
      lines: echo({ mode: '按量', pages: 150 }, '| gongkai law fee --json'),
    },
  ]);
}

/** `gongkai law calendar --help`: the fields of a notice file for `--import`, and the 2024 notice as the example. */
export function calendarHelp(): string {
  return render('--import 读取的文件（一个 JSON 对象：国务院办公厅一年的节假日安排通知）：', [
    '导入的年份整体取代该年原有的数据，并标记为正式；未列出的字段是错误。',
  ], calendarImportSchema, [
    {
      title: '导入2024年的安排（国务院办公厅关于2024年部分节假日安排的通知）',
      lines: [
        ...echo({
          year: 2024,
          source: '国办发明电〔2023〕7号',
          holidays: [
            { name: '元旦', from: '2024-01-01', to: '2024-01-01' },
            { name: '春节', from: '2024-02-10', to: '2024-02-17' },
            { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
            { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
            { name: '端午节', from: '2024-06-10', to: '2024-06-10' },
            { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
            { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
          ],
          workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', { date: '2024-10-12', name: '国庆节' }],
        }, '> 2024.json'),
        'gongkai law calendar --import 2024.json',
      ],
    },
  ]);
}
