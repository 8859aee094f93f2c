import type { CliCommand } from '../cli-types.ts';

/** The `gongkai` commands of the law room. */
export const lawCommands: readonly CliCommand[] = [];
