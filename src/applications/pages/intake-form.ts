/**
 * The application form's fields (the public form at /apply and staff entry at /applications/new):
 * the flat form values as the body of createApplication (input.ts intakeSchema reads it), the
 * service's field paths as the form's input names, and the agencies grouped under their people's
 * government for the select. Pure.
 */
import { APPLICANT_KIND_LABELS, APPLICANT_KINDS } from '../../law/applicant-kinds.ts';
import { CHANNEL_LABELS, CHANNELS } from '../../law/taxonomy.ts';
import { ID_TYPE_LABELS, ID_TYPES } from '../id-numbers.ts';
import { DELIVERIES, DELIVERY_LABELS, PROVISION_LABELS, PROVISIONS } from '../input.ts';
import { radioId, type Choice, type ChoiceGroup } from '../../platform/http/form.tsx';

/** The form's input names of the application. */
export const INTAKE_FIELDS = ['agencyId', 'kind', 'name', 'idType', 'idNumber', 'phone', 'address', 'email', 'description', 'purpose', 'provision', 'delivery'] as const;
/** The staff-only inputs (how and when it arrived). */
export const ARRIVAL_FIELDS = ['channel', 'submitted', 'confirmed'] as const;

/** Radios: the error summary links to the group's first radio. */
export const INTAKE_ANCHORS: Record<string, string> = {
  kind: radioId('kind', APPLICANT_KINDS[0]),
  provision: radioId('provision', PROVISIONS[0]),
  delivery: radioId('delivery', DELIVERIES[0]),
};

/** Fields chosen from a list: a missing one reads 请选择, not 必须填写. */
const CHOSEN = new Set(['agencyId', 'kind', 'idType', 'provision', 'delivery', 'channel']);

/** The input name of a service field path ('applicant.idNumber' → 'idNumber'). */
export function intakeInputName(path: string): string {
  return path.replace(/^applicant\./, '');
}

/** A field's message as the form shows it: 请选择 for a list left blank. */
export function intakeMessage(field: string, message: string, values: Record<string, string>): string {
  if (!CHOSEN.has(field)) return message;
  if ((values[field] ?? '').trim() === '') return `${message.split('：')[0]}：请选择`;
  return message.replace(/：必须填写$/, '：请选择');
}

/** Text of an input, or undefined when blank (a required field then reads 必须填写). */
const given = (values: Record<string, string>, name: string): string | undefined => {
  const v = values[name]?.trim();
  return v === undefined || v === '' ? undefined : values[name];
};

/**
 * The body of createApplication from the form's values; `staff` adds channel and dates (a blank
 * 收到申请之日 is not known yet).
 */
export function intakeBody(values: Record<string, string>, staff: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    agencyId: given(values, 'agencyId'),
    applicant: {
      kind: given(values, 'kind'),
      name: given(values, 'name'),
      idType: given(values, 'idType'),
      idNumber: given(values, 'idNumber'),
      phone: given(values, 'phone'),
      address: values['address'] ?? null,
      email: values['email'] ?? null,
    },
    description: given(values, 'description'),
    purpose: values['purpose'] ?? null,
    provision: given(values, 'provision'),
    delivery: given(values, 'delivery'),
  };
  if (staff) {
    // A blank channel is named by the service (提交渠道：工作人员录入时必须填写) once a date is given.
    body['channel'] = given(values, 'channel');
    body['submitted'] = given(values, 'submitted');
    body['confirmed'] = given(values, 'confirmed') ?? null;
  }
  return body;
}

/** 自然人, then the five kinds of 法人或其他组织 under their heading (table 三's columns). */
export const APPLICANT_KIND_CHOICES: { person: Choice[]; groups: ChoiceGroup[] } = {
  person: [{ value: 'naturalPerson', label: APPLICANT_KIND_LABELS.naturalPerson }],
  groups: [{ label: '法人或其他组织', choices: APPLICANT_KINDS.filter((k) => k !== 'naturalPerson').map((k) => ({ value: k, label: APPLICANT_KIND_LABELS[k] })) }],
};

/** The kinds of 身份证明. */
export const ID_TYPE_CHOICES: Choice[] = ID_TYPES.map((t) => ({ value: t, label: ID_TYPE_LABELS[t] }));

export const PROVISION_CHOICES: Choice[] = PROVISIONS.map((p) => ({ value: p, label: PROVISION_LABELS[p] }));
export const DELIVERY_CHOICES: Choice[] = DELIVERIES.map((d) => ({ value: d, label: DELIVERY_LABELS[d] }));
export const CHANNEL_CHOICES: Choice[] = CHANNELS.map((c) => ({ value: CHANNEL_LABELS[c], label: CHANNEL_LABELS[c] }));

/** An agency as the select needs it. */
export interface AgencyOption {
  id: number;
  name: string;
  kind: 'government' | 'department';
  parentId: number | null;
}

/**
 * Open agencies grouped under their people's government (the nearest government above, or the agency
 * itself when it is one), the government first in its group; groups in the order of their
 * governments' names; agencies under no government in a group 其他机关.
 */
export function agencyGroups(agencies: readonly AgencyOption[]): ChoiceGroup[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const governmentOf = (a: AgencyOption): AgencyOption | undefined => {
    const seen = new Set<number>();
    for (let at: AgencyOption | undefined = a; at && !seen.has(at.id); at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      seen.add(at.id);
      if (at.kind === 'government') return at;
    }
    return undefined;
  };
  const groups = new Map<number | null, AgencyOption[]>();
  for (const a of agencies) {
    const key = governmentOf(a)?.id ?? null;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const collator = new Intl.Collator('zh-CN');
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : collator.compare(byId.get(a)!.name, byId.get(b)!.name)));
  return ordered.map(([gov, members]) => ({
    label: gov === null ? '其他机关' : byId.get(gov)!.name,
    choices: members
      .sort((x, y) => (x.id === gov ? -1 : y.id === gov ? 1 : collator.compare(x.name, y.name)))
      .map((a) => ({ value: String(a.id), label: a.name })),
  }));
}
