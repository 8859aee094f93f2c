/**
 * The staff form of an agency's 政府信息公开指南 and 政府信息公开制度 texts (its 机关管理员,
 * 'agency.profile'). The contact facts come from the agency's record (机关信息), edited there.
 */
import { CsrfField } from '../../platform/http/layout.tsx';
import { ErrorSummary, TextArea, type FormState } from '../../platform/http/form.tsx';
import type { Directory, PortalAgency } from '../directory.ts';
import { agencyPath } from '../urls.ts';
import { PortalFrame, SECTION_LABELS } from './frame.tsx';

/** /open/{id}/texts. */
export function TextsEditPage(props: { directory: Directory; agency: PortalAgency; form: FormState; csrfToken: string | undefined }) {
  const { agency } = props;
  const hint = '可以使用段落、标题、列表、表格和链接（HTML）；脚本、样式和事件属性在保存时会被去除。';
  return (
    <PortalFrame directory={props.directory} agency={agency} section="guide" heading={`修改${agency.name}的公开指南和公开制度`} current="修改公开指南和公开制度">
      <p>办公地址、联系电话、办公时间等联系信息取自<a href={`/admin/agencies/${agency.id}`}>本机关的机关信息</a>，在那里修改。</p>
      <ErrorSummary errors={props.form.errors} />
      <form method="post" action={`${agencyPath(agency.id)}/texts`} class="texts-form">
        <CsrfField token={props.csrfToken} />
        <TextArea name="guideHtml" label={`${SECTION_LABELS.guide}正文`} form={props.form} rows={14} maxlength={200_000}
          hint={`${hint}留空则显示条例规定的基本内容。`} />
        <TextArea name="rulesHtml" label={`${SECTION_LABELS.rules}正文`} form={props.form} rows={14} maxlength={200_000} hint={hint} />
        <div class="button-row">
          <button type="submit" class="button">保存</button>
          <a href={agencyPath(agency.id, 'guide')} class="button button-secondary">查看公开指南</a>
        </div>
      </form>
    </PortalFrame>
  );
}
