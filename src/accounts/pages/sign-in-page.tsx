/**
 * The sign-in form (用户名, 密码) and the second step's form (the 6-digit code of the authenticator
 * app). Plain forms, large labels, the autocomplete hints password managers and phones use.
 */
import { CsrfField } from '../../platform/http/layout.tsx';

/** A problem with the form: the id of the field it is about, and the message. */
export interface FormError {
  field: string;
  message: string;
}

/** The error summary at the top of a form page, each message linked to its field. */
export function ErrorSummary(props: { errors: readonly FormError[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
      <h2 id="error-summary-title">提交的内容有问题</h2>
      <ul>{props.errors.map((e) => <li><a href={`#${e.field}`}>{e.message}</a></li>)}</ul>
    </div>
  );
}

/** The message beside a field, when it has one. */
export function FieldError(props: { id: string; errors: readonly FormError[] }) {
  const message = props.errors.find((e) => e.field === props.id)?.message;
  return message ? <span class="field-error" id={`${props.id}-error`}>{message}</span> : null;
}

/** aria-describedby of a field: its hint and its error, when present. */
export function describedBy(id: string, errors: readonly FormError[], hint?: string): string | undefined {
  const ids = [hint, errors.some((e) => e.field === id) ? `${id}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Props of SignInPage. */
export interface SignInPageProps {
  csrfToken: string;
  /** Where to go after signing in (already made safe). */
  next: string;
  /** The name typed, kept after a failure (never the password). */
  username?: string | undefined;
  errors?: readonly FormError[];
  /** The name of the person already signed in in this browser, if any. */
  signedInAs?: string | undefined;
}

/** The sign-in page. */
export function SignInPage(props: SignInPageProps) {
  const errors = props.errors ?? [];
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>工作人员登录</h1>
      {props.signedInAs ? <p>您已经以“{props.signedInAs}”的身份登录。再次登录将替换当前的登录。</p> : null}
      <p class="lead">请使用本机关管理员为您开设的账号登录。检查年度报告不需要登录。</p>
      <form method="post" action="/signin">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="next" value={props.next} />
        <div class="form-group">
          <label for="username">用户名</label>
          <FieldError id="username" errors={errors} />
          <input type="text" id="username" name="username" value={props.username ?? ''} autocomplete="username"
            autocapitalize="none" spellcheck={false} required aria-describedby={describedBy('username', errors)} />
        </div>
        <div class="form-group">
          <label for="password">密码</label>
          <FieldError id="password" errors={errors} />
          <input type="password" id="password" name="password" autocomplete="current-password" required
            aria-describedby={describedBy('password', errors)} />
        </div>
        <button type="submit" class="button">登录</button>
      </form>
      <p>忘记密码或账号被停用，请联系本机关的管理员。</p>
    </>
  );
}

/** Props of TotpPage. */
export interface TotpPageProps {
  csrfToken: string;
  next: string;
  name: string;
  errors?: readonly FormError[];
}

/** The second step: the code the person's authenticator app shows. */
export function TotpPage(props: TotpPageProps) {
  const errors = props.errors ?? [];
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>输入验证码</h1>
      <p class="lead">{props.name}，您的账号开启了两步验证。请打开手机上的验证器应用，输入它显示的 6 位数字。</p>
      <form method="post" action="/signin/totp">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="next" value={props.next} />
        <div class="form-group">
          <label for="code">6 位验证码</label>
          <span class="hint" id="code-hint">验证码每 30 秒更换一次，输入当前显示的即可。</span>
          <FieldError id="code" errors={errors} />
          <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength={8}
            required autofocus={errors.length === 0} aria-describedby={describedBy('code', errors, 'code-hint')} />
        </div>
        <button type="submit" class="button">登录</button>
      </form>
      <form method="post" action="/signout">
        <CsrfField token={props.csrfToken} />
        <button type="submit" class="button button-secondary">取消，换一个账号登录</button>
      </form>
    </>
  );
}
