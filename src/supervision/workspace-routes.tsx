/**
 * The annual report workspace's pages (issue 19 §1, §3): the list of the viewer's agencies and their
 * report of a year, and each report's workspace with its forms (edit a sentence, enter a number by hand,
 * take a step) and its Word download. Every route declares its access first: reading the agency's
 * records; the service decides who may take which step (经办人, 负责人, the supervising office).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { renderReport } from '../report/index.ts';
import { agenciesWhere, can } from '../platform/accounts/core/roles.ts';
import { listAgencies } from '../platform/accounts/store.ts';
import { todayIn } from '../platform/clock.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { access } from '../platform/http/access.ts';
import { actingOf } from '../platform/http/acting.ts';
import { formErrorsOf, type FieldError } from '../platform/http/form.tsx';
import { renderPage, type PageStatus } from '../platform/http/layout.tsx';
import type { AppEnv } from '../platform/http/types.ts';
import type { Services } from '../platform/services.ts';
import type { IsoDate } from '../law/dates.ts';
import { isTarget } from './core/cell-labels.ts';
import { WorkspaceListPage } from './pages/workspace-list-page.tsx';
import { WorkspacePage } from './pages/workspace-page.tsx';
import { REPORT_STEPS, type ReportStep } from './core/workflow.ts';
import { tableCellPaths } from './core/assemble.ts';
import { editSentence, reportActor, setManualCell, startManual, takeStep, workspaceOf } from './workspace-service.ts';

const NOTICES: Record<string, string> = {
  sentence: '已保存这句。',
  manual: '已改为手工填写本年度数字。',
  cell: '已保存这个数字。',
  submit: '已报送上级审查。',
  return: '已退回修改，意见已转给本机关。',
  accept: '已审查通过，待本机关负责人发布。',
  publish: '已发布：报告已在政府信息公开专栏公开，并列入主动公开目录。',
  correct: '已发起更正：修改后由负责人发布更正。',
};

const CELL_PATHS = new Set(tableCellPaths());

async function formOf(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== '_csrf'));
}

const versionOf = (raw: string | undefined) => (raw !== undefined && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined);

/** The routes. */
export function workspaceRoutes(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const today = () => todayIn() as IsoDate;
  const read = access({ kind: 'permission', permission: 'records.read', agency: { from: 'param', param: 'id' } });
  const list = access({ kind: 'permission', permission: 'records.read', agency: { from: 'any' } });

  const yearOf = (c: Context<AppEnv>) => Number(c.req.param('year'));

  const page = async (c: Context<AppEnv>, errors: FieldError[] = [], values: Record<string, string> = {}, status: PageStatus = 200) => {
    const agencyId = c.get('agencyId')!;
    const ws = await workspaceOf(services.db, agencyId, yearOf(c), today());
    const acting = actingOf(c);
    const actor = reportActor(acting, agencyId);
    const code = c.req.query('notice') ?? '';
    return renderPage(c, `${ws.agency} ${ws.year} 年政府信息公开工作年度报告`, (
      <WorkspacePage ws={ws} may={{ write: actor.mayWrite, head: actor.isHead, review: actor.mayReview }} today={today()} csrfToken={c.get('csrfToken')} errors={errors} values={values} />
    ), { notice: Object.hasOwn(NOTICES, code) ? NOTICES[code] : undefined, status });
  };

  /** Runs a form's change: back to the page with a notice, or the page again with the problems. */
  const onForm = async (c: Context<AppEnv>, fallback: string, work: (values: Record<string, string>) => Promise<string>) => {
    const values = await formOf(c);
    try {
      const notice = await work(values);
      return c.redirect(`/annual-reports/${c.get('agencyId')}/${yearOf(c)}?notice=${notice}`, 303);
    } catch (error) {
      const refused = formErrorsOf(error, fallback);
      if (!refused) throw error;
      return page(c, refused.errors, values, refused.status);
    }
  };

  app.get('/annual-reports', list, async (c) => {
    const scope = c.get('scope')!;
    const agencies = await listAgencies(services.db, scope === 'all' ? {} : { ids: scope });
    const thisYear = Number(today().slice(0, 4));
    const raw = Number(c.req.query('year') ?? thisYear - 1);
    const year = Number.isInteger(raw) && raw >= 2008 && raw <= thisYear ? raw : thisYear - 1;
    const shown = agencies.slice(0, 200);
    const { rows } = await services.db.query<{ agency_id: number; state: string; published_on: string | null }>(
      `SELECT agency_id::int, state, to_char(published_on, 'YYYY-MM-DD') AS published_on FROM annual_reports WHERE year = $1 AND agency_id = ANY($2::bigint[])`,
      [year, shown.map((a) => a.id)]);
    const byAgency = new Map(rows.map((r) => [r.agency_id, r]));
    const grants = c.get('viewer')!.grants;
    return renderPage(c, `${year} 年政府信息公开工作年度报告`, (
      <WorkspaceListPage year={year} thisYear={thisYear} total={agencies.length} reviewer={agenciesWhere(grants, 'reports.review') !== 'all' && (agenciesWhere(grants, 'reports.review') as number[]).length > 0}
        rows={shown.map((a) => ({ agencyId: a.id, agency: a.name, state: byAgency.get(a.id)?.state ?? 'missing', publishedOn: byAgency.get(a.id)?.published_on ?? null, mayWrite: can(grants, 'records.write', a.id) }))} />
    ));
  });

  const base = '/annual-reports/:id{[0-9]+}/:year{[0-9]+}';
  app.get(base, read, (c) => page(c));

  app.get(`${base}/report.docx`, read, async (c) => {
    const ws = await workspaceOf(services.db, c.get('agencyId')!, yearOf(c), today());
    const bytes = await renderReport(ws.report, 'docx');
    const name = `${ws.agency}${ws.year}年政府信息公开工作年度报告${ws.state === 'published' ? '' : '（草稿）'}.docx`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="annual-report-${ws.agencyId}-${ws.year}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    });
  });

  app.post(`${base}/sentences`, read, (c) => onForm(c, 'text', async (v) => {
    await editSentence(services, actingOf(c), c.get('agencyId')!, yearOf(c), today(), {
      sentenceId: v['sentenceId'] ?? '', text: v['text'] ?? '', reset: v['reset'] === '1', version: versionOf(v['version']),
    });
    return 'sentence';
  }));

  app.post(`${base}/manual`, read, (c) => onForm(c, 'version', async (v) => {
    await startManual(services, actingOf(c), c.get('agencyId')!, yearOf(c), today(), versionOf(v['version']));
    return 'manual';
  }));

  app.post(`${base}/cells`, read, (c) => onForm(c, 'value', async (v) => {
    const path = v['cell'] ?? '';
    if (!CELL_PATHS.has(path)) throw new ValidationError('report.bad_cell', '请选择报告表格中的一个单元格。', { fields: [{ field: 'cell', message: '请选择单元格' }] });
    const raw = (v['value'] ?? '').trim();
    const fee = path === 't2.fees.amountWan';
    const ok = raw === '' || (fee ? /^\d{1,9}(\.\d{1,6})?$/.test(raw) : /^\d{1,9}$/.test(raw));
    const reason = (v['reason'] ?? '').trim();
    const problems = [
      ...(ok ? [] : [{ field: 'value', message: fee ? '数字：应为不小于 0 的金额（万元，最多六位小数）' : '数字：应为不小于 0 的整数' }]),
      ...(reason === '' || reason.length > 500 ? [{ field: 'reason', message: '理由：请写明数字的来源（不超过 500 字）' }] : []),
    ];
    if (problems.length > 0) throw new ValidationError('report.bad_manual_cell', problems.map((p) => p.message).join('；'), { fields: problems });
    await setManualCell(services, actingOf(c), c.get('agencyId')!, yearOf(c), today(), { path, value: raw === '' ? null : Number(raw), reason, version: versionOf(v['version']) });
    return 'cell';
  }));

  app.post(`${base}/steps`, read, (c) => onForm(c, 'note', async (v) => {
    const step = v['step'] ?? '';
    if (!(REPORT_STEPS as readonly string[]).includes(step) || step === 'edit') throw new NotFoundError('report.no_step', '没有这个办理步骤。');
    const comments = [1, 2, 3].map((n) => ({ target: v[`target${n}`] ?? 'general', text: (v[`comment${n}`] ?? '').trim() })).filter((x) => x.text !== '');
    const bad = comments.find((x) => !isTarget(x.target) || x.text.length > 2000);
    if (bad) throw new ValidationError('report.bad_comment', '意见：请选择针对的位置，每条意见不超过 2000 字。', { fields: [{ field: 'note', message: '意见：请选择针对的位置，每条不超过 2000 字' }] });
    const note = (v['note'] ?? '').trim();
    if (note.length > 2000) throw new ValidationError('report.note_too_long', '退回意见不能超过 2000 字。', { fields: [{ field: 'note', message: '不能超过 2000 字' }] });
    await takeStep(services, actingOf(c), c.get('agencyId')!, yearOf(c), today(), {
      step: step as ReportStep, version: versionOf(v['version']), note, comments, correction: v['correction'],
    });
    return step;
  }));

  return app;
}
