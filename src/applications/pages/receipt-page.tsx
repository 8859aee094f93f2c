/**
 * What the applicant sees after applying online (the tracking code in large type and what happens next)
 * and the status look-up by tracking code and phone (status and dates only: nothing personal).
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import type { PublicStatus } from '../case-view.ts';
import { ErrorSummary, TextField, type FormState } from '../../platform/http/form.tsx';
import { dateText, dateWithWeekday } from './format.ts';

/** The receipt of an online application. */
export function ReceiptPage(props: { trackingCode: string; agency: string | null; submitted: string }) {
  return (
    <>
      <div class="panel-confirmation">
        <h1>申请已提交</h1>
        <p>您的查询码</p>
        <p class="tracking-code" lang="en">{props.trackingCode}</p>
      </div>
      <p>请记下查询码，或者打印、截屏保存本页：查询办理进度时要用到查询码和您填写的联系电话。</p>
      <dl class="meta">
        {props.agency ? <><dt>受理机关</dt><dd>{props.agency}</dd></> : null}
        <dt>提交日期</dt><dd>{dateText(props.submitted)}</dd>
      </dl>
      <h2>接下来会怎样</h2>
      <ol class="steps">
        <li>机关收到网上提交的申请后，会与您确认。<strong>与您确认之日就是收到申请之日</strong>（《中华人民共和国政府信息公开条例》第三十一条第三项）。</li>
        <li>机关应当自收到申请之日起 <strong>20 个工作日</strong>内答复；需要延长的，经负责人同意可以延长，但延长的期限最长不超过 20 个工作日，并会告知您（第三十三条）。</li>
        <li>申请内容不明确的，机关会在收到申请之日起 7 个工作日内一次性告知您补正；答复期限自收到补正后的申请之日起计算（第三十条）。</li>
        <li>答复按您选择的获取方式送达。</li>
      </ol>
      <h2>查询办理进度</h2>
      <p>在<a href="/apply/status">查询办理进度</a>页面输入查询码和申请时填写的联系电话，可以看到办理状态和各项日期。</p>
      <div class="button-row no-print">
        <a class="button" href="/apply/status">查询办理进度</a>
        <a class="button button-secondary" href="/apply">再提交一份申请</a>
      </div>
    </>
  );
}

/** The look-up form. */
export function StatusForm(props: { form: FormState; csrfToken: string | undefined }) {
  return (
    <form method="post" action="/apply/status" novalidate>
      <CsrfField token={props.csrfToken} />
      <TextField name="trackingCode" label="查询码" form={props.form} maxlength={40} autocomplete="off" width="short"
        hint="提交申请后得到的 12 位查询码，如 7KQM-3WZD-P2HX（不区分大小写，短横线可不输）。" />
      <TextField name="phone" type="tel" label="联系电话" form={props.form} maxlength={30} autocomplete="tel" inputmode="tel"
        hint="申请时填写的联系电话。" />
      <div class="button-row">
        <button type="submit" class="button">查询</button>
      </div>
    </form>
  );
}

/** The status look-up page, with the result when found. */
export function StatusPage(props: { form: FormState; csrfToken: string | undefined; status?: PublicStatus | undefined; notFound?: string | undefined }) {
  const s = props.status;
  const provisional = s?.provisional ? '（暂定）' : '';
  return (
    <>
      <ErrorSummary errors={props.form.errors} title={props.notFound ? '没有找到申请' : undefined} />
      <h1>查询办理进度</h1>
      {s ? (
        <section aria-labelledby="status-title" class="status-result">
          <h2 id="status-title">查询码 <span lang="en">{s.trackingCode}</span></h2>
          <p class="status-line">办理状态：<strong class="tag tag-status">{s.statusLabel}</strong></p>
          <dl class="meta">
            <dt>受理机关</dt><dd>{s.agency}</dd>
            <dt>提交日期</dt><dd>{dateText(s.submitted)}</dd>
            <dt>收到申请之日</dt><dd>{s.receiptDate ? dateText(s.receiptDate) : '机关尚未确认收到'}</dd>
            {s.closedOn === null && s.replyDue ? <><dt>答复期限</dt><dd>{dateWithWeekday(s.replyDue)}{provisional}</dd></> : null}
            {s.closedOn === null && s.extendedReplyDue ? <><dt>延长后的答复期限</dt><dd>{dateWithWeekday(s.extendedReplyDue)}{provisional}</dd></> : null}
            {s.closedOn ? <><dt>{s.status === 'withdrawn' ? '撤回日期' : '答复日期'}</dt><dd>{dateText(s.closedOn)}</dd></> : null}
          </dl>
          {s.provisional && s.closedOn === null ? <p class="hint">标有“暂定”的日期跨入了国务院尚未公布放假安排的年份，公布后可能调整。</p> : null}
          {s.status === 'awaitingCorrection' ? <p>机关已告知您补正申请：请按补正告知书的要求提交补正后的申请。</p> : null}
          <h2>再查一份申请</h2>
        </section>
      ) : (
        <p class="lead">输入查询码和申请时填写的联系电话，查看申请的办理状态和各项日期。</p>
      )}
      <StatusForm form={s ? { values: {}, errors: [] } : props.form} csrfToken={props.csrfToken} />
    </>
  );
}
