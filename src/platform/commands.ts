/** The platform's own `gongkai` command: `migrate` (declared here, run by migrate-command.ts). */
import { defineCommand, type Command } from './cli/types.ts';

const migrateCommand = defineCommand({
  path: ['migrate'],
  summary: '应用数据库迁移（启动时也会自动应用）',
  usage: 'gongkai migrate',
  options: {},
  load: async () => (await import('./migrate-command.ts')).runMigrate,
});

/** The platform's commands. */
export const platformCommands: readonly Command[] = [migrateCommand];
