/**
 * Status tags: red for errors, amber for warnings, a dashed tag for doubtful cells.
 */

/** Counts as tags; a green tag when there is nothing to report. */
export function CountTags(props: { errors: number; warnings: number; doubts?: number }) {
  if (props.errors === 0 && props.warnings === 0 && !props.doubts) return <span class="tag tag-ok">未发现问题</span>;
  return (
    <>
      {props.errors > 0 ? <span class="tag tag-error">{props.errors} 个错误</span> : null}{' '}
      {props.warnings > 0 ? <span class="tag tag-warning">{props.warnings} 个提醒</span> : null}{' '}
      {props.doubts ? <span class="tag tag-doubt">{props.doubts} 处读取存疑</span> : null}
    </>
  );
}

/** The tag of one finding's severity. */
export function SeverityTag(props: { severity: 'error' | 'warning' }) {
  return props.severity === 'error' ? <span class="tag tag-error">错误</span> : <span class="tag tag-warning">提醒</span>;
}
