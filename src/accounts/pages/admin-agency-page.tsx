/**
 * One agency: its facts, the names it has had, its staff with their roles here, and the forms the
 * viewer may use (contact facts: its agencyAdmin or a sysAdmin; name, parent, credit code and
 * closing: a sysAdmin).
 */
import { AGENCY_KIND_LABELS, ROLE_LABELS } from '../../platform/accounts/core/roles.ts';
import type { Agency } from '../../platform/accounts/store.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import type { PersonWithRoles } from '../admin-query.ts';
import { AGENCY_ANCHORS, ContactFields, CREDIT_CODE_HINT, ParentField } from './admin-agency-fields.tsx';
import { formatDay } from './admin-format.ts';
import { ErrorSummary, TextField, type FormState } from './admin-form.tsx';

/** Props of AgencyPage. */
export interface AgencyPageProps {
  agency: Agency;
  parent: Agency | undefined;
  history: readonly { name: string; since: Date }[];
  staff: readonly PersonWithRoles[];
  /** Open agencies the parent may be chosen among. */
  parents: readonly Agency[];
  /** The viewer may edit the contact facts. */
  canEditContacts: boolean;
  /** The viewer is a system administrator (rename, re-parent, close). */
  canAdminister: boolean;
  contactsForm: FormState;
  reviseForm: FormState;
  csrfToken: string;
}

const orDash = (v: string | null) => v ?? '—';

/** The page. */
export function AgencyPage(props: AgencyPageProps) {
  const a = props.agency;
  const open = a.closedAt === null;
  const errors = [...props.contactsForm.errors, ...props.reviseForm.errors];
  return (
    <>
      <ErrorSummary errors={errors} anchors={AGENCY_ANCHORS} />
      <p><a href="/admin/agencies">返回机关列表</a></p>
      <h1>{a.name}</h1>
      {open ? null : <p class="notice-warning">这个机关已于 {formatDay(a.closedAt!)} 撤销，它的记录仍然保存。</p>}
      <dl class="meta">
        <dt>简称</dt><dd>{orDash(a.shortName)}</dd>
        <dt>类别</dt><dd>{AGENCY_KIND_LABELS[a.kind]}</dd>
        <dt>上级机关</dt><dd>{props.parent ? props.parent.name : '—'}</dd>
        <dt>统一社会信用代码</dt><dd>{orDash(a.creditCode)}</dd>
        <dt>通讯地址</dt><dd>{orDash(a.address)}</dd>
        <dt>邮政编码</dt><dd>{orDash(a.postcode)}</dd>
        <dt>联系电话</dt><dd>{orDash(a.phone)}</dd>
        <dt>传真</dt><dd>{orDash(a.fax)}</dd>
        <dt>电子邮箱</dt><dd>{orDash(a.email)}</dd>
        <dt>办公时间</dt><dd>{orDash(a.officeHours)}</dd>
      </dl>
      {props.history.length > 1 ? (
        <>
          <h2>曾用名</h2>
          <ul>{props.history.map((h) => <li>{formatDay(h.since)} 起：{h.name}</li>)}</ul>
        </>
      ) : null}

      <h2>人员</h2>
      {open ? <p><a class="button" href={`/admin/agencies/${a.id}/people/new`}>添加人员</a></p> : null}
      {props.staff.length === 0 ? <p>还没有人员。</p> : (
        <div class="table-wrap" role="region" tabindex={0} aria-label="本机关人员">
          <table class="stack-on-phone">
            <thead><tr><th scope="col">姓名</th><th scope="col">用户名</th><th scope="col">在本机关的角色</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {props.staff.map((p) => (
                <tr>
                  <td class="agency"><a href={`/admin/people/${p.id}`}>{p.name}</a></td>
                  <td data-label="用户名">{p.username}</td>
                  <td data-label="角色">{p.roles.filter((r) => r.agencyId === a.id).map((r) => ROLE_LABELS[r.role]).join('、')}</td>
                  <td data-label="状态">{p.disabledAt ? <span class="tag tag-error">已停用</span> : '正常'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {open && props.canEditContacts ? (
        <details class="admin-form" open={props.contactsForm.errors.length > 0}>
          <summary>修改联系方式</summary>
          <form method="post" action={`/admin/agencies/${a.id}/contacts`} class="admin-fields" novalidate>
            <CsrfField token={props.csrfToken} />
            <ContactFields form={props.contactsForm} agency={a} />
            <button type="submit" class="button">保存联系方式</button>
          </form>
        </details>
      ) : null}
      {open && props.canAdminister ? (
        <>
          <details class="admin-form" open={props.reviseForm.errors.length > 0}>
            <summary>修改名称、上级机关或统一社会信用代码</summary>
            <form method="post" action={`/admin/agencies/${a.id}/revise`} class="admin-fields" novalidate>
              <CsrfField token={props.csrfToken} />
              <TextField id="name" label="机关名称" hint="改名后，原名称保留在曾用名中" form={props.reviseForm} initial={a.name} maxlength={100} required />
              <TextField id="shortName" label="简称（可选）" form={props.reviseForm} initial={a.shortName} maxlength={30} />
              <TextField id="creditCode" label="统一社会信用代码（可选）" hint={CREDIT_CODE_HINT} form={props.reviseForm} initial={a.creditCode} maxlength={30} />
              <ParentField form={props.reviseForm} agencies={props.parents} initial={a.parentId} />
              <button type="submit" class="button">保存</button>
            </form>
          </details>
          <p><a href={`/admin/agencies/${a.id}/close`}>撤销这个机关……</a></p>
        </>
      ) : null}
    </>
  );
}

/** Props of CloseAgencyPage. */
export interface CloseAgencyPageProps {
  agency: Agency;
  /** Why it could not be closed (agencies under it). */
  error?: string | undefined;
  csrfToken: string;
}

/** The confirmation before closing an agency (a second page: closing is not undone from the site). */
export function CloseAgencyPage(props: CloseAgencyPageProps) {
  const a = props.agency;
  return (
    <>
      <ErrorSummary errors={props.error ? [{ field: 'confirm', message: props.error }] : []} />
      <p><a href={`/admin/agencies/${a.id}`}>返回“{a.name}”</a></p>
      <h1>撤销“{a.name}”</h1>
      <p>撤销后，这个机关不再出现在机关列表和选择框中，不能再添加人员；它的记录、人员和审计日志都保留，可以查阅。网站上不能恢复已撤销的机关。</p>
      <form method="post" action={`/admin/agencies/${a.id}/close`}>
        <CsrfField token={props.csrfToken} />
        <div class="form-group">
          <div class="choice">
            <input type="checkbox" id="confirm" name="confirm" value="yes" required />
            <label for="confirm">我确认撤销“{a.name}”</label>
          </div>
        </div>
        <button type="submit" class="button">撤销机关</button>
      </form>
    </>
  );
}
