/**
 * The mail outbox (/outbox): every message the platform sent or keeps, newest first, with its status in
 * words; without an SMTP server the messages stay here (README: Mail and reminders), and the page says
 * so. A system administrator sees every message, others their agencies'.
 */
import { OUTBOX_STATUS_LABELS, type OutboxMessage } from '../../platform/mail/outbox.ts';
import { momentText } from './format.ts';

const STATUS_TAGS: Record<OutboxMessage['status'], string> = {
  queued: 'tag tag-doubt', sent: 'tag tag-ok', outboxOnly: 'tag tag-warning', retrying: 'tag tag-warning', failed: 'tag tag-error',
};

/** Props of the page. */
export interface OutboxPageProps {
  messages: readonly OutboxMessage[];
  /** An SMTP server is configured (GONGKAI_SMTP_URL). */
  smtp: boolean;
  /** The viewer sees every agency's messages. */
  all: boolean;
  next?: string | undefined;
}

/** The outbox page. */
export function OutboxPage(props: OutboxPageProps) {
  return (
    <>
      <h1>发件箱</h1>
      {props.smtp ? null : (
        <div class="notice-warning" role="note">
          <p><strong>未配置邮件服务器：</strong>邮件不会发出，只保存在发件箱中。系统管理员可以设置环境变量 GONGKAI_SMTP_URL 后重新启动（见使用说明“邮件与提醒”）。</p>
        </div>
      )}
      <p>{props.all ? '本系统发出的全部邮件（到期提醒等），最新的在前。' : '发给本机关人员的邮件（到期提醒等），最新的在前。'}</p>
      {props.messages.length === 0 ? <p>发件箱是空的。</p> : (
        <ul class="outbox">
          {props.messages.map((m) => (
            <li>
              <p class="outbox-head"><strong>{m.subject}</strong> <span class={STATUS_TAGS[m.status]}>{OUTBOX_STATUS_LABELS[m.status]}</span></p>
              <p class="muted">收件人 {m.to}；{momentText(m.createdAt)} 生成{m.sentAt ? `，${momentText(m.sentAt)} 发出` : ''}</p>
              {m.error ? <p class="field-error">发送出错：{m.error}</p> : null}
              <details><summary>正文</summary><pre class="outbox-text">{m.text}</pre></details>
            </li>
          ))}
        </ul>
      )}
      {props.next ? <p><a href={props.next}>更早的邮件 →</a></p> : null}
    </>
  );
}
