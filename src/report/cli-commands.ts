import type { CliCommand } from '../cli-types.ts';

/** The `gongkai` commands of the report room. */
export const reportCommands: readonly CliCommand[] = [];
