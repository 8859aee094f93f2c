/**
 * 我的账号: who the person is and which roles they hold in which agency, then one section per thing
 * they can change themselves — the password, the second factor, API tokens, their sessions.
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import type { MyAccount } from '../me-service.ts';
import { describedBy, ErrorSummary, FieldError, type FormError } from './sign-in-page.tsx';

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** A moment as officials read it (Beijing time), or a dash for none. */
export function formatMoment(date: Date | null, none = '—'): string {
  return date ? BEIJING.format(date) : none;
}

/** Props of MePage. */
export interface MePageProps {
  account: MyAccount;
  csrfToken: string;
  passwordMinLength: number;
  errors?: readonly FormError[];
  /** The label typed in the token form, kept after an error. */
  tokenLabel?: string | undefined;
  tokenDays?: string | undefined;
}

/** The person's own account page. */
export function MePage(props: MePageProps) {
  const { person, roles, sessions, tokens } = props.account;
  const errors = props.errors ?? [];
  const csrf = <CsrfField token={props.csrfToken} />;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>我的账号</h1>
      <dl class="meta">
        <dt>姓名</dt><dd>{person.name}</dd>
        <dt>用户名</dt><dd>{person.username}</dd>
        <dt>角色</dt>
        <dd>
          {roles.length === 0 ? '尚未授予角色：请联系本机关的管理员。' : (
            <ul>{roles.map((r) => <li>{r.agency ? `${r.agency}：${r.role}` : `${r.role}（整个系统）`}</li>)}</ul>
          )}
        </dd>
        <dt>登录</dt><dd>目前在 {sessions} 处登录（包括这个浏览器）</dd>
      </dl>

      <h2 id="email">工作邮箱</h2>
      <p>依申请公开的答复期限临近或已逾期时，提醒邮件发到这里。</p>
      <form method="post" action="/me/email">
        {csrf}
        <div class="form-group">
          <label for="email-address">电子邮箱</label>
          <span class="hint" id="email-address-hint">不填则不发提醒邮件</span>
          <FieldError id="email-address" errors={errors} />
          <input type="email" id="email-address" name="email" value={person.email ?? ''} maxlength={254} autocomplete="email" aria-describedby={describedBy('email-address', errors, 'email-address-hint')} />
        </div>
        <button type="submit" class="button">保存邮箱</button>
      </form>

      <h2 id="password">修改密码</h2>
      <p>修改后，您在其他浏览器和设备上的登录将结束，这个浏览器保持登录。</p>
      <form method="post" action="/me/password">
        {csrf}
        <div class="form-group">
          <label for="current-password">当前密码</label>
          <FieldError id="current-password" errors={errors} />
          <input type="password" id="current-password" name="current" autocomplete="current-password" required aria-describedby={describedBy('current-password', errors)} />
        </div>
        <div class="form-group">
          <label for="new-password">新密码</label>
          <span class="hint" id="new-password-hint">至少 {props.passwordMinLength} 个字符；不能包含用户名或姓名，不能是常见密码。可以用一句容易记住的话。</span>
          <FieldError id="new-password" errors={errors} />
          <input type="password" id="new-password" name="password" autocomplete="new-password" required aria-describedby={describedBy('new-password', errors, 'new-password-hint')} />
        </div>
        <div class="form-group">
          <label for="confirm-password">再次输入新密码</label>
          <FieldError id="confirm-password" errors={errors} />
          <input type="password" id="confirm-password" name="confirm" autocomplete="new-password" required aria-describedby={describedBy('confirm-password', errors)} />
        </div>
        <button type="submit" class="button">修改密码</button>
      </form>

      <h2 id="totp">两步验证</h2>
      {person.totpEnabled ? (
        <>
          <p><strong class="tag tag-ok">已开启</strong> 登录时，除密码外还要输入手机验证器应用显示的 6 位验证码。</p>
          <form method="post" action="/me/totp/disable">
            {csrf}
            <div class="form-group">
              <label for="totp-password">关闭两步验证：请输入当前密码</label>
              <FieldError id="totp-password" errors={errors} />
              <input type="password" id="totp-password" name="password" autocomplete="current-password" required aria-describedby={describedBy('totp-password', errors)} />
            </div>
            <button type="submit" class="button button-secondary">关闭两步验证</button>
          </form>
        </>
      ) : (
        <>
          <p><strong class="tag tag-warning">未开启</strong> 开启后，登录时除密码外还要输入手机验证器应用（如腾讯身份验证器、Microsoft Authenticator、Google Authenticator）显示的 6 位验证码，密码泄露后他人也无法登录。</p>
          <form method="post" action="/me/totp/start">
            {csrf}
            <button type="submit" class="button">开启两步验证</button>
          </form>
        </>
      )}

      <h2 id="tokens">API 令牌</h2>
      <p>程序和其他系统调用本系统的接口时，用令牌代替密码（请求头 Authorization: Bearer 令牌）。令牌具有您的全部权限，请妥善保管；不再使用的请撤销。</p>
      {tokens.length === 0 ? <p>您还没有令牌。</p> : (
        <div class="table-wrap">
          <table class="stack-on-phone">
            <thead><tr><th scope="col">名称</th><th scope="col">开头</th><th scope="col">创建时间</th><th scope="col">最近使用</th><th scope="col">有效期至</th><th scope="col">状态</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
            <tbody>
              {tokens.map((t) => {
                const expired = t.expiresAt !== null && t.expiresAt.getTime() <= Date.now();
                return (
                  <tr>
                    <td data-label="名称">{t.label || '（未命名）'}</td>
                    <td data-label="开头"><code>{t.prefix}…</code></td>
                    <td data-label="创建时间">{formatMoment(t.createdAt)}</td>
                    <td data-label="最近使用">{formatMoment(t.lastUsedAt, '未使用')}</td>
                    <td data-label="有效期至">{formatMoment(t.expiresAt, '长期')}</td>
                    <td data-label="状态">{t.revokedAt ? `已于 ${formatMoment(t.revokedAt)} 撤销` : expired ? '已过期' : '有效'}</td>
                    <td>
                      {t.revokedAt || expired ? null : (
                        <form method="post" action={`/me/tokens/${t.id}/revoke`}>
                          {csrf}
                          <button type="submit" class="button button-secondary">撤销<span class="visually-hidden">令牌“{t.label || t.prefix}”</span></button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3>新建令牌</h3>
      <form method="post" action="/me/tokens">
        {csrf}
        <div class="form-group">
          <label for="token-label">名称（可选）</label>
          <span class="hint" id="token-label-hint">写明用在哪里，如“数据报送脚本”，便于日后辨认。</span>
          <FieldError id="token-label" errors={errors} />
          <input type="text" id="token-label" name="label" maxlength={100} value={props.tokenLabel ?? ''} aria-describedby={describedBy('token-label', errors, 'token-label-hint')} />
        </div>
        <div class="form-group">
          <label for="token-days">有效天数（可选）</label>
          <span class="hint" id="token-days-hint">1 至 3650 天；不填则长期有效，直到撤销。</span>
          <FieldError id="token-days" errors={errors} />
          <input type="number" id="token-days" name="expiresDays" min={1} max={3650} step={1} inputmode="numeric" value={props.tokenDays ?? ''} aria-describedby={describedBy('token-days', errors, 'token-days-hint')} />
        </div>
        <button type="submit" class="button">新建令牌</button>
      </form>

      <h2 id="sessions">退出所有设备</h2>
      <p>如果在别人的电脑上登录后忘了退出，或怀疑密码已泄露，可以结束您的全部登录（包括这个浏览器），然后修改密码。</p>
      <form method="post" action="/signout/everywhere">
        {csrf}
        <button type="submit" class="button button-secondary">退出所有设备</button>
      </form>
    </>
  );
}
