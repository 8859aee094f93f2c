/**
 * The report room as the composition root (src/app.ts) assembles it: the checker's pages and API,
 * its commands, the hourly purge of expired anonymous checks, and the demo report stored for the
 * demo agency (created by the accounts room, which starts first). Routes and the seed are imported
 * when used, so listing the room loads none of the readers.
 */
import type { Room } from '../platform/room.ts';
import { reportCommands } from './cli-commands.ts';

/** The annual report room. */
export const reportRoom: Room = {
  name: 'report',
  nav: [
    { href: '/', label: '检查报告' },
    { href: '/reports', label: '已检查的报告', needs: 'records.read' },
  ],
  routes: async (services) => (await import('./routes.tsx')).reportRouteModule(services),
  commands: reportCommands,
  onStart: async (services, { demoData }) => {
    await (await import('./expiry.ts')).startExpiryPurge(services);
    // Bulk checks (evaluate/) are queued and read by this worker.
    (await import('./evaluate/batch-jobs.ts')).startReportJobs(services);
    if (demoData) await (await import('./service.ts')).seedDemoReport(services.db, services.logger);
  },
};
