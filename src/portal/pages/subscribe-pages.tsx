/**
 * 政策推送's pages: the subscription form (an address, the categories, a 主题), what happens after it is
 * sent (the same words whatever the address), the confirmation, and the one-click unsubscription with
 * its offer to end every subscription of the address.
 */
import { TOPICS } from '../../catalog/index.ts';
import { ARTICLE20_ITEMS, ARTICLE20_LABELS } from '../../law/taxonomy.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import { ErrorSummary, errorOf, SelectField, TextField, type FormState } from '../../platform/http/form.tsx';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath, article20Number, feedPath } from '../urls.ts';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** The form's checked categories: the numbers (1–15) of the `item` checkboxes. */
export interface SubscribeFormState extends FormState {
  items: readonly string[];
}

/** /open/{id}/subscribe. */
export function SubscribePage(props: { directory: Directory; agency: PortalAgency; form: SubscribeFormState; csrfToken: string | undefined }) {
  const { agency, form } = props;
  const itemsError = errorOf(form.errors, 'items');
  return (
    <PortalFrame directory={props.directory} agency={agency} section="subscribe" heading={`订阅${agency.name}公开的政府信息`} current={SECTION_LABELS.subscribe}
      lead="填写电子邮箱并选择关心的信息类别，本机关（含所属机构）公开相关信息时，系统会把标题和链接发到您的邮箱。">
      <ErrorSummary errors={form.errors} anchors={{ items: 'item-1' }} />
      <form method="post" action={agencyPath(agency.id, 'subscribe')} class="subscribe-form" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField name="email" type="email" label="电子邮箱" form={form} autocomplete="email" inputmode="email" maxlength={254} width="long"
          hint="我们先发一封确认邮件，您点击其中的链接后才开始推送。每封邮件都附有退订链接。" />
        <div class={`form-group${itemsError ? ' form-group-error' : ''}`}>
          <fieldset class="choices" aria-describedby="items-hint">
            <legend class="label">订阅哪些信息</legend>
            <span class="hint" id="items-hint">可选多项；一项都不选，即订阅本机关公开的全部信息。</span>
            {itemsError ? <span class="field-error">{itemsError}</span> : null}
            {ARTICLE20_ITEMS.map((key) => {
              const n = String(article20Number(key));
              return (
                <div class="choice">
                  <input type="checkbox" id={`item-${n}`} name="item" value={n} checked={form.items.includes(n)} />
                  <label for={`item-${n}`}>{ARTICLE20_LABELS[key]}</label>
                </div>
              );
            })}
          </fieldset>
        </div>
        <SelectField name="topic" label="主题分类（可不选）" form={form} blank="不限主题" choices={TOPICS.map((t) => ({ value: t, label: t }))} />
        <div class="button-row"><button type="submit" class="button">订阅</button></div>
      </form>
      <h2>用阅读器订阅</h2>
      <p>也可以在阅读器或其他网站中订阅本机关的 <a href={feedPath(agency.id, 'atom')}>Atom 订阅源</a> 或 <a href={feedPath(agency.id, 'json')}>JSON Feed 订阅源</a>，无需留下邮箱。</p>
    </PortalFrame>
  );
}

/** After a request: the same words whether the address was new, subscribed already or mailed too often. */
export function SubscribeSentPage(props: { directory: Directory; agency: PortalAgency }) {
  return (
    <PortalFrame directory={props.directory} agency={props.agency} section="subscribe" heading="请查收确认邮件" current="请查收确认邮件"
      crumbs={[{ href: agencyPath(props.agency.id, 'subscribe'), label: SECTION_LABELS.subscribe }]}>
      <p>如果这个邮箱可以接收邮件，我们已向它发送了一封确认邮件。请在 7 天内打开邮件中的链接完成订阅；确认之前不会推送任何信息。</p>
      <p>没有收到？请查看垃圾邮件箱，或稍后再试。同一邮箱每天最多收到 3 封确认邮件；已经确认过的订阅不会再发确认邮件。</p>
      <p><a href={agencyPath(props.agency.id)}>返回{props.agency.name}政府信息公开</a></p>
    </PortalFrame>
  );
}

/** The answer to a confirmation or unsubscription link. */
export function SubscriptionResultPage(props: {
  directory: Directory;
  agency: PortalAgency | undefined;
  heading: string;
  message: string;
  /** An unsubscription: the form that ends every subscription of the address. */
  unsubscribeAll?: { token: string; csrfToken: string | undefined } | undefined;
  /** A confirmation: its one-click link. */
  unsubscribeHref?: string | undefined;
}) {
  return (
    <PortalFrame directory={props.directory} agency={props.agency} section={props.agency ? 'subscribe' : undefined} heading={props.heading}>
      <p>{props.message}</p>
      {props.unsubscribeHref ? <p>以后不想再收到，可以打开每封推送邮件中的退订链接，或<a href={props.unsubscribeHref}>现在退订</a>。</p> : null}
      {props.unsubscribeAll ? (
        <form method="post" action="/subscriptions/unsubscribe-all" class="inline-form">
          <CsrfField token={props.unsubscribeAll.csrfToken} />
          <input type="hidden" name="token" value={props.unsubscribeAll.token} />
          <p>这个邮箱可能还订阅了其他机关或类别的信息。</p>
          <button type="submit" class="button button-secondary">退订这个邮箱的全部订阅</button>
        </form>
      ) : null}
      {props.agency ? <p><a href={agencyPath(props.agency.id)}>返回{props.agency.name}政府信息公开</a></p> : null}
    </PortalFrame>
  );
}
