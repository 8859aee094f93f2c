/** The law room as the composition root (src/app.ts) assembles it: its commands (no pages yet). */
import type { Room } from '../../platform/room.ts';
import { lawCommands } from './commands.ts';

/** The 条例 as code. */
export const lawRoom: Room = {
  name: 'law',
  commands: lawCommands,
};
