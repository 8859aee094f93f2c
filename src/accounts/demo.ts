/** Placeholder, replaced by the demo accounts' seed. */
import type { Services } from '../platform/services.ts';

export async function seedDemoAccounts(_services: Services): Promise<void> {}
