/**
 * What `gongkai law deadline|publish-due|fee` do (declared in commands.ts): pure computations on the
 * input. With `--json`, errors too are JSON on stdout (cli-support.ts `fail`).
 */
import type { CommandRun } from '../../platform/cli/types.ts';
import { isIsoDate } from '../dates.ts';
import { parseDeadlineInput } from '../deadline-input.ts';
import { computeDeadlines, computePublishDue, type DeadlineResult } from '../deadlines.ts';
import { parseFeeInput } from '../fee-input.ts';
import { proposeFee } from '../fees.ts';
import { calendarFor, fail, readJsonStdin } from './cli-support.ts';
import type { DEADLINE_OPTIONS, FEE_OPTIONS, PUBLISH_DUE_OPTIONS } from './commands.ts';

function formatDeadlines(r: DeadlineResult): string {
  const lines = [
    `收到申请之日：${r.receiptDate}`,
    `补正告知期限：${r.correctionNoticeDue}${r.correctionNoticeTimely === null ? '' : r.correctionNoticeTimely ? '（补正告知按时）' : '（补正告知逾期）'}`,
    `答复期限：${r.replyDue ?? '无（未补正，视为放弃申请）'}`,
  ];
  if (r.extendedReplyDue) lines.push(`延长后的答复期限：${r.extendedReplyDue}`);
  if (r.thirdPartyOpinionDue) lines.push(`第三方意见期限：${r.thirdPartyOpinionDue}`);
  if (r.provisional) lines.push('注意：结果为暂定（日历数据未覆盖计数区间的全部年份）');
  lines.push('', '说明：', ...r.explanation.map((e) => `  · ${e}`));
  return lines.join('\n') + '\n';
}

/** `gongkai law deadline`: the statutory deadlines of one application (JSON on stdin). */
export const runDeadline: CommandRun<typeof DEADLINE_OPTIONS> = async ({ values }, io, context) => {
  const json = values.json === true;
  const raw = await readJsonStdin(io);
  if (!raw.ok) return fail(io, [raw.error], json);
  const input = parseDeadlineInput(raw.value);
  if (!input.ok) return fail(io, input.errors, json);
  const result = computeDeadlines(input.value, await calendarFor(values.db === true, context, io), {
    explain: true,
    thirdPartyExclusion: values['send-day-excluded'] ? 'sentDayExcluded' : 'sentDayCounted',
    nonWorkdayReceipt: values['next-workday-receipt'] ? 'nextWorkday' : 'asReceived',
  });
  io.stdout(values.json ? JSON.stringify(result) + '\n' : formatDeadlines(result));
  return 0;
};

/** `gongkai law publish-due --formed YYYY-MM-DD`: the Art. 26 publication deadline. */
export const runPublishDue: CommandRun<typeof PUBLISH_DUE_OPTIONS> = async ({ values }, io, context) => {
  const { formed } = values;
  const json = values.json === true;
  if (!isIsoDate(formed)) return fail(io, [{ path: '--formed', message: `${formed} 不是真实存在的日期，格式 YYYY-MM-DD` }], json);
  if (formed < '2019-01-01' || formed > '2099-12-31') return fail(io, [{ path: '--formed', message: `日期 ${formed} 超出日历范围（2019-01-01 至 2099-12-31）` }], json);
  const r = computePublishDue(formed, await calendarFor(values.db === true, context, io));
  if (values.json) {
    io.stdout(JSON.stringify({ publishDue: r.publishDue, provisional: r.provisional, explanation: r.explanation, calendarVersion: r.calendarVersion }) + '\n');
  } else {
    io.stdout([`主动公开期限：${r.publishDue}${r.provisional ? '（暂定）' : ''}`, '', '说明：', ...r.explanation.map((e) => `  · ${e}`)].join('\n') + '\n');
  }
  return 0;
};

/** `gongkai law fee`: the information processing fee proposal (JSON on stdin). */
export const runFee: CommandRun<typeof FEE_OPTIONS> = async ({ values }, io) => {
  const json = values.json === true;
  const raw = await readJsonStdin(io);
  if (!raw.ok) return fail(io, [raw.error], json);
  const input = parseFeeInput(raw.value);
  if (!input.ok) return fail(io, input.errors, json);
  const r = proposeFee(input.value);
  io.stdout(values.json
    ? JSON.stringify({ feeYuan: r.feeYuan, explanation: r.explanation }) + '\n'
    : [`建议收取信息处理费：${r.feeYuan}元`, '', '说明：', ...r.explanation.map((e) => `  · ${e}`)].join('\n') + '\n');
  return 0;
};
