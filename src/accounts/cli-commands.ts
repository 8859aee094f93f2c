/** Placeholder, replaced by the operator commands. */
import type { Command } from '../platform/cli/types.ts';

export const accountsCommands: readonly Command[] = [];
