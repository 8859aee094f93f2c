/**
 * The catalog settings of an agency (/agencies/{id}/catalog-settings, its 机关管理员): the 索引号
 * pattern with its tokens, and the agency's sensitive words; and the deployment's sensitive words
 * (/catalog/sensitive-words, a 系统管理员).
 */
import { ErrorSummary, TextArea, TextField, type FormState } from '../../platform/http/form.tsx';
import { CsrfField } from '../../platform/http/layout.tsx';
import { INDEX_TOKENS } from '../core/index-number.ts';
import type { CatalogSettings } from '../settings.ts';

/** The agency's settings page. */
export function SettingsPage(props: { agencyName: string; settings: CatalogSettings; form: FormState; csrfToken: string | undefined }) {
  const { settings, form } = props;
  return (
    <>
      <p><a href="/catalog">返回主动公开</a></p>
      <h1>{props.agencyName}：索引号和敏感词</h1>
      <form method="post" action={`/agencies/${settings.agencyId}/catalog-settings`} class="admin-form" novalidate>
        <ErrorSummary errors={form.errors} />
        <CsrfField token={props.csrfToken} />
        <TextField name="indexPattern" label="索引号格式" form={form} initial={settings.indexPattern ?? settings.defaultPattern} maxlength={100} width="long"
          hint={`默认 ${settings.defaultPattern}。只对此后起草的信息生效：已生成的索引号不变。`} />
        <p>可以使用的标记：</p>
        <ul>{Object.entries(INDEX_TOKENS).map(([token, meaning]) => <li><code>{`{${token}}`}</code>：{meaning}</li>)}</ul>
        <p class="hint">标记之间只能用字母、数字和 - / _ .；格式须含流水号、年份，以及统一社会信用代码或机关编号。</p>
        <TextArea name="words" label="本机关的敏感词（每行一个）" form={form} initial={settings.words.join('\n')} rows={8}
          hint="提交审核时检查正文和附件，发现的敏感词提示审核人（不阻止发布）。系统管理员维护的全系统敏感词同时适用。" />
        {settings.deploymentWords.length > 0 ? <p class="muted">全系统敏感词：{settings.deploymentWords.join('、')}</p> : null}
        <div class="button-row"><button type="submit" class="button">保存设置</button></div>
      </form>
    </>
  );
}

/** The deployment's sensitive words page. */
export function DeploymentWordsPage(props: { words: readonly string[]; form: FormState; csrfToken: string | undefined }) {
  return (
    <>
      <h1>全系统敏感词</h1>
      <form method="post" action="/catalog/sensitive-words" class="admin-form" novalidate>
        <ErrorSummary errors={props.form.errors} />
        <CsrfField token={props.csrfToken} />
        <TextArea name="words" label="敏感词（每行一个）" form={props.form} initial={props.words.join('\n')} rows={12}
          hint="适用于所有机关的信息：提交审核时检查正文和附件，发现的提示审核人。各机关还可以在本机关的设置中添加自己的敏感词。" />
        <div class="button-row"><button type="submit" class="button">保存</button></div>
      </form>
    </>
  );
}
