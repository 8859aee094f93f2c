/**
 * The annual report workspace of an agency's year (issue 19 §1, §3): where it stands and what comes
 * next, what the rules find, the reviewer's comments, the six sections sentence by sentence (each
 * editable while the report can be edited, each generated figure linked to its records), the tables,
 * the published versions and the history. Every step is a plain form: no JavaScript needed.
 */
import { SECTION_KEYS, SECTION_TITLES } from '../../report/index.ts';
import { CsrfField } from '../../platform/http/layout.tsx';
import { ErrorSummary, errorOf, type FieldError } from '../../platform/http/form.tsx';
import { REPORT_STATE_LABELS } from '../core/workflow.ts';
import type { Workspace } from '../workspace-service.ts';
import { cellTargets, sectionTargets, targetLabel } from '../core/cell-labels.ts';
import { WorkspaceTables } from './workspace-tables.tsx';

/** What the viewer may do in the agency. */
export interface WorkspaceMay {
  write: boolean;
  head: boolean;
  review: boolean;
}

export interface WorkspacePageProps {
  ws: Workspace;
  may: WorkspaceMay;
  today: string;
  csrfToken: string | undefined;
  errors: FieldError[];
  /** The form the errors belong to, and what it was given. */
  values: Record<string, string>;
}

const EVENT_LABELS: Record<string, string> = {
  edit: '修改', submit: '报送审查', return: '退回修改', accept: '审查通过', publish: '发布', correct: '发起更正',
};

const stateLabel = (ws: Workspace) => (ws.state === 'missing' ? '尚未开始编制' : REPORT_STATE_LABELS[ws.state]);

function StepForm(props: { base: string; ws: Workspace; csrfToken: string | undefined; step: string; label: string; children?: unknown; secondary?: boolean }) {
  return (
    <form method="post" action={`${props.base}/steps`} class="step-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="step" value={props.step} />
      <input type="hidden" name="version" value={String(props.ws.version)} />
      {props.children}
      <button type="submit" class={props.secondary ? 'secondary' : undefined}>{props.label}</button>
    </form>
  );
}

/** The page. */
export function WorkspacePage(p: WorkspacePageProps) {
  const { ws, may } = p;
  const base = `/annual-reports/${ws.agencyId}/${ws.year}`;
  const editable = ws.state === 'missing' || ws.state === 'draft' || ws.state === 'returned' || ws.state === 'correcting';
  const errors = ws.findings.filter((f) => f.severity === 'error');
  const warnings = ws.findings.filter((f) => f.severity === 'warning');
  const commentMarks = new Map<string, number[]>();
  ws.comments.forEach((c, i) => commentMarks.set(c.target, [...(commentMarks.get(c.target) ?? []), i + 1]));
  const lateNow = ws.publishedOn === null && p.today > ws.dueOn;
  const targets = [...sectionTargets(), ...cellTargets()];
  return (
    <>
      <h1>{ws.agency} {ws.year} 年政府信息公开工作年度报告</h1>
      <ErrorSummary errors={p.errors} />
      <section aria-labelledby="where" class="panel">
        <h2 id="where">办理情况</h2>
        <dl class="facts">
          <dt>状态</dt><dd>{stateLabel(ws)}</dd>
          <dt>法定发布期限</dt><dd>{ws.dueOn}{lateNow ? '（已逾期，尚未发布）' : ''}</dd>
          {ws.submittedOn ? <><dt>报送日期</dt><dd>{ws.submittedOn}</dd></> : null}
          {ws.acceptedOn ? <><dt>审查通过</dt><dd>{ws.acceptedOn}</dd></> : null}
          {ws.publishedOn ? <><dt>发布日期</dt><dd>{ws.publishedOn}{ws.publishedOn > ws.dueOn ? '（晚于法定期限）' : ''}</dd></> : null}
          <dt>数字来源</dt><dd>{ws.basis === 'manual' ? '手工填写（本年度平台中没有办理记录），每个数字注明理由' : '由本机关的办理记录自动统计；如数字不对，请更正对应的记录'}</dd>
        </dl>
        <p><a href={`${base}/report.docx`}>下载报告（Word）</a></p>
        {may.write && (ws.state === 'draft' || ws.state === 'missing' || ws.state === 'returned') && ws.supervised ? (
          <StepForm base={base} ws={ws} csrfToken={p.csrfToken} step="submit" label="报送上级审查" />
        ) : null}
        {may.head && (ws.state === 'accepted' || (!ws.supervised && (ws.state === 'draft' || ws.state === 'missing' || ws.state === 'returned'))) ? (
          <StepForm base={base} ws={ws} csrfToken={p.csrfToken} step="publish" label="负责人审批并发布" />
        ) : null}
        {may.head && ws.state === 'published' ? <StepForm base={base} ws={ws} csrfToken={p.csrfToken} step="correct" label="发起更正" secondary /> : null}
        {may.head && ws.state === 'correcting' ? (
          <StepForm base={base} ws={ws} csrfToken={p.csrfToken} step="publish" label="发布更正">
            <div class={`field${errorOf(p.errors, 'correction') ? ' has-error' : ''}`}>
              <label for="correction">更正说明（公开显示：改了什么、为什么改）</label>
              {errorOf(p.errors, 'correction') ? <p class="error-message" id="correction-error">{errorOf(p.errors, 'correction')}</p> : null}
              <textarea id="correction" name="correction" rows={3} maxlength={2000}>{p.values['correction'] ?? ''}</textarea>
            </div>
          </StepForm>
        ) : null}
        {may.write && editable && ws.basis === 'records' && !ws.hasRecords ? (
          <form method="post" action={`${base}/manual`} class="step-form">
            <CsrfField token={p.csrfToken} />
            <input type="hidden" name="version" value={String(ws.version)} />
            <p>{ws.year} 年平台中没有本机关的办理记录（例如使用本平台之前的年度）：可以手工填写报告的数字，每个数字须注明理由。</p>
            <button type="submit" class="secondary">手工填写本年度数字</button>
          </form>
        ) : null}
      </section>

      {may.review && ws.state === 'submitted' ? (
        <section aria-labelledby="review" class="panel">
          <h2 id="review">审查</h2>
          <StepForm base={base} ws={ws} csrfToken={p.csrfToken} step="accept" label="审查通过" />
          <StepForm base={base} ws={ws} csrfToken={p.csrfToken} step="return" label="退回修改" secondary>
            <div class={`field${errorOf(p.errors, 'note') ? ' has-error' : ''}`}>
              <label for="note">退回意见</label>
              {errorOf(p.errors, 'note') ? <p class="error-message" id="note-error">{errorOf(p.errors, 'note')}</p> : null}
              <textarea id="note" name="note" rows={2} maxlength={2000}>{p.values['note'] ?? ''}</textarea>
            </div>
            {[1, 2, 3].map((n) => (
              <fieldset class="comment-row">
                <legend>具体意见 {n}（可选）</legend>
                <label for={`target${n}`}>针对</label>
                <select id={`target${n}`} name={`target${n}`}>
                  {targets.map((t) => <option value={t.value} selected={(p.values[`target${n}`] ?? 'general') === t.value}>{t.label}</option>)}
                </select>
                <label for={`comment${n}`}>意见</label>
                <textarea id={`comment${n}`} name={`comment${n}`} rows={2} maxlength={2000}>{p.values[`comment${n}`] ?? ''}</textarea>
              </fieldset>
            ))}
          </StepForm>
        </section>
      ) : null}

      <section aria-labelledby="findings" class="panel">
        <h2 id="findings">检查结果</h2>
        {ws.findings.length === 0 ? <p>按年度报告格式规则检查，没有发现问题。</p> : (
          <>
            <p>发现 {errors.length} 处错误{errors.length > 0 ? '（改正后才能报送和发布）' : ''}、{warnings.length} 处提醒。</p>
            <ul>{[...errors, ...warnings].map((f) => <li><strong>{f.severity === 'error' ? '错误' : '提醒'}</strong>：{f.message}</li>)}</ul>
          </>
        )}
      </section>

      {ws.rollupFindings.length > 0 ? (
        <section aria-labelledby="rollup" class="panel">
          <h2 id="rollup">与所属机关报告的核对</h2>
          <p>以下数字与“本级办理记录 + 所属机关已发布报告（未发布的按其办理记录）”之和不一致：</p>
          <ul>{ws.rollupFindings.map((f) => <li><strong>提醒</strong>：{f.message}</li>)}</ul>
        </section>
      ) : null}

      {ws.comments.length > 0 ? (
        <section aria-labelledby="comments" class="panel">
          <h2 id="comments">上级审查意见</h2>
          <ol>{ws.comments.map((c, i) => (
            <li id={`comment-${i + 1}`}>※{i + 1}　第 {c.round} 次报送　{targetLabel(c.target)}：{c.text}（{c.authorLabel}）</li>
          ))}</ol>
        </section>
      ) : null}

      {SECTION_KEYS.map((key) => (
        <section aria-labelledby={`section-${key}`}>
          <h2 id={`section-${key}`}>{SECTION_TITLES[key]}</h2>
          {commentMarks.get(`section.${key}`)?.map((n) => <p><a href={`#comment-${n}`}>※{n} 本部分有审查意见</a></p>)}
          {editable ? (ws.sentences[key] ?? []).map((s, index) => (
            <form method="post" action={`${base}/sentences#s-${s.id}`} class="sentence" id={`s-${s.id}`}>
              <CsrfField token={p.csrfToken} />
              <input type="hidden" name="sentenceId" value={s.id} />
              <input type="hidden" name="version" value={String(ws.version)} />
              <label for={`text-${s.id}`} class="visually-hidden">{SECTION_TITLES[key]}：第 {index + 1} 句</label>
              {may.write
                ? <textarea id={`text-${s.id}`} name="text" rows={3} maxlength={2000}>{p.values['sentenceId'] === s.id ? p.values['text'] ?? s.text : s.text}</textarea>
                : <p>{s.text}</p>}
              {s.edited ? <p class="hint">已修改。{s.stale ? `办理记录已变化，生成的文字现为：“${s.drafted}”——请核对。` : ''}</p> : null}
              {s.facts.length > 0 ? (
                <p class="hint">依据：{s.facts.map((f, i) => <>{i > 0 ? '；' : ''}{f.label} {f.value}（<a href={f.href}>查看记录</a>）</>)}</p>
              ) : null}
              {may.write ? <p class="actions"><button type="submit">保存这句</button>{s.edited ? <button type="submit" name="reset" value="1" class="secondary">恢复生成的文字</button> : null}</p> : null}
            </form>
          )) : (ws.report.sections?.find((s) => s.key === key)?.text ?? '').split('\n').map((t) => <p>{t}</p>)}
          {key === 'proactive' ? <WorkspaceTables agencyId={ws.agencyId} year={ws.year} report={ws.report} commentMarks={commentMarks} manual={ws.manualCells} linked={ws.basis === 'records'} /> : null}
        </section>
      ))}

      {ws.basis === 'manual' ? (
        <section aria-labelledby="manual" class="panel">
          <h2 id="manual">手工填写的数字</h2>
          {Object.keys(ws.manualCells).length === 0 ? <p>尚未填写。</p> : (
            <ul>{Object.entries(ws.manualCells).map(([path, m]) => <li>{targetLabel(path)}：{m.value ?? '空'}（理由：{m.reason}；{m.by}，{m.at}）</li>)}</ul>
          )}
          {may.write && editable ? (
            <form method="post" action={`${base}/cells`}>
              <CsrfField token={p.csrfToken} />
              <input type="hidden" name="version" value={String(ws.version)} />
              <div class="field"><label for="cell">单元格</label>
                <select id="cell" name="cell">{cellTargets().map((t) => <option value={t.value} selected={p.values['cell'] === t.value}>{t.label}</option>)}</select></div>
              <div class={`field${errorOf(p.errors, 'value') ? ' has-error' : ''}`}><label for="value">数字（留空表示空白）</label>
                {errorOf(p.errors, 'value') ? <p class="error-message" id="value-error">{errorOf(p.errors, 'value')}</p> : null}
                <input id="value" name="value" inputmode="decimal" value={p.values['value'] ?? ''} /></div>
              <div class={`field${errorOf(p.errors, 'reason') ? ' has-error' : ''}`}><label for="reason">理由（如：依据 2019 年台账）</label>
                {errorOf(p.errors, 'reason') ? <p class="error-message" id="reason-error">{errorOf(p.errors, 'reason')}</p> : null}
                <input id="reason" name="reason" maxlength={500} value={p.values['reason'] ?? ''} /></div>
              <button type="submit">保存这个数字</button>
            </form>
          ) : null}
        </section>
      ) : null}

      {ws.versions.length > 0 ? (
        <section aria-labelledby="versions" class="panel">
          <h2 id="versions">已发布的版本</h2>
          <ol>{ws.versions.map((v) => <li>{v.publishedOn} 发布{v.correction ? `（更正：${v.correction}）` : '（首次发布）'}，{v.publishedBy}</li>)}</ol>
        </section>
      ) : null}

      {ws.events.length > 0 ? (
        <section aria-labelledby="history" class="panel">
          <h2 id="history">办理记录</h2>
          <ol>{ws.events.map((e) => <li>{e.at.toISOString().slice(0, 10)} {e.actorLabel} {EVENT_LABELS[e.type] ?? e.type}{e.note ? `：${e.note}` : ''}</li>)}</ol>
        </section>
      ) : null}
    </>
  );
}
