/**
 * The error output of a command run with `--json`: one line on stdout, so that a program reading
 * stdout always gets JSON, whether the command succeeded (exit 0) or not (exit 2):
 *
 * ```json
 * {"error":{"field":"events[0].date","message":"应为真实存在的日期，格式 YYYY-MM-DD（如 2023-10-09）"}}
 * ```
 * `field` is the JSON path in the input, the option (`--formed`), or null when the problem is the
 * input as a whole; with several problems, `details` lists every one (the first is also `field`
 * and `message`), so a user sees them all at once.
 */

/** One problem: where (JSON path, option, or null) and what, in Chinese. */
export interface CliFieldError {
  readonly field: string | null;
  readonly message: string;
}

/** `{"error":{"field","message"[,"details"]}}` and a newline. */
export function jsonErrorLine(errors: readonly CliFieldError[]): string {
  const first = errors[0] ?? { field: null, message: '未知错误' };
  const error = errors.length > 1
    ? { field: first.field, message: first.message, details: errors.map((e) => ({ field: e.field, message: e.message })) }
    : { field: first.field, message: first.message };
  return JSON.stringify({ error }) + '\n';
}
