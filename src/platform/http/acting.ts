/**
 * Who acts in a request, as the use-cases take it (they check the grants and write the audit log): the
 * signed-in person (through their API token when they used one) with their grants, or an anonymous
 * visitor. Routes that need a person declare it with access(); here a missing viewer is a visitor.
 */
import type { Context } from 'hono';
import type { Acting } from '../accounts/service.ts';
import type { Actor } from '../audit/audit-log.ts';
import type { AppEnv } from './types.ts';

export function actingOf(c: Context<AppEnv>): Acting {
  const viewer = c.get('viewer');
  const actor: Actor = viewer ? { kind: 'person', personId: viewer.personId, username: viewer.username, tokenId: viewer.tokenId } : { kind: 'anonymous' };
  return { actor, grants: viewer?.grants ?? [], ip: c.get('clientIp') };
}
