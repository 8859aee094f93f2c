/**
 * Turning on the second factor: scan the QR code (or type the key), then prove it works with a code
 * before sign-in starts asking for one — a person is never locked out by a scan that failed.
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import { describedBy, ErrorSummary, FieldError, type FormError } from './sign-in-page.tsx';

/** Props of MeTotpPage. */
export interface MeTotpPageProps {
  csrfToken: string;
  /** The base32 secret, for typing in by hand. */
  secret: string;
  /** The QR code of the otpauth URI (an SVG document). */
  qrSvg: string;
  errors?: readonly FormError[];
}

/** The secret in groups of 4 characters, as people type it. */
export function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The enrolment page. */
export function MeTotpPage(props: MeTotpPageProps) {
  const errors = props.errors ?? [];
  const src = `data:image/svg+xml;base64,${Buffer.from(props.qrSvg).toString('base64')}`;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>开启两步验证</h1>
      <ol>
        <li>在手机上安装一个验证器应用（如腾讯身份验证器、Microsoft Authenticator、Google Authenticator）。</li>
        <li>
          在应用中选择“添加账号”或“扫描二维码”，扫描下面的二维码。
          <p><img src={src} width={220} height={220} alt="两步验证的二维码：用验证器应用扫描。无法扫描时，请手动输入下面的密钥。" /></p>
          <p>无法扫描时，选择“手动输入密钥”，输入下面的密钥（空格可不输入），类型选“基于时间”：</p>
          <p><code class="totp-secret">{groupsOfFour(props.secret)}</code></p>
        </li>
        <li>输入应用中显示的 6 位验证码，确认设置成功。确认之前，登录不要求验证码。</li>
      </ol>
      <form method="post" action="/me/totp/confirm">
        <CsrfField token={props.csrfToken} />
        <div class="form-group">
          <label for="code">6 位验证码</label>
          <FieldError id="code" errors={errors} />
          <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength={8} required
            aria-describedby={describedBy('code', errors)} />
        </div>
        <div class="button-row">
          <button type="submit" class="button">确认开启</button>
          <a class="button button-secondary" href="/me#totp">暂不开启</a>
        </div>
      </form>
    </>
  );
}
