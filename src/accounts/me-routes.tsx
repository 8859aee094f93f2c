/**
 * 我的账号 (/me): the person's roles and sessions, and what they change themselves — the password
 * (other sessions end, this one stays), the TOTP second factor, API tokens. Every POST redirects
 * back to /me with a notice code, except a new token's page, which shows the token once.
 */
import type { Context } from 'hono';
import { actingOf } from '../platform/http/acting.ts';
import { Hono } from 'hono';
import { createApiToken, revokeApiToken, setEmail, setPassword, tokenHash } from '../platform/accounts/service.ts';
import { SIGNED_IN } from '../platform/http/access.ts';
import { renderPage } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import type { Services } from '../platform/services.ts';
import { confirmTotpEnrolment, disableTotp, loadMyAccount, pendingTotpEnrolment, startTotpEnrolment } from './me-service.ts';
import { MePage, type MePageProps } from './pages/me-page.tsx';
import { MeTokenCreatedPage } from './pages/me-token-page.tsx';
import { MeTotpPage } from './pages/me-totp-page.tsx';
import type { FormError } from './pages/sign-in-page.tsx';
import { formText } from './sign-in-routes.tsx';

/** Notices shown after a redirect; only known codes, never text from the query. */
const NOTICES: Record<string, string> = {
  'password-changed': '密码已修改。您在其他浏览器和设备上的登录已结束。',
  'email-saved': '工作邮箱已保存。',
  'totp-enabled': '两步验证已开启：下次登录时需要输入验证码。',
  'totp-disabled': '两步验证已关闭。',
  'token-revoked': '令牌已撤销，不能再使用。',
};

/** A use-case's field errors, as the page's field ids; anything else is thrown on. */
function formErrors(error: unknown, ids: Record<string, string>): FormError[] {
  if (!(error instanceof ValidationError)) throw error;
  const fields = (error.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
  const mapped = fields.flatMap((f) => (ids[f.field] ? [{ field: ids[f.field]!, message: f.message }] : []));
  if (mapped.length === 0) throw error;
  return mapped;
}

/** The /me routes. */
export function meRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const personId = (c: Context<AppEnv>) => c.get('viewer')!.personId;

  const mePage = async (c: Context<AppEnv>, options: Partial<Pick<MePageProps, 'errors' | 'tokenLabel' | 'tokenDays'>> & { status?: 400 } = {}) => {
    const account = await loadMyAccount(services.db, personId(c));
    const notice = NOTICES[c.req.query('notice') ?? ''];
    return renderPage(c, '我的账号',
      <MePage account={account} csrfToken={c.get('csrfToken')} passwordMinLength={services.config.passwordMinLength} {...options} />,
      { notice, status: options.status });
  };

  app.get('/me', SIGNED_IN, (c) => mePage(c));

  app.post('/me/email', SIGNED_IN, async (c) => {
    const body = await c.req.parseBody();
    try {
      await setEmail(services.db, actingOf(c), personId(c), formText(body, 'email'));
    } catch (error) {
      return mePage(c, { errors: formErrors(error, { email: 'email-address' }), status: 400 });
    }
    return c.redirect('/me?notice=email-saved#email', 303);
  });

  app.post('/me/password', SIGNED_IN, async (c) => {
    const body = await c.req.parseBody();
    const password = formText(body, 'password');
    if (password !== formText(body, 'confirm')) {
      return mePage(c, { errors: [{ field: 'confirm-password', message: '两次输入的新密码不一致，请重新输入' }], status: 400 });
    }
    try {
      // This browser stays signed in; every other session of the person ends.
      await setPassword(services.db, actingOf(c), personId(c), { current: formText(body, 'current'), password, keepSession: tokenHash(c.get('sessionToken')!) }, {
        minLength: services.config.passwordMinLength, forbidUsername: true, forbidCommon: true,
      });
    } catch (error) {
      return mePage(c, { errors: formErrors(error, { current: 'current-password', password: 'new-password' }), status: 400 });
    }
    return c.redirect('/me?notice=password-changed#password', 303);
  });

  app.post('/me/totp/start', SIGNED_IN, async (c) => {
    await startTotpEnrolment(services.db, personId(c));
    return c.redirect('/me/totp', 303);
  });

  const totpPage = async (c: Context<AppEnv>, errors: FormError[] = []) => {
    const pending = await pendingTotpEnrolment(services.db, personId(c));
    if (!pending) return c.redirect('/me#totp', 303);
    return renderPage(c, '开启两步验证', <MeTotpPage csrfToken={c.get('csrfToken')} secret={pending.secret} qrSvg={pending.qrSvg} errors={errors} />,
      { status: errors.length > 0 ? 400 : 200 });
  };

  app.get('/me/totp', SIGNED_IN, (c) => totpPage(c));

  app.post('/me/totp/confirm', SIGNED_IN, async (c) => {
    const body = await c.req.parseBody();
    try {
      await confirmTotpEnrolment(services.db, actingOf(c), personId(c), formText(body, 'code', 20), Date.now());
    } catch (error) {
      return totpPage(c, formErrors(error, { code: 'code' }));
    }
    return c.redirect('/me?notice=totp-enabled#totp', 303);
  });

  app.post('/me/totp/disable', SIGNED_IN, async (c) => {
    const body = await c.req.parseBody();
    try {
      await disableTotp(services.db, actingOf(c), personId(c), formText(body, 'password'));
    } catch (error) {
      return mePage(c, { errors: formErrors(error, { password: 'totp-password' }), status: 400 });
    }
    return c.redirect('/me?notice=totp-disabled#totp', 303);
  });

  app.post('/me/tokens', SIGNED_IN, async (c) => {
    const body = await c.req.parseBody();
    const label = formText(body, 'label', 100).trim();
    const days = formText(body, 'expiresDays', 20).trim();
    const expiresDays = days === '' ? null : /^\d{1,5}$/.test(days) ? Number(days) : Number.NaN;
    try {
      const created = await createApiToken(services.db, actingOf(c), personId(c), { label, expiresDays });
      // Shown once, on this response (no-store): only the token's hash is kept.
      return await renderPage(c, '令牌已创建', <MeTokenCreatedPage token={created.token} record={created.record} />);
    } catch (error) {
      return mePage(c, { errors: formErrors(error, { expiresDays: 'token-days', label: 'token-label' }), tokenLabel: label, tokenDays: days.slice(0, 20), status: 400 });
    }
  });

  app.post('/me/tokens/:id/revoke', SIGNED_IN, async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError('accounts.token_not_found', '没有这个令牌（或已撤销）');
    // Scoped to the person: another person's token id answers as if it did not exist.
    await revokeApiToken(services.db, actingOf(c), personId(c), id);
    return c.redirect('/me?notice=token-revoked#tokens', 303);
  });

  return app;
}
