/**
 * Fields shared by the agency forms: the public contact facts (the 政府信息公开指南's), the kind, the
 * parent, and the 统一社会信用代码.
 */
import { AGENCY_KIND_LABELS, AGENCY_KINDS } from '../../platform/accounts/core/roles.ts';
import type { Agency } from '../../platform/accounts/store.ts';
import { errorOf, TextField, type FormState } from './admin-form.tsx';

/** The contact facts' inputs, filled from the form or else from the agency. */
export function ContactFields(props: { form: FormState; agency?: Agency | undefined }) {
  const a = props.agency;
  return (
    <>
      <TextField id="address" label="通讯地址" form={props.form} initial={a?.address} maxlength={200} autocomplete="street-address" />
      <TextField id="postcode" label="邮政编码" hint="6 位数字" form={props.form} initial={a?.postcode} maxlength={6} autocomplete="postal-code" />
      <TextField id="phone" label="联系电话" hint="如 0418-1234567" form={props.form} initial={a?.phone} type="tel" maxlength={50} />
      <TextField id="fax" label="传真" form={props.form} initial={a?.fax} type="tel" maxlength={50} />
      <TextField id="email" label="电子邮箱" form={props.form} initial={a?.email} type="email" maxlength={100} />
      <TextField id="officeHours" label="办公时间" hint="如 工作日 8:30—11:30，13:30—17:00" form={props.form} initial={a?.officeHours} maxlength={200} />
    </>
  );
}

/** The hint of the credit-code field. */
export const CREDIT_CODE_HINT = '18 位，见机关的统一社会信用代码证书；不知道可以先不填';

/** The kind, as radio buttons. */
export function KindField(props: { form: FormState }) {
  const error = errorOf(props.form.errors, 'kind');
  const value = props.form.values['kind'] ?? '';
  return (
    <div class="form-group">
      <fieldset id="kind" aria-describedby={error ? 'kind-error' : undefined}>
        <legend class="label">机关类别</legend>
        {error ? <span class="field-error" id="kind-error">{error}</span> : null}
        {AGENCY_KINDS.map((kind) => (
          <div class="choice">
            <input type="radio" id={`kind-${kind}`} name="kind" value={kind} checked={value === kind} />
            <label for={`kind-${kind}`}>{AGENCY_KIND_LABELS[kind]}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** The parent, chosen among open agencies (none: a top-level government). */
export function ParentField(props: { form: FormState; agencies: readonly Agency[]; initial?: number | null }) {
  const error = errorOf(props.form.errors, 'parent');
  const value = props.form.values['parent'] ?? (props.initial ? String(props.initial) : '');
  return (
    <div class="form-group">
      <label for="parent">上级机关</label>
      <span class="hint" id="parent-hint">部门选所属的人民政府；乡镇街道选所属的县级人民政府</span>
      {error ? <span class="field-error" id="parent-error">{error}</span> : null}
      <select id="parent" name="parent" aria-describedby={error ? 'parent-hint parent-error' : 'parent-hint'}>
        <option value="">（无上级机关）</option>
        {props.agencies.map((a) => <option value={String(a.id)} selected={value === String(a.id)}>{a.name}</option>)}
      </select>
    </div>
  );
}

/** Error links that lead to an input other than the field's id. */
export const AGENCY_ANCHORS: Record<string, string> = { kind: 'kind-government' };
