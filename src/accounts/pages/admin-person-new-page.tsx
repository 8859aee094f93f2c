/**
 * Adding a person to an agency: username, name, the roles the viewer may grant there, and an
 * initial password the person changes after signing in.
 */
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from '../../platform/accounts/core/roles.ts';
import type { Agency } from '../../platform/accounts/store.ts';
import { USERNAME_RULE } from '../../platform/accounts/fields.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import { ErrorSummary, errorOf, TextField, type FormState } from './admin-form.tsx';

/** Props of NewPersonPage. */
export interface NewPersonPageProps {
  agency: Agency;
  /** The roles the viewer may grant in this agency. */
  roles: readonly Role[];
  /** The roles ticked (from the form). */
  checked: readonly string[];
  form: FormState;
  passwordMinLength: number;
  csrfToken: string;
}

/** The checkboxes of roles, in a fieldset the error summary links to. */
export function RoleChoices(props: { roles: readonly Role[]; checked: readonly string[]; error: string | undefined; legend: string }) {
  return (
    <div class="form-group">
      <fieldset id="role" aria-describedby={props.error ? 'role-error' : undefined}>
        <legend class="label">{props.legend}</legend>
        {props.error ? <span class="field-error" id="role-error">{props.error}</span> : null}
        {props.roles.map((role) => (
          <div class="choice">
            <input type="checkbox" id={`role-${role}`} name="role" value={role} checked={props.checked.includes(role)} aria-describedby={`role-${role}-hint`} />
            <label for={`role-${role}`}>{ROLE_LABELS[role]}</label>
            <span class="hint" id={`role-${role}-hint`}>{ROLE_DESCRIPTIONS[role]}</span>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** The page. */
export function NewPersonPage(props: NewPersonPageProps) {
  const a = props.agency;
  const form = props.form;
  return (
    <>
      <ErrorSummary errors={form.errors} anchors={{ role: `role-${props.roles[0] ?? 'handler'}` }} />
      <p><a href={`/admin/agencies/${a.id}`}>返回“{a.name}”</a></p>
      <h1>添加人员</h1>
      <p class="lead">添加到：{a.name}</p>
      <form method="post" action={`/admin/agencies/${a.id}/people/new`} class="admin-fields" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField id="name" label="姓名" form={form} maxlength={50} autocomplete="off" required />
        <TextField id="username" label="用户名" hint={`${USERNAME_RULE}；登录时使用，以后不能修改`} form={form} maxlength={32} autocomplete="off" required />
        <RoleChoices roles={props.roles} checked={props.checked} error={errorOf(form.errors, 'role')} legend="角色（可多选）" />
        <TextField id="password" label="初始密码" type="password" autocomplete="new-password" form={form} maxlength={256} required
          hint={`至少 ${props.passwordMinLength} 个字符，不能含用户名或姓名，不能是常见密码。请当面或电话告知本人，并请其登录后在“我的账号”中修改。`} />
        <button type="submit" class="button">添加人员</button>
      </form>
    </>
  );
}
