/**
 * The annual report's way from draft to publication (issue 19 §1, §3). Pure: the report's state, the
 * step and who takes it are parameters; the answer is the next state or a refusal to show.
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted ──publish (负责人)──▶ published
 *     ▲                   │                                                  │
 *     └──── returned ◀──return (监督员)                          correct ◀────┘ (负责人: 更正)
 *                                                                  │
 *                         published ◀──publish the correction──── correcting
 *
 * An agency with no supervising government above it (a government at the top of the tree) publishes
 * from its draft: nobody above reviews it (docs/DECISIONS.md). Once published the tables are frozen in
 * the published version; a correction is a new public version beside the first.
 */

export const REPORT_STATES = ['draft', 'submitted', 'returned', 'accepted', 'published', 'correcting'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  draft: '起草中',
  submitted: '已报送，待审查',
  returned: '已退回修改',
  accepted: '审查通过，待发布',
  published: '已发布',
  correcting: '更正中',
};

export const REPORT_STEPS = ['edit', 'submit', 'return', 'accept', 'publish', 'correct'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

/** Who takes a step, as the workflow sees them in the report's agency. */
export interface ReportActor {
  /** 'records.write' on the agency: 经办人 or 负责人 (or the command line). */
  mayWrite: boolean;
  /** 负责人 of the agency (approves and publishes). */
  isHead: boolean;
  /** 'reports.review' on the agency: the supervising office (监督员). */
  mayReview: boolean;
}

/** Facts of the report a step depends on. */
export interface ReportFactsForStep {
  state: ReportState;
  /** Errors the rules find in the report as it stands. */
  errors: number;
  /** Does a supervising government stand above the agency (then the report is reviewed before publication)? */
  supervised: boolean;
}

export interface StepRefusal {
  status: 403 | 409 | 422;
  code: string;
  message: string;
}

const refuse = (status: StepRefusal['status'], code: string, message: string): { refusal: StepRefusal } => ({ refusal: { status, code, message } });

const EDITABLE: readonly ReportState[] = ['draft', 'returned', 'correcting'];

/** The state after `step`, or why it may not be taken. */
export function nextState(facts: ReportFactsForStep, step: ReportStep, actor: ReportActor): { state: ReportState } | { refusal: StepRefusal } {
  const { state } = facts;
  switch (step) {
    case 'edit':
      if (!actor.mayWrite) return refuse(403, 'report.needs_writer', '修改年度报告须由本机关的经办人或负责人办理。');
      if (!EDITABLE.includes(state)) return refuse(409, 'report.not_editable', `报告${REPORT_STATE_LABELS[state]}，不能修改${state === 'published' ? '；如需更正，请由负责人发起更正' : state === 'submitted' ? '；如需修改，请等待审查结果' : ''}。`);
      return { state: state === 'returned' ? 'draft' : state };
    case 'submit':
      if (!actor.mayWrite) return refuse(403, 'report.needs_writer', '报送年度报告须由本机关的经办人或负责人办理。');
      if (!facts.supervised) return refuse(409, 'report.unsupervised', '本机关没有上级人民政府审查年度报告，由负责人直接审批发布。');
      if (state !== 'draft' && state !== 'returned') return refuse(409, 'report.not_submittable', `报告${REPORT_STATE_LABELS[state]}，不能报送。`);
      if (facts.errors > 0) return refuse(422, 'report.has_errors', `报告还有 ${facts.errors} 处错误，改正后才能报送。`);
      return { state: 'submitted' };
    case 'return':
    case 'accept':
      if (!actor.mayReview) return refuse(403, 'report.needs_reviewer', '审查年度报告须由上级人民政府的监督员办理。');
      if (state !== 'submitted') return refuse(409, 'report.not_submitted', `报告${REPORT_STATE_LABELS[state]}，没有待审查的报送。`);
      return { state: step === 'return' ? 'returned' : 'accepted' };
    case 'publish':
      if (!actor.isHead) return refuse(403, 'report.needs_head', '年度报告须由本机关负责人审批发布。');
      if (facts.errors > 0) return refuse(422, 'report.has_errors', `报告还有 ${facts.errors} 处错误，改正后才能发布。`);
      if (state === 'correcting') return { state: 'published' };
      if (state === 'accepted' || (!facts.supervised && (state === 'draft' || state === 'returned'))) return { state: 'published' };
      return refuse(409, 'report.not_accepted', facts.supervised ? `报告${REPORT_STATE_LABELS[state]}：须经上级人民政府审查通过后才能发布。` : `报告${REPORT_STATE_LABELS[state]}，不能发布。`);
    case 'correct':
      if (!actor.isHead) return refuse(403, 'report.needs_head', '更正已发布的年度报告须由本机关负责人发起。');
      if (state !== 'published') return refuse(409, 'report.not_published', '只有已发布的报告可以更正。');
      return { state: 'correcting' };
  }
}

/** May the report's sentences and (manual years) numbers be changed in this state? */
export const isEditable = (state: ReportState): boolean => EDITABLE.includes(state);
