/**
 * 政务公开工作记录 (/supervision/records?agency=&year=&kind=): an agency's 培训, 检查 (with each problem
 * found, its 整改期限 and 整改情况 — overdue ones said in words, not by colour alone), “5·15 政务公开日”
 * events and 咨询/建议 of one year, grouped by kind, each group headed by the counts the annual report
 * quotes (the drafted report links every such figure here). Filters are a GET form.
 */
import type { IsoDate } from '../../law/dates.ts';
import { SelectField, type Choice, type FormState } from '../../platform/http/form.tsx';
import type { RecordFacts } from '../core/facts.ts';
import {
  CHANNEL_LABELS, CONSULTATION_KIND_LABELS, dateText, findingProgress, progressWords, RECORD_KIND_LABELS, RECORD_KINDS, recordsHref,
  type FindingProgress, type Inspection, type RecordKind, type YearRecords,
} from '../core/records.ts';

/** Where each kind's pages are (new: under the agency; edit: the record's). */
export const KIND_SEGMENTS: Record<RecordKind, string> = { training: 'trainings', inspection: 'inspections', publicDay: 'public-days', consultation: 'consultations' };

/** Props of the page. */
export interface RecordsListProps {
  agencyId: number;
  agencyName: string;
  year: number;
  /** The kind asked (all when undefined). */
  kind: RecordKind | undefined;
  records: YearRecords;
  facts: RecordFacts;
  today: IsoDate;
  agencyChoices: readonly Choice[];
  years: readonly number[];
  /** What the viewer may record here, per kind. */
  mayAdd: Record<RecordKind, boolean>;
}

/** The heading's counts of each kind, as the report words them. */
export function countsText(kind: RecordKind, facts: RecordFacts): string {
  switch (kind) {
    case 'training':
      return `${facts.trainings.count} 次，共 ${facts.trainings.attendees} 人次`;
    case 'inspection':
      return `${facts.inspections.count} 次，发现问题 ${facts.inspections.findings} 个，已整改 ${facts.inspections.rectified} 个，整改中 ${facts.inspections.open} 个`;
    case 'publicDay':
      return `${facts.publicDayEvents.count} 次`;
    case 'consultation':
      return `${facts.consultations.count} 件，已答复 ${facts.consultations.replied} 件，其中 12345 热线转办 ${facts.consultations.hotline} 件`;
  }
}

const editHref = (kind: RecordKind, id: number) => `/supervision/${KIND_SEGMENTS[kind]}/${id}/edit`;
const newHref = (kind: RecordKind, agencyId: number) => `/supervision/agencies/${agencyId}/${KIND_SEGMENTS[kind]}/new`;
const ADD_LABELS: Record<RecordKind, string> = { training: '记录一次培训', inspection: '记录一次检查', publicDay: '记录一次政务公开日活动', consultation: '登记一件咨询或建议' };
const EMPTY: Record<RecordKind, string> = { training: '本年度没有培训记录。', inspection: '本年度没有检查记录。', publicDay: '本年度没有政务公开日活动记录。', consultation: '本年度没有咨询和建议记录。' };

function Trainings(props: RecordsListProps) {
  return (
    <div class="table-wrap">
      <table class="stack-on-phone">
        <thead><tr><th scope="col">培训名称</th><th scope="col">日期</th><th scope="col" class="num">参加人次</th><th scope="col">备注</th>{props.mayAdd.training ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>
          {props.records.trainings.map((t) => (
            <tr>
              <td class="agency">{t.title}</td>
              <td data-label="日期">{dateText(t.heldOn)}</td>
              <td data-label="参加人次" class="num">{t.attendees}</td>
              <td data-label="备注" class="preserve-lines">{t.note ?? '—'}</td>
              {props.mayAdd.training ? <td><a href={editHref('training', t.id)}>修改<span class="visually-hidden">：{t.title}</span></a></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const TAG_CLASS: Record<FindingProgress['kind'], string> = { overdue: 'tag tag-error', open: 'tag tag-warning', rectified: 'tag tag-ok' };

/** A finding's state as a tag in words (never colour alone) and its detail. */
export function Progress(props: { progress: FindingProgress }) {
  const words = progressWords(props.progress);
  return <><strong class={TAG_CLASS[props.progress.kind]}>{words.label}</strong> {words.detail}</>;
}

function InspectionEntry(props: { inspection: Inspection; today: IsoDate }) {
  const i = props.inspection;
  const headingId = `inspection-${i.id}`;
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}><a href={`/supervision/inspections/${i.id}`}>{dateText(i.inspectedOn)}　{i.inspector}：{i.subject}</a></h3>
      {i.summary ? <p class="preserve-lines">{i.summary}</p> : null}
      {i.findings.length === 0 ? <p>未发现问题。</p> : (
        <div class="table-wrap">
          <table class="stack-on-phone">
            <caption class="visually-hidden">{i.subject}发现的问题</caption>
            <thead><tr><th scope="col">发现的问题</th><th scope="col">整改期限</th><th scope="col">整改情况</th></tr></thead>
            <tbody>
              {i.findings.map((f) => {
                const progress = findingProgress(f, props.today);
                return (
                  <tr>
                    <td class="preserve-lines">{f.problem}</td>
                    <td data-label="整改期限">{dateText(f.deadline)}</td>
                    <td data-label="整改情况">
                      <Progress progress={progress} />
                      {f.rectification ? <span class="preserve-lines">：{f.rectification}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function PublicDays(props: RecordsListProps) {
  return (
    <div class="table-wrap">
      <table class="stack-on-phone">
        <thead><tr><th scope="col">活动名称</th><th scope="col">日期</th><th scope="col">活动内容</th>{props.mayAdd.publicDay ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>
          {props.records.publicDays.map((e) => (
            <tr>
              <td class="agency">{e.title}</td>
              <td data-label="日期">{dateText(e.heldOn)}</td>
              <td data-label="活动内容" class="preserve-lines">{e.description ?? '—'}</td>
              {props.mayAdd.publicDay ? <td><a href={editHref('publicDay', e.id)}>修改<span class="visually-hidden">：{e.title}</span></a></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Consultations(props: RecordsListProps) {
  return (
    <div class="table-wrap">
      <table class="stack-on-phone">
        <thead><tr><th scope="col">内容摘要</th><th scope="col">收到日期</th><th scope="col">渠道</th><th scope="col">类别</th><th scope="col">答复</th>{props.mayAdd.consultation ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>
          {props.records.consultations.map((c) => (
            <tr>
              <td class="agency preserve-lines">{c.subject}</td>
              <td data-label="收到日期">{dateText(c.receivedOn)}</td>
              <td data-label="渠道">{CHANNEL_LABELS[c.channel]}</td>
              <td data-label="类别">{CONSULTATION_KIND_LABELS[c.kind]}</td>
              <td data-label="答复" class="preserve-lines">{c.reply === null ? <strong>尚未答复</strong> : `${dateText(c.repliedOn)}答复：${c.reply}`}</td>
              {props.mayAdd.consultation ? <td><a href={editHref('consultation', c.id)}>修改<span class="visually-hidden">：{c.subject.slice(0, 20)}</span></a></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const COUNT_OF: Record<RecordKind, (f: RecordFacts) => number> = {
  training: (f) => f.trainings.count, inspection: (f) => f.inspections.count, publicDay: (f) => f.publicDayEvents.count, consultation: (f) => f.consultations.count,
};

/** The page. */
export function RecordsListPage(props: RecordsListProps) {
  const kinds = props.kind ? [props.kind] : RECORD_KINDS;
  const filters: FormState = { values: { agency: String(props.agencyId), year: String(props.year), kind: props.kind ?? '' }, errors: [] };
  return (
    <>
      <h1>{props.agencyName} {props.year} 年政务公开工作记录</h1>
      <p class="lead">年度报告第一部分“总体情况”和第六部分“其他需要报告的事项”引用这里的记录：数字有误，请修改或补充记录。</p>
      <form method="get" action="/supervision/records" class="filters" role="search" aria-label="选择机关、年度和记录类别">
        {props.agencyChoices.length > 1 ? <SelectField name="agency" label="机关" form={filters} choices={props.agencyChoices} /> : <input type="hidden" name="agency" value={String(props.agencyId)} />}
        <SelectField name="year" label="年度" form={filters} choices={props.years.map((y) => ({ value: String(y), label: `${y} 年` }))} />
        <SelectField name="kind" label="记录类别" form={filters} blank="全部" choices={RECORD_KINDS.map((k) => ({ value: k, label: RECORD_KIND_LABELS[k] }))} />
        <div class="form-group"><button type="submit" class="button">查看</button></div>
      </form>
      {props.kind ? <p><a href={recordsHref(props.agencyId, props.year)}>查看全部类别的记录</a></p> : null}
      {kinds.map((kind) => (
        <section aria-labelledby={`records-${kind}`}>
          <h2 id={`records-${kind}`}>{RECORD_KIND_LABELS[kind]}（{countsText(kind, props.facts)}）</h2>
          {props.mayAdd[kind] ? <p><a class="button button-secondary" href={newHref(kind, props.agencyId)}>{ADD_LABELS[kind]}</a></p> : null}
          {COUNT_OF[kind](props.facts) === 0 ? <p>{EMPTY[kind]}</p>
            : kind === 'training' ? <Trainings {...props} />
            : kind === 'inspection' ? props.records.inspections.map((i) => <InspectionEntry inspection={i} today={props.today} />)
            : kind === 'publicDay' ? <PublicDays {...props} />
            : <Consultations {...props} />}
        </section>
      ))}
    </>
  );
}
