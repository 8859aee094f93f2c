/**
 * The audit trail: filters (agency, person, record, dates), the rows newest first with who, for which
 * agency, what, which record, what changed and from where; paging; the CSV export; and, on demand,
 * whether the hash chain is intact.
 */
import type { Agency } from '../../platform/accounts/store.ts';
import type { ChainCheck } from '../../platform/audit/verify.ts';
import type { AuditRow } from '../audit-query.ts';
import { formatMoment } from './admin-format.ts';
import { ErrorSummary, errorOf, TextField, type FieldError } from './admin-form.tsx';
import { actionInWords, actorInWords, detailsInWords, recordInWords } from './audit-labels.ts';

/** The filters as given (strings, shown back as typed). */
export interface AuditQueryValues {
  agency: string;
  person: string;
  record: string;
  from: string;
  to: string;
}

/** Props of AuditPage. */
export interface AuditPageProps {
  agencies: readonly Agency[];
  values: AuditQueryValues;
  errors: readonly FieldError[];
  rows: readonly AuditRow[];
  names: ReadonlyMap<string, string>;
  /** Cursor of the newer page (after this id), if there is one. */
  newerAfter: number | undefined;
  /** Cursor of the older page (before this id), if there is one. */
  olderBefore: number | undefined;
  /** The viewer may check the chain (a sysAdmin: the chain runs through every agency's rows). */
  canVerify: boolean;
  verified: ChainCheck | undefined;
}

/** The query string of the filters with extra parameters. */
export function auditQuery(values: AuditQueryValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}


function Verification(props: { verified: ChainCheck }) {
  const v = props.verified;
  return v.ok
    ? <div class="notice" role="status">审计链完整（共 {v.rows} 条）：没有记录被改动或删除。</div>
    : <div class="error-summary" role="alert"><h2>审计链有断裂</h2><p>{v.message}。请保留数据库现状，联系系统管理员调查。</p></div>;
}

/** The page. */
export function AuditPage(props: AuditPageProps) {
  const { values, errors } = props;
  const form = { values: { ...values }, errors: [...errors] };
  const agencyError = errorOf(errors, 'agency');
  const filtered = Object.values(values).some((v) => v !== '');
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>审计日志</h1>
      {props.verified ? <Verification verified={props.verified} /> : null}
      <form class="filters" method="get" action="/audit" role="search" aria-label="筛选审计日志">
        <div class="form-group">
          <label for="agency">机关</label>
          {agencyError ? <span class="field-error" id="agency-error">{agencyError}</span> : null}
          <select id="agency" name="agency" aria-describedby={agencyError ? 'agency-error' : undefined}>
            <option value="">（全部）</option>
            {props.agencies.map((a) => <option value={String(a.id)} selected={values.agency === String(a.id)}>{a.name}{a.closedAt ? '（已撤销）' : ''}</option>)}
          </select>
        </div>
        <TextField id="person" label="人员（用户名或姓名）" form={form} maxlength={100} />
        <TextField id="record" label="记录" hint="点击表中的记录，只看这条记录的日志" form={form} maxlength={100} />
        <TextField id="from" label="开始日期" type="date" hint="如 2024-01-31" form={form} maxlength={100} />
        <TextField id="to" label="结束日期" type="date" hint="含这一天" form={form} maxlength={100} />
        <button type="submit" class="button">筛选</button>
        {filtered ? <a href="/audit">清除筛选</a> : null}
      </form>
      {errors.length > 0 ? null : (
        <>
          <p class="button-row">
            <a href={`/audit.csv${auditQuery(values)}`}>导出为 CSV（Excel 可打开）</a>
            {props.canVerify ? <a href={`/audit${auditQuery(values, { verify: '1' })}`}>校验审计链是否完整</a> : null}
          </p>
          {props.rows.length === 0 ? <p>{filtered ? '没有符合条件的日志。' : '还没有日志。'}</p> : (
            <div class="table-wrap" role="region" tabindex={0} aria-label="审计日志">
              <table class="stack-on-phone audit-table">
                <thead>
                  <tr><th scope="col">时间</th><th scope="col">人员</th><th scope="col">机关</th><th scope="col">操作</th><th scope="col">记录</th><th scope="col">详情</th><th scope="col">来源地址</th></tr>
                </thead>
                <tbody>
                  {props.rows.map((r) => (
                    <tr id={`row-${r.id}`}>
                      <td class="agency audit-time">{formatMoment(r.at)}</td>
                      <td data-label="人员">{r.username !== null ? <a href={`/audit${auditQuery({ ...values, person: r.username })}`}>{actorInWords(r)}</a> : actorInWords(r)}</td>
                      <td data-label="机关">{r.agencyName ?? '—'}</td>
                      <td data-label="操作" class="audit-action">{actionInWords(r.action)}</td>
                      <td data-label="记录">{r.subject !== null ? <a href={`/audit${auditQuery({ ...values, record: r.subject })}`}>{recordInWords(r.subject, props.names)}</a> : '—'}</td>
                      <td data-label="详情" class="audit-details">{detailsInWords(r.details)}</td>
                      <td data-label="来源地址" class="audit-ip">{r.ip ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {props.newerAfter !== undefined || props.olderBefore !== undefined ? (
            <nav aria-label="分页" class="button-row">
              {props.newerAfter !== undefined ? <a href={`/audit${auditQuery(values, { after: String(props.newerAfter) })}`}>较新的日志</a> : null}
              {props.olderBefore !== undefined ? <a href={`/audit${auditQuery(values, { before: String(props.olderBefore) })}`}>较早的日志</a> : null}
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
