/** What operator commands share: the database for the length of the work, and acting as the operator. */
import type { Acting } from '../accounts/service.ts';
import type { Services } from '../services.ts';
import type { CliContext } from './types.ts';

/** Opens the database (the running site's, when it runs), does the work, closes it. */
export async function withServices<T>(context: CliContext, work: (services: Services) => Promise<T>): Promise<T> {
  const services = await context.openServices();
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

/** The command line acting with every right, recorded as `cli:<actor>`. */
export const operatorActing = (context: CliContext): Acting => ({ actor: { kind: 'cli', user: context.actor() }, grants: null });
