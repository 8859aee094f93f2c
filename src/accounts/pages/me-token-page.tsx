/**
 * A new API token, shown this once: only its hash is kept, so the page says to copy it now.
 */
import type { ApiToken } from '../../platform/accounts/store.ts';
import { formatMoment } from './me-page.tsx';

/** Props of MeTokenCreatedPage. */
export interface MeTokenCreatedPageProps {
  token: string;
  record: ApiToken;
}

/** The page that shows a new token once. */
export function MeTokenCreatedPage(props: MeTokenCreatedPageProps) {
  return (
    <>
      <h1>令牌已创建</h1>
      <div class="error-summary" role="alert">
        <h2>请现在复制这个令牌</h2>
        <p>令牌只显示这一次：离开本页后无法再次查看。丢失后请撤销它，再新建一个。</p>
      </div>
      <div class="form-group">
        <label for="token">令牌{props.record.label ? `“${props.record.label}”` : ''}</label>
        <span class="hint" id="token-hint">点击框内，全选（Ctrl+A）后复制，保存到使用它的程序的配置中。</span>
        <input type="text" id="token" value={props.token} readonly autofocus size={50} spellcheck={false} autocomplete="off" aria-describedby="token-hint" />
      </div>
      <dl class="meta">
        <dt>有效期至</dt><dd>{formatMoment(props.record.expiresAt, '长期有效，直到撤销')}</dd>
        <dt>用法</dt><dd>在请求头中加入 <code>Authorization: Bearer 令牌</code>，调用 <a href="/api/openapi.json">接口说明</a> 中的接口。</dd>
      </dl>
      <p><a class="button" href="/me#tokens">我已复制，返回我的账号</a></p>
    </>
  );
}
