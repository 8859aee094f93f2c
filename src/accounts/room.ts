/**
 * The accounts room: sign-in and the person's own account, the administration of agencies and
 * people, the audit trail, and the operator commands (`gongkai agency|user|token|audit …`). The
 * machinery (roles, sessions, access declarations, the audit chain) is in src/platform/accounts and
 * src/platform/http: every room uses it; this room is where people manage it.
 */
import type { Room } from '../platform/room.ts';
import { accountsCommands } from './cli-commands.ts';

/** The accounts room. */
export const accountsRoom: Room = {
  name: 'accounts',
  nav: [
    { href: '/admin/agencies', label: '机关和人员', needs: 'agency.staff' },
    { href: '/audit', label: '审计日志', needs: 'audit.read' },
  ],
  routes: async (services) => (await import('./routes.ts')).accountsRouteModule(services),
  commands: accountsCommands,
  onStart: async (services, { demoData }) => {
    if (demoData) await (await import('./demo.ts')).seedDemoAccounts(services);
    (await import('./housekeeping.ts')).startAccountHousekeeping(services);
  },
};
