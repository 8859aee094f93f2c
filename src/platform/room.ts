/**
 * A room (a capability: report, law, and later applications, catalog, portal, supervision) as the
 * composition root (src/app.ts) assembles it. Every part is optional and loaded lazily where it is
 * heavy, so listing the rooms costs nothing: the CLI's `help` imports no room's implementation.
 */
import type { Command } from './cli/types.ts';
import type { NavItem, RouteModule } from './http/types.ts';
import type { Services } from './services.ts';

/** What the server tells the rooms when it starts. */
export interface RoomStartOptions {
  /** Store demo data on an empty database (`gongkai serve` without `--no-seed`). */
  readonly demoData: boolean;
}

/** What a room contributes. */
export interface Room {
  /** Short name, e.g. 'report'. */
  readonly name: string;
  /** Entries of the site's main navigation, in order. */
  readonly nav?: readonly NavItem[];
  /** Its pages and API, mounted at '/'; given the services (database, config, logger, onClose for its workers). */
  readonly routes?: (services: Services) => Promise<RouteModule>;
  /** Its `gongkai` commands. */
  readonly commands?: readonly Command[];
  /** Work when the server starts, after the migrations (e.g. demo data). */
  readonly onStart?: (services: Services, options: RoomStartOptions) => Promise<void>;
}
