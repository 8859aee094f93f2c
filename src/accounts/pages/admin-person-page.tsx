/**
 * One person as an administrator sees them: roles per agency (with a revoke button where the viewer
 * may), the grant form, and — when the viewer could have granted every role the person holds — the
 * account's controls: reset the password, disable or enable, revoke API tokens.
 */
import { ROLE_LABELS, type Role } from '../../platform/accounts/core/roles.ts';
import type { Agency, ApiToken, Person } from '../../platform/accounts/store.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import type { RoleHeld } from '../admin-query.ts';
import { formatDay, formatMoment } from './admin-format.ts';
import { ErrorSummary, errorOf, TextField, type FormState } from './admin-form.tsx';

/** A role as the page lists it. */
export interface ShownRole extends RoleHeld {
  /** The viewer may revoke it. */
  revocable: boolean;
}

/** Props of PersonPage. */
export interface PersonPageProps {
  person: Person;
  /** The roles in agencies the viewer manages (and sysAdmin, for a sysAdmin viewer). */
  roles: readonly ShownRole[];
  /** Roles the person holds elsewhere (not named: other agencies' staff are not this viewer's business). */
  otherRoles: number;
  /** The viewer is this person. */
  self: boolean;
  /** Where and what the viewer may grant. */
  grantAgencies: readonly Agency[];
  grantRoles: readonly Role[];
  /** The viewer may reset the password, disable, and revoke tokens. */
  mayManageAccount: boolean;
  tokens: readonly ApiToken[];
  grantForm: FormState;
  passwordForm: FormState;
  passwordMinLength: number;
  csrfToken: string;
}

function RoleTable(props: { personId: number; roles: readonly ShownRole[]; csrfToken: string }) {
  return (
    <div class="table-wrap" role="region" tabindex={0} aria-label="角色">
      <table class="stack-on-phone">
        <thead><tr><th scope="col">机关</th><th scope="col">角色</th><th scope="col">授予日期</th><th scope="col">操作</th></tr></thead>
        <tbody>
          {props.roles.map((r) => (
            <tr>
              <td class="agency">{r.agencyName ?? '整个系统'}</td>
              <td data-label="角色">{ROLE_LABELS[r.role]}</td>
              <td data-label="授予日期">{formatDay(r.grantedAt)}</td>
              <td data-label="操作">
                {r.revocable ? (
                  <form method="post" action={`/admin/people/${props.personId}/revoke`} class="inline-form">
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="role" value={r.role} />
                    <input type="hidden" name="agency" value={r.agencyId === null ? '' : String(r.agencyId)} />
                    <button type="submit" class="button button-secondary">撤销<span class="visually-hidden">{ROLE_LABELS[r.role]}角色</span></button>
                  </form>
                ) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GrantForm(props: PersonPageProps) {
  const form = props.grantForm;
  const agencyError = errorOf(form.errors, 'agency');
  const roleError = errorOf(form.errors, 'role');
  const sysAdmin = props.grantRoles.includes('sysAdmin');
  return (
    <form method="post" action={`/admin/people/${props.person.id}/grant`} class="admin-fields" novalidate>
      <CsrfField token={props.csrfToken} />
      <div class="form-group">
        <label for="role">角色</label>
        {roleError ? <span class="field-error" id="role-error">{roleError}</span> : null}
        <select id="role" name="role" aria-describedby={roleError ? 'role-error' : undefined}>
          {props.grantRoles.map((role) => <option value={role} selected={form.values['role'] === role}>{ROLE_LABELS[role]}</option>)}
        </select>
      </div>
      <div class="form-group">
        <label for="agency">机关</label>
        <span class="hint" id="agency-hint">{sysAdmin ? '系统管理员不选机关；监督员只能授予在人民政府上' : '只能授予在您管理的机关'}</span>
        {agencyError ? <span class="field-error" id="agency-error">{agencyError}</span> : null}
        <select id="agency" name="agency" aria-describedby={agencyError ? 'agency-hint agency-error' : 'agency-hint'}>
          {props.grantAgencies.map((a) => <option value={String(a.id)} selected={form.values['agency'] === String(a.id)}>{a.name}</option>)}
          {sysAdmin ? <option value="" selected={form.values['agency'] === ''}>（不选机关：系统管理员）</option> : null}
        </select>
      </div>
      <button type="submit" class="button">授予角色</button>
    </form>
  );
}

function AccountControls(props: PersonPageProps) {
  const p = props.person;
  return (
    <>
      <h2>账号</h2>
      <details class="admin-form" open={props.passwordForm.errors.length > 0}>
        <summary>重设密码</summary>
        <form method="post" action={`/admin/people/${p.id}/password`} class="admin-fields" novalidate>
          <CsrfField token={props.csrfToken} />
          <TextField id="password" label="新密码" type="password" autocomplete="new-password" form={props.passwordForm} maxlength={256} required
            hint={`至少 ${props.passwordMinLength} 个字符。重设后，${p.name}在所有设备上的登录都会结束；请告知本人新密码，并请其登录后修改。`} />
          <button type="submit" class="button">重设密码</button>
        </form>
      </details>
      <form method="post" action={`/admin/people/${p.id}/status`}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="status" value={p.disabledAt ? 'active' : 'disabled'} />
        <p class="hint">{p.disabledAt ? '启用后，可以用原密码重新登录。' : '停用后，立即结束其所有登录，不能再登录，接口令牌也不能再用；记录和角色保留，可以随时启用。'}</p>
        <button type="submit" class="button button-secondary">{p.disabledAt ? '启用账号' : '停用账号'}</button>
      </form>
      {props.tokens.length > 0 ? (
        <>
          <h3>接口令牌</h3>
          <ul>
            {props.tokens.map((t) => (
              <li>
                {t.label || '（未命名）'} <span class="muted">{t.prefix}…，{formatDay(t.createdAt)} 创建{t.lastUsedAt ? `，最后使用 ${formatMoment(t.lastUsedAt)}` : ''}</span>
                {t.revokedAt ? <> <span class="tag">已撤销</span></> : (
                  <form method="post" action={`/admin/people/${p.id}/tokens/revoke`} class="inline-form">
                    <CsrfField token={props.csrfToken} />
                    <input type="hidden" name="token" value={String(t.id)} />
                    <button type="submit" class="button button-secondary">撤销令牌<span class="visually-hidden"> {t.prefix}</span></button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The page. */
export function PersonPage(props: PersonPageProps) {
  const p = props.person;
  return (
    <>
      <ErrorSummary errors={[...props.grantForm.errors, ...props.passwordForm.errors]} />
      <p><a href="/admin/people">返回人员列表</a></p>
      <h1>{p.name}</h1>
      <dl class="meta">
        <dt>用户名</dt><dd>{p.username}</dd>
        <dt>状态</dt><dd>{p.disabledAt ? <><span class="tag tag-error">已停用</span> {formatDay(p.disabledAt)} 起</> : '正常'}</dd>
        <dt>两步验证</dt><dd>{p.totpEnabled ? '已开启' : '未开启'}</dd>
        <dt>账号创建</dt><dd>{formatDay(p.createdAt)}</dd>
      </dl>
      {props.self ? <p class="notice-inline">这是您自己的账号：修改密码请到<a href="/me">我的账号</a>；自己的角色须由另一位管理员授予或撤销。</p> : null}
      <h2>角色</h2>
      {props.roles.length === 0 ? <p>{props.otherRoles > 0 ? '在您管理的机关中没有角色。' : '没有角色。'}</p> : <RoleTable personId={p.id} roles={props.roles} csrfToken={props.csrfToken} />}
      {props.otherRoles > 0 ? <p class="muted">另在其他机关有 {props.otherRoles} 个角色，由那些机关的管理员或系统管理员管理。</p> : null}
      {!props.self && props.grantRoles.length > 0 && (props.grantAgencies.length > 0 || props.grantRoles.includes('sysAdmin')) ? (
        <details class="admin-form" open={props.grantForm.errors.length > 0}>
          <summary>授予角色</summary>
          <GrantForm {...props} />
        </details>
      ) : null}
      {props.mayManageAccount ? <AccountControls {...props} /> : null}
    </>
  );
}
