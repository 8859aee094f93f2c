/**
 * The supervision room (issue 19) as the composition root (src/app.ts) assembles it: the agency's
 * annual report workspace (drafted from the records, edited, submitted, reviewed, approved,
 * published, corrected), the supervising office's review, status list and dashboard, the supervision
 * records (检查, 培训, 5·15 活动, 咨询/建议) the reports' sections quote, and the commands
 * `gongkai report draft|rollup`. Everything is imported when used.
 */
import type { Room } from '../platform/room.ts';
import { supervisionCommands } from './cli-commands.ts';

/** The supervision room. */
export const supervisionRoom: Room = {
  name: 'supervision',
  nav: [
    { href: '/annual-reports', label: '年度报告编制', needs: 'records.read' },
    { href: '/supervision/records', label: '政务公开工作记录', needs: 'records.read' },
    { href: '/supervision', label: '政务公开监督', needs: 'reports.review' },
  ],
  routes: async (services) => {
    const [{ workspaceRoutes }, { workspaceApiRoutes, workspaceApiPaths }, { supervisionRecordRoutes }, { recordApiPaths }, { dashboardRoutes }] = await Promise.all([
      import('./workspace-routes.tsx'), import('./api-routes.ts'), import('./records-routes.tsx'), import('./records-api.ts'), import('./dashboard-routes.tsx'),
    ]);
    const routes = workspaceApiRoutes(services);
    routes.route('/', workspaceRoutes(services));
    routes.route('/', supervisionRecordRoutes(services));
    routes.route('/', dashboardRoutes(services));
    return { routes, openapi: { ...workspaceApiPaths, ...recordApiPaths } };
  },
  commands: supervisionCommands,
  onStart: async (services, { demoData }) => {
    await (await import('./reminders.ts')).startReportReminders(services);
    if (demoData) await (await import('./demo.ts')).seedDemoSupervision(services);
  },
};
