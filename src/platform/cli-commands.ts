import type { CliCommand } from '../cli-types.ts';

/** The `gongkai` commands of the platform room. */
export const platformCommands: readonly CliCommand[] = [];
