/**
 * The form of a new agency (system administrators): name, short name, 统一社会信用代码, kind, parent
 * and the public contact facts.
 */
import type { Agency } from '../../platform/accounts/store.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import { AGENCY_ANCHORS, ContactFields, CREDIT_CODE_HINT, KindField, ParentField } from './admin-agency-fields.tsx';
import { ErrorSummary, TextField, type FormState } from './admin-form.tsx';

/** Props of NewAgencyPage. */
export interface NewAgencyPageProps {
  form: FormState;
  /** Open agencies, to choose the parent among. */
  agencies: readonly Agency[];
  csrfToken: string;
}

/** The page. */
export function NewAgencyPage(props: NewAgencyPageProps) {
  const form = props.form;
  return (
    <>
      <ErrorSummary errors={form.errors} anchors={AGENCY_ANCHORS} />
      <p><a href="/admin/agencies">返回机关列表</a></p>
      <h1>新建机关</h1>
      <form method="post" action="/admin/agencies/new" class="admin-fields" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField id="name" label="机关名称" hint="全称，如 阜新市太平区文化旅游和广播电视局" form={form} maxlength={100} required />
        <TextField id="shortName" label="简称（可选）" form={form} maxlength={30} />
        <TextField id="creditCode" label="统一社会信用代码（可选）" hint={CREDIT_CODE_HINT} form={form} maxlength={30} />
        <KindField form={form} />
        <ParentField form={form} agencies={props.agencies} />
        <h2>公开指南中的联系方式</h2>
        <ContactFields form={form} />
        <button type="submit" class="button">新建机关</button>
      </form>
    </>
  );
}
